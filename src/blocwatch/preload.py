"""Loads the extractor where workers are started, so that none loads its model on its first chunk.

Imported by the fork server that `pipeline.run` forks its workers from (each then starts with the model
in memory, shared with the others until written), and by a Dask worker started with `--preload
blocwatch.preload` (the model loads while the worker starts, before it joins the scheduler, rather than
inside the first part of every ingest)."""

from contextlib import suppress

from blocwatch.pipeline import process_extractor

# A model that fails to load here fails again in the worker, whose error then reaches the run with the chunk
# it was given, where this process could only end the fork server with a traceback.
with suppress(Exception):
    process_extractor()
