"""Batch engines: worker processes, resuming an ingest, the Dask engine, Parquet and load.

Tests marked ``nlp`` run the real NLP core in worker processes and compare with a run in
this process; the resume tests replace ``diplograph.extract_articles`` with a stub that
counts what it is asked to extract.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

import diplograph
from diplograph.batch import chunked, run_parallel, skip_stored
from diplograph.cli.main import cli
from diplograph.records import Article, Result

CORPUS = [
    ("2024-05-11", "Burkina Faso expelled the Ivorian ambassador on Saturday. Ivory Coast condemned the decision."),
    ("2024-05-12", "Ghana offered on Sunday to mediate between Burkina Faso and Ivory Coast."),
    ("2023-11-02", "Fiji and Tonga resumed talks on fisheries on Thursday in Suva."),
    ("2023-11-01", "Samoa recalled its envoy to New Zealand on Wednesday."),
    (None, "Russia condemned the missile test by North Korea."),
    ("2019-09-23", 'Venezuela thanked Russia for its support. "We are grateful," Maduro said.'),
]


def corpus() -> list[Article]:
    return [Article(text, date=date) for date, text in CORPUS]


def write_corpus(directory: Path, items: list[tuple[str | None, str]] = CORPUS) -> list[str]:
    """The articles as text files with date headers, in order."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, (date, text) in enumerate(items):
        path = directory / f"{i:02d}.txt"
        path.write_text(f"date {date} {text}" if date else text, encoding="utf-8")
        paths.append(str(path))
    return paths


def run(*args: str) -> object:
    return CliRunner().invoke(cli, list(args))


def rows(db: str, table: str) -> list[tuple]:
    columns = "* EXCLUDE (ingested_at)" if table == "articles" else "*"
    order = "id" if table == "articles" else "article_id, idx"
    with duckdb.connect(db, read_only=True) as conn:
        return conn.execute(f"SELECT {columns} FROM {table} ORDER BY {order}").fetchall()


class CountingCore:
    """A stand-in for ``extract_articles`` that records the articles it extracts and can
    fail after ``fail_after`` of them, as a killed ingest would stop."""

    def __init__(self, fail_after: int | None = None):
        self.extracted: list[str] = []
        self.fail_after = fail_after

    def __call__(self, articles: Iterable[Article], **options: object) -> Iterator[Result]:
        for article in articles:
            if self.fail_after is not None and len(self.extracted) >= self.fail_after:
                raise KeyboardInterrupt
            self.extracted.append(article.id)
            yield Result(article)


@pytest.mark.nlp
def test_batch_run_parallel_matches_in_process() -> None:
    expected = [result.to_dict() for result in diplograph.extract_articles(corpus())]
    results = run_parallel(corpus(), workers=2, batch_size=2)
    assert [result.to_dict() for result in results] == expected
    assert any(result["events"] for result in expected)


def test_batch_run_parallel_one_worker_runs_in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    core = CountingCore()
    monkeypatch.setattr(diplograph, "extract_articles", core)
    results = list(run_parallel(corpus(), workers=1))
    assert [r.article.id for r in results] == core.extracted == [a.id for a in corpus()]


def test_batch_skip_stored_asks_once_per_batch() -> None:
    asked: list[list[str]] = []
    stored = {a.id for a in corpus()[:3]}
    skipped: list[int] = []

    def stored_ids(ids: list[str]) -> set[str]:
        asked.append(ids)
        return stored & set(ids)

    fresh = list(skip_stored(corpus(), stored_ids=stored_ids, batch_size=4, on_skip=skipped.append))
    assert [a.id for a in fresh] == [a.id for a in corpus()[3:]]
    assert [len(ids) for ids in asked] == [4, 2] and skipped == [3]


def test_batch_chunked() -> None:
    assert list(chunked(range(5), 2)) == [[0, 1], [2, 3], [4]]


def test_batch_resume_skips_stored_articles(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    paths = write_corpus(tmp_path / "news", CORPUS[:5])
    db = str(tmp_path / "resume.duckdb")
    monkeypatch.setattr(diplograph, "extract_articles", CountingCore())
    assert run("ingest", *paths[:3], "--db", db).exit_code == 0
    core = CountingCore()
    monkeypatch.setattr(diplograph, "extract_articles", core)
    second = run("ingest", *paths, "--db", db, "--batch-size", "2")
    assert second.exit_code == 0
    assert second.stdout.splitlines()[0] == "5 articles read, 2 stored, 3 already stored, 0 failed"
    assert len(core.extracted) == 2 and len(rows(db, "articles")) == 5


def test_batch_resume_finishes_an_interrupted_ingest(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    paths = write_corpus(tmp_path / "news")
    db = str(tmp_path / "killed.duckdb")
    monkeypatch.setattr(diplograph, "extract_articles", CountingCore(fail_after=3))
    killed = run("ingest", *paths, "--db", db, "--batch-size", "2")
    assert killed.exit_code != 0 and len(rows(db, "articles")) == 2  # the first batch only
    core = CountingCore()
    monkeypatch.setattr(diplograph, "extract_articles", core)
    rerun = run("ingest", *paths, "--db", db, "--batch-size", "2")
    assert rerun.stdout.splitlines()[0] == "6 articles read, 4 stored, 2 already stored, 0 failed"
    assert len(core.extracted) == 4
    assert sorted(row[0] for row in rows(db, "articles")) == sorted(a.id for a in corpus())


@pytest.mark.nlp
def test_batch_dask_local_cluster_matches_single_process() -> None:
    from diplograph.batch.dask_engine import run_dask

    articles = corpus()[:4]
    expected = [result.to_dict() for result in diplograph.extract_articles(articles)]
    started = time.monotonic()
    results = [result.to_dict() for result in run_dask(articles, workers=2, batch_size=1)]
    assert results == expected
    assert time.monotonic() - started < 60


@pytest.fixture(scope="module")
def direct_and_parquet(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path, list[str]]:
    """The corpus ingested into DuckDB in this process, and with the Dask engine to Parquet."""
    tmp = tmp_path_factory.mktemp("parquet")
    paths = write_corpus(tmp / "news")
    db = str(tmp / "direct.duckdb")
    assert run("ingest", *paths, "--db", db).exit_code == 0
    out = tmp / "parquet"
    result = run("ingest", *paths, "--engine", "dask", "--workers", "2", "--batch-size", "2", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "6 articles read, 6 stored, 0 already stored, 0 failed"
    return db, out, paths


@pytest.mark.nlp
def test_batch_parquet_loaded_equals_direct_ingest(direct_and_parquet: tuple[str, Path, list[str]]) -> None:
    direct, out, _ = direct_and_parquet
    loaded = str(out.parent / "loaded.duckdb")
    result = run("load", str(out), "--db", loaded)
    assert result.exit_code == 0 and result.stdout.strip() == "6 articles found, 6 loaded, 0 already stored"
    for table in ("articles", "events", "quotes", "actors"):
        assert rows(loaded, table) == rows(direct, table), table
    assert rows(direct, "events")


@pytest.mark.nlp
def test_batch_parquet_partitioned_by_month(direct_and_parquet: tuple[str, Path, list[str]]) -> None:
    _, out, _ = direct_and_parquet
    months = sorted(p.name for p in (out / "articles").iterdir())
    assert months == ["month=2019-09", "month=2023-11", "month=2024-05", "month=unknown"]
    sql = "SELECT month, date FROM read_parquet(?, hive_partitioning = true) WHERE month <> 'unknown'"
    dated = duckdb.execute(sql, [str(out / "events" / "**" / "*.parquet")]).fetchall()
    # The folder gives the month; the rows keep their full dates.
    assert dated and all(date.startswith(month) and len(date) >= len(month) for month, date in dated)


@pytest.mark.nlp
def test_batch_parquet_rerun_and_reload_store_nothing_twice(direct_and_parquet: tuple[str, Path, list[str]]) -> None:
    _, out, paths = direct_and_parquet
    files = sorted(out.rglob("*.parquet"))
    again = run("ingest", *paths, "--out", str(out))
    assert again.stdout.splitlines()[0] == "6 articles read, 0 stored, 6 already stored, 0 failed"
    assert sorted(out.rglob("*.parquet")) == files
    db = str(out.parent / "twice.duckdb")
    run("load", str(out), "--db", db)
    second = run("load", str(out), "--db", db)
    assert second.stdout.strip() == "6 articles found, 0 loaded, 6 already stored"
    assert len(rows(db, "articles")) == 6


def test_batch_load_without_parquet_is_an_error(tmp_path: Path) -> None:
    result = run("load", str(tmp_path), "--db", str(tmp_path / "x.duckdb"))
    assert result.exit_code == 1 and result.stderr.startswith("Error: [E033]")


@pytest.mark.parametrize("module", ["distributed", "dask"])
def test_batch_missing_dask_names_the_extra(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, module: str) -> None:
    from diplograph.batch.dask_engine import run_dask

    monkeypatch.setitem(sys.modules, module, None)  # makes `import <module>` fail
    if module == "dask":
        monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(ModuleNotFoundError, match=r"pip install 'diplograph\[dask\]'"):
        list(run_dask(corpus()))
    result = run("ingest", *write_corpus(tmp_path), "--engine", "dask")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: [E060]") and "pip install 'diplograph[dask]'" in result.stderr


def test_batch_scheduler_needs_the_dask_engine(tmp_path: Path) -> None:
    result = run("ingest", *write_corpus(tmp_path), "--scheduler", "tcp://127.0.0.1:8786")
    assert result.exit_code == 2 and "--engine dask" in result.output
