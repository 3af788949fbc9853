"""Read events, quotes and actors back, filtered; every value goes through a SQL parameter.

Dates compare as intervals: an event dated ``2019-07`` matches ``--since 2019-07-15``
because part of July is after the 15th. ``since``/``until`` accept ``YYYY``, ``YYYY-MM`` or
``YYYY-MM-DD``.
"""

from __future__ import annotations

import json
from datetime import date as Date
from typing import TYPE_CHECKING, Any, NoReturn

from diplograph.errors import Messages, QueryError
from diplograph.records import MODALITIES, ActorRef, Event, Evidence, Location, Quote

if TYPE_CHECKING:
    import duckdb

_FIRST_DAY = "CASE length({d}) WHEN 4 THEN {d} || '-01-01' WHEN 7 THEN {d} || '-01' ELSE {d} END"
# '-31' is an upper bound for every month when dates compare as strings.
_LAST_DAY = "CASE length({d}) WHEN 4 THEN {d} || '-12-31' WHEN 7 THEN {d} || '-31' ELSE {d} END"


class _Where:
    """Collects SQL conditions and their parameters side by side."""

    def __init__(self) -> None:
        self.conditions: list[str] = []
        self.params: list[Any] = []

    def add(self, condition: str, *params: Any) -> None:
        self.conditions.append(condition)
        self.params.extend(params)

    def sql(self) -> str:
        return " WHERE " + " AND ".join(self.conditions) if self.conditions else ""


def events(
    conn: duckdb.DuckDBPyConnection,
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
    """Events as rows of the ``events`` table, by date then article order.

    ``actor``/``source``/``target`` match a prefix of the actor code or its country
    (``VEN`` matches ``VENGOV``); ``code`` is a CAMEO code prefix, ``root`` exact.
    """
    where = _Where()
    if actor:
        where.add(f"({_actor_match('source')} OR {_actor_match('target')})", *[actor.upper()] * 4)
    if source:
        where.add(_actor_match("source"), *[source.upper()] * 2)
    if target:
        where.add(_actor_match("target"), *[target.upper()] * 2)
    if code:
        where.add("starts_with(code, ?)", code)
    if root:
        where.add("root = ?", root.zfill(2) if root.isdigit() else root)
    if modality:
        if modality not in MODALITIES:
            _invalid(f"modality {modality!r} is not one of {', '.join(MODALITIES)}")
        where.add("modality = ?", modality)
    _add_dates(where, "date", since=since, until=until)
    sql = "SELECT * FROM events" + where.sql() + " ORDER BY date NULLS LAST, article_id, idx"
    return _rows(conn, sql + _limit(where, limit), where.params)


def quotes(
    conn: duckdb.DuckDBPyConnection,
    *,
    speaker: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Quotes with their article's date; ``speaker`` is a case-insensitive name substring."""
    where = _Where()
    if speaker:
        where.add("contains(lower(q.speaker_name), lower(?))", speaker)
    _add_dates(where, "a.date", since=since, until=until)
    sql = (
        "SELECT a.date AS date, q.* FROM quotes q JOIN articles a ON a.id = q.article_id"
        + where.sql()
        + " ORDER BY a.date NULLS LAST, q.article_id, q.idx"
    )
    return _rows(conn, sql + _limit(where, limit), where.params)


def actors(conn: duckdb.DuckDBPyConnection, *, limit: int | None = None) -> list[dict[str, Any]]:
    """Actors aggregated by code and name: articles, mentions and events (as source or target)."""
    where = _Where()
    sql = """
WITH mentioned AS (
    SELECT code, name, min(country) AS country, min(sector) AS sector, min(kind) AS kind,
           count(DISTINCT article_id) AS articles,
           CAST(coalesce(sum(json_array_length(mentions)), 0) AS BIGINT) AS mentions
    FROM actors GROUP BY code, name
), involved AS (
    SELECT code, name, count(*) AS events FROM (
        SELECT source_code AS code, source_name AS name FROM events
        UNION ALL
        SELECT target_code, target_name FROM events WHERE target_code IS NOT NULL
    ) GROUP BY code, name
)
SELECT m.code, m.name, m.country, m.sector, m.kind, m.articles, m.mentions,
       coalesce(i.events, 0) AS events
FROM mentioned m LEFT JOIN involved i ON i.code = m.code AND i.name = m.name
ORDER BY events DESC, mentions DESC, m.code, m.name"""
    return _rows(conn, sql + _limit(where, limit), where.params)


def stats(conn: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """Counts of what is stored and the span of article dates."""
    row = conn.execute(
        """SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events),
                  (SELECT count(*) FROM quotes),
                  (SELECT count(*) FROM (SELECT DISTINCT code, name FROM actors)),
                  (SELECT min(date) FROM articles), (SELECT max(date) FROM articles)"""
    ).fetchone()
    keys = ("articles", "events", "quotes", "actors", "first_date", "last_date")
    return dict(zip(keys, row or (), strict=True))


def event_from_row(row: dict[str, Any]) -> Event:
    """Rebuild the Event an ``events`` row was written from."""
    location = None
    if row["location_name"] is not None:
        location = Location(row["location_name"], row["location_country"], row["lat"], row["lon"])
    plover = None
    if row["plover_type"] is not None or row["plover_mode"] is not None:
        plover = {"type": row["plover_type"], "mode": row["plover_mode"]}
    evidence = Evidence(
        *(row[k] for k in ("sentence", "sentence_text", "start", "end", "trigger")),
        *(row[k] for k in ("trigger_start", "trigger_end", "rule")),
    )
    return Event(
        id=row["id"],
        date=row["date"],
        date_precision=row["date_precision"],
        source=_ref(row, "source"),  # type: ignore[arg-type]
        target=_ref(row, "target"),
        code=row["code"],
        root=row["root"],
        label=row["label"],
        goldstein=row["goldstein"],
        quad_class=row["quad_class"],
        modality=row["modality"],
        evidence=evidence,
        attributed_to=_ref(row, "attributed_to"),
        location=location,
        plover=plover,
        confidence=row["confidence"],
    )


def quote_from_row(row: dict[str, Any]) -> Quote:
    """Rebuild the Quote a ``quotes`` row was written from."""
    return Quote(row["text"], row["start"], row["end"], row["kind"], _ref(row, "speaker"), row["sentence"])


def mentions_from_json(value: str | None) -> list[tuple[int, int]]:
    return [tuple(m) for m in json.loads(value)] if value else []  # type: ignore[misc]


def parse_bound(value: str, *, end: bool = False) -> str:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` as the first (or last) day it covers."""
    parts = value.strip().split("-")
    try:
        if not 1 <= len(parts) <= 3 or len(parts[0]) != 4:
            raise ValueError(value)
        numbers = [int(p) for p in parts]
        Date(*(numbers + [1, 1])[:3])
    except ValueError:
        _invalid(f"date {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    if len(numbers) == 3:
        return "{:04d}-{:02d}-{:02d}".format(*numbers)
    if len(numbers) == 2:
        return "{:04d}-{:02d}-".format(*numbers) + ("31" if end else "01")
    return f"{numbers[0]:04d}-" + ("12-31" if end else "01-01")


def _actor_match(role: str) -> str:
    return f"(starts_with({role}_code, ?) OR starts_with({role}_country, ?))"


def _add_dates(where: _Where, column: str, *, since: str | None, until: str | None) -> None:
    if since and until and parse_bound(since) > parse_bound(until, end=True):
        _invalid(f"since {since} is after until {until}")
    if since:
        where.add(f"({_LAST_DAY.format(d=column)}) >= ?", parse_bound(since))
    if until:
        where.add(f"({_FIRST_DAY.format(d=column)}) <= ?", parse_bound(until, end=True))


def _limit(where: _Where, limit: int | None) -> str:
    if limit is None:
        return ""
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
        _invalid(f"limit must be a positive whole number, not {limit!r}")
    where.params.append(limit)
    return " LIMIT ?"


def _ref(row: dict[str, Any], prefix: str) -> ActorRef | None:
    if row[f"{prefix}_code"] is None:
        return None
    return ActorRef(*(row[f"{prefix}_{k}"] for k in ("text", "name", "code", "country", "sector", "kind")))


def _rows(conn: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    cursor = conn.execute(sql, params)
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def _invalid(reason: str) -> NoReturn:
    raise QueryError(Messages.fmt("E040", reason=reason))
