"""Parquet output for large runs, and loading it back into DuckDB.

Layout: one folder per table (``articles/``, ``events/``, ``quotes/``, ``actors/``), each
split hive-style by month, ``month=YYYY-MM/`` (``month=unknown`` when undated): an
event's own date when it names a month, else its article's date. The files hold exactly
the columns of the DuckDB tables, built by the same row builders (``store.writer``).

The partition key is ``month``, not ``date``: with ``hive_partitioning=true``, DuckDB
would let a ``date=2019-09`` folder overwrite the ``date`` column (``2019-09-23``) of
every row.

Each batch writes one file per table and month, named from its article ids and renamed
into place, articles last. An article is stored once its ``articles/`` file exists; a
rerun of an interrupted batch rewrites the same file names, so nothing is stored twice.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from diplograph.errors import Messages, StoreError
from diplograph.store.schema import TABLES
from diplograph.store.writer import WriteReport, write_results

if TYPE_CHECKING:
    from types import TracebackType

    import duckdb

    from diplograph.records import Result

PARTITION_KEY = "month"
#: Tables in the order a batch writes them: articles last, as they mark the batch done.
WRITE_ORDER = ("actors", "events", "quotes", "articles")
_MONTH = re.compile(r"\d{4}-\d{2}|unknown")
_MONTH_SQL = "CASE WHEN regexp_full_match(substr({d}, 1, 7), '\\d{{4}}-\\d{{2}}') THEN substr({d}, 1, 7) END"


def table_glob(directory: str | os.PathLike[str], table: str) -> str:
    """The glob of a table's files, for ``read_parquet``."""
    return str(Path(directory) / table / "**" / "*.parquet")


def has_table(directory: str | os.PathLike[str], table: str) -> bool:
    return any((Path(directory) / table).glob("**/*.parquet"))


class ParquetStore:
    """A directory of Parquet tables that ``ingest`` writes like a database.

    Rows are staged in an in-memory DuckDB with the real schema, so types and columns are
    those of the database; DuckDB then writes each month's rows to its file.
    """

    def __init__(self, path: str | os.PathLike[str]):
        import duckdb

        self.path = Path(path)
        self.conn = duckdb.connect(":memory:")
        for ddl in TABLES.values():
            self.conn.execute(ddl)
        # The ids already written, kept in DuckDB rather than a Python set: compact, and
        # asked once per batch as the database is.
        self.conn.execute("CREATE TABLE known (id VARCHAR)")
        if has_table(self.path, "articles"):
            sql = "INSERT INTO known SELECT id FROM read_parquet(?, hive_partitioning = false)"
            self.conn.execute(sql, [table_glob(self.path, "articles")])

    def stored_ids(self, ids: Iterable[str]) -> set[str]:
        """Those of ``ids`` already written to the directory."""
        rows = self.conn.execute("SELECT id FROM known WHERE list_contains(?, id)", [list(ids)]).fetchall()
        return {row[0] for row in rows}

    def write(self, results: Iterable[Result]) -> WriteReport:
        """Write a batch; articles already written are skipped. Raise StoreError E032 on failure."""
        import duckdb

        results = list(results)
        known = self.stored_ids(result.article.id for result in results)
        fresh: dict[str, Result] = {}
        for result in results:
            if result.article.id not in known:
                fresh.setdefault(result.article.id, result)
        if not fresh:
            return WriteReport(stored=0, skipped=len(results))
        written: list[Path] = []
        try:
            write_results(self.conn, fresh.values())
            part = "part-" + hashlib.sha1("\n".join(sorted(fresh)).encode()).hexdigest()[:16] + ".parquet"
            for table in WRITE_ORDER:
                written += self._write_table(table, part)
            self.conn.execute("INSERT INTO known SELECT id FROM articles")
        except (OSError, duckdb.Error, StoreError) as e:
            for path in written:
                path.unlink(missing_ok=True)
            raise StoreError(Messages.fmt("E032", path=self.path, reason=str(e).splitlines()[0])) from e
        finally:
            for table in TABLES:
                self.conn.execute(f"DELETE FROM {table}")  # staging only: the batch is on disk
        return WriteReport(stored=len(fresh), skipped=len(results) - len(fresh))

    def _write_table(self, table: str, part: str) -> list[Path]:
        """Write the staged rows of ``table``, one file per month; return the files."""
        month = f"coalesce({_MONTH_SQL.format(d='a.date')}, 'unknown')"
        if table == "events":
            month = f"coalesce({_MONTH_SQL.format(d='t.date')}, {month})"
        key = "id" if table == "articles" else "article_id"
        staged = f"SELECT t.*, {month} AS __month FROM {table} t JOIN articles a ON a.id = t.{key}"
        months = [row[0] for row in self.conn.execute(f"SELECT DISTINCT __month FROM ({staged})").fetchall()]
        files = []
        for value in sorted(months):
            if not _MONTH.fullmatch(value):
                raise StoreError(f"unexpected partition {value!r}")
            folder = self.path / table / f"{PARTITION_KEY}={value}"
            folder.mkdir(parents=True, exist_ok=True)
            target, partial = folder / part, folder / (part + ".partial")
            query = f"COPY (SELECT * EXCLUDE (__month) FROM ({staged}) WHERE __month = ?) TO ? (FORMAT PARQUET)"
            self.conn.execute(query, [value, str(partial)])
            os.replace(partial, target)  # a file is whole or absent, even if we are killed
            files.append(target)
        return files

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> ParquetStore:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def load_parquet(conn: duckdb.DuckDBPyConnection, directory: str | os.PathLike[str]) -> WriteReport:
    """Copy the Parquet tables under ``directory`` into the database, in one transaction.

    Articles already stored are skipped with their events, quotes and actors, so loading
    twice (or loading overlapping runs) stores everything once.
    """
    if not has_table(directory, "articles"):
        raise StoreError(Messages.fmt("E033", path=directory))
    read = "read_parquet(?, hive_partitioning = false, union_by_name = true)"
    conn.execute("BEGIN TRANSACTION")
    try:
        conn.execute(
            f"CREATE TEMP TABLE incoming AS SELECT * FROM {read} QUALIFY row_number() OVER (PARTITION BY id) = 1",
            [table_glob(directory, "articles")],
        )
        conn.execute("CREATE TEMP TABLE fresh AS SELECT id FROM incoming ANTI JOIN articles USING (id)")
        conn.execute("INSERT INTO articles BY NAME SELECT * FROM incoming SEMI JOIN fresh USING (id)")
        for table in ("actors", "events", "quotes"):
            if has_table(directory, table):
                sql = f"INSERT INTO {table} BY NAME SELECT * FROM {read} WHERE article_id IN (SELECT id FROM fresh)"
                conn.execute(sql, [table_glob(directory, table)])
        total, stored = conn.execute("SELECT (SELECT count(*) FROM incoming), (SELECT count(*) FROM fresh)").fetchone()
        conn.execute("DROP TABLE incoming")
        conn.execute("DROP TABLE fresh")
        conn.execute("COMMIT")
    except Exception as e:
        conn.execute("ROLLBACK")
        if isinstance(e, StoreError):
            raise
        reason = str(e).splitlines()[0]
        raise StoreError(Messages.fmt("E034", path=directory, reason=reason)) from e
    return WriteReport(stored=stored, skipped=total - stored)
