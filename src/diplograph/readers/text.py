"""Plain-text articles, with an optional ``date YYYY-MM-DD`` header.

The header is the first thing in the file (after optional spaces). The text may follow on
the same line (`` date 2019-09-23 The President ...``) or on the next line. The header is
cut off, so character offsets in results are relative to the text we return.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from diplograph.errors import InputError
from diplograph.readers.common import check_date, input_error, read_utf8
from diplograph.records import Article

# A date header starts with a digit, so that an article opening "date palms ..." stays text.
_HEADER = re.compile(r"[ \t]*date[ \t]+(\d\S*)[ \t]*")


def read_text(path: Path, *, shown: str, date: str | None = None) -> Iterator[Article | InputError]:
    """Yield the one article of a text file, or the InputError that stops it being read."""
    try:
        yield parse_text(read_utf8(path, shown=shown), path=shown, date=date)
    except InputError as e:
        yield e


def parse_text(content: str, *, path: str, date: str | None = None) -> Article:
    """Turn the content of a text file into an Article; ``date`` overrides the header date."""
    header_date = None
    match = _HEADER.match(content)
    if match:
        header_date = check_date(match.group(1), path=path, line=1)
        content = content[match.end() :]
        # The header alone on its line: the text starts on the next line.
        for newline in ("\r\n", "\n"):
            if content.startswith(newline):
                content = content[len(newline) :]
                break
    if not content.strip():
        raise input_error("E002", path=path)
    return Article(text=content, date=date or header_date, path=path)
