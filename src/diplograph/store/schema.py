"""The database schema: one table per record type, flat columns, provenance kept.

Dates are ISO strings (``2019-09-23``, ``2019-07`` or ``2019``) because event dates can be
partial. ``idx`` keeps each record's position in its article, so results read back in the
order they were found.
"""

from __future__ import annotations

SCHEMA_VERSION = 1


def _actor_ref(prefix: str) -> str:
    return ",\n".join(f"    {prefix}_{name} VARCHAR" for name in ("code", "country", "name", "text", "sector", "kind"))


TABLES: dict[str, str] = {
    "articles": """
CREATE TABLE IF NOT EXISTS articles (
    id VARCHAR PRIMARY KEY,
    path VARCHAR,
    url VARCHAR,
    title VARCHAR,
    date VARCHAR,
    source VARCHAR,
    text VARCHAR NOT NULL,
    ingested_at TIMESTAMP DEFAULT current_timestamp
)""",
    "actors": """
CREATE TABLE IF NOT EXISTS actors (
    article_id VARCHAR NOT NULL,
    idx INTEGER NOT NULL,
    actor_id VARCHAR,
    name VARCHAR,
    code VARCHAR,
    country VARCHAR,
    sector VARCHAR,
    kind VARCHAR,
    role VARCHAR,
    mentions JSON
)""",
    "events": f"""
CREATE TABLE IF NOT EXISTS events (
    id VARCHAR,
    article_id VARCHAR NOT NULL,
    idx INTEGER NOT NULL,
    date VARCHAR,
    date_precision VARCHAR,
{_actor_ref("source")},
{_actor_ref("target")},
    code VARCHAR,
    root VARCHAR,
    label VARCHAR,
    goldstein DOUBLE,
    quad_class INTEGER,
    plover_type VARCHAR,
    plover_mode VARCHAR,
    modality VARCHAR,
{_actor_ref("attributed_to")},
    location_name VARCHAR,
    location_country VARCHAR,
    lat DOUBLE,
    lon DOUBLE,
    sentence INTEGER,
    sentence_text VARCHAR,
    "start" INTEGER,
    "end" INTEGER,
    "trigger" VARCHAR,
    trigger_start INTEGER,
    trigger_end INTEGER,
    "rule" VARCHAR,
    confidence DOUBLE
)""",
    "quotes": f"""
CREATE TABLE IF NOT EXISTS quotes (
    article_id VARCHAR NOT NULL,
    idx INTEGER NOT NULL,
    text VARCHAR,
    "start" INTEGER,
    "end" INTEGER,
    kind VARCHAR,
{_actor_ref("speaker")},
    sentence INTEGER
)""",
}


def quote_name(column: str) -> str:
    """Double-quote a column name (``end`` is an SQL keyword; quoting all of them is simplest)."""
    return '"' + column.replace('"', '""') + '"'
