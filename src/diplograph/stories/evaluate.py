"""Measure duplicate detection and event merging on a labelled set (``eval/dedup``).

Run ``python -m diplograph.stories.evaluate eval/dedup``. The set has three files:

- ``articles.jsonl``: ``{id, source, date, title, text}``;
- ``duplicate_pairs.jsonl``: ``{article_id, duplicate_of, kind}``, every copy and its original;
- ``events.jsonl``: ``{id, article_id, source, target, code, date, modality, story, ...}``
  where ``source``/``target`` are actor keys and ``story`` names the happening (null for
  events that must not appear in any story: negated, hypothetical).

Both tasks are scored on pairs, because clusters are what matters: duplicate precision and
recall over pairs of articles in the same duplicate group; for merging, the false-merge
rate (share of merged event pairs that are different happenings) and the missed-merge rate
(share of same-happening pairs left apart). Merging runs on the duplicates found, not the
gold ones, so the figures are end to end.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from collections.abc import Iterable
from itertools import combinations
from pathlib import Path
from typing import Any

from diplograph.evaluate import IGO_KEYS
from diplograph.records import ActorRef, Article, Event, Evidence, Result
from diplograph.stories.duplicates import DEFAULT_CONTAINMENT, DEFAULT_NUM_PERM, DEFAULT_THRESHOLD, find_duplicates
from diplograph.stories.merge import DEFAULT_WINDOW_DAYS, merge_events

__all__ = ["evaluate", "load_jsonl", "main", "results_from"]

_IGO_CODES = {key: "IGO" + suffix for suffix, key in IGO_KEYS.items()}
_PRECISION = {4: "year", 7: "month", 10: "day"}


def evaluate(
    directory: str | Path,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    num_perm: int = DEFAULT_NUM_PERM,
    containment: float = DEFAULT_CONTAINMENT,
    window_days: int = DEFAULT_WINDOW_DAYS,
) -> dict[str, Any]:
    """Scores of duplicate finding and event merging on the set in ``directory``."""
    directory = Path(directory)
    rows = load_jsonl(directory / "articles.jsonl")
    articles = [Article(text=r["text"], date=r.get("date"), title=r.get("title"), source=r.get("source"), id=r["id"])
                for r in rows]  # fmt: skip
    gold_links = load_jsonl(directory / "duplicate_pairs.jsonl")
    event_rows = load_jsonl(directory / "events.jsonl")

    links = find_duplicates(articles, threshold=threshold, num_perm=num_perm, containment=containment)
    found = _pairs(_groups((lk.article_id, lk.duplicate_of) for lk in links))
    gold = _pairs(_groups((g["article_id"], g["duplicate_of"]) for g in gold_links))
    stories = merge_events(results_from(articles, event_rows), window_days=window_days, duplicates=links)

    story_of = {(e["article_id"], e["event_id"]): s.id for s in stories for e in s.evidence}
    labelled = [(r["article_id"], r["id"]) for r in event_rows if r.get("story")]
    label = {(r["article_id"], r["id"]): r.get("story") for r in event_rows}
    merged = {frozenset(p) for p in combinations(labelled, 2) if story_of.get(p[0]) == story_of.get(p[1])}
    same = {frozenset(p) for p in combinations(labelled, 2) if label[p[0]] == label[p[1]]}
    leaked = [key for key, story in label.items() if story is None and key in story_of]

    gold_stories: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for key in labelled:
        gold_stories[label[key]].add(key)
    found_stories = {s.id: {(e["article_id"], e["event_id"]) for e in s.evidence} for s in stories}
    exact = [s for s in stories if found_stories[s.id] in gold_stories.values()]
    canonical = _canonical(gold_links)
    counted = sum(s.num_articles == len({canonical.get(a, a) for a, _ in found_stories[s.id]}) for s in exact)
    return {
        "articles": len(articles),
        "gold_duplicate_pairs": len(gold),
        "duplicate_precision": _ratio(len(found & gold), len(found)),
        "duplicate_recall": _ratio(len(found & gold), len(gold)),
        "false_duplicate_pairs": sorted(tuple(sorted(p)) for p in found - gold),
        "missed_duplicate_pairs": sorted(tuple(sorted(p)) for p in gold - found),
        "events": len(event_rows),
        "gold_stories": len(gold_stories),
        "stories": len(stories),
        "stories_exact": len(exact),
        "num_articles_correct": counted,
        "false_merge_rate": _ratio(len(merged - same), len(merged)),
        "missed_merge_rate": _ratio(len(same - merged), len(same)),
        "false_merges": sorted({" + ".join(sorted((label[a], label[b]))) for a, b in map(tuple, merged - same)}),
        "missed_merges": sorted({label[next(iter(p))] for p in same - merged}),
        "leaked_events": len(leaked),
    }


def results_from(articles: Iterable[Article], event_rows: Iterable[dict[str, Any]]) -> list[Result]:
    """Results holding the hand-built events of the set, in article order."""
    results = {article.id: Result(article) for article in articles}
    for row in event_rows:
        results[row["article_id"]].events.append(_event(row))
    return list(results.values())


def load_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def main(argv: list[str] | None = None) -> int:
    """Print the scores: ``[directory] [--threshold T] [--containment C] [--window DAYS]``."""
    parser = argparse.ArgumentParser(prog="python -m diplograph.stories.evaluate", description=__doc__.split("\n")[0])
    parser.add_argument("directory", nargs="?", default="eval/dedup")
    parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    parser.add_argument("--containment", type=float, default=DEFAULT_CONTAINMENT, help="above 1 disables it")
    parser.add_argument("--window", type=int, default=DEFAULT_WINDOW_DAYS)
    args = parser.parse_args(argv)
    scores = evaluate(args.directory, threshold=args.threshold, containment=args.containment, window_days=args.window)
    print(
        f"articles {scores['articles']}, gold duplicate pairs {scores['gold_duplicate_pairs']}\n"
        f"duplicate precision {scores['duplicate_precision']:.3f}  recall {scores['duplicate_recall']:.3f}\n"
        f"events {scores['events']}, gold stories {scores['gold_stories']}, stories {scores['stories']} "
        f"({scores['stories_exact']} exactly right, num_articles right in {scores['num_articles_correct']})\n"
        f"false-merge rate {scores['false_merge_rate']:.3f}  missed-merge rate {scores['missed_merge_rate']:.3f}  "
        f"leaked negated/hypothetical events {scores['leaked_events']}"
    )
    for name in ("false_duplicate_pairs", "missed_duplicate_pairs", "false_merges", "missed_merges"):
        if scores[name]:
            print(f"{name.replace('_', ' ')}: {', '.join(map(str, scores[name]))}")
    return 0


def _event(row: dict[str, Any]) -> Event:
    sentence = row.get("sentence") or ""
    date = row.get("date")
    return Event(
        id=row["id"],
        date=date,
        date_precision=_PRECISION.get(len(date or ""), "unknown"),
        source=_ref(row["source"]),  # type: ignore[arg-type]
        target=_ref(row.get("target")),
        code=row["code"],
        root=row["code"][:2],
        label=row["code"],
        goldstein=0.0,
        quad_class=0,
        modality=row.get("modality", "asserted"),
        evidence=Evidence(0, sentence, 0, len(sentence), row.get("trigger", ""), 0, 0, "eval"),
    )


def _ref(key: str | None) -> ActorRef | None:
    """An ActorRef that ``actor_key`` turns back into ``key``."""
    if key is None:
        return None
    if key.startswith("IGO:"):
        code = _IGO_CODES.get(key, "IGO" + key.removeprefix("IGO:"))
        return ActorRef(key, key, code, None, None, "igo")
    return ActorRef(key, key, key, key, None, "state")


def _groups(links: Iterable[tuple[str, str]]) -> list[set[str]]:
    """Connected groups of articles joined by duplicate links."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in links:
        parent[find(a)] = find(b)
    groups: dict[str, set[str]] = defaultdict(set)
    for x in list(parent):
        groups[find(x)].add(x)
    return list(groups.values())


def _pairs(groups: list[set[str]]) -> set[frozenset[str]]:
    return {frozenset(p) for group in groups for p in combinations(sorted(group), 2)}


def _canonical(gold_links: list[dict[str, Any]]) -> dict[str, str]:
    return {link["article_id"]: link["duplicate_of"] for link in gold_links}


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


if __name__ == "__main__":
    raise SystemExit(main())
