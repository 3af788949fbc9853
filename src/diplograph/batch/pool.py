"""Extraction on one machine with N worker processes.

The parent reads articles and sends them in batches; each worker loads the pipeline once
(pool initializer) and extracts its batches. Results come back in input order, and only a
few batches per worker are in flight, so memory stays flat on corpora of any size.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TYPE_CHECKING

from diplograph.batch.tasks import ExtractOptions, chunked, extract_batch, load_model

if TYPE_CHECKING:
    from diplograph.records import Article, Result

#: Batches queued per worker: enough to keep workers busy while the parent stores results.
IN_FLIGHT_PER_WORKER = 2


def run_parallel(
    articles: Iterable[Article],
    *,
    workers: int,
    batch_size: int = 32,
    model: str | None = None,
    dictionaries: Iterable[str] = (),
    lexicons: Iterable[str] = (),
    all_modalities: bool = False,
    untargeted: bool = False,
    prescan: bool = False,
) -> Iterator[Result]:
    """One Result per Article, in input order, extracted by ``workers`` processes.

    ``workers=1`` runs in this process, with no pool to start. Workers are started with
    forkserver (spawn where it is missing): forking a parent that already holds threads or
    a DuckDB connection is unsafe.
    """
    options = ExtractOptions(model, tuple(dictionaries), tuple(lexicons), all_modalities, untargeted, prescan)
    if workers <= 1:
        # Looked up at call time, so that a replaced ``diplograph.extract_articles`` is used.
        import diplograph

        yield from diplograph.extract_articles(
            articles,
            model=model,
            dictionaries=options.dictionaries,
            lexicons=options.lexicons,
            all_modalities=all_modalities,
            untargeted=untargeted,
            prescan=prescan,
        )
        return
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=load_model, initargs=(options,))
    pending: deque[Future[list[Result]]] = deque()
    try:
        for batch in chunked(articles, batch_size):
            pending.append(pool.submit(extract_batch, batch, options))
            if len(pending) >= workers * IN_FLIGHT_PER_WORKER:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        # Also reached when the caller stops early or a batch fails: drop queued work.
        pool.shutdown(wait=True, cancel_futures=True)
