"""The writer's lock file: one holder at a time, handed on to a waiting writer, and gone once released."""

from __future__ import annotations

import threading

import pytest

from blocwatch.store.lock import LockTimeout, WriterLock

pytestmark = pytest.mark.issue(13)


def test_lock_is_exclusive_and_removed_on_release(tmp_path):
    path = tmp_path / "db.duckdb.lock"
    first = WriterLock(path)
    first.acquire(0)
    assert path.exists()
    with pytest.raises(LockTimeout):
        WriterLock(path).acquire(0)
    first.release()
    assert not path.exists()


def test_a_waiting_writer_gets_the_lock_on_the_new_file(tmp_path):
    path = tmp_path / "db.duckdb.lock"
    holder, waiter = WriterLock(path), WriterLock(path)
    holder.acquire(0)
    got = threading.Event()
    thread = threading.Thread(target=lambda: (waiter.acquire(10), got.set()))
    thread.start()
    assert not got.wait(0.3)  # still held
    holder.release()
    thread.join(10)
    assert got.is_set() and path.exists()
    with pytest.raises(LockTimeout):  # the waiter holds the file now at the path, not a removed one
        WriterLock(path).acquire(0)
    waiter.release()
    assert list(tmp_path.iterdir()) == []


def test_a_stale_file_from_a_crashed_writer_is_taken_over(tmp_path):
    path = tmp_path / "db.duckdb.lock"
    path.write_text("")  # left by a writer that was killed: no one holds it
    lock = WriterLock(path)
    lock.acquire(0)
    lock.release()
    assert not path.exists()
