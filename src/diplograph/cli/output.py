"""Output shared by every command: the ``--format`` option and its four writers.

``table`` is for people (aligned plain text, long cells cut); ``jsonl``, ``json`` and
``csv`` are for programs and keep every field. Writers stream, except the table, which
needs all rows to size its columns.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

import click

FORMATS = ("table", "jsonl", "json", "csv")
#: Longest cell in a table; longer values end with an ellipsis.
MAX_CELL = 60

#: A table column: its header and the row key (or a function of the row) it shows.
Column = tuple[str, str | Callable[[dict[str, Any]], Any]]

F = TypeVar("F", bound=Callable[..., Any])


def output_options(func: F) -> F:
    """Add ``--format table|jsonl|json|csv`` (passed to the command as ``fmt``)."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(FORMATS),
        default="table",
        show_default=True,
        help="table for reading; jsonl, json or csv for other programs.",
    )(func)


def emit(records: Iterable[dict[str, Any]], fmt: str, *, columns: Sequence[Column]) -> None:
    """Print ``records`` in ``fmt``; ``columns`` choose what the table shows."""
    if fmt == "table":
        click.echo(render_table(list(records), columns))
    else:
        WRITERS[fmt](records)


def write_jsonl(records: Iterable[dict[str, Any]]) -> None:
    for record in records:
        click.echo(_json(record))


def write_json(records: Iterable[dict[str, Any]]) -> None:
    """A JSON list, one record per line, written as records arrive."""
    first = True
    for record in records:
        click.echo(("[" if first else ",\n") + _json(record), nl=False)
        first = False
    click.echo("[]" if first else "]")


def write_csv(records: Iterable[dict[str, Any]]) -> None:
    """CSV with a header taken from the first record's keys; nested values become JSON."""
    writer = None
    buffer = io.StringIO()
    for record in records:
        if writer is None:
            writer = csv.DictWriter(buffer, fieldnames=list(record), lineterminator="\n")
            writer.writeheader()
        writer.writerow({k: _csv_value(v) for k, v in record.items()})
        click.echo(buffer.getvalue(), nl=False)
        buffer.seek(0)
        buffer.truncate()


WRITERS: dict[str, Callable[[Iterable[dict[str, Any]]], None]] = {
    "jsonl": write_jsonl,
    "json": write_json,
    "csv": write_csv,
}


def render_table(rows: Sequence[dict[str, Any]], columns: Sequence[Column]) -> str:
    """Aligned plain-text table; ``(none)`` under the header when there are no rows."""
    headers = [header for header, _ in columns]
    cells = [[_cell(_value(row, key)) for _, key in columns] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    lines = [_line(headers, widths), _line(["-" * w for w in widths], widths)]
    lines += [_line(r, widths) for r in cells] or ["(none)"]
    return "\n".join(lines)


def echo_error(error: Exception) -> None:
    """Report an error on stderr the way click does: ``Error: <message>``."""
    click.echo(f"Error: {error}", err=True)


def _value(row: dict[str, Any], key: str | Callable[[dict[str, Any]], Any]) -> Any:
    return key(row) if callable(key) else row.get(key)


def _cell(value: Any) -> str:
    text = "" if value is None else " ".join(str(value).split())
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


def _line(cells: Sequence[str], widths: Sequence[int]) -> str:
    return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()


def _json(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, default=str)


def _csv_value(value: Any) -> Any:
    return _json(value) if isinstance(value, dict | list) else value
