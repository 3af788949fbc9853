"""Resuming an interrupted ingest: articles already stored are skipped before extraction.

Extraction is the expensive step, so a rerun after a crash or a kill should only pay for
what is missing. The store is asked once per batch which ids it holds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

from diplograph.batch.tasks import chunked

if TYPE_CHECKING:
    from diplograph.records import Article


def skip_stored(
    articles: Iterable[Article],
    *,
    stored_ids: Callable[[list[str]], set[str]],
    batch_size: int = 50,
    on_skip: Callable[[int], None] | None = None,
) -> Iterator[Article]:
    """The articles whose id ``stored_ids`` does not know, in order.

    ``stored_ids`` gets the ids of one batch and returns those already stored;
    ``on_skip`` is told how many of each batch were skipped (for summaries and progress).
    """
    for batch in chunked(articles, batch_size):
        known = stored_ids([article.id for article in batch])
        if known and on_skip is not None:
            on_skip(sum(article.id in known for article in batch))
        yield from (article for article in batch if article.id not in known)
