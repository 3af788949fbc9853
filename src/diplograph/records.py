"""The public records diplograph produces: Article in, Result (actors, events, quotes) out.

They are plain dataclasses so that every layer (CLI, store, HTTP) can turn them into JSON
with `to_dict()` and back with `from_dict()` without knowing about spaCy.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any

#: Values allowed in ``Event.modality``. Negated and hypothetical events are only
#: emitted when the caller asks for all modalities.
MODALITIES = ("asserted", "reported", "intended", "expected", "historical", "negated", "hypothetical")
EMITTED_BY_DEFAULT = frozenset(MODALITIES[:5])

#: Values allowed in ``Actor.kind``.
ACTOR_KINDS = ("state", "government", "person", "igo", "ngo", "group", "media", "other")


def content_id(text: str) -> str:
    """Stable id for an article's text, so that re-ingesting the same text stores it once."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


@dataclass
class Article:
    """One news article: its text and what we know about where it came from."""

    text: str
    date: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    path: str | None = None
    id: str = ""

    def __post_init__(self) -> None:
        if not self.id:
            self.id = content_id(self.text)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "path": self.path,
            "url": self.url,
            "title": self.title,
            "date": self.date,
            "source": self.source,
        }


@dataclass(frozen=True)
class ActorRef:
    """An actor as it takes part in one event or quote: the words used and what they resolve to."""

    text: str
    name: str
    code: str
    country: str | None
    sector: str | None
    kind: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ActorRef:
        return cls(**{k: data.get(k) for k in ("text", "name", "code", "country", "sector", "kind")})


@dataclass
class Actor:
    """An actor of the article, with every place it is mentioned (character offsets)."""

    id: str
    name: str
    code: str
    country: str | None
    sector: str | None
    kind: str
    role: str | None = None
    mentions: list[tuple[int, int]] = field(default_factory=list)

    def ref(self, text: str) -> ActorRef:
        return ActorRef(text, self.name, self.code, self.country, self.sector, self.kind)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["mentions"] = [list(m) for m in self.mentions]
        return data


@dataclass(frozen=True)
class Location:
    name: str
    country: str | None
    lat: float | None = None
    lon: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Evidence:
    """Where an event comes from: sentence index and text, the sentence's character offsets
    in the article, the trigger word (and its offsets) and the rule that fired."""

    sentence: int
    text: str
    start: int
    end: int
    trigger: str
    trigger_start: int
    trigger_end: int
    rule: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Event:
    id: str
    date: str | None
    date_precision: str
    source: ActorRef
    target: ActorRef | None
    code: str
    root: str
    label: str
    goldstein: float
    quad_class: int
    modality: str
    evidence: Evidence
    attributed_to: ActorRef | None = None
    location: Location | None = None
    plover: dict[str, str] | None = None
    confidence: float = 1.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "date": self.date,
            "date_precision": self.date_precision,
            "source": self.source.to_dict(),
            "target": self.target.to_dict() if self.target else None,
            "code": self.code,
            "root": self.root,
            "label": self.label,
            "goldstein": self.goldstein,
            "quad_class": self.quad_class,
            "plover": self.plover,
            "modality": self.modality,
            "attributed_to": self.attributed_to.to_dict() if self.attributed_to else None,
            "location": self.location.to_dict() if self.location else None,
            "evidence": self.evidence.to_dict(),
            "confidence": self.confidence,
        }


@dataclass
class Quote:
    """Something an actor said: ``kind`` is ``direct`` (in quotation marks) or ``indirect``
    ("X said that ..."); ``sentence`` is the index of the sentence where it starts."""

    text: str
    start: int
    end: int
    kind: str
    speaker: ActorRef | None
    sentence: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "kind": self.kind,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "sentence": self.sentence,
        }


@dataclass
class Result:
    """Everything diplograph found in one article."""

    article: Article
    actors: list[Actor] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article.to_dict(),
            "actors": [a.to_dict() for a in self.actors],
            "events": [e.to_dict() for e in self.events],
            "quotes": [q.to_dict() for q in self.quotes],
        }
