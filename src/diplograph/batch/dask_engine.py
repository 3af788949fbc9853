"""Extraction on a Dask distributed cluster, with the same task as the process pool.

Each Dask task is one batch of articles given to ``extract_batch``; a worker process loads
the pipeline for its first batch and keeps it (``load_pipeline`` caches it per process).
Results come back to the caller in input order. Without a scheduler address a local
cluster is started on 127.0.0.1 and closed afterwards; on one machine ``run_parallel``
does the same job with less overhead.

Dask is optional (``pip install 'diplograph[dask]'``) and imported only here.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from diplograph.batch.tasks import ExtractOptions, chunked, extract_batch
from diplograph.errors import Messages

if TYPE_CHECKING:
    from distributed import Client

    from diplograph.records import Article, Result

#: Batches queued per worker thread: enough to keep workers busy, few enough to bound memory.
IN_FLIGHT_PER_WORKER = 2
INSTALL = "'diplograph[dask]'"


def require_dask() -> Any:
    """The ``distributed`` module, or ModuleNotFoundError E060 naming the install command."""
    try:
        import distributed
    except ImportError as e:
        message = Messages.fmt("E060", package="dask", install=INSTALL)
        raise ModuleNotFoundError(message, name="dask") from e
    return distributed


def run_dask(
    articles: Iterable[Article],
    *,
    scheduler: str | None = None,
    batch_size: int = 50,
    workers: int = 2,
    model: str | None = None,
    dictionaries: Iterable[str] = (),
    lexicons: Iterable[str] = (),
    all_modalities: bool = False,
    untargeted: bool = False,
    prescan: bool = False,
) -> Iterator[Result]:
    """One Result per Article, in input order, extracted on a Dask cluster.

    ``scheduler`` is the address of a running scheduler (``tcp://host:8786``); its workers
    need diplograph installed. Without it, a local cluster of ``workers`` processes runs.
    """
    options = ExtractOptions(model, tuple(dictionaries), tuple(lexicons), all_modalities, untargeted, prescan)
    with _client(scheduler, workers=workers) as client:
        pending: deque[Any] = deque()
        try:
            for batch in chunked(articles, batch_size):
                # pure=False: two batches with equal content are still two tasks to run.
                pending.append(client.submit(extract_batch, batch, options, pure=False))
                if len(pending) >= _window(client):
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
        finally:
            for future in pending:
                future.cancel()


def _window(client: Client) -> int:
    """Batches to keep in flight, asked each time: a cluster may grow (or shrink) during a run."""
    return max(1, sum(client.nthreads().values())) * IN_FLIGHT_PER_WORKER


@contextmanager
def _client(scheduler: str | None, *, workers: int) -> Iterator[Client]:
    """A client of ``scheduler``, or of a local cluster that is closed on exit."""
    distributed = require_dask()
    if scheduler:
        with distributed.Client(scheduler) as client:
            yield client
        return
    cluster = distributed.LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=":0",  # a random free port: never clash with another cluster on 8787
    )
    with cluster, distributed.Client(cluster) as client:
        yield client
