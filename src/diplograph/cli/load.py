"""``diplograph load``: bring Parquet written by ``ingest --out`` into a DuckDB database."""

from __future__ import annotations

import click

from diplograph.cli.options import db_option


@click.command()
@click.argument("directory", type=click.Path(exists=True, file_okay=False), metavar="DIR")
@db_option
def load(directory: str, db: str) -> None:
    """Load the Parquet tables of DIR (from `diplograph ingest --out`) into the database.

    Articles already in the database are skipped with their events, quotes and actors, so
    loading the same directory twice, or overlapping runs, stores everything once. All of
    DIR is loaded in one transaction. DuckDB can also query the Parquet in place, without
    loading: see docs/scale.md.

    \b
    Example:
        diplograph load diplograph-parquet/ --db news.duckdb
    """
    from diplograph.store import Store

    with Store(db) as store:
        report = store.load_parquet(directory)
    found = report.stored + report.skipped
    click.echo(f"{found} articles found, {report.stored} loaded, {report.skipped} already stored")
