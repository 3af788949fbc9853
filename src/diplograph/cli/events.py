"""``diplograph events``: query stored events."""

from __future__ import annotations

import click

from diplograph.cli.options import db_option
from diplograph.cli.output import Column, emit, output_options
from diplograph.records import MODALITIES
from diplograph.store import Store

EVENT_COLUMNS: list[Column] = [
    ("DATE", "date"),
    ("SOURCE", "source_code"),
    ("EVENT", lambda row: f"{row['code']} {row['label']}"),
    ("TARGET", "target_code"),
    ("MODALITY", "modality"),
    ("TRIGGER", "trigger"),
    ("ARTICLE", "article_id"),
]


@click.command()
@db_option
@click.option("--actor", help="Source or target code/country starting with this, e.g. VEN.")
@click.option("--source", help="Source code/country starting with this.")
@click.option("--target", help="Target code/country starting with this.")
@click.option("--code", help="CAMEO code starting with this, e.g. 04 or 042.")
@click.option("--root", help="CAMEO root code, e.g. 16.")
@click.option("--since", metavar="DATE", help="On or after YYYY, YYYY-MM or YYYY-MM-DD.")
@click.option("--until", metavar="DATE", help="On or before YYYY, YYYY-MM or YYYY-MM-DD.")
@click.option("--modality", type=click.Choice(MODALITIES), help="Only this modality.")
@click.option("--limit", type=click.IntRange(min=1), help="At most this many events.")
@output_options
def events(
    db: str,
    actor: str | None,
    source: str | None,
    target: str | None,
    code: str | None,
    root: str | None,
    since: str | None,
    until: str | None,
    modality: str | None,
    limit: int | None,
    fmt: str,
) -> None:
    """List stored events, oldest first, filtered by actor, code and date.

    Partial event dates match a range that overlaps them: an event dated 2019-07
    matches --since 2019-07-15.

    \b
    Example:
        diplograph events --actor VEN --root 16 --since 2019-01 --format csv
    """
    with Store(db, read_only=True) as store:
        rows = store.events(
            actor=actor, source=source, target=target, code=code, root=root,
            since=since, until=until, modality=modality, limit=limit,
        )  # fmt: skip
    emit(rows, fmt, columns=EVENT_COLUMNS)
