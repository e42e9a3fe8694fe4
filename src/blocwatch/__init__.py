"""blocwatch: rebuild the geopolitical system that news articles describe.

The Python API follows the data's path: read_sources -> clean -> extract -> store -> analyses.
"""

import logging

from blocwatch.analysis import actor_graph, bloc, build_clusters, find_events, recognition, relations
from blocwatch.clean import CleanOptions, clean
from blocwatch.export import export
from blocwatch.ingest import read_sources
from blocwatch.model import Article, Event, Problem, RawPage, RunReport
from blocwatch.store import open_store

__all__ = ["Article", "CleanOptions", "Event", "Problem", "RawPage", "RunReport", "actor_graph", "bloc",
           "build_clusters", "clean", "export", "find_events", "open_store", "read_sources", "recognition",
           "relations"]
__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())
