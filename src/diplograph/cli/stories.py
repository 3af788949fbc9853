"""``diplograph stories``: build (when out of date) and list story events."""

from __future__ import annotations

import click

from diplograph.cli.options import db_option
from diplograph.cli.output import Column, emit, output_options

STORY_COLUMNS: list[Column] = [
    ("DATE", "date"),
    ("SOURCE", "source_code"),
    ("CODE", "code"),
    ("TARGET", "target_code"),
    ("ARTICLES", "num_articles"),
    ("OUTLETS", "num_sources"),
    ("WHY", "merge_reason"),
]


@click.command()
@db_option
@click.option(
    "--window",
    "window_days",
    type=click.IntRange(min=0),
    default=3,
    show_default=True,
    help="Days between the earliest and latest report of one happening.",
)
@click.option(
    "--threshold",
    type=click.FloatRange(min=0.0, max=1.0, min_open=True),
    default=0.6,
    show_default=True,
    help="Estimated Jaccard similarity (word 5-shingles) above which articles are near-duplicates.",
)
@click.option("--rebuild", is_flag=True, help="Rebuild duplicates and stories even if they are up to date.")
@click.option("--limit", type=click.IntRange(min=1), help="At most this many stories.")
@output_options
def stories(db: str, window_days: int, threshold: float, rebuild: bool, limit: int | None, fmt: str) -> None:
    """List story events: reports of one happening from many articles, merged.

    Syndicated copies of an article count once (ARTICLES counts independent articles,
    OUTLETS distinct sources). Stories are rebuilt from the stored events when articles
    were added or the parameters changed; see docs/stories.md.

    \b
    Example:
        diplograph stories --window 3 --format jsonl
    """
    from diplograph.stories.store import list_stories

    rows = list_stories(db, window_days=window_days, threshold=threshold, force=rebuild, limit=limit)
    emit(rows, fmt, columns=STORY_COLUMNS)
