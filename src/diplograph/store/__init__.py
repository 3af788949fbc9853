"""DuckDB storage: write Results, query events, quotes and actors.

DuckDB is imported only when a Store is opened, so importing this package stays cheap
(``diplograph --help`` must not load it). ``diplograph.store.parquet`` writes the same tables
as Parquet for large runs and loads them back.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from diplograph.errors import Messages, StoreError
from diplograph.store import queries
from diplograph.store.schema import TABLES
from diplograph.store.writer import WriteReport, stored_ids, write_results

if TYPE_CHECKING:
    from types import TracebackType

    from diplograph.records import Result

__all__ = ["DEFAULT_DB_PATH", "ENV_VAR", "Store", "WriteReport", "default_db_path"]

#: The database used when none is given: ``./diplograph.duckdb``.
DEFAULT_DB_PATH = "diplograph.duckdb"
#: Environment variable that overrides DEFAULT_DB_PATH.
ENV_VAR = "DIPLOGRAPH_DB"


def default_db_path() -> str:
    """``$DIPLOGRAPH_DB`` if set, else ``diplograph.duckdb`` in the working directory."""
    return os.environ.get(ENV_VAR) or DEFAULT_DB_PATH


class Store:
    """A diplograph database. Use as a context manager, or call ``close()``.

    ``read_only=True`` is for queries: the file must already exist (it is not created), and
    several readers may share it.
    """

    def __init__(self, path: str | os.PathLike[str] | None = None, *, read_only: bool = False):
        import duckdb

        self.path = str(path) if path is not None else default_db_path()
        if read_only and self.path != ":memory:" and not Path(self.path).exists():
            self._fail("no such file; fill it first with `diplograph ingest`")
        try:
            self.conn = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as e:
            self._fail(str(e).splitlines()[0], cause=e)
        try:
            self._prepare(read_only=read_only)
        except (duckdb.Error, StoreError) as e:
            self.conn.close()
            if isinstance(e, StoreError):
                raise
            self._fail(str(e).splitlines()[0], cause=e)

    def _prepare(self, *, read_only: bool) -> None:
        """Create the tables, or (read-only) check that they are there."""
        if not read_only:
            for ddl in TABLES.values():
                self.conn.execute(ddl)
            return
        rows = self.conn.execute("SELECT table_name FROM duckdb_tables()").fetchall()
        missing = sorted(set(TABLES) - {row[0] for row in rows})
        if missing:
            self._fail(f"not a diplograph database (no table {', '.join(missing)})")

    def write(self, results: Iterable[Result]) -> WriteReport:
        """Store a batch of results in one transaction; see ``diplograph.store.writer``."""
        return write_results(self.conn, results)

    def stored_ids(self, ids: Iterable[str]) -> set[str]:
        """Those of ``ids`` already stored, in one query; lets a rerun skip them before extracting."""
        return stored_ids(self.conn, list(ids))

    def load_parquet(self, directory: str | os.PathLike[str]) -> WriteReport:
        """Bring a Parquet directory written by ``ingest --out`` in; see ``diplograph.store.parquet``."""
        from diplograph.store.parquet import load_parquet

        return load_parquet(self.conn, directory)

    def events(
        self,
        *,
        actor: str | None = None,
        source: str | None = None,
        target: str | None = None,
        code: str | None = None,
        root: str | None = None,
        since: str | None = None,
        until: str | None = None,
        modality: str | None = None,
        limit: int | None = None,
    ) -> list[dict[str, Any]]:
        """Events as flat rows; see ``diplograph.store.queries.events`` for the filters."""
        return queries.events(
            self.conn, actor=actor, source=source, target=target, code=code, root=root,
            since=since, until=until, modality=modality, limit=limit,
        )  # fmt: skip

    def quotes(
        self,
        *,
        speaker: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int | None = None,
    ) -> list[dict[str, Any]]:
        """Quotes as flat rows, with their article's date; ``speaker`` matches part of a name."""
        return queries.quotes(self.conn, speaker=speaker, since=since, until=until, limit=limit)

    def actors(self, *, limit: int | None = None) -> list[dict[str, Any]]:
        """Actors aggregated by code and name, most involved first."""
        return queries.actors(self.conn, limit=limit)

    def stats(self) -> dict[str, Any]:
        """How many articles, events, quotes and actors are stored."""
        return queries.stats(self.conn)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _fail(self, reason: str, *, cause: Exception | None = None) -> NoReturn:
        raise StoreError(Messages.fmt("E030", path=self.path, reason=reason)) from cause
