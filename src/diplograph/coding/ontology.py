"""The CAMEO event ontology: codes, labels, Goldstein weights and QuadClass, from data."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

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
