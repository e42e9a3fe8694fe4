"""How requests reach the DuckDB file: opened read-only for one request and closed before the answer.

DuckDB lets one process write, or any number read. Short-lived connections on this side, and an
ingest that closes the file between its batches on the other, let the two take turns. Within this process,
DuckDB refuses a read-write connection beside read-only ones, so the `Gate` orders the server's
own ingest requests against its readers.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from fastapi import Request, Response

from blocwatch.errors import StoreError
from blocwatch.store import Store, open_store

STALE_HEADER = "X-Blocwatch-Clusters"
_BUSY = "database is busy (an ingest request to this server is writing to it); retry shortly"


class Gate:
    """Any number of readers, or one writer; a writer keeps new readers out while it waits for the last."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._readers = 0
        self._writing = False

    @contextmanager
    def reading(self, wait: float) -> Iterator[None]:
        """Hold the gate for reading.

        Raises:
            StoreError: a writer held it for more than `wait` seconds.
        """
        with self._changed:
            if not self._changed.wait_for(lambda: not self._writing, timeout=wait):
                raise StoreError(_BUSY)
            self._readers += 1
        try:
            yield
        finally:
            with self._changed:
                self._readers -= 1
                self._changed.notify_all()

    @contextmanager
    def writing(self, wait: float) -> Iterator[None]:
        """Hold the gate alone.

        Raises:
            StoreError: another writer or the readers held it for more than `wait` seconds.
        """
        with self._changed:
            if not self._changed.wait_for(lambda: not self._writing, timeout=wait):
                raise StoreError(_BUSY)
            self._writing = True
            if not self._changed.wait_for(lambda: self._readers == 0, timeout=wait):
                self._writing = False
                self._changed.notify_all()
                raise StoreError("database is busy (requests to this server are reading it); retry shortly")
        try:
            yield
        finally:
            with self._changed:
                self._writing = False
                self._changed.notify_all()


def read_store(request: Request, response: Response) -> Iterator[Store]:
    """FastAPI dependency: the store, opened read-only for this request alone.

    While an ingest runs, answers come from the clusters it last built, and say so in the header
    `X-Blocwatch-Clusters: stale`.

    Raises:
        StoreError: the database stayed busy for the app's `busy_wait` seconds, or cannot be read.
    """
    state = request.app.state
    with state.gate.reading(state.busy_wait), open_store(state.db_path, read_only=True,
                                                         wait=state.busy_wait) as store:
        if store.clusters_stale():
            response.headers[STALE_HEADER] = "stale"
        yield store
