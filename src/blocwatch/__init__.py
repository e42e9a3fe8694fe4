"""blocwatch: rebuild the geopolitical system that news articles describe.

The Python API follows the data's path: read_sources -> clean -> extract -> store -> analyses.
"""

import logging
from importlib import import_module
from typing import Any

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

__all__ = sorted(_HOME)
__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())


def __getattr__(name: str) -> Any:
    if name not in _HOME:
        raise AttributeError(f"module 'blocwatch' has no attribute {name!r}")
    return getattr(import_module(_HOME[name]), name)
