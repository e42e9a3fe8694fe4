"""The run on a Dask cluster: workers clean, code and write the Parquet parts of a new dataset; this
process reads the sources, hands out the chunks, then builds the clusters and seals the dataset.

Dask is imported only when a run starts, so that importing the pipeline does not import it."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from blocwatch.analysis.clusters import build_clusters
from blocwatch.clean import DEFAULT_OPTIONS, CleanOptions
from blocwatch.errors import ParameterError
from blocwatch.ingest import DEFAULT_MAX_BYTES
from blocwatch.model import RunReport
from blocwatch.pipeline import chunking
from blocwatch.pipeline.chunking import ProgressCallback
from blocwatch.pipeline.coding import Chunk, chunk_report, code_pages, confident, iter_pages, process_extractor
from blocwatch.pipeline.local import check_workers, lost_workers_reported
from blocwatch.store.dataset import building_dataset, create_dataset, seal_dataset, write_part

if TYPE_CHECKING:
    from dask.distributed import Client
    from dask.distributed import Future as DaskFuture

# Dask parts: several per worker, so that all are busy, but never so small that files multiply. Each part
# writes its own Parquet files and is a task of its own: on 5,000 briefs, parts of up to 1,024 documents
# rather than 256 took 2 workers 29.3 s against 34.0 s (three runs each, in turn; benchmarks/README.md).
_DASK_PARTS_PER_WORKER = 4
_DASK_CHUNK_RANGE = (16, 1024)


def run_dask(
    sources: Iterable[str], *, dataset: Path, scheduler: str | None = None, workers: int = 2,
    chunk: int | None = None, max_bytes: int = DEFAULT_MAX_BYTES, options: CleanOptions = DEFAULT_OPTIONS,
    allow_private: bool = False, on_progress: ProgressCallback | None = None, min_confidence: float = 0.0,
) -> RunReport:
    """Ingest `sources` on a Dask cluster into a new Parquet dataset, partitioned by month.

    This process reads the sources and sends chunks of pages to the workers, which clean, code and
    write their chunk's Parquet files into `dataset` (so it must be a folder the workers can reach
    at the same path); once every chunk is in, this process builds the event clusters and seals the
    dataset. A document id met twice keeps its first document, as `run` does.

    Args:
        sources: paths, folders, "-" or URLs (see `iter_pages`).
        dataset: a new or empty folder.
        scheduler: the address of a running Dask scheduler (tcp://host:8786); None starts a local
            cluster of `workers` processes for this run.
        workers: processes of the local cluster (ignored with `scheduler`).
        chunk: documents per task and per Parquet file; None gives each worker about four tasks, of 16
            to 1,024 documents (1,024 when the sources cannot be counted ahead).
        max_bytes: per-input size limit.
        options: clean-stage thresholds.
        allow_private: let URLs reach private and loopback addresses.
        on_progress: as for `run`.
        min_confidence: as for `run`.

    Raises:
        ParameterError: `workers` is below 1, or `scheduler` cannot be reached.
        StoreError: `dataset` is a file, or a folder that is not empty.
    """
    from distributed import KilledWorker

    check_workers(workers)
    sources = list(sources)
    create_dataset(dataset)
    expected = chunking.expected(sources)
    tally = chunking.Tally(on_progress, expected)
    with _dask_client(scheduler, workers) as client:
        cluster_workers = max(1, len(client.scheduler_info()["workers"]))
        if chunk is None:
            low, high = _DASK_CHUNK_RANGE
            share = high if expected is None else expected // (cluster_workers * _DASK_PARTS_PER_WORKER)
            chunk = min(high, max(low, share))
        chunks = chunking.chunks(iter_pages(sources, max_bytes=max_bytes, allow_private=allow_private), tally,
                                 size=chunk, characters=None, stored=lambda docs: {})
        ahead = chunking.AHEAD * cluster_workers
        pending: deque[DaskFuture[RunReport]] = deque()
        with lost_workers_reported(KilledWorker):
            for number, pages in enumerate(chunks):
                pending.append(client.submit(_code_part, pages, number, str(dataset), options, min_confidence,
                                              pure=False))
                if len(pending) >= ahead:
                    tally.add(pending.popleft().result())
            while pending:
                tally.add(pending.popleft().result())
    with building_dataset(dataset) as store:
        build_clusters(store)
        seal_dataset(store)
    return tally.report


def _code_part(pages: Chunk, number: int, dataset: str, options: CleanOptions, min_confidence: float) -> RunReport:
    """A Dask task: code one chunk and write its Parquet part; only the counts travel back."""
    outcomes = confident(code_pages(pages, extractor=process_extractor, options=options), min_confidence)
    refused = write_part(Path(dataset), number, [o for o in outcomes if isinstance(o, tuple)])
    return chunk_report(outcomes, refused)


@contextmanager
def _dask_client(scheduler: str | None, workers: int) -> Iterator[Client]:
    """A Dask client of the scheduler at `scheduler`, or of a local cluster of `workers` processes."""
    import logging

    from dask.distributed import Client, LocalCluster

    if scheduler is None:
        # No dashboard: its fixed port would clash between runs, and nothing here reads it.
        with LocalCluster(n_workers=workers, threads_per_worker=1, dashboard_address=None,
                          silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
            yield client
        return
    try:
        client = Client(scheduler, timeout="10s")
    except (OSError, TimeoutError) as exc:
        raise ParameterError("--scheduler", f"no Dask scheduler answers at {scheduler} ({exc})") from None
    with client:
        yield client
