"""A raw TCP server on 127.0.0.1 for tests that play a hostile web server: each connection's request is
read, then `reply` writes whatever bytes it likes. It stops by itself after `lifetime` seconds."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager


@contextmanager
def raw_server(reply: Callable[[socket.socket], None], *, lifetime: float = 15.0) -> Iterator[str]:
    """Serve `reply` on a free localhost port; yields the base URL (http://127.0.0.1:PORT)."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.1)
    ends = [time.monotonic() + lifetime]

    def serve() -> None:
        while time.monotonic() < ends[0]:
            try:
                connection, _ = listener.accept()
            except (TimeoutError, OSError):
                continue
            with connection:
                connection.settimeout(max(0.1, ends[0] - time.monotonic()))
                try:
                    _read_head(connection)
                    reply(connection)
                except OSError:
                    pass  # the client hung up, as it should when it gives up

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        ends[0] = 0.0
        thread.join(timeout=5)
        listener.close()


def _read_head(connection: socket.socket) -> None:
    received = b""
    while b"\r\n\r\n" not in received and len(received) < 65536:
        piece = connection.recv(4096)
        if not piece:
            return
        received += piece


def until(seconds: float) -> Callable[[], bool]:
    """A bound for a dripping loop: true while `seconds` have not passed."""
    ends = time.monotonic() + seconds
    return lambda: time.monotonic() < ends
