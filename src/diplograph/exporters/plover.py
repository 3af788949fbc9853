"""PLOVER-style event records from a diplograph ``Result``.

PLOVER (Political Language Ontology for Verifiable Event Records, Open Event Data Alliance)
describes an event by its type, mode and context, the actor and recipient, and the source
text. Each diplograph event whose CAMEO code maps to a PLOVER type (``data/plover.tsv``)
becomes one flat record; events PLOVER does not cover (public statements) are omitted.
Field names follow PLOVER's JSON naming as far as diplograph knows it (``docs/plover.md``).
"""

from __future__ import annotations

from typing import Any

from ..coding.ontology import plover_for
from ..records import ActorRef, Event, Result

__all__ = ["plover_event", "plover_events"]


def plover_events(result: Result) -> list[dict[str, Any]]:
    """One PLOVER-style record per event of ``result`` that has a PLOVER type, in order."""
    records = []
    for event in result.events:
        record = plover_event(event, result)
        if record is not None:
            records.append(record)
    return records


def plover_event(event: Event, result: Result) -> dict[str, Any] | None:
    """The PLOVER-style record of one event, or None when PLOVER does not cover its code.

    The event's own ``plover`` field wins when the coder has set it; otherwise the type and
    mode are looked up from the CAMEO code (longest prefix).
    """
    plover = event.plover if event.plover and event.plover.get("type") else plover_for(event.code)
    if plover is None:
        return None
    article = result.article
    location = event.location
    return {
        "id": event.id,
        "event_date": event.date,
        "event_type": plover["type"],
        "mode": plover.get("mode") or None,
        "context": [] if event.modality == "asserted" else [event.modality],
        **_actor("actor", event.source),
        **_actor("recipient", event.target),
        "source_text": event.evidence.text,
        "story_id": article.id,
        "publication_date": article.date,
        "location": location.to_dict() if location is not None else None,
        "cameo_code": event.code,
        "confidence": event.confidence,
        "rule": event.evidence.rule,
    }


def _actor(prefix: str, actor: ActorRef | None) -> dict[str, Any]:
    """The flat actor (or recipient) fields: name, ISO3 country, sector and CAMEO actor code."""
    if actor is None:
        return {prefix: None, f"{prefix}_country": None, f"{prefix}_sector": None, f"{prefix}_code": None}
    return {
        prefix: actor.name,
        f"{prefix}_country": actor.country,
        f"{prefix}_sector": actor.sector,
        f"{prefix}_code": actor.code or None,
    }
