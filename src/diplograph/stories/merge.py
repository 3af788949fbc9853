"""Merge events that several articles report about one happening into a story event.

Ten outlets reporting "the US recognised Guaidó" are one happening, not ten. Events merge
when they have the same source and target (country or IGO, as ``diplograph.evaluate.actor_key``
reduces them), the same CAMEO root and dates close together:

- day dates cluster greedily in date order; a story spans at most ``window_days`` from its
  earliest day, so a month of daily clashes does not chain into one story;
- a month-precision date ("in January") matches any day of its month: it joins the earliest
  story of its dyad and root that overlaps the month, else a story of that month;
- year-precision or unknown dates are too vague to match anything except the same event
  in copies of the same article.

Negated and hypothetical events never merge: they did not happen. Copies of one article
(``DuplicateLink``) merge like any other report but count once: ``num_articles`` counts
independent articles, ``num_sources`` distinct outlets.
"""

from __future__ import annotations

import calendar
import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import date as Date
from typing import Any

from diplograph.evaluate import actor_key
from diplograph.records import Article, Event, Result
from diplograph.stories.duplicates import DuplicateLink, find_duplicates

__all__ = ["DEFAULT_WINDOW_DAYS", "NOT_HAPPENED", "StoryEvent", "merge_events"]

DEFAULT_WINDOW_DAYS = 3
#: Modalities of events that did not (or may not) happen; they are left out of stories.
NOT_HAPPENED = frozenset({"negated", "hypothetical"})


@dataclass
class StoryEvent:
    """One happening, with every report of it as evidence.

    ``source``/``target`` are actor keys (``USA``, ``IGO:UN``); ``code`` is the most
    frequent CAMEO code among independent articles (ties: the most specific); ``evidence``
    lists ``{article_id, event_id, sentence, trigger, rule, duplicate_of}``.
    """

    id: str
    date: str | None
    source: str | None
    target: str | None
    code: str
    root: str
    num_articles: int
    num_sources: int
    evidence: list[dict[str, Any]] = field(default_factory=list)
    merge_reason: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class _Report:
    """One event as one article reports it, with what merging needs to know."""

    order: int
    article: Article
    event: Event
    date: str | None
    first: Date | None
    last: Date | None
    canonical: str
    kind: str | None  # "exact"/"near" if the article is a copy

    @property
    def precision(self) -> str:
        if self.first is None:
            return "vague"
        return "day" if self.first == self.last else "month"


def merge_events(
    results: Iterable[Result],
    *,
    window_days: int = DEFAULT_WINDOW_DAYS,
    duplicates: list[DuplicateLink] | None = None,
) -> list[StoryEvent]:
    """Story events from the events of ``results``, oldest first.

    ``duplicates`` says which articles are copies of which; None finds them from the
    articles' text (``find_duplicates``), ``[]`` treats every article as independent.
    """
    if window_days < 0:
        raise ValueError(f"window_days must be 0 or more, not {window_days!r}")
    results = list(results)
    if duplicates is None:
        duplicates = find_duplicates(result.article for result in results)
    copies = {link.article_id: link for link in duplicates}
    groups: dict[tuple[str | None, str | None, str], list[_Report]] = defaultdict(list)
    singles: list[list[_Report]] = []
    order = 0
    for result in results:
        link = copies.get(result.article.id)
        for event in result.events:
            if event.modality in NOT_HAPPENED:
                continue
            report = _report(order, result.article, event, link)
            order += 1
            source = actor_key(event.source)
            if source is None:  # unknown actor: nothing to match on
                singles.append([report])
            else:
                groups[(source, actor_key(event.target), event.root)].append(report)
    clusters = [cluster for reports in groups.values() for cluster in _cluster(reports, window_days)]
    stories = [_story(cluster, window_days) for cluster in clusters + singles]
    return sorted(stories, key=lambda s: (s.date is None, s.date or "", s.source or "", s.target or "", s.root, s.id))


def _report(order: int, article: Article, event: Event, link: DuplicateLink | None) -> _Report:
    when = event.date or article.date
    first, last = _interval(when)
    canonical = link.duplicate_of if link else article.id
    return _Report(order, article, event, when, first, last, canonical, link.kind if link else None)


def _interval(value: str | None) -> tuple[Date | None, Date | None]:
    """The days an ISO date covers: one day, a whole month, or (year/unknown) nothing usable."""
    if not value:
        return None, None
    parts = value.split("-")
    try:
        if len(parts) == 3:
            day = Date(int(parts[0]), int(parts[1]), int(parts[2]))
            return day, day
        if len(parts) == 2:
            year, month = int(parts[0]), int(parts[1])
            return Date(year, month, 1), Date(year, month, calendar.monthrange(year, month)[1])
    except ValueError:
        pass
    return None, None


def _cluster(reports: list[_Report], window_days: int) -> list[list[_Report]]:
    """Clusters of one dyad and root: day dates greedily, then month dates, then vague ones."""
    clusters: list[list[_Report]] = []
    spans: list[tuple[Date, Date]] = []
    for report in sorted((r for r in reports if r.precision == "day"), key=lambda r: (r.first, r.order)):
        assert report.first is not None
        if spans and (report.first - spans[-1][0]).days <= window_days:
            clusters[-1].append(report)
            spans[-1] = (spans[-1][0], report.first)
        else:
            clusters.append([report])
            spans.append((report.first, report.first))
    by_month: dict[str, list[_Report]] = {}
    for report in (r for r in reports if r.precision == "month"):
        assert report.first is not None and report.last is not None
        home = next((i for i, (lo, hi) in enumerate(spans) if lo <= report.last and report.first <= hi), None)
        if home is not None:
            clusters[home].append(report)
        else:
            by_month.setdefault(report.first.isoformat()[:7], []).append(report)
    by_copy: dict[tuple[str, str | None], list[_Report]] = {}
    for report in (r for r in reports if r.precision == "vague"):
        by_copy.setdefault((report.canonical, report.date), []).append(report)
    return clusters + list(by_month.values()) + list(by_copy.values())


def _story(reports: list[_Report], window_days: int) -> StoryEvent:
    reports = sorted(reports, key=lambda r: r.order)
    keys = "|".join(sorted(f"{r.article.id}:{r.event.id}" for r in reports))
    days = sorted(r.first for r in reports if r.precision == "day" and r.first)
    months = sorted({r.date for r in reports if r.precision == "month" and r.date})
    date = days[0].isoformat() if days else (months[0] if months else reports[0].date)
    first = reports[0].event
    return StoryEvent(
        id="s" + hashlib.sha1(keys.encode("utf-8")).hexdigest()[:15],
        date=date,
        source=actor_key(first.source),
        target=actor_key(first.target),
        code=_code(reports),
        root=first.root,
        num_articles=len({r.canonical for r in reports}),
        num_sources=len({r.article.source for r in reports if r.article.source}),
        evidence=[_evidence(r) for r in reports],
        merge_reason=_reason(reports, days, months, window_days),
    )


def _code(reports: list[_Report]) -> str:
    """Most frequent code, one vote per independent article; ties go to the most specific."""
    votes = Counter(code for _, code in {(r.canonical, r.event.code) for r in reports})
    return min(votes, key=lambda code: (-votes[code], -len(code), code))


def _evidence(report: _Report) -> dict[str, Any]:
    evidence = report.event.evidence
    return {
        "article_id": report.article.id,
        "event_id": report.event.id,
        "sentence": evidence.text,
        "trigger": evidence.trigger,
        "rule": evidence.rule,
        "duplicate_of": report.canonical if report.kind else None,
    }


def _reason(reports: list[_Report], days: list[Date], months: list[str], window_days: int) -> str:
    """Why these reports are one story, in words a reader can check against the evidence."""
    first = reports[0].event
    dyad = f"{actor_key(first.source) or '?'}->{actor_key(first.target) or 'none'}"
    articles = list(dict.fromkeys(r.article.id for r in reports))
    if len(reports) == 1:
        return f"single report: {dyad}, root {first.root}, date {reports[0].date or 'unknown'} in {articles[0]}"
    if days and days[0] != days[-1]:
        when = f"dates {days[0].isoformat()}..{days[-1].isoformat()} within {window_days} days"
    elif days:
        when = f"date {days[0].isoformat()}"
    else:
        when = f"date {reports[0].date or 'unknown'} in copies of one article"
    if months:
        when += f", month {', '.join(months)} overlaps"
    parts = [f"same dyad {dyad}, root {first.root}, {when}"]
    kinds: dict[str, set[str]] = defaultdict(set)
    for report in reports:
        if report.kind and report.article.id != report.canonical:
            kinds[report.canonical].add(report.kind)
    for canonical, found in kinds.items():
        copies = {r.article.id for r in reports if r.kind and r.canonical == canonical and r.article.id != canonical}
        label = {frozenset({"near"}): "near-duplicates", frozenset({"exact"}): "exact duplicates"}.get(
            frozenset(found), "duplicates"
        )
        parts.append(f"{len(copies)} of {len(articles)} articles are {label} of {canonical}")
    independent = len({r.canonical for r in reports})
    outlets = len({r.article.source for r in reports if r.article.source})
    parts.append(f"{_plural(independent, 'independent article')}, {_plural(outlets, 'outlet')}")
    return "; ".join(parts)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"
