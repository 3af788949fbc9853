"""RSS and Atom feed files: one article per entry, via feedparser.

Each entry gives an article: its title, its link as url, its published (else updated)
date, the feed's title as source, and its text from the full content if the feed carries
it, else the summary, with HTML stripped. The file's bytes are parsed; a feed is never
fetched. An entry without text yields an InputError naming file and entry, and the other
entries are still read.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from diplograph.errors import InputError
from diplograph.readers.common import html_to_text, input_error, read_bytes
from diplograph.records import Article


def read_feed(path: Path, *, shown: str, date: str | None = None) -> Iterator[Article | InputError]:
    """Yield one Article (or InputError) per entry of an RSS or Atom file."""
    import feedparser  # imported only when a feed is read

    try:
        data = read_bytes(path, shown=shown)
    except InputError as e:
        yield e
        return
    if not data.strip():
        yield input_error("E002", path=shown)
        return
    # Bytes, never a str: feedparser treats a string that looks like a URL as one to fetch.
    feed = feedparser.parse(data)
    broken = feed.get("bozo_exception") if feed.get("bozo") else None
    if not feed.entries:
        reason = _reason(broken) if broken else "no <item> or <entry> found"
        yield input_error("E012", path=shown, reason=reason)
        return
    source = feed.feed.get("title") or None
    for number, entry in enumerate(feed.entries, start=1):
        text = _entry_text(entry)
        if not text:
            # In a cut-off feed, the last entry is the cut one: E014 below says so.
            if broken is None or number < len(feed.entries):
                yield input_error("E013", path=shown, entry=number)
            continue
        yield Article(
            text=text,
            date=date or _entry_date(entry),
            title=entry.get("title") or None,
            url=entry.get("link") or None,
            source=source,
            path=shown,
        )
    if broken is not None and _is_syntax_error(broken):
        # No line number: feedparser rewrites the document first, so the parser's lines are off.
        yield input_error("E014", path=shown, entry=len(feed.entries) - 1, reason=_reason(broken))


def _entry_text(entry: Any) -> str:
    """The entry's full content if any, else its summary, as plain text."""
    for detail in [*entry.get("content", []), entry.get("summary_detail")]:
        if not detail or not (detail.get("value") or "").strip():
            continue
        value = detail["value"]
        return value.strip() if detail.get("type") == "text/plain" else html_to_text(value)
    return ""


def _entry_date(entry: Any) -> str | None:
    """``YYYY-MM-DD`` of the entry's publication (feedparser gives it in UTC)."""
    parsed: time.struct_time | None = entry.get("published_parsed") or entry.get("updated_parsed")
    return time.strftime("%Y-%m-%d", parsed) if parsed else None


def _is_syntax_error(error: Exception) -> bool:
    from xml.sax import SAXException

    return isinstance(error, SAXException)


def _reason(error: Exception) -> str:
    return str(getattr(error, "getMessage", lambda: error)()) or type(error).__name__
