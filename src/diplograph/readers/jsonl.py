"""JSON Lines articles (one object per line) and ``.json`` files (one object or a list).

Each object needs a ``text``; ``date``, ``title``, ``url``, ``source`` and ``id`` are
optional. A bad line yields an InputError naming file and line, and reading goes on.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from diplograph.errors import InputError
from diplograph.readers.common import check_date, input_error, read_utf8
from diplograph.records import Article


def read_jsonl(path: Path, *, shown: str, date: str | None = None) -> Iterator[Article | InputError]:
    """Yield one Article (or InputError) per non-blank line of a JSON Lines file."""
    try:
        content = read_utf8(path, shown=shown)
    except InputError as e:
        yield e
        return
    yield from parse_jsonl(content, shown=shown, date=date)


def parse_jsonl(content: str, *, shown: str, date: str | None = None) -> Iterator[Article | InputError]:
    """Yield one Article (or InputError) per non-blank line of JSON Lines ``content``."""
    if not content.strip():
        yield input_error("E002", path=shown)
        return
    for number, line in enumerate(content.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as e:
            yield input_error("E004", path=shown, line=number, reason=e.msg)
            continue
        if not isinstance(data, dict):
            reason = f"expected an object, found {type(data).__name__}"
            yield input_error("E004", path=shown, line=number, reason=reason)
            continue
        try:
            yield article_from_json(data, path=shown, line=number, date=date)
        except InputError as e:
            yield e


def read_json(path: Path, *, shown: str, date: str | None = None) -> Iterator[Article | InputError]:
    """Yield the Articles of a ``.json`` file holding one article object or a list of them."""
    try:
        content = read_utf8(path, shown=shown)
        if not content.strip():
            raise input_error("E002", path=shown)
        try:
            data = json.loads(content)
        except json.JSONDecodeError as e:
            raise input_error("E004", path=shown, line=e.lineno, reason=e.msg) from e
    except InputError as e:
        yield e
        return
    items = data if isinstance(data, list) else [data]
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            yield input_error("E008", path=shown, found=type(item).__name__)
            continue
        if not _text(item):
            yield input_error("E009", path=shown, index=index)
            continue
        try:
            yield article_from_json(item, path=shown, date=date)
        except InputError as e:
            yield e


def article_from_json(data: dict[str, Any], *, path: str, line: int | None = None, date: str | None = None) -> Article:
    """Build an Article from one JSON object; ``date`` overrides the object's date."""
    text = _text(data)
    if not text:
        raise input_error("E005", path=path, line=line)
    if date is None and data.get("date") not in (None, ""):
        date = check_date(data["date"], path=path, line=line)
    return Article(
        text=text,
        date=date,
        title=_optional(data.get("title")),
        url=_optional(data.get("url")),
        source=_optional(data.get("source")),
        path=path,
        id=_optional(data.get("id")) or "",
    )


def _text(data: dict[str, Any]) -> str | None:
    text = data.get("text")
    return text if isinstance(text, str) and text.strip() else None


def _optional(value: Any) -> str | None:
    return None if value is None or value == "" else str(value)
