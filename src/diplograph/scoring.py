"""Scoring diplograph against gold corpora: what ``diplograph evaluate`` prints.

Two gold formats are read (docs/evaluate.md):

* sentences, JSON Lines: ``{"id", "date", "text", "expected": [{"source", "target", "code",
  "modality"?, "date"?}], "optional"?: [...], "forbidden"?: [...], "quotes"?: [...]}``
  (``events`` is accepted for ``expected``, ``root`` for a two-digit ``code``);
* articles, JSON or JSON Lines, one object per article: ``{"file", "events": [{"src": [...],
  "tgt": [...], "roots": [...], "codes"?: [...], "date", "required", "symmetric", "note"}],
  "forbidden": [...], "quotes": [{"speaker", "starts"}]}``, the article file beside the gold.

Both become ``GoldCase`` objects. Matching is on unique (source key, target key, root)
triples per case, keys being ISO3 countries or ``IGO:<acronym>``: the lenient level event
coders are usually compared at. The strict level also wants the three-digit code (and the
full actor code when the gold gives one, e.g. ``VENGOV``).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import InputError, Messages
from .evaluate import actor_key
from .records import Article, Event, Result

WILDCARD = "*"


@dataclass
class GoldEvent:
    src: frozenset[str]
    tgt: frozenset[str | None]
    roots: frozenset[str]
    codes: frozenset[str] = frozenset()
    date: str | None = None
    modality: str | None = None
    required: bool = True
    symmetric: bool = False
    note: str = ""
    #: full actor codes when the gold gives them ("VENGOV"), checked at the strict level
    src_codes: frozenset[str] = frozenset()
    tgt_codes: frozenset[str] = frozenset()

    def matches(self, src: str | None, tgt: str | None, root: str) -> bool:
        if WILDCARD not in self.roots and root not in self.roots:
            return False
        if _fits(self.src, src) and _fits(self.tgt, tgt):
            return True
        return self.symmetric and _fits(self.src, tgt) and _fits(self.tgt, src)

    @property
    def specificity(self) -> int:
        return len(self.src) + len(self.tgt) + len(self.roots)


@dataclass
class GoldQuote:
    starts: str
    speaker: str
    speaker_country: str | None = None


@dataclass
class GoldCase:
    id: str
    article: Article
    events: list[GoldEvent] = field(default_factory=list)
    forbidden: list[GoldEvent] = field(default_factory=list)
    quotes: list[GoldQuote] = field(default_factory=list)
    kind: str = "sentence"  # or "article"
    #: False for quote-only cases, which list no events: their events are not scored
    scores_events: bool = True

    @property
    def is_no_event(self) -> bool:
        return (
            self.kind == "sentence"
            and not self.events
            and any(WILDCARD in f.src and WILDCARD in f.tgt for f in self.forbidden)
        )


def _fits(alternatives: frozenset, key: str | None) -> bool:
    return WILDCARD in alternatives or key in alternatives


def _key_of(value: str | None) -> str | None:
    """Gold may name an actor by full code ("VENGOV"); the lenient key is its country."""
    if value is None or value == WILDCARD or value.startswith("IGO"):
        return value
    return value[:3]


# -- reading gold ---------------------------------------------------------------------------


def _sentence_event(item: dict[str, Any], *, required: bool) -> GoldEvent:
    code = str(item.get("code") or item.get("root") or WILDCARD)
    root = str(item.get("root") or (code[:2] if code != WILDCARD else WILDCARD))
    src = item.get("source", WILDCARD)
    tgt = item.get("target", WILDCARD)
    return GoldEvent(
        src=frozenset({_key_of(src)}),
        tgt=frozenset({_key_of(tgt)}),
        roots=frozenset({root}),
        codes=frozenset({code}) if code != WILDCARD and len(code) > 2 else frozenset(),
        date=item.get("date"),
        modality=item.get("modality"),
        required=required,
        note=json.dumps({"source": src, "target": tgt, "code": code}),
        src_codes=_full_code(src),
        tgt_codes=_full_code(tgt),
    )


def _full_code(value: str | None) -> frozenset[str]:
    if value and value != WILDCARD and not value.startswith("IGO") and len(value) > 3:
        return frozenset({value})
    return frozenset()


def _article_event(item: dict[str, Any], *, required: bool | None = None) -> GoldEvent:
    def keys(value: Any) -> frozenset:
        values = value if isinstance(value, list) else [value]
        return frozenset(None if v is None else str(v) for v in values)

    return GoldEvent(
        src=keys(item.get("src", WILDCARD)),
        tgt=keys(item.get("tgt", WILDCARD)),
        roots=frozenset(str(r) for r in item.get("roots", [WILDCARD])),
        codes=frozenset(str(c) for c in item.get("codes", [])),
        date=item.get("date"),
        modality=item.get("modality"),
        required=item.get("required", True) if required is None else required,
        symmetric=bool(item.get("symmetric", False)),
        note=item.get("note", ""),
    )


def read_gold(path: str | Path) -> list[GoldCase]:
    """All cases of a gold file, in either format."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise InputError(Messages.fmt("E001", path=path, reason=e.strerror or e), path=str(path)) from e
    try:
        data = json.loads(text)
        items = [(1, obj) for obj in (data if isinstance(data, list) else [data])]
    except json.JSONDecodeError:
        items = []
        for lineno, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                items.append((lineno, json.loads(line)))
            except json.JSONDecodeError as e:
                raise InputError(
                    Messages.fmt("E004", path=path, line=lineno, reason=e.msg), path=str(path), line=lineno
                ) from e
    return [_case(path, lineno, item) for lineno, item in items]


def _case(path: Path, lineno: int, item: dict[str, Any]) -> GoldCase:
    quotes = [GoldQuote(q["starts"], q.get("speaker", ""), q.get("speaker_country")) for q in item.get("quotes", [])]
    if "file" in item:
        article_path = path.parent / item["file"]
        from .readers import read_articles

        articles = [a for a in read_articles([str(article_path)]) if isinstance(a, Article)]
        if not articles:
            raise InputError(Messages.fmt("E001", path=article_path, reason="the article file cannot be read"))
        return GoldCase(
            id=item["file"],
            article=articles[0],
            events=[_article_event(e) for e in item.get("events", [])],
            forbidden=[_article_event(f, required=True) for f in item.get("forbidden", [])],
            quotes=quotes,
            kind="article",
        )
    if "text" not in item:
        raise InputError(Messages.fmt("E005", path=path, line=lineno), path=str(path), line=lineno)
    expected = item.get("expected", item.get("events", []))
    return GoldCase(
        id=str(item.get("id", f"{path.name}:{lineno}")),
        article=Article(text=item["text"], date=item.get("date"), path=f"{path}:{lineno}"),
        events=[_sentence_event(e, required=True) for e in expected]
        + [_sentence_event(e, required=False) for e in item.get("optional", [])],
        forbidden=[_sentence_event(f, required=True) for f in item.get("forbidden", [])],
        quotes=quotes,
        scores_events="expected" in item or "events" in item,
    )


# -- scoring --------------------------------------------------------------------------------


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Ratio:
    good: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        return self.good / self.total if self.total else 1.0


@dataclass
class Scores:
    lenient: Tally = field(default_factory=Tally)
    strict: Tally = field(default_factory=Tally)
    source: Tally = field(default_factory=Tally)
    target: Tally = field(default_factory=Tally)
    by_root: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    modality: Ratio = field(default_factory=Ratio)
    dates: Ratio = field(default_factory=Ratio)
    quotes: Ratio = field(default_factory=Ratio)
    no_event: Ratio = field(default_factory=Ratio)  # no-event cases with no event predicted
    forbidden: int = 0
    cases: int = 0
    misses: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)


def _triple(event: Event) -> tuple[str | None, str | None, str]:
    return actor_key(event.source), actor_key(event.target), event.root


def _assign(
    triples: dict[tuple, list[Event]], golds: list[GoldEvent], match
) -> tuple[dict[tuple, GoldEvent], list[tuple]]:
    """Each unique predicted triple takes at most one gold item (required, specific first);
    returns the assignment and the triples that match no gold item at all."""
    order = sorted(golds, key=lambda g: (not g.required, g.specificity))
    used: set[int] = set()
    assigned: dict[tuple, GoldEvent] = {}
    unmatched = []
    for triple in sorted(triples, key=lambda t: tuple("" if x is None else x for x in t)):
        for gold in order:
            if id(gold) not in used and match(gold, triple):
                used.add(id(gold))
                assigned[triple] = gold
                break
        else:
            if not any(match(g, triple) for g in golds):
                unmatched.append(triple)
    return assigned, unmatched


def score_case(case: GoldCase, result: Result, scores: Scores, *, verbose: bool = False) -> None:
    scores.cases += 1
    for quote in case.quotes:
        scores.quotes.total += 1
        found = _quote_found(quote, result)
        scores.quotes.good += found
        if verbose and not found:
            said = [(q.text[:40], q.speaker.name if q.speaker else None) for q in result.quotes]
            scores.misses.append(f"[{case.id}] quote {quote.starts!r} by {quote.speaker!r}: got {said}")
    if not case.scores_events:
        return
    events = [e for e in result.events if e.modality not in ("negated", "hypothetical")]
    where = f"[{case.id}] {case.article.text[:160]!r}" if case.kind == "sentence" else f"[{case.id}]"

    # Lenient: (source key, target key, root).
    triples: dict[tuple, list[Event]] = defaultdict(list)
    for event in events:
        triples[_triple(event)].append(event)
    assigned, unmatched = _assign(triples, case.events, lambda g, t: g.matches(*t))
    required = [g for g in case.events if g.required]
    found = {id(g) for g in assigned.values()}
    for triple, gold in assigned.items():
        if not gold.required:
            continue
        scores.lenient.tp += 1
        root = triple[2]
        scores.by_root[root].tp += 1
        evs = triples[triple]
        if gold.modality:
            scores.modality.total += 1
            right = any(e.modality == gold.modality for e in evs)
            scores.modality.good += right
            if verbose and not right:
                scores.misses.append(
                    f"{where} wrong modality {[e.modality for e in evs]} for {gold.modality} {gold.note}"
                )
        if gold.date:
            scores.dates.total += 1
            right = any((e.date or "").startswith(gold.date) for e in evs)
            scores.dates.good += right
            if verbose and not right:
                scores.misses.append(f"{where} wrong date {[e.date for e in evs]} for {gold.date} {gold.note}")
        # Strict: the three-digit code too, when the gold gives one.
        codes = {c[:3] for c in gold.codes}

        def strict_ok(event: Event, gold: GoldEvent = gold, codes: set[str] = codes) -> bool:
            return (
                (not codes or event.code[:3] in codes)
                and (not gold.src_codes or event.source.code in gold.src_codes)
                and (not gold.tgt_codes or (event.target is not None and event.target.code in gold.tgt_codes))
            )

        if any(strict_ok(e) for e in evs):
            scores.strict.tp += 1
        else:
            scores.strict.fp += 1
            scores.strict.fn += 1
            if verbose:
                scores.misses.append(f"{where} wrong code {[e.code for e in evs]} for {gold.note}")
    for gold in required:
        if id(gold) not in found:
            scores.lenient.fn += 1
            scores.strict.fn += 1
            roots = sorted(r for r in gold.roots if r != WILDCARD)
            if roots:
                scores.by_root[roots[0]].fn += 1  # sorted: sets iterate in a different order each run
            if verbose:
                scores.misses.append(
                    f"{where} missed {sorted(map(str, gold.src))}->{sorted(map(str, gold.tgt))} "
                    f"{sorted(gold.roots)} {gold.note}"
                )
    for triple in unmatched:
        scores.lenient.fp += 1
        scores.strict.fp += 1
        scores.by_root[triple[2]].fp += 1
        if verbose:
            event = triples[triple][0]
            scores.false_positives.append(
                f"{where} {triple[0]} -{event.code}-> {triple[1]} trigger={event.evidence.trigger!r} "
                f"rule={event.evidence.rule} in: {event.evidence.text[:160]!r}"
            )
    for forbidden in case.forbidden:
        hits = [t for t in triples if forbidden.matches(*t)]
        if hits:
            scores.forbidden += 1
            if verbose:
                scores.misses.append(f"{where} forbidden event produced {hits[0]} {forbidden.note}")

    # Source and target separately: (source key, root) and (target key, root).
    for side, tally in (("source", scores.source), ("target", scores.target)):
        pairs: dict[tuple, list[Event]] = defaultdict(list)
        for (src, tgt, root), evs in triples.items():
            pairs[(src if side == "source" else tgt, root)].extend(evs)

        def side_match(gold: GoldEvent, pair: tuple, side: str = side) -> bool:
            keys = gold.src if side == "source" else gold.tgt
            return (WILDCARD in gold.roots or pair[1] in gold.roots) and (
                _fits(keys, pair[0]) or (gold.symmetric and _fits(gold.tgt if side == "source" else gold.src, pair[0]))
            )

        # Several gold events may share one side ("A, B and C condemned X"): each counts
        # as found when some prediction has its (key, root).
        for gold in required:
            if any(side_match(gold, pair) for pair in pairs):
                tally.tp += 1
            else:
                tally.fn += 1
        tally.fp += sum(1 for pair in pairs if not any(side_match(g, pair) for g in case.events))

    if case.is_no_event:
        scores.no_event.total += 1
        scores.no_event.good += not triples


def _quote_found(gold: GoldQuote, result: Result) -> bool:
    for quote in result.quotes:
        if not quote.text.lstrip("\"“«'‘ ").startswith(gold.starts):
            continue
        speaker = quote.speaker
        said_by = f"{speaker.name} {speaker.text}".lower() if speaker else ""
        if gold.speaker.lower() in said_by and (
            not gold.speaker_country or (speaker and speaker.country == gold.speaker_country)
        ):
            return True
    return False


def evaluate(cases: list[GoldCase], results: Iterable[Result], *, verbose: bool = False) -> Scores:
    scores = Scores()
    for case, result in zip(cases, results, strict=True):
        score_case(case, result, scores, verbose=verbose)
    return scores


def format_scores(scores: Scores, *, verbose: bool = False) -> str:
    """The report ``diplograph evaluate`` prints."""

    def line(name: str, tally: Tally) -> str:
        return (
            f"{name:<28} P={tally.precision:.3f}  R={tally.recall:.3f}  F1={tally.f1:.3f}  "
            f"(tp={tally.tp} fp={tally.fp} fn={tally.fn})"
        )

    def ratio(name: str, r: Ratio) -> str:
        return f"{name:<28} {r.value:.3f}  ({r.good}/{r.total})"

    out = [
        f"cases: {scores.cases}",
        line("events (src, tgt, root)", scores.lenient),
        line("events (+ 3-digit code)", scores.strict),
        line("source (src, root)", scores.source),
        line("target (tgt, root)", scores.target),
        ratio("modality right", scores.modality),
        ratio("dates right", scores.dates),
        ratio("quote speakers right", scores.quotes),
        ratio("no-event cases kept clean", scores.no_event),
        f"{'forbidden events produced':<28} {scores.forbidden}",
        "",
        "by root:",
    ]
    for root in sorted(scores.by_root):
        out.append(line(f"  {root}", scores.by_root[root]))
    if verbose:
        out += ["", f"misses ({len(scores.misses)}):"] + [f"  {m}" for m in scores.misses]
        out += ["", f"false positives ({len(scores.false_positives)}):"] + [f"  {m}" for m in scores.false_positives]
    return "\n".join(out)


def scores_as_dict(scores: Scores) -> dict[str, Any]:
    def tally(t: Tally) -> dict[str, Any]:
        return {
            "precision": round(t.precision, 4),
            "recall": round(t.recall, 4),
            "f1": round(t.f1, 4),
            "tp": t.tp,
            "fp": t.fp,
            "fn": t.fn,
        }

    def ratio(r: Ratio) -> dict[str, Any]:
        return {"value": round(r.value, 4), "good": r.good, "total": r.total}

    return {
        "cases": scores.cases,
        "events": tally(scores.lenient),
        "events_strict": tally(scores.strict),
        "source": tally(scores.source),
        "target": tally(scores.target),
        "modality": ratio(scores.modality),
        "dates": ratio(scores.dates),
        "quote_speakers": ratio(scores.quotes),
        "no_event_clean": ratio(scores.no_event),
        "forbidden": scores.forbidden,
        "by_root": {root: tally(t) for root, t in sorted(scores.by_root.items())},
        "misses": scores.misses,
        "false_positives": scores.false_positives,
    }
