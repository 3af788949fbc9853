"""``diplograph quotes``: query stored quotes."""

from __future__ import annotations

import click

from diplograph.cli.options import db_option
from diplograph.cli.output import Column, emit, output_options
from diplograph.store import Store

QUOTE_COLUMNS: list[Column] = [
    ("DATE", "date"),
    ("SPEAKER", "speaker_name"),
    ("CODE", "speaker_code"),
    ("KIND", "kind"),
    ("TEXT", "text"),
]


@click.command()
@db_option
@click.option("--speaker", help="Speaker name containing this (any case), e.g. maduro.")
@click.option("--since", metavar="DATE", help="Articles on or after YYYY, YYYY-MM or YYYY-MM-DD.")
@click.option("--until", metavar="DATE", help="Articles on or before YYYY, YYYY-MM or YYYY-MM-DD.")
@click.option("--limit", type=click.IntRange(min=1), help="At most this many quotes.")
@output_options
def quotes(db: str, speaker: str | None, since: str | None, until: str | None, limit: int | None, fmt: str) -> None:
    """List stored quotes with their speaker, by article date.

    \b
    Example:
        diplograph quotes --speaker maduro --since 2019-09 --format jsonl
    """
    with Store(db, read_only=True) as store:
        rows = store.quotes(speaker=speaker, since=since, until=until, limit=limit)
    emit(rows, fmt, columns=QUOTE_COLUMNS)
