"""Running extraction at scale: worker processes on one machine, or a Dask cluster.

``run_parallel`` (``diplograph ingest --workers N``) is the fast path on one machine.
``diplograph.batch.dask_engine.run_dask`` runs the same task, ``extract_batch``, on a
Dask cluster; Dask is an optional extra and is imported only when that engine is used.
``skip_stored`` lets a rerun skip articles already stored, so an interrupted ingest resumes.
"""

from diplograph.batch.pool import run_parallel
from diplograph.batch.resume import skip_stored
from diplograph.batch.tasks import ExtractOptions, chunked, extract_batch

__all__ = ["ExtractOptions", "chunked", "extract_batch", "run_parallel", "skip_stored"]
