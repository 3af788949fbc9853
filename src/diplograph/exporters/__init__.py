"""Exporters: diplograph results in the shape of other event-data standards.

``plover.plover_events(result)`` gives PLOVER-style event records; see ``docs/plover.md``.
"""
