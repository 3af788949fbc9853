"""``diplograph ingest``: read, extract and store articles, one transaction per batch.

Extraction runs in this process, in ``--workers`` processes, or on a Dask cluster
(``--engine dask``); results go to the DuckDB database, or to Parquet with ``--out``.
Articles already stored are skipped before extraction, so a rerun resumes.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, redirect_stderr
from typing import TYPE_CHECKING, Any, TextIO

import click

from diplograph.batch.resume import skip_stored
from diplograph.batch.tasks import chunked
from diplograph.cli.extract import Tally, readable_articles
from diplograph.cli.options import date_option, db_option, model_option
from diplograph.cli.output import echo_error
from diplograph.errors import StoreError

if TYPE_CHECKING:
    from diplograph.records import Article, Result

__all__ = ["chunked", "ingest"]

ENGINES = ("local", "dask")
#: Articles per batch sent to a --workers process. Small batches keep the workers equally busy
#: to the end of a run (a 50-article batch can leave one core idle for seconds) at a
#: negligible cost per batch; transactions stay --batch-size.
WORKER_BATCH = 10
DEFAULT_PARQUET_DIR = "diplograph-parquet"


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
    help="Articles per transaction and per Dask task (worker processes get batches of at most "
    f"{WORKER_BATCH}, so that they finish together).",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    metavar="N",
    help="Worker processes on this machine, each loading the model once: the fast path on one machine "
    "(default 1). With --engine dask and no --scheduler: local Dask workers (default 2).",
)
@click.option(
    "--engine",
    type=click.Choice(ENGINES),
    default="local",
    show_default=True,
    help="local: this machine (see --workers); dask: a Dask cluster, writing Parquet (needs the dask extra).",
)
@click.option("--scheduler", metavar="ADDR", help="Dask scheduler address, e.g. tcp://10.0.0.5:8786 (--engine dask).")
@click.option(
    "--out",
    type=click.Path(file_okay=False),
    metavar="DIR",
    help=f"Write Parquet tables to DIR instead of the database (default with --engine dask: {DEFAULT_PARQUET_DIR}/).",
)
@click.option(
    "--prescan/--no-prescan",
    default=False,
    show_default=True,
    help="Skip parsing sentences with no trigger word or no possible actor: faster; actors named only "
    "in skipped sentences are not stored.",
)
@click.option(
    "--stories/--no-stories",
    default=True,
    show_default=True,
    help="After storing, link duplicate articles and merge reports of one happening into story events "
    "(as `diplograph stories` does; the database only). --no-stories leaves that to a later "
    "`diplograph stories`, e.g. between the parts of a corpus ingested in several runs.",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar (it is only shown when stderr is a terminal).")
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
    workers: int | None,
    engine: str,
    scheduler: str | None,
    out: str | None,
    prescan: bool,
    stories: bool,
    quiet: bool,
) -> None:
    """Extract articles and store the results in a DuckDB database (or Parquet).

    PATH is anything `diplograph extract` reads. Articles already stored (same id) are
    skipped before extraction, so ingesting the same files twice stores them once, and
    rerunning an interrupted ingest finishes it. Each batch is written in one transaction:
    a failing batch is reported and leaves no trace, earlier batches stay. The exit status
    is 1 if any input or batch failed.

    On one machine, --workers N is the fastest way to use N cores. --engine dask runs the
    same extraction on a Dask cluster (local, or --scheduler ADDR) and writes Parquet
    partitioned by month to --out; `diplograph load` brings it into DuckDB.

    \b
    Example:
        diplograph ingest news/ --db news.duckdb --workers 4
        diplograph ingest news/ --engine dask --scheduler tcp://10.0.0.5:8786 --out parquet/
    """
    if scheduler and engine != "dask":
        raise click.UsageError("--scheduler needs --engine dask.")
    if engine == "dask":
        from diplograph.batch.dask_engine import require_dask

        require_dask()  # fail before reading anything when the extra is missing
        out = out or DEFAULT_PARQUET_DIR
    options = {"model": model, "dictionaries": dictionaries, "lexicons": lexicons, "prescan": prescan}
    tally = Tally()
    stored = skipped = 0
    with _open_store(db=db, out=out) as store, _progress(paths, quiet=quiet) as bar:

        def count_skipped(count: int) -> None:
            nonlocal skipped
            skipped += count
            bar.update(count)

        articles = readable_articles(paths, date=date, tally=tally)
        fresh = skip_stored(articles, stored_ids=store.stored_ids, batch_size=batch_size, on_skip=count_skipped)
        results = _extract(fresh, engine=engine, workers=workers, scheduler=scheduler, batch_size=batch_size, **options)
        for batch in chunked(results, batch_size):
            bar.update(len(batch))
            try:
                report = store.write(batch)
            except StoreError as e:
                echo_error(e)
                tally.failed += len(batch)
                continue
            stored += report.stored
            skipped += report.skipped
        bar.total = bar.n  # the total was an estimate; the run is complete
        click.echo(f"{tally.read} articles read, {stored} stored, {skipped} already stored, {tally.failed} failed")
        if stories and not out:
            _build_stories(store)
    if tally.failed:
        ctx.exit(1)


def _build_stories(store: Any) -> None:
    """Rebuild duplicates and story events when the stored articles or events changed."""
    from diplograph.stories.store import is_current, rebuild

    if is_current(store.conn):
        return
    report = rebuild(store.conn)
    click.echo(
        f"{report.stories} story events from {report.evidence} events; "
        f"{report.duplicates} articles are copies of others (`diplograph stories` lists them)"
    )


def _extract(
    articles: Iterable[Article],
    *,
    engine: str,
    workers: int | None,
    scheduler: str | None,
    batch_size: int,
    **options: Any,
) -> Iterator[Result]:
    """Results of ``articles`` from the chosen engine, in input order."""
    if engine == "dask":
        from diplograph.batch.dask_engine import run_dask

        return run_dask(articles, scheduler=scheduler, workers=workers or 2, batch_size=batch_size, **options)
    from diplograph.batch.pool import run_parallel

    return run_parallel(articles, workers=workers or 1, batch_size=min(batch_size, WORKER_BATCH), **options)


def _open_store(*, db: str, out: str | None) -> Any:
    """The DuckDB Store, or a ParquetStore writing to ``out``: both skip known ids."""
    if out:
        from diplograph.store.parquet import ParquetStore

        return ParquetStore(out)
    from diplograph.store import Store

    return Store(db)


@contextmanager
def _progress(paths: Iterable[str], *, quiet: bool) -> Iterator[Any]:
    """A tqdm bar on stderr with rate and ETA, silent unless stderr is a terminal.

    While it is shown, other stderr output (errors on bad inputs) is printed above it
    rather than into it.
    """
    from tqdm import tqdm

    show = not quiet and stderr_is_terminal()
    total = None
    if show:
        from diplograph.readers import count_articles

        total = count_articles(paths)
    stderr = sys.stderr
    with tqdm(total=total, unit="article", file=stderr, disable=not show, dynamic_ncols=True) as bar:
        if not show:
            yield bar
            return
        with redirect_stderr(_AboveTheBar(stderr, bar)):
            yield bar


class _AboveTheBar(io.TextIOBase):
    """A stderr that clears the progress bar, writes, then redraws the bar."""

    def __init__(self, stream: TextIO, bar: Any):
        self.stream = stream
        self.bar = bar

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self.stream.encoding

    def write(self, text: str) -> int:
        with self.bar.external_write_mode(file=self.stream):
            self.stream.write(text)
        return len(text)

    def flush(self) -> None:
        self.stream.flush()


def stderr_is_terminal() -> bool:
    """Whether a person is watching stderr; logs and pipes get no progress bar."""
    return sys.stderr.isatty()
