"""The event lexicon: patterns over lemmas and dependencies that map words to CAMEO codes.

A pattern is one line of ``data/lexicon.tsv`` (the grammar is in docs/lexicon.md)::

    161    n:severance of relation|tie with TARGET    Canada announced the severance of ...
    1312   threaten to impose sanction on|against TARGET    ...

It is compiled into a list of steps (particle, object, prepositional object, infinitive,
target, ...) that ``coding.matching`` checks against the dependency parse.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property, lru_cache
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
TARGET_WORDS = ("TARGET", "TARGET?")
#: Steps whose words must be in the sentence near the trigger.
WORD_STEPS = frozenset({"particle", "object", "modifier", "prep_object", "infinitive", "complement"})

Lemmas = frozenset[str]


@dataclass(frozen=True)
class Step:
    """One constraint of a pattern. ``kind`` is one of:

    particle     a particle or bare preposition child of the current verb
    object       the current verb's object (or the noun trigger's modifiers) has these lemmas
    modifier     the noun trigger has modifiers with these lemmas
    prep_object  a preposition (``preps``) whose object has these lemmas
    infinitive   an infinitive complement with this lemma; later steps apply to it
    complement   another child of the current verb ("take TARGET hostage")
    target       the direct object is the target
    object_target  the required object phrase itself is the target
    prep_target  the object of a preposition (``preps``) is the target
    """

    kind: str
    lemmas: tuple[Lemmas, ...] = ()
    preps: Lemmas = frozenset()
    optional: bool = False


@dataclass(frozen=True)
class Pattern:
    code: str
    trigger: str
    pos: str  # VERB, NOUN or ADJ
    steps: tuple[Step, ...]
    example: str
    source: str  # "file:line", shown as the rule that fired
    order: int = 0
    raw: str = ""  # the pattern as written in the file

    @cached_property
    def word_positions(self) -> tuple[Lemmas, ...]:
        """Every required word position (object words, particles, infinitives...): a pattern
        cannot apply where one of them has no word in the trigger's neighbourhood."""
        return tuple(
            position for step in self.steps if not step.optional and step.kind in WORD_STEPS for position in step.lemmas
        )

    @property
    def has_target(self) -> bool:
        return any(s.kind in ("target", "object_target", "prep_target") for s in self.steps)

    @property
    def target_optional(self) -> bool:
        targets = [s for s in self.steps if s.kind in ("target", "object_target", "prep_target")]
        return not targets or all(s.optional for s in targets)

    @property
    def specificity(self) -> int:
        score = 0
        for step in self.steps:
            if step.kind in ("particle", "infinitive"):
                score += 2
            elif step.kind in ("object", "modifier", "prep_object", "complement"):
                # "seek economic cooperation" is more specific than "seek cooperation".
                score += 1 + len(step.lemmas)
            elif step.kind == "prep_target":
                score += 1
            elif not step.optional:
                score += 1
        return score


def _alternatives(word: str) -> Lemmas:
    return frozenset(w for w in word.lower().split("|") if w)


def _is_prep_like(word: str) -> bool:
    return word not in TARGET_WORDS and _alternatives(word) <= PREPOSITIONS | PARTICLES


def parse_pattern(code: str, pattern: str, example: str, source: str, order: int = 0) -> Pattern:
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
    if "|" in first or not first:
        raise ValueError("the trigger is one lemma")
    steps: list[Step] = []
    rest = words[1:]
    n = len(rest)
    current = pos  # part of speech of the word later steps attach to
    at_head = True  # right after the trigger or an infinitive verb
    i = 0
    while i < n:
        word = rest[i]
        nxt = rest[i + 1] if i + 1 < n else None
        if word in TARGET_WORDS:
            optional = word.endswith("?")
            if steps and steps[-1].kind == "object":
                steps.append(Step("object_target", optional=optional))
            elif any(s.kind in ("target", "object_target", "prep_target") for s in steps):
                raise ValueError("TARGET given twice")
            else:
                steps.append(Step("target", optional=optional))
            i += 1
            at_head = False
            continue
        if word == "to" and nxt is not None and nxt not in TARGET_WORDS and not _is_prep_like(nxt):
            steps.append(Step("infinitive", (_alternatives(nxt),)))
            current, at_head = "VERB", True
            i += 2
            continue
        if _is_prep_like(word):
            alts = _alternatives(word)
            if nxt in TARGET_WORDS:
                if any(s.kind in ("target", "object_target", "prep_target") for s in steps):
                    raise ValueError("TARGET given twice")
                steps.append(Step("prep_target", preps=alts, optional=nxt.endswith("?")))
                i += 2
                at_head = False
                continue
            if (
                current == "VERB"
                and (at_head or (steps and steps[-1].kind in ("target", "object_target")))
                and alts <= PARTICLES
            ):
                kind = "particle" if at_head else "complement"
                steps.append(Step(kind, (alts,)))
                i += 1
                continue
            # A preposition with required words after it: "accuse TARGET of espionage".
            j = i + 1
            positions: list[Lemmas] = []
            while j < n and rest[j] not in TARGET_WORDS and not _is_prep_like(rest[j]) and rest[j] != "to":
                positions.append(_alternatives(rest[j]))
                j += 1
            if positions:
                steps.append(Step("prep_object", tuple(positions), preps=alts))
            else:
                steps.append(Step("particle", (alts,)))
            i = j
            at_head = False
            continue
        # Plain words: an object, a noun's modifiers, or a complement after TARGET.
        j = i
        positions = []
        while j < n and rest[j] not in TARGET_WORDS and not _is_prep_like(rest[j]) and rest[j] != "to":
            positions.append(_alternatives(rest[j]))
            j += 1
        if steps and steps[-1].kind in ("target", "object_target"):
            steps.append(Step("complement", tuple(positions)))
        elif current == "NOUN" and not any(s.kind == "object" for s in steps):
            steps.append(Step("modifier", tuple(positions)))
        else:
            steps.append(Step("object", tuple(positions)))
        i = j
        at_head = False
    return Pattern(code, first.lower(), pos, tuple(steps), example, source, order, raw=pattern)


class Lexicon:
    """Patterns indexed by (trigger lemma, part of speech), most specific first; among
    equally specific patterns the earlier line wins."""

    def __init__(self, patterns: list[Pattern]):
        self.patterns = patterns
        index: dict[tuple[str, str], list[Pattern]] = defaultdict(list)
        for pattern in patterns:
            index[(pattern.trigger, pattern.pos)].append(pattern)
        for entries in index.values():
            entries.sort(key=lambda p: (-p.specificity, p.order))
        self.index = dict(index)
        self.triggers = frozenset(p.trigger for p in patterns)

    def candidates(self, lemma: str, pos: str) -> list[Pattern]:
        return self.index.get((lemma, pos), [])

    def is_trigger(self, lemma: str) -> bool:
        return lemma in self.triggers


def read_lexicon(path: Path, *, start: int = 0) -> list[Pattern]:
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
            patterns.append(parse_pattern(row["code"], row["pattern"], row["example"], where, start + lineno))
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
    for k, name in enumerate(extra, start=1):
        patterns.extend(read_lexicon(Path(name), start=k * 1_000_000))
    return Lexicon(patterns)
