"""HTML pages saved to disk: the main text, title, date and site name, via trafilatura.

Only the file's bytes are read; nothing is fetched, even when the page names its URL.
Boilerplate (menus, footers, comments) is dropped by trafilatura. The page's date comes
from its metadata only: guessing it from dates in the text would anchor "on Monday" to the
wrong week, and an article without a date is better than one with a wrong date.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from diplograph.errors import InputError
from diplograph.readers.common import check_date, input_error, read_bytes
from diplograph.records import Article

#: htmldate settings: metadata and visible publication dates only, no guessing from the text.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def read_html(path: Path, *, shown: str, date: str | None = None) -> Iterator[Article | InputError]:
    """Yield the one article of an HTML page, or the InputError that stops it being read."""
    try:
        yield parse_html(read_bytes(path, shown=shown), path=shown, date=date)
    except InputError as e:
        yield e


def parse_html(content: bytes | str, *, path: str, date: str | None = None) -> Article:
    """Turn an HTML page into an Article; ``date`` overrides the page's own date.

    Bytes are best: trafilatura decodes them with the charset the page declares.
    """
    import trafilatura  # heavy: imported only when an HTML page is read

    if not content.strip():
        raise input_error("E002", path=path)
    try:
        document = trafilatura.bare_extraction(
            content,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            date_extraction_params=_DATE_PARAMS,
        )
    except Exception as e:  # one odd page must not stop a batch: report it as this file's error
        raise input_error("E001", path=path, reason=f"the HTML could not be parsed ({e})") from e
    # One line per block from trafilatura; a blank line between them keeps a headline
    # without a full stop out of the first sentence.
    lines = (getattr(document, "text", None) or "").splitlines()
    text = "\n\n".join(line.strip() for line in lines if line.strip())
    if not text:
        raise input_error("E011", path=path)
    if date is None and document.date:
        date = check_date(document.date, path=path)
    return Article(
        text=text,
        date=date,
        title=document.title or None,
        url=document.url or None,
        source=document.sitename or None,
        path=path,
    )
