"""Read articles from files, directories, globs or stdin.

``read_articles`` yields an Article, or an InputError for each file, line or feed entry
that cannot be read: errors are yielded rather than raised so that one bad file does not
stop a batch. The reader is chosen by suffix (``READERS``): ``.jsonl``/``.ndjson`` JSON
Lines, ``.json`` JSON, ``.html``/``.htm`` web pages, ``.xml``/``.rss``/``.atom`` feeds,
anything else plain text (see ``diplograph.readers.text`` for the date header). Standard
input is JSON Lines when its first line is a JSON object, else one text article.
"""

from __future__ import annotations

import glob
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from diplograph.errors import InputError
from diplograph.readers.common import check_date, decode_utf8, input_error
from diplograph.readers.feeds import read_feed
from diplograph.readers.html import read_html
from diplograph.readers.jsonl import parse_jsonl, read_json, read_jsonl
from diplograph.readers.text import parse_text, read_text
from diplograph.records import Article

__all__ = ["read_articles", "count_articles", "READERS", "DIRECTORY_SUFFIXES"]

Reader = Callable[..., Iterator[Article | InputError]]

#: Reader per file suffix; any other suffix is read as plain text.
READERS: dict[str, Reader] = {
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
    ".json": read_json,
    ".html": read_html,
    ".htm": read_html,
    ".xml": read_feed,
    ".rss": read_feed,
    ".atom": read_feed,
}

#: The files picked up when a directory is given.
DIRECTORY_SUFFIXES = (".txt", ".jsonl", ".ndjson", ".json", ".html", ".htm", ".xml", ".rss", ".atom")

STDIN = "-"


def read_articles(paths: Iterable[str], *, date: str | None = None) -> Iterator[Article | InputError]:
    """Yield the articles found in ``paths`` (files, directories, globs or ``-`` for stdin).

    ``date`` (``YYYY-MM-DD``) becomes the date of every article, overriding dates in the
    files. An invalid ``date`` raises InputError E007 before anything is read.
    """
    if date is not None:
        date = check_date(date)
    for path in paths:
        if path == STDIN:
            yield from _read_stdin(date=date)
            continue
        for file in _expand(path):
            if isinstance(file, InputError):
                yield file
            else:
                reader = READERS.get(file.suffix.lower(), read_text)
                yield from reader(file, shown=str(file), date=date)


def count_articles(paths: Iterable[str]) -> int | None:
    """A quick estimate of how many articles ``paths`` hold, for a progress bar's ETA.

    Files are scanned, not parsed: a JSON Lines line or a feed's ``<item>``/``<entry>`` is
    an article, any other file one. None when stdin is among the paths (it can be read once).
    """
    total = 0
    for path in paths:
        if path == STDIN:
            return None
        for file in _expand(path):
            if isinstance(file, InputError):
                continue
            suffix = file.suffix.lower()
            if READERS.get(suffix) not in (read_jsonl, read_feed):
                total += 1
                continue
            try:
                data = file.read_bytes()
            except OSError:
                continue
            if suffix in (".jsonl", ".ndjson"):
                total += sum(1 for line in data.splitlines() if line.strip())
            else:
                total += data.count(b"<item") + data.count(b"<entry")
    return total


def _expand(path: str) -> Iterator[Path | InputError]:
    """The files a path stands for: itself, a directory's articles, or a glob's matches."""
    given = Path(path)
    if given.is_dir():
        yield from _directory(given)
    elif given.exists():
        yield given
    elif glob.has_magic(path):
        matches = sorted(glob.glob(path, recursive=True))
        if not matches:
            yield input_error("E006", path=path)
        for match in matches:
            yield from _directory(Path(match)) if Path(match).is_dir() else [Path(match)]
    else:
        yield input_error("E006", path=path)


def _directory(directory: Path) -> Iterator[Path | InputError]:
    files = sorted(p for p in directory.rglob("*") if p.is_file() and p.suffix.lower() in DIRECTORY_SUFFIXES)
    if not files:
        reason = "the directory holds no " + ", ".join(DIRECTORY_SUFFIXES) + " file"
        yield input_error("E001", path=str(directory), reason=reason)
    yield from files


def _read_stdin(*, date: str | None) -> Iterator[Article | InputError]:
    shown = "<stdin>"
    stream = getattr(sys.stdin, "buffer", None)
    try:
        content = decode_utf8(stream.read(), shown=shown) if stream else sys.stdin.read()
    except InputError as e:
        yield e
        return
    if _looks_like_jsonl(content):
        yield from parse_jsonl(content, shown=shown, date=date)
        return
    try:
        yield parse_text(content, path=shown, date=date)
    except InputError as e:
        yield e


def _looks_like_jsonl(content: str) -> bool:
    """True when the first non-blank line is a JSON object: a text article never is one."""
    first = next((line for line in content.splitlines() if line.strip()), "")
    if not first.lstrip().startswith("{"):
        return False
    try:
        return isinstance(json.loads(first), dict)
    except json.JSONDecodeError:
        return False
