"""The CAMEO event ontology: codes, labels, Goldstein weights and QuadClass, from data."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..errors import KnowledgeError, Messages
from ..knowledge import data_path, read_tsv


@dataclass(frozen=True)
class EventType:
    code: str
    label: str
    goldstein: float
    quad_class: int

    @property
    def root(self) -> str:
        return self.code[:2]


@lru_cache(maxsize=1)
def load_ontology() -> dict[str, EventType]:
    """Every CAMEO code (two, three and four digits) by code."""
    path = data_path("cameo.tsv")
    return {
        row["code"]: EventType(row["code"], row["label"], float(row["goldstein"]), int(row["quad_class"]))
        for _, row in read_tsv(path, ("code", "label", "goldstein", "quad_class"))
    }


@lru_cache(maxsize=1)
def load_intent_codes() -> dict[str, str]:
    """Code prefix (root or longer) -> the CAMEO "express intent" code used when such an
    event is only planned; the coder uses the longest matching prefix."""
    path = data_path("intent_codes.tsv")
    if not path.is_file():
        return {}
    return {row["root"]: row["intent_code"] for _, row in read_tsv(path, ("root", "intent_code"))}


def load_threat_codes() -> dict[str, str]:
    """Code prefix -> the CAMEO threat code (root 13) used when such a hostile event is only
    threatened ("threatened to expel the ambassador"); the coder uses the longest prefix."""
    path = data_path("threat_codes.tsv")
    if not path.is_file():
        return {}
    return {row["root"]: row["threat_code"] for _, row in read_tsv(path, ("root", "threat_code"))}


#: The PLOVER event types (Open Event Data Alliance), in the order of the specification.
PLOVER_TYPES = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)


@lru_cache(maxsize=1)
def load_plover() -> dict[str, tuple[str, str]]:
    """CAMEO code -> (PLOVER event type, mode), from ``plover.tsv``.

    A code PLOVER does not cover (public statements) maps to ``("", "")``; it is kept so that
    the longest-prefix lookup of ``plover_for`` stops there instead of falling back to the root.
    An empty mode means PLOVER gives none, or the CAMEO code does not say which.
    """
    path = data_path("plover.tsv")
    table: dict[str, tuple[str, str]] = {}
    for lineno, row in read_tsv(path, ("cameo", "plover_type", "plover_mode")):
        kind = row["plover_type"].upper()
        if kind and kind not in PLOVER_TYPES:
            raise KnowledgeError(
                Messages.fmt("E020", path=path, line=lineno, reason=f"unknown PLOVER type {kind!r}"),
                path=str(path),
                line=lineno,
            )
        table[row["cameo"]] = (kind, row["plover_mode"].lower() if kind else "")
    return table


def plover_for(code: str) -> dict[str, str] | None:
    """``{"type": ..., "mode": ...}`` for a CAMEO code, or None when PLOVER does not cover it.

    The longest prefix of the code present in the mapping wins (four digits, then three, then
    the root), so a code missing from the table inherits its parent's type and mode.
    """
    table = load_plover()
    for length in range(min(len(code), 4), 1, -1):
        found = table.get(code[:length])
        if found is not None:
            kind, mode = found
            return {"type": kind, "mode": mode} if kind else None
    return None
