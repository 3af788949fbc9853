"""``diplograph actors``: the stored actors, most involved first."""

from __future__ import annotations

import click

from diplograph.cli.options import db_option
from diplograph.cli.output import Column, emit, output_options
from diplograph.store import Store

ACTOR_COLUMNS: list[Column] = [
    ("CODE", "code"),
    ("NAME", "name"),
    ("COUNTRY", "country"),
    ("KIND", "kind"),
    ("ARTICLES", "articles"),
    ("MENTIONS", "mentions"),
    ("EVENTS", "events"),
]


@click.command()
@db_option
@click.option("--limit", type=click.IntRange(min=1), help="At most this many actors.")
@output_options
def actors(db: str, limit: int | None, fmt: str) -> None:
    """List actors by code and name, with how many articles, mentions and events they have.

    \b
    Example:
        diplograph actors --limit 20
    """
    with Store(db, read_only=True) as store:
        rows = store.actors(limit=limit)
    emit(rows, fmt, columns=ACTOR_COLUMNS)
