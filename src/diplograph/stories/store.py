"""Duplicate links and story events in the diplograph database, derived from what is stored.

The tables ``duplicates``, ``stories`` and ``story_evidence`` are computed from
``articles`` and ``events``, never written by ingest, so they can always be rebuilt: a
rebuild replaces all three in one transaction. ``story_builds`` remembers the parameters
and the article/event counts of the last build, so ``diplograph stories`` rebuilds only
when something changed.

Articles are offered to the duplicate finder oldest publication date first (then in
ingestion order): the earliest copy of a syndicated story is the canonical one.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from diplograph.records import Article, Result
from diplograph.store import Store
from diplograph.store.queries import event_from_row
from diplograph.stories.duplicates import DEFAULT_NUM_PERM, DEFAULT_THRESHOLD, DuplicateFinder, DuplicateLink
from diplograph.stories.merge import DEFAULT_WINDOW_DAYS, StoryEvent, merge_events

if TYPE_CHECKING:
    import duckdb

__all__ = ["TABLES", "BuildReport", "create_tables", "is_current", "list_stories", "read_stories", "rebuild"]

TABLES: dict[str, str] = {
    "duplicates": """
CREATE TABLE IF NOT EXISTS duplicates (
    article_id VARCHAR NOT NULL,
    duplicate_of VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    similarity DOUBLE
)""",
    "stories": """
CREATE TABLE IF NOT EXISTS stories (
    id VARCHAR NOT NULL,
    date VARCHAR,
    source_code VARCHAR,
    target_code VARCHAR,
    code VARCHAR,
    root VARCHAR,
    num_articles INTEGER,
    num_sources INTEGER,
    merge_reason VARCHAR
)""",
    "story_evidence": """
CREATE TABLE IF NOT EXISTS story_evidence (
    story_id VARCHAR NOT NULL,
    article_id VARCHAR NOT NULL,
    event_id VARCHAR
)""",
    "story_builds": """
CREATE TABLE IF NOT EXISTS story_builds (
    built_at TIMESTAMP DEFAULT current_timestamp,
    window_days INTEGER,
    threshold DOUBLE,
    num_perm INTEGER,
    articles BIGINT,
    events BIGINT
)""",
}

#: Oldest publication first, then ingestion order: the first copy seen is canonical.
_ARTICLE_ORDER = "ORDER BY date NULLS LAST, ingested_at, rowid"
_BATCH = 1000


@dataclass(frozen=True)
class BuildReport:
    """What a rebuild stored."""

    duplicates: int
    stories: int
    evidence: int


def create_tables(conn: duckdb.DuckDBPyConnection) -> None:
    for ddl in TABLES.values():
        conn.execute(ddl)


def is_current(
    conn: duckdb.DuckDBPyConnection,
    *,
    window_days: int = DEFAULT_WINDOW_DAYS,
    threshold: float = DEFAULT_THRESHOLD,
    num_perm: int = DEFAULT_NUM_PERM,
) -> bool:
    """True if the story tables were built with these parameters from the articles and
    events stored now (works on a read-only connection)."""
    present = {row[0] for row in conn.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    if not set(TABLES) <= present:
        return False
    built = conn.execute(
        "SELECT window_days, threshold, num_perm, articles, events FROM story_builds ORDER BY built_at DESC LIMIT 1"
    ).fetchone()
    return built is not None and tuple(built) == (window_days, threshold, num_perm, *_counts(conn))


def rebuild(
    conn: duckdb.DuckDBPyConnection,
    *,
    window_days: int = DEFAULT_WINDOW_DAYS,
    threshold: float = DEFAULT_THRESHOLD,
    num_perm: int = DEFAULT_NUM_PERM,
) -> BuildReport:
    """Recompute duplicates and stories from ``articles`` and ``events``; replace the tables
    atomically (readers see the old build or the new one, never a mix)."""
    links = _find_duplicates(conn, threshold=threshold, num_perm=num_perm)
    stories = merge_events(_results(conn), window_days=window_days, duplicates=links)
    evidence = [(s.id, e["article_id"], e["event_id"]) for s in stories for e in s.evidence]
    conn.execute("BEGIN TRANSACTION")
    try:
        create_tables(conn)
        for table in TABLES:
            conn.execute(f"DELETE FROM {table}")  # our own table names
        if links:
            conn.executemany(
                "INSERT INTO duplicates VALUES (?, ?, ?, ?)",
                [[lk.article_id, lk.duplicate_of, lk.kind, lk.similarity] for lk in links],
            )
        if stories:
            conn.executemany("INSERT INTO stories VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", [_story_row(s) for s in stories])
            conn.executemany("INSERT INTO story_evidence VALUES (?, ?, ?)", evidence)
        conn.execute(
            "INSERT INTO story_builds (window_days, threshold, num_perm, articles, events) VALUES (?, ?, ?, ?, ?)",
            [window_days, threshold, num_perm, *_counts(conn)],
        )
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return BuildReport(duplicates=len(links), stories=len(stories), evidence=len(evidence))


def read_stories(conn: duckdb.DuckDBPyConnection, *, limit: int | None = None) -> list[dict[str, Any]]:
    """Stored stories, oldest first, each with its evidence (sentence, trigger, rule, copy of)."""
    sql = "SELECT * FROM stories ORDER BY date NULLS LAST, source_code, target_code, root, id"
    params: list[Any] = []
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    stories = _rows(conn, sql, params)
    evidence: dict[str, list[dict[str, Any]]] = {s["id"]: [] for s in stories}
    rows = _rows(
        conn,
        """SELECT se.story_id, se.article_id, se.event_id, e.sentence_text AS sentence, e.trigger, e.rule,
                  d.duplicate_of
           FROM story_evidence se
           LEFT JOIN events e ON e.article_id = se.article_id AND e.id = se.event_id
           LEFT JOIN duplicates d ON d.article_id = se.article_id
           ORDER BY se.rowid""",
        [],
    )
    for row in rows:
        story_id = row.pop("story_id")
        if story_id in evidence:
            evidence[story_id].append(row)
    for story in stories:
        story["evidence"] = evidence[story["id"]]
    return stories


def list_stories(
    path: str | os.PathLike[str] | None = None,
    *,
    window_days: int = DEFAULT_WINDOW_DAYS,
    threshold: float = DEFAULT_THRESHOLD,
    num_perm: int = DEFAULT_NUM_PERM,
    force: bool = False,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Stories of the database at ``path``, rebuilt first if forced or out of date.

    An up-to-date database is only read (read-only, so it can be shared); writing opens it
    again for the rebuild.
    """
    with Store(path, read_only=True) as store:
        if not force and is_current(store.conn, window_days=window_days, threshold=threshold, num_perm=num_perm):
            return read_stories(store.conn, limit=limit)
    with Store(path) as store:
        rebuild(store.conn, window_days=window_days, threshold=threshold, num_perm=num_perm)
        return read_stories(store.conn, limit=limit)


def _counts(conn: duckdb.DuckDBPyConnection) -> tuple[int, int]:
    row = conn.execute("SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events)").fetchone()
    assert row is not None
    return int(row[0]), int(row[1])


def _find_duplicates(conn: duckdb.DuckDBPyConnection, *, threshold: float, num_perm: int) -> list[DuplicateLink]:
    """Two streamed passes over the article texts: learn boilerplate, then find copies."""
    finder = DuplicateFinder(threshold=threshold, num_perm=num_perm)
    for id_, source, text in _stream(conn, f"SELECT id, source, text FROM articles {_ARTICLE_ORDER}"):
        finder.prime(id_, text, source=source)
    for id_, source, text in _stream(conn, f"SELECT id, source, text FROM articles {_ARTICLE_ORDER}"):
        finder.add(id_, text, source=source)
    return finder.links()


def _results(conn: duckdb.DuckDBPyConnection) -> list[Result]:
    """Stored articles that have events, as Results holding only those events (no text)."""
    results: dict[str, Result] = {}
    for row in _rows(
        conn,
        f"""SELECT id, path, url, title, date, source FROM articles
            WHERE id IN (SELECT article_id FROM events) {_ARTICLE_ORDER}""",
        [],
    ):
        results[row["id"]] = Result(Article(text="", **row))
    for row in _rows(conn, "SELECT * FROM events ORDER BY article_id, idx", []):
        results[row["article_id"]].events.append(event_from_row(row))
    return list(results.values())


def _story_row(story: StoryEvent) -> list[Any]:
    return [
        story.id, story.date, story.source, story.target, story.code, story.root,
        story.num_articles, story.num_sources, story.merge_reason,
    ]  # fmt: skip


def _stream(conn: duckdb.DuckDBPyConnection, sql: str) -> Iterator[tuple[Any, ...]]:
    cursor = conn.cursor()
    try:
        cursor.execute(sql)
        while batch := cursor.fetchmany(_BATCH):
            yield from batch
    finally:
        cursor.close()


def _rows(conn: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    cursor = conn.execute(sql, params)
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
