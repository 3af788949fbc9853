"""Comparing extracted events with hand-written expectations (gold cases).

A case is ``{"id", "text", "date", "events": [...], "optional": [...], "forbidden": [...]}``;
each expected
event has ``source`` and ``target`` keys (ISO3 country or ``IGO:<acronym>``; target may be
null), a two-digit ``root`` and optionally ``code``, ``modality`` and ``date``. Matching is
at (source key, target key, root), the usual lenient level for event coders; the finer
attributes are then checked on the matched events.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .records import ActorRef, Event, Result

#: Last three letters of CAMEO IGO codes -> the short key used in gold files.
IGO_KEYS = {"UNO": "UN", "EEC": "EU", "NAT": "NATO", "OAS": "OAS", "LIM": "LIMA", "AFU": "AU", "ASN": "ASEAN"}


def actor_key(ref: ActorRef | None) -> str | None:
    """ISO3 country of a state actor, ``IGO:<acronym>`` of an international body."""
    if ref is None:
        return None
    if ref.kind == "igo" or ref.code.startswith("IGO"):
        code = ref.code.upper()
        for suffix, key in IGO_KEYS.items():
            if code.startswith("IGO") and code.endswith(suffix):
                return f"IGO:{key}"
        return "IGO:" + _igo_acronyms().get(code, code.removeprefix("IGO"))
    return ref.country


@lru_cache(maxsize=1)
def _igo_acronyms() -> dict[str, str]:
    """IGO code -> its usual acronym ("IGOWAFWAS" -> "ECOWAS"), from the bundled igos.tsv."""
    from .knowledge import load_knowledge

    acronyms: dict[str, str] = {}
    for igo in load_knowledge().igos.values():
        short = next((a for a in (igo.name, *igo.aliases) if re.fullmatch(r"[A-Z]{2,8}\+?", a)), None)
        if short and igo.code not in acronyms:
            acronyms[igo.code] = short
    return acronyms


def _fits(pattern: Any, value: str | None) -> bool:
    if pattern == "*":
        return True
    return pattern == value


def event_matches(expected: dict[str, Any], event: Event) -> bool:
    root = expected.get("root", "*")
    return (
        _fits(expected.get("source", "*"), actor_key(event.source))
        and _fits(expected.get("target", "*"), actor_key(event.target))
        and (root == "*" or event.root == root)
    )


@dataclass
class CaseReport:
    case_id: str
    missing: list[dict[str, Any]] = field(default_factory=list)
    unexpected: list[Event] = field(default_factory=list)
    forbidden: list[Event] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)  # code, modality or date mismatches

    @property
    def ok(self) -> bool:
        return not (self.missing or self.unexpected or self.forbidden or self.wrong)

    def describe(self) -> str:
        lines = [f"case {self.case_id}:"]
        for item in self.missing:
            lines.append(f"  missed     {item}")
        for event in self.unexpected:
            lines.append(f"  unexpected {describe_event(event)}")
        for event in self.forbidden:
            lines.append(f"  forbidden  {describe_event(event)}")
        lines.extend(f"  wrong      {w}" for w in self.wrong)
        return "\n".join(lines)


def describe_event(event: Event) -> str:
    target = actor_key(event.target)
    return (
        f"{actor_key(event.source)} -{event.code}-> {target} [{event.modality}, {event.date}] "
        f"trigger={event.evidence.trigger!r} rule={event.evidence.rule}"
    )


def check_case(case: dict[str, Any], result: Result) -> CaseReport:
    report = CaseReport(case.get("id", "?"))
    events = result.events
    matched: set[int] = set()
    for expected in case.get("events", []):
        hits = [k for k, e in enumerate(events) if event_matches(expected, e)]
        if not hits:
            report.missing.append(expected)
            continue
        matched.update(hits)
        found = [events[k] for k in hits]
        if "code" in expected and not any(e.code.startswith(expected["code"]) for e in found):
            report.wrong.append(f"{expected}: code {[e.code for e in found]}")
        if "modality" in expected and not any(e.modality == expected["modality"] for e in found):
            report.wrong.append(f"{expected}: modality {[e.modality for e in found]}")
        if "date" in expected and not any((e.date or "") == expected["date"] for e in found):
            report.wrong.append(f"{expected}: date {[e.date for e in found]}")
    for forbidden in case.get("forbidden", []):
        report.forbidden.extend(e for e in events if event_matches(forbidden, e))
    bad = {id(e) for e in report.forbidden}
    # "optional" events are right but not required: neither rewarded nor counted as errors.
    for allowed in case.get("optional", []):
        matched.update(k for k, e in enumerate(events) if event_matches(allowed, e))
    report.unexpected = [e for k, e in enumerate(events) if k not in matched and id(e) not in bad]
    return report
