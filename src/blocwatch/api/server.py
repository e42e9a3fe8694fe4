"""Running the app under uvicorn, with time limits on what a client sends.

uvicorn closes an idle kept-alive connection, but waits as long as a client likes for a request's head
and body: a client that sends a header line every few seconds holds a connection (and, with enough of
them, the server) forever. `_TimedH11Protocol` gives each request `head_seconds` to finish its head and
`request_seconds` to finish its body, then answers 408 and closes the connection.
"""

from __future__ import annotations

import asyncio
from typing import Any

import h11
import uvicorn
from fastapi import FastAPI
from uvicorn.config import Config
from uvicorn.protocols.http.h11_impl import H11Protocol
from uvicorn.server import ServerState

HEAD_SECONDS = 10.0
REQUEST_SECONDS = 60.0
_TOO_SLOW = b'{"error": "the request took too long to arrive; send it again"}'
_TIMED_OUT = (b"HTTP/1.1 408 Request Timeout\r\nContent-Type: application/json\r\nConnection: close\r\n"
              b"Content-Length: %d\r\n\r\n%s" % (len(_TOO_SLOW), _TOO_SLOW))


class _TimedH11Protocol(H11Protocol):
    # uvicorn builds a protocol from its class alone: `serve` sets the limits on a subclass.
    head_seconds = HEAD_SECONDS
    request_seconds = REQUEST_SECONDS

    def __init__(self, config: Config, server_state: ServerState, app_state: dict[str, Any],
                 _loop: asyncio.AbstractEventLoop | None = None) -> None:
        super().__init__(config, server_state, app_state, _loop)
        self._timer: asyncio.TimerHandle | None = None
        self._began = 0.0
        self._awaiting_head = False

    def data_received(self, data: bytes) -> None:
        if self._timer is None and self.conn.their_state is h11.IDLE:
            # The first bytes of a request: its head must be in within the head limit.
            self._began = self.loop.time()
            self._awaiting_head = True
            self._timer = self.loop.call_later(self.head_seconds, self._too_slow)
        super().data_received(data)
        self._follow()

    def _follow(self) -> None:
        """Move the timer along with the request: the body's limit once its head is in, none once it is all in."""
        if self._timer is None:
            return
        state = self.conn.their_state
        if state is h11.SEND_BODY and self._awaiting_head:
            self._awaiting_head = False
            self._timer.cancel()
            self._timer = self.loop.call_at(self._began + self.request_seconds, self._too_slow)
        elif state is not h11.IDLE and state is not h11.SEND_BODY:
            self._timer.cancel()
            self._timer = None
            self._awaiting_head = False

    def connection_lost(self, exc: Exception | None) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        super().connection_lost(exc)

    def _too_slow(self) -> None:
        self._timer = None
        if not self.transport.is_closing():
            if self.cycle is None or not self.cycle.response_started:
                self.transport.write(_TIMED_OUT)
            self.transport.close()


def serve(app: FastAPI, *, host: str, port: int, head_seconds: float = HEAD_SECONDS,
          request_seconds: float = REQUEST_SECONDS) -> None:
    """Run `app` on host:port until interrupted.

    Args:
        app: the application (`create_app`).
        host, port: where to listen.
        head_seconds: time a client has to send a request's line and headers.
        request_seconds: time a client has to send a whole request, body included.
    """
    limits = {"head_seconds": head_seconds, "request_seconds": request_seconds}
    protocol = type("TimedH11Protocol", (_TimedH11Protocol,), limits)
    uvicorn.run(app, host=host, port=port, log_level="warning", http=protocol, timeout_keep_alive=5)
