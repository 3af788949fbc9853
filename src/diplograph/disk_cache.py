"""Built data kept on disk between runs, so that each new process starts faster.

Some tables take a noticeable share of a worker's start to build (the gazetteer: half a
second of JSON parsing and indexing) and are the same on every run. They are pickled under
the user's cache directory, named after a digest of everything they are built from (the
builder's source, the package data files, the versions of the packages read), so a changed
input never meets a stale table. The cache is a convenience: if it cannot be read or written
(read-only home, a damaged file, ``DIPLOGRAPH_CACHE_DIR=off``), the table is just built.

Where: ``$DIPLOGRAPH_CACHE_DIR``, else ``$XDG_CACHE_HOME/diplograph``, else
``~/.cache/diplograph``.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

DATA_DIR = Path(__file__).parent / "data"


def cache_dir() -> Path | None:
    """The directory for cached tables, or None when caching is switched off."""
    configured = os.environ.get("DIPLOGRAPH_CACHE_DIR")
    if configured is not None:
        return None if configured.strip().lower() in ("", "off", "0", "none") else Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "diplograph"


def digest(parts: Iterable[str | bytes]) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part if isinstance(part, bytes) else part.encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()[:20]


def package_data_digest() -> str:
    """A digest of the bundled data files (knowledge, lexicon), by name and content."""
    return digest(p for path in sorted(DATA_DIR.iterdir()) if path.is_file() for p in (path.name, path.read_bytes()))


def cached(name: str, key: str, build: Callable[[], T]) -> T:
    """The table ``name`` built by ``build``, read from the cache when one was stored under
    ``key`` (a digest of all of its inputs), else built and stored for the next process."""
    directory = cache_dir()
    if directory is None:
        return build()
    path = directory / f"{name}-{key}.pickle"
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)
    except Exception:  # noqa: BLE001 - missing, damaged or foreign: rebuild and overwrite it
        pass
    value = build()
    try:
        directory.mkdir(parents=True, exist_ok=True)
        # Written under a temporary name and renamed: workers starting together never read
        # half a file.
        with tempfile.NamedTemporaryFile(dir=directory, prefix=f".{name}-", delete=False) as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, path)
        for old in directory.glob(f"{name}-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)  # tables of older versions of the inputs
    except OSError:
        pass
    return value
