"""Loads the extractor where workers are started, so that none loads its model on its first chunk.

Imported by the fork server that `pipeline.run` forks its workers from (each then starts with the model
in memory, shared with the others until written), and by a Dask worker started with `--preload
blocwatch.preload` (the model loads while the worker starts, before it joins the scheduler, rather than
inside the first part of every ingest)."""

from contextlib import suppress
from importlib import import_module

from blocwatch.pipeline import process_extractor

# A model that fails to load here fails again in the worker, whose error then reaches the run with the chunk
# it was given, where this process could only end the fork server with a traceback.
with suppress(Exception):
    process_extractor()


def dask_setup(worker: object) -> None:
    """Called by Dask in a worker that preloads this module: a Dask worker also writes its parts, so the
    store's modules load here too, and Arrow's first conversion, which imports pandas (0.4 s), is made."""
    import pyarrow

    import_module("blocwatch.pipeline.dask")  # what a part's task runs, with the store under it
    pyarrow.array([0])
