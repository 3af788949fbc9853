"""The unit of work every engine runs: extract one batch of articles in a worker process.

Process pools and Dask workers call the same ``extract_batch``, so a corpus gives the same
results whichever engine runs it. The pipeline is cached per process by ``load_pipeline``:
a worker loads the model for its first batch (or in the pool initializer) and keeps it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from spacy.language import Language

    from diplograph.records import Article, Result

T = TypeVar("T")


@dataclass(frozen=True)
class ExtractOptions:
    """What ``extract_articles`` needs besides the articles; small and picklable, so it can
    travel to worker processes once rather than with every batch."""

    model: str | None = None
    dictionaries: tuple[str, ...] = ()
    lexicons: tuple[str, ...] = ()
    all_modalities: bool = False
    untargeted: bool = False
    prescan: bool = False


def load_model(options: ExtractOptions) -> Language:
    """The pipeline for ``options``, loaded once per process (``load_pipeline`` caches it)."""
    from diplograph.pipeline import DEFAULT_MODEL, load_pipeline

    return load_pipeline(options.model or DEFAULT_MODEL, dictionaries=options.dictionaries, lexicons=options.lexicons)


def extract_batch(articles: list[Article], options: ExtractOptions) -> list[Result]:
    """The Results of ``articles``, in order, with this process's cached pipeline."""
    from diplograph.api import extract_articles

    nlp = load_model(options)
    results = extract_articles(
        articles,
        nlp=nlp,
        all_modalities=options.all_modalities,
        untargeted=options.untargeted,
        prescan=options.prescan,
        dictionaries=options.dictionaries,
        lexicons=options.lexicons,
    )
    return list(results)


def chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Lists of ``size`` items (the last may be shorter), read lazily from ``items``."""
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch
