"""``diplograph ingest``: read, extract and store articles, one transaction per batch."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TypeVar

import click

from diplograph.cli.extract import Tally, readable_articles
from diplograph.cli.options import date_option, db_option, model_option
from diplograph.cli.output import echo_error
from diplograph.errors import StoreError
from diplograph.store import Store

T = TypeVar("T")


def chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Lists of ``size`` items (the last may be shorter)."""
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


@click.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@db_option
@date_option
@model_option
@click.option(
    "--batch-size",
    type=click.IntRange(min=1),
    default=50,
    show_default=True,
    help="Articles stored per transaction.",
)
@click.pass_context
def ingest(
    ctx: click.Context,
    paths: tuple[str, ...],
    db: str,
    date: str | None,
    model: str | None,
    dictionaries: tuple[str, ...],
    lexicons: tuple[str, ...],
    batch_size: int,
) -> None:
    """Extract articles and store the results in a DuckDB database.

    PATH is anything `diplograph extract` reads. Articles already stored (same id) are
    skipped, so ingesting the same files twice stores them once. Each batch is written
    in one transaction: a failing batch is reported and leaves no trace, earlier batches
    stay. The exit status is 1 if any input or batch failed.

    \b
    Example:
        diplograph ingest news/ --db news.duckdb --batch-size 100
    """
    from diplograph import extract_articles

    tally = Tally()
    stored = skipped = 0
    with Store(db) as store:
        articles = readable_articles(paths, date=date, tally=tally)
        for batch in chunked(
            extract_articles(articles, model=model, dictionaries=dictionaries, lexicons=lexicons), batch_size
        ):
            try:
                report = store.write(batch)
            except StoreError as e:
                echo_error(e)
                tally.failed += len(batch)
                continue
            stored += report.stored
            skipped += report.skipped
    click.echo(f"{tally.read} articles read, {stored} stored, {skipped} already stored, {tally.failed} failed")
    if tally.failed:
        ctx.exit(1)
