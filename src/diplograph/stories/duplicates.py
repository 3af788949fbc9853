"""Exact and near-duplicate articles: syndicated copies of one agency story.

A wire story reaches many outlets with the same body and different wrapping: a new headline,
a byline, a newsletter footer, "(Reporting by ...)", a trimmed last paragraph. Counting each
copy as independent evidence inflates an event's weight, so copies are linked to the first
copy seen (the canonical article).

Two tests, cheapest first:

- exact: the normalised text (lowercase, punctuation removed, whitespace collapsed) hashes
  the same;
- near: the MinHash estimate of the Jaccard similarity of word 5-shingles is at least the
  threshold (0.6), found through LSH so each article is compared with a few candidates
  rather than every earlier article. Boilerplate lines are removed before shingling: lines
  matching well-known patterns, and lines that recur in ``boilerplate_repeats`` or more
  articles of the same outlet (``source``).
- trimmed: a copy that lost its last paragraphs has a low Jaccard similarity although all
  of it is in the original. When the shorter text's shingles are estimated to lie at least
  ``containment`` (0.8) inside the longer one, a Jaccard similarity of ``threshold - 0.1``
  is enough (LSH retrieves candidates at that lower threshold).

datasketch is imported when a finder is built, so importing this module stays cheap.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from datasketch import MinHash, MinHashLSH

    from diplograph.records import Article

__all__ = [
    "DEFAULT_NUM_PERM",
    "DEFAULT_THRESHOLD",
    "DuplicateFinder",
    "DuplicateLink",
    "DuplicateMatch",
    "find_duplicates",
    "normalise",
]

DEFAULT_THRESHOLD = 0.6
DEFAULT_NUM_PERM = 128
#: Words per shingle: long enough that shared background phrases do not look like copies.
SHINGLE_SIZE = 5
#: Minimum share of the shorter article's shingles found in the longer one for a trimmed copy.
DEFAULT_CONTAINMENT = 0.8
#: How far below the threshold a trimmed copy's Jaccard similarity may be.
TRIM_SLACK = 0.1
#: Fewer shingles than this are too few to call a text contained in another.
MIN_CONTAINED_SHINGLES = 20
#: A line seen in this many articles of one outlet is that outlet's boilerplate.
DEFAULT_BOILERPLATE_REPEATS = 3
#: Only short lines can be boilerplate; a long paragraph is body even when it recurs.
MAX_BOILERPLATE_WORDS = 40
#: Built-in patterns apply to shorter lines still: a paragraph may mention a newsletter.
MAX_PATTERN_WORDS = 25

Kind = Literal["exact", "near"]

#: Lines that are wrapping in any outlet (matched on the stripped line, case-insensitively).
BOILERPLATE_PATTERNS = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"^\(?\s*(additional\s+)?(reporting|writing|editing|compiled)\s+by\b",
        r"^by\s+[\w.'\- ]{2,60}$",  # byline
        r"\b(subscribe|sign up|newsletter|unsubscribe)\b",
        r"\b(all rights reserved|copyright|©)",
        r"^(read more|related|advertisement|follow us|share this|click here|more from)\b",
        r"^(updated|published|posted|last modified)\b.{0,40}\d",
        r"^photo\s*:",
    )
]

_DASHES = re.compile(r"[\-\u2010-\u2015/]")
_PUNCTUATION = re.compile(r"[^\w\s]")
_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Lowercase, punctuation removed (dashes and slashes split words), whitespace collapsed."""
    text = _DASHES.sub(" ", text.lower())
    return _SPACES.sub(" ", _PUNCTUATION.sub("", text)).strip()


def text_hash(text: str) -> str:
    """Hash of the normalised text: equal for copies that differ only in case, spacing or punctuation."""
    return hashlib.sha1(normalise(text).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class DuplicateMatch:
    """What an added article duplicates: the canonical (first seen) article of its group,
    ``exact`` or ``near``, and the estimated Jaccard similarity to its closest earlier copy
    (``matched``, which is the canonical one unless copies chain)."""

    duplicate_of: str
    kind: Kind
    similarity: float
    matched: str


@dataclass(frozen=True)
class DuplicateLink:
    """One row of the duplicates table: ``article_id`` is a copy of ``duplicate_of``."""

    article_id: str
    duplicate_of: str
    kind: Kind
    similarity: float

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class _Boilerplate:
    """Per-outlet counts of short lines, so recurring wrapping can be dropped before shingling."""

    repeats: int
    counts: dict[str | None, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))

    def learn(self, text: str, source: str | None) -> None:
        if source is not None:
            self.counts[source].update({line for line in _lines(text) if _short(line)})

    def body(self, text: str, source: str | None) -> str:
        """The normalised text without boilerplate lines (all of it if nothing would remain)."""
        seen = self.counts.get(source) if source is not None else None
        kept = []
        for raw in text.splitlines():
            line = normalise(raw)
            if not line:
                continue
            words = len(line.split())
            if words <= MAX_PATTERN_WORDS and _is_pattern_boilerplate(raw):
                continue
            if seen and words <= MAX_BOILERPLATE_WORDS and seen[line] >= self.repeats:
                continue
            kept.append(line)
        return " ".join(kept) or normalise(text)


class DuplicateFinder:
    """Streaming duplicate detection: ``add`` articles in arrival order; the first copy of a
    story is canonical and later copies point to it.

    Boilerplate is learned from what has been added so far (and from ``prime``), so in a
    stream an outlet's footer is recognised from its ``boilerplate_repeats``-th article on;
    the built-in patterns work from the first.
    """

    def __init__(
        self,
        *,
        threshold: float = DEFAULT_THRESHOLD,
        num_perm: int = DEFAULT_NUM_PERM,
        boilerplate_repeats: int = DEFAULT_BOILERPLATE_REPEATS,
        containment: float = DEFAULT_CONTAINMENT,
    ) -> None:
        from datasketch import MinHashLSH

        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], not {threshold!r}")
        self.threshold = threshold
        self.num_perm = num_perm
        self.containment = containment
        self._floor = max(threshold - TRIM_SLACK, 0.05) if containment <= 1.0 else threshold
        self._lsh: MinHashLSH = MinHashLSH(threshold=self._floor, num_perm=num_perm)
        self._boilerplate = _Boilerplate(boilerplate_repeats)
        self._primed: set[str] = set()
        self._hashes: dict[str, str] = {}  # normalised-text hash -> first article
        self._signatures: dict[str, MinHash] = {}
        self._sizes: dict[str, int] = {}  # article -> number of distinct shingles
        self._order: dict[str, int] = {}  # article -> position in the stream
        self._canonical: dict[str, str] = {}  # article -> canonical article of its group
        self._matches: dict[str, DuplicateMatch | None] = {}

    def prime(self, article_id: str, text: str, *, source: str | None = None) -> None:
        """Count an article's lines for boilerplate before it is added (batch mode's first pass)."""
        if article_id not in self._primed:
            self._primed.add(article_id)
            self._boilerplate.learn(text, source)

    def add(self, article_id: str, text: str, *, source: str | None = None) -> DuplicateMatch | None:
        """Register an article; return the earlier article it duplicates, or None if it is new.

        Adding the same id again returns the first answer and changes nothing.
        """
        if article_id in self._matches:
            return self._matches[article_id]
        self.prime(article_id, text, source=source)
        match = self._exact(article_id, text) or self._near(article_id, text, source)
        self._canonical[article_id] = match.duplicate_of if match else article_id
        self._matches[article_id] = match
        return match

    def canonical(self, article_id: str) -> str:
        """The first article of ``article_id``'s group (itself if it has no earlier copy)."""
        return self._canonical.get(article_id, article_id)

    def links(self) -> list[DuplicateLink]:
        """Every duplicate found so far, in the order the copies were added."""
        return [
            DuplicateLink(article_id, m.duplicate_of, m.kind, m.similarity)
            for article_id, m in self._matches.items()
            if m is not None
        ]

    def _exact(self, article_id: str, text: str) -> DuplicateMatch | None:
        digest = text_hash(text)
        first = self._hashes.setdefault(digest, article_id)
        if first == article_id:
            return None
        self._remember(article_id, self._signatures[first], self._sizes[first])
        return DuplicateMatch(self.canonical(first), "exact", 1.0, first)

    def _near(self, article_id: str, text: str, source: str | None) -> DuplicateMatch | None:
        signature, size = self._signature(self._boilerplate.body(text, source))
        best: tuple[float, int, str] | None = None
        for candidate in self._lsh.query(signature):
            similarity = float(signature.jaccard(self._signatures[candidate]))
            if similarity < self.threshold and not self._trimmed(similarity, size, self._sizes[candidate]):
                continue
            # Highest similarity first; on a tie the earliest article.
            rank = (similarity, -self._order[candidate], candidate)
            if best is None or rank[:2] > best[:2]:
                best = rank
        self._remember(article_id, signature, size)
        if best is None:
            return None
        similarity, _, matched = best
        return DuplicateMatch(self.canonical(matched), "near", round(similarity, 4), matched)

    def _trimmed(self, similarity: float, size: int, other: int) -> bool:
        """Is the shorter text (nearly) inside the longer one? |A∩B| = J(|A|+|B|)/(1+J)."""
        if similarity < self._floor or min(size, other) < MIN_CONTAINED_SHINGLES:
            return False
        shared = similarity * (size + other) / (1.0 + similarity)
        return shared / min(size, other) >= self.containment

    def _signature(self, body: str) -> tuple[MinHash, int]:
        from datasketch import MinHash

        words = body.split()
        shingles = {" ".join(words[i : i + SHINGLE_SIZE]) for i in range(max(1, len(words) - SHINGLE_SIZE + 1))}
        signature = MinHash(num_perm=self.num_perm)
        signature.update_batch([s.encode("utf-8") for s in shingles])
        return signature, len(shingles)

    def _remember(self, article_id: str, signature: MinHash, size: int) -> None:
        self._signatures[article_id] = signature
        self._sizes[article_id] = size
        self._order[article_id] = len(self._order)
        self._lsh.insert(article_id, signature, check_duplication=False)


def find_duplicates(
    articles: Iterable[Article],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    num_perm: int = DEFAULT_NUM_PERM,
    boilerplate_repeats: int = DEFAULT_BOILERPLATE_REPEATS,
    containment: float = DEFAULT_CONTAINMENT,
) -> list[DuplicateLink]:
    """Duplicates in a batch, in input order (the first copy is canonical).

    Unlike a stream, a batch knows every outlet's boilerplate before comparing: a first pass
    counts lines, the second adds articles.
    """
    articles = list(articles)
    finder = DuplicateFinder(
        threshold=threshold, num_perm=num_perm, boilerplate_repeats=boilerplate_repeats, containment=containment
    )
    for article in articles:
        finder.prime(article.id, article.text, source=article.source)
    for article in articles:
        finder.add(article.id, article.text, source=article.source)
    return finder.links()


def _lines(text: str) -> Iterable[str]:
    return (line for line in (normalise(raw) for raw in text.splitlines()) if line)


def _short(line: str) -> bool:
    return len(line.split()) <= MAX_BOILERPLATE_WORDS


def _is_pattern_boilerplate(raw: str) -> bool:
    line = raw.strip()
    return any(pattern.search(line) for pattern in BOILERPLATE_PATTERNS)
