"""blocwatch: rebuild the geopolitical system that news articles describe.

The Python API follows the data's path: read_sources -> clean -> extract -> store -> analyses.
"""

import logging

from blocwatch.clean import CleanOptions, clean
from blocwatch.ingest import read_sources
from blocwatch.model import Article, Event, Problem, RawPage, RunReport

__all__ = ["Article", "CleanOptions", "Event", "Problem", "RawPage", "RunReport", "clean", "read_sources"]
__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())
