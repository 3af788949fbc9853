"""Write Results to the database: flat rows, one transaction per batch.

A batch is all or nothing: on any error it is rolled back and StoreError E031 names the
article that failed; earlier batches stay. An article already stored (same id) is skipped,
so re-ingesting the same files stores each article once.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from diplograph.errors import Messages, StoreError
from diplograph.records import Actor, ActorRef, Article, Event, Quote, Result
from diplograph.store.schema import quote_name

if TYPE_CHECKING:
    import duckdb

_REF_FIELDS = ("code", "country", "name", "text", "sector", "kind")


@dataclass(frozen=True)
class WriteReport:
    """What one ``Store.write`` did: articles stored, and articles skipped as already stored."""

    stored: int = 0
    skipped: int = 0


def write_results(conn: duckdb.DuckDBPyConnection, results: Iterable[Result]) -> WriteReport:
    """Store ``results`` in one transaction; raise StoreError E031 (nothing written) on failure."""
    results = list(results)  # produce every result before the transaction opens
    stored = skipped = 0
    fresh: list[Result] = []
    conn.execute("BEGIN TRANSACTION")
    try:
        seen = _stored_ids(conn, [result.article.id for result in results])
        for result in results:
            if result.article.id in seen:
                skipped += 1
                continue
            seen.add(result.article.id)
            fresh.append(result)
        # One statement per table for the whole batch: row-by-row inserts made storing
        # slower than extracting with two workers.
        for table, rows in _table_rows(fresh).items():
            _insert(conn, table, rows)
        stored = len(fresh)
        conn.execute("COMMIT")
    except BaseException as e:
        conn.execute("ROLLBACK")
        if not isinstance(e, Exception):
            raise
        article_id = _failing_article(conn, fresh)
        message = Messages.fmt("E031", article=article_id, reason=str(e).splitlines()[0])
        raise StoreError(message) from e
    return WriteReport(stored=stored, skipped=skipped)


def _table_rows(results: list[Result]) -> dict[str, list[dict[str, Any]]]:
    tables: dict[str, list[dict[str, Any]]] = {"articles": [], "actors": [], "events": [], "quotes": []}
    for result in results:
        article_id = result.article.id
        tables["articles"].append(article_row(result.article))
        tables["actors"] += [actor_row(article_id, i, a) for i, a in enumerate(result.actors)]
        tables["events"] += [event_row(article_id, i, e) for i, e in enumerate(result.events)]
        tables["quotes"] += [quote_row(article_id, i, q) for i, q in enumerate(result.quotes)]
    return tables


def _failing_article(conn: duckdb.DuckDBPyConnection, results: list[Result]) -> str | None:
    """The first of ``results`` that cannot be stored on its own (tried in a transaction
    that is rolled back), to name it in the error; None if each can."""
    for result in results:
        conn.execute("BEGIN TRANSACTION")
        try:
            for table, rows in _table_rows([result]).items():
                _insert(conn, table, rows)
        except Exception:  # noqa: BLE001 - this is the article to report
            return result.article.id
        finally:
            conn.execute("ROLLBACK")
    return results[0].article.id if results else None


def article_row(article: Article) -> dict[str, Any]:
    return {**article.to_dict(), "text": article.text}


def actor_row(article_id: str, idx: int, actor: Actor) -> dict[str, Any]:
    return {
        "article_id": article_id,
        "idx": idx,
        "actor_id": actor.id,
        "name": actor.name,
        "code": actor.code,
        "country": actor.country,
        "sector": actor.sector,
        "kind": actor.kind,
        "role": actor.role,
        "mentions": json.dumps([list(m) for m in actor.mentions]),
    }


def event_row(article_id: str, idx: int, event: Event) -> dict[str, Any]:
    """Flatten an Event into the columns of the ``events`` table."""
    plover = event.plover or {}
    location = event.location
    evidence = event.evidence
    return {
        "id": event.id,
        "article_id": article_id,
        "idx": idx,
        "date": event.date,
        "date_precision": event.date_precision,
        **ref_columns("source", event.source),
        **ref_columns("target", event.target),
        "code": event.code,
        "root": event.root,
        "label": event.label,
        "goldstein": event.goldstein,
        "quad_class": event.quad_class,
        "plover_type": plover.get("type"),
        "plover_mode": plover.get("mode"),
        "modality": event.modality,
        **ref_columns("attributed_to", event.attributed_to),
        "location_name": location.name if location else None,
        "location_country": location.country if location else None,
        "lat": location.lat if location else None,
        "lon": location.lon if location else None,
        "sentence": evidence.sentence,
        "sentence_text": evidence.text,
        "start": evidence.start,
        "end": evidence.end,
        "trigger": evidence.trigger,
        "trigger_start": evidence.trigger_start,
        "trigger_end": evidence.trigger_end,
        "rule": evidence.rule,
        "confidence": event.confidence,
    }


def quote_row(article_id: str, idx: int, quote: Quote) -> dict[str, Any]:
    return {
        "article_id": article_id,
        "idx": idx,
        "text": quote.text,
        "start": quote.start,
        "end": quote.end,
        "kind": quote.kind,
        **ref_columns("speaker", quote.speaker),
        "sentence": quote.sentence,
    }


def ref_columns(prefix: str, ref: ActorRef | None) -> dict[str, Any]:
    """``source_code``, ``source_name``, ... for an ActorRef (all None when there is none)."""
    return {f"{prefix}_{name}": getattr(ref, name) if ref else None for name in _REF_FIELDS}


def stored_ids(conn: duckdb.DuckDBPyConnection, ids: list[str]) -> set[str]:
    """Those of ``ids`` that are already in the ``articles`` table."""
    return _stored_ids(conn, ids)


def _stored_ids(conn: duckdb.DuckDBPyConnection, ids: list[str]) -> set[str]:
    if not ids:
        return set()
    rows = conn.execute("SELECT id FROM articles WHERE list_contains(?, id)", [ids]).fetchall()
    return {row[0] for row in rows}


def _insert(conn: duckdb.DuckDBPyConnection, table: str, rows: list[dict[str, Any]]) -> None:
    """Insert ``rows`` (dicts with the same keys) into ``table`` in one statement.

    The rows go to DuckDB as one NumPy object array per column, which it scans like a table:
    far faster than binding parameters row by row (``executemany`` made storing slower than
    extracting with two workers). DuckDB casts each column to the table's type.
    """
    import numpy as np

    if not rows:
        return
    columns = list(rows[0])
    data = {}
    for c in columns:
        values = np.empty(len(rows), dtype=object)  # filled in place: lists stay list values
        values[:] = [row[c] for row in rows]
        data[c] = values
    names = ", ".join(quote_name(c) for c in columns)
    conn.register("_diplograph_rows", data)
    try:
        conn.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM _diplograph_rows")  # our names
    finally:
        conn.unregister("_diplograph_rows")
