"""The lock file that keeps a database to one writer, removed again when the writer is done.

A lock file that stays behind is clutter beside the user's data, but removing it is safe only with care: a
waiting writer may already have opened the old file. So the holder removes the file while it still holds
the lock, and a writer that gets a lock checks that the file it locked is still the one at the path; if
not, it locks the new one instead. A crashed writer's file stays, unlocked, and the next writer takes it.
"""

from __future__ import annotations

import fcntl
import os
import time
from pathlib import Path

_RETRY_SECONDS = 0.05


class LockTimeout(Exception):
    """Another process held the lock for the whole wait."""


class WriterLock:
    """An exclusive lock on the file at `path`, which exists only while the lock is held."""

    def __init__(self, path: Path):
        self.path = path
        self._fd: int | None = None

    def acquire(self, wait: float) -> None:
        """Take the lock, retrying for `wait` seconds (0: try once).

        Raises:
            LockTimeout: another process held it for the whole wait.
            OSError: the file cannot be created (a read-only folder, say).
        """
        deadline = time.monotonic() + wait
        while True:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                if time.monotonic() >= deadline:
                    raise LockTimeout(str(self.path)) from None
                time.sleep(_RETRY_SECONDS)
                continue
            if self._still_there(fd):
                self._fd = fd
                return
            os.close(fd)  # the last holder removed it after we opened it: lock the file at the path now

    def release(self) -> None:
        """Remove the file and let go of the lock (in that order; see the module's note)."""
        if self._fd is None:
            return
        try:
            self.path.unlink(missing_ok=True)
        finally:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    def _still_there(self, fd: int) -> bool:
        try:
            at_path = os.stat(self.path)
        except FileNotFoundError:
            return False
        held = os.fstat(fd)
        return (held.st_dev, held.st_ino) == (at_path.st_dev, at_path.st_ino)
