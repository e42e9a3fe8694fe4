"""Imported by the fork server that `pipeline.run` starts its workers from, and by nothing else: the
extractor is loaded there once, so that every worker forked from it starts with the model in memory
(shared with the others until written) rather than loading its own on its first chunk."""

from contextlib import suppress

from blocwatch.pipeline import process_extractor

# A model that fails to load here fails again in the worker, whose error then reaches the run with the chunk
# it was given, where this process could only end the fork server with a traceback.
with suppress(Exception):
    process_extractor()
