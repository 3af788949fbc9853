"""Helpers shared by the readers: coded input errors, date checks, decoding."""

from __future__ import annotations

import re
from datetime import date as Date
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path

from diplograph.errors import InputError, Messages

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def input_error(code: str, *, path: str | None, line: int | None = None, **fields: object) -> InputError:
    """Build the InputError for catalogue entry ``code``, keeping path and line as context."""
    message = getattr(Messages, code).format(path=path, line=line, **fields)
    return InputError(f"[{code}] {message}", path=path, line=line)


def check_date(value: str, *, path: str | None = None, line: int | None = None) -> str:
    """Return ``value`` as ``YYYY-MM-DD``, or raise InputError E007 saying where it came from.

    A full ISO timestamp (``2019-09-23T10:00:00Z``, common in feeds) keeps its day.
    """
    text = str(value).strip()
    try:
        if _DAY.fullmatch(text):
            return Date.fromisoformat(text).isoformat()
        if _DAY.match(text) and len(text) > 10 and text[10] in "T ":
            return datetime.fromisoformat(text).date().isoformat()
    except ValueError:
        pass
    if path is None:
        where = " (--date)"
    else:
        where = f" in {path}" + (f", line {line}" if line is not None else "")
    raise input_error("E007", path=path, line=line, value=value, where=where)


def read_utf8(path: Path, *, shown: str) -> str:
    """Read a file as UTF-8 (a leading BOM is dropped); raise InputError E001/E003/E006."""
    return decode_utf8(read_bytes(path, shown=shown), shown=shown)


def read_bytes(path: Path, *, shown: str) -> bytes:
    """Read a file's bytes; raise InputError E006 (missing) or E001 (unreadable)."""
    try:
        return path.read_bytes()
    except FileNotFoundError as e:
        raise input_error("E006", path=shown) from e
    except OSError as e:
        raise input_error("E001", path=shown, reason=e.strerror or str(e)) from e


def decode_utf8(data: bytes, *, shown: str) -> str:
    """Decode bytes as UTF-8 or raise InputError E003 with the offset of the first bad byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise input_error("E003", path=shown, offset=e.start) from e


#: Tags that end a paragraph when HTML is flattened to text.
_BLOCKS = frozenset("p div br li ul ol h1 h2 h3 h4 h5 h6 blockquote tr table section article pre".split())
_HIDDEN = frozenset(("script", "style", "noscript", "template"))


class _TextCollector(HTMLParser):
    """Collects the visible text of an HTML fragment, a blank line between blocks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[list[str]] = [[]]
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag in _BLOCKS:
            self.paragraphs.append([])

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCKS:
            self.paragraphs.append([])

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.paragraphs[-1].append(data)


def html_to_text(fragment: str) -> str:
    """The text of an HTML fragment (a feed entry's content), paragraphs kept apart.

    Sentence splitting needs the paragraph breaks that ``<p>`` carried, so blocks become
    blank lines, while spaces inside a paragraph are collapsed as a browser would.
    """
    collector = _TextCollector()
    collector.feed(fragment)
    collector.close()
    paragraphs = (" ".join("".join(parts).split()) for parts in collector.paragraphs)
    return "\n\n".join(p for p in paragraphs if p)
