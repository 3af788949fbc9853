"""The event lexicon: patterns over lemmas and dependencies that map words to CAMEO codes.

A pattern is one line of ``data/lexicon.tsv`` (see docs/lexicon.md)::

    161    n:severance of relation|tie with TARGET    Canada announced the severance of ...

The first word is the trigger lemma (``n:`` noun, ``a:`` adjective, otherwise a verb).
``TARGET`` right after a verb is its direct object; ``PREP TARGET`` is the object of that
preposition; other words are required lemmas (the object, or a particle); ``TARGET?``
makes the target optional.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import KnowledgeError, Messages
from ..knowledge import data_path, read_tsv
from .ontology import load_ontology

PREPOSITIONS = frozenset(
    "about above across after against along amid among around as at before behind below beneath "
    "beside between beyond by despite during for from in inside into near of off on onto out "
    "outside over past regarding since through throughout to toward towards under until upon "
    "with within without".split()
)
PARTICLES = frozenset("up down out off back away over in on along aside forward ahead".split())
POS_OF_PREFIX = {"n": "NOUN", "a": "ADJ", "v": "VERB"}


@dataclass(frozen=True)
class Pattern:
    code: str
    trigger: str
    pos: str  # VERB, NOUN or ADJ
    particles: frozenset[str] | None  # required particle or bare preposition child
    objects: frozenset[str] | None  # required object lemma
    target: str | None  # "dobj", "prep" or None
    target_preps: frozenset[str]
    target_optional: bool
    example: str
    source: str  # "file:line", shown as the rule that fired

    @property
    def specificity(self) -> int:
        return (
            (2 if self.objects else 0)
            + (2 if self.particles else 0)
            + (1 if self.target == "prep" else 0)
            + (0 if self.target_optional else 1)
        )

    @property
    def text(self) -> str:
        return self.source


def parse_pattern(code: str, pattern: str, example: str, source: str) -> Pattern:
    words = pattern.split()
    if not words:
        raise ValueError("empty pattern")
    first = words[0]
    pos = "VERB"
    if ":" in first:
        prefix, first = first.split(":", 1)
        if prefix not in POS_OF_PREFIX:
            raise ValueError(f"unknown trigger prefix {prefix!r}: use n: or a:")
        pos = POS_OF_PREFIX[prefix]
    particles: set[str] = set()
    objects: set[str] = set()
    target: str | None = None
    target_preps: frozenset[str] = frozenset()
    optional = False
    rest = words[1:]
    i = 0
    while i < len(rest):
        word = rest[i]
        if word in ("TARGET", "TARGET?"):
            if target is not None:
                raise ValueError("TARGET given twice")
            target, optional = "dobj", word.endswith("?")
            i += 1
            continue
        alts = frozenset(word.lower().split("|"))
        nxt = rest[i + 1] if i + 1 < len(rest) else None
        if nxt in ("TARGET", "TARGET?") and alts <= PREPOSITIONS:
            if target is not None:
                raise ValueError("TARGET given twice")
            target, target_preps, optional = "prep", alts, nxt.endswith("?")
            i += 2
            continue
        if alts <= PARTICLES | PREPOSITIONS:
            particles |= alts
        else:
            objects |= alts
        i += 1
    return Pattern(
        code=code,
        trigger=first.lower(),
        pos=pos,
        particles=frozenset(particles) or None,
        objects=frozenset(objects) or None,
        target=target,
        target_preps=target_preps,
        target_optional=optional or target is None,
        example=example,
        source=source,
    )


class Lexicon:
    """Patterns indexed by (trigger lemma, part of speech), most specific first."""

    def __init__(self, patterns: list[Pattern]):
        self.patterns = patterns
        index: dict[tuple[str, str], list[Pattern]] = defaultdict(list)
        for pattern in patterns:
            index[(pattern.trigger, pattern.pos)].append(pattern)
        for entries in index.values():
            entries.sort(key=lambda p: -p.specificity)
        self.index = dict(index)
        self.triggers = frozenset(p.trigger for p in patterns)

    def candidates(self, lemma: str, pos: str) -> list[Pattern]:
        return self.index.get((lemma, pos), [])


def read_lexicon(path: Path) -> list[Pattern]:
    ontology = load_ontology()
    patterns = []
    for lineno, row in read_tsv(path, ("code", "pattern", "example")):
        where = f"{path.name}:{lineno}"
        if row["code"] not in ontology:
            raise KnowledgeError(
                Messages.fmt("E020", path=path, line=lineno, reason=f"unknown CAMEO code {row['code']!r}"),
                path=str(path),
                line=lineno,
            )
        try:
            patterns.append(parse_pattern(row["code"], row["pattern"], row["example"], where))
        except ValueError as e:
            raise KnowledgeError(
                Messages.fmt("E020", path=path, line=lineno, reason=f"bad pattern: {e}"),
                path=str(path),
                line=lineno,
            ) from e
    return patterns


@lru_cache(maxsize=8)
def load_lexicon(extra: tuple[str, ...] = ()) -> Lexicon:
    """The bundled lexicon plus the user's own lexicon files, loaded once per process."""
    patterns = read_lexicon(data_path("lexicon.tsv"))
    for name in extra:
        patterns.extend(read_lexicon(Path(name)))
    return Lexicon(patterns)
