"""blocwatch: rebuild the geopolitical system that news articles describe.

The Python API follows the data's path: read_sources -> clean -> extract -> store -> analyses.
"""

import logging
from importlib import import_module
from typing import TYPE_CHECKING, Any

# The API is imported on first use: every process that imports a stage imports this package first, and the
# analyses' libraries (DuckDB, Arrow, networkx) took 0.7 s of the start of the fork server and of each Dask
# worker, which only code.
_HOMES = {
    "blocwatch.analysis": ("actor_graph", "bloc", "build_clusters", "find_events", "recognition", "relations"),
    "blocwatch.clean": ("CleanOptions", "clean"),
    "blocwatch.export": ("export",),
    "blocwatch.ingest": ("read_sources",),
    "blocwatch.model": ("Article", "Event", "Problem", "RawPage", "RunReport"),
    "blocwatch.store": ("open_store",),
}
_HOME = {name: module for module, names in _HOMES.items() for name in names}

if TYPE_CHECKING:  # the same names, so that type checkers see their types (tests/test_preload.py holds them equal)
    from blocwatch.analysis import actor_graph as actor_graph
    from blocwatch.analysis import bloc as bloc
    from blocwatch.analysis import build_clusters as build_clusters
    from blocwatch.analysis import find_events as find_events
    from blocwatch.analysis import recognition as recognition
    from blocwatch.analysis import relations as relations
    from blocwatch.clean import CleanOptions as CleanOptions
    from blocwatch.clean import clean as clean
    from blocwatch.export import export as export
    from blocwatch.ingest import read_sources as read_sources
    from blocwatch.model import Article as Article
    from blocwatch.model import Event as Event
    from blocwatch.model import Problem as Problem
    from blocwatch.model import RawPage as RawPage
    from blocwatch.model import RunReport as RunReport
    from blocwatch.store import open_store as open_store

__all__ = sorted(_HOME)
__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())


def __getattr__(name: str) -> Any:
    if name not in _HOME:
        raise AttributeError(f"module 'blocwatch' has no attribute {name!r}")
    return getattr(import_module(_HOME[name]), name)
