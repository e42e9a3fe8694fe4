"""The HTTP app: `create_app(db_path)` serves the analyses as JSON under /api and the dashboard at /."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from pathlib import Path

import duckdb
from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from blocwatch import __version__, web
from blocwatch.api import ingest, lookups, routes
from blocwatch.api.access import Gate
from blocwatch.api.guard import Guard
from blocwatch.errors import BlocwatchError, ParameterError, StoreError
from blocwatch.ingest import DEFAULT_MAX_BYTES
from blocwatch.store import open_store
from blocwatch.store.failures import store_failure

# A request may carry as much as `blocwatch ingest` reads from one file by default.
MAX_BODY_BYTES = DEFAULT_MAX_BYTES
# An ingest holds the file only while it writes a batch (under a second) or, at its end, the clusters:
# a few seconds cover that, and anything longer is better answered with 503 and Retry-After than with a
# hanging request.
BUSY_WAIT = 5.0
GZIP_MIN_BYTES = 1024  # below a kilobyte, compressing saves less than it costs
# A bearer token shorter than this could be guessed by a client that keeps asking.
MIN_TOKEN_LENGTH = 32

_DESCRIPTION = f"""
The blocwatch store as JSON: documents, event clusters, relations, recognition, bloc cohesion and the
actor network, with the same filters as the CLI. Days are YYYY, YYYY-MM or YYYY-MM-DD.

**Pages.** `/api/documents` and `/api/events` answer `{{"total", "limit", "offset", "items"}}`;
`limit` defaults to {routes.DEFAULT_LIMIT} and may be at most {routes.MAX_LIMIT}: a larger one is refused
with 400, not silently cut, so a client never mistakes a short page for the end.

**Errors** are JSON `{{"error": "...", "parameter": "..."}}`: 400 for a malformed or unknown parameter
(actor code, event type, day, limit), 404 for an unknown document, 401 for an ingest request without the
server's token, 413 for a body over the cap, 503 with `Retry-After` when another process holds the
database longer than a few seconds. The database is opened read-only for each request and closed after it.

**During an ingest** the API keeps answering, between the ingest's batches: documents as they are stored,
and event clusters as the ingest last built them (it rebuilds them at its end). Such answers carry the header
`X-Blocwatch-Clusters: stale`, and `/api/overview` says `"clusters_stale": true`.
"""


def create_app(
    db_path: str | Path, *, allow_ingest: bool = False, token: str | None = None,
    max_body_bytes: int = MAX_BODY_BYTES, busy_wait: float = BUSY_WAIT, allowed_hosts: Iterable[str] | None = None,
) -> FastAPI:
    """The FastAPI app over the blocwatch database at `db_path`.

    Args:
        db_path: the DuckDB file.
        allow_ingest: add POST /api/ingest (and create the database if it does not exist).
        token: the bearer token ingest requests must carry; required with `allow_ingest`.
        max_body_bytes: larger request bodies are refused with 413.
        busy_wait: seconds a request waits for a writer to release the database before answering 503.
        allowed_hosts: the names a request's `Host` may give (see `guard.host_names`); None allows any, which
            only an in-process client should be given.

    Raises:
        ParameterError: `allow_ingest` without a token of at least MIN_TOKEN_LENGTH characters.
        StoreError: the database is missing (read-only), busy, or not a blocwatch store.
    """
    if allow_ingest and len(token or "") < MIN_TOKEN_LENGTH:
        raise ParameterError("BLOCWATCH_TOKEN", f"--allow-ingest needs a token of at least {MIN_TOKEN_LENGTH} "
                                                "characters: set BLOCWATCH_TOKEN to the secret ingest requests must "
                                                "send as Authorization: Bearer <token> (e.g. the output of "
                                                "`openssl rand -hex 32`)")
    # Checked here, so a wrong path fails at start-up in one line rather than on every request.
    open_store(db_path, read_only=not allow_ingest, wait=busy_wait).close()
    app = FastAPI(title="blocwatch", version=__version__, description=_DESCRIPTION, lifespan=_lifespan,
                  # FastAPI's own /docs and /redoc load their scripts from a CDN: the dashboard's router
                  # serves /docs from the installed swagger-ui-bundle instead.
                  docs_url=None, redoc_url=None)
    app.state.db_path = Path(db_path)
    app.state.busy_wait = busy_wait
    app.state.allow_ingest = allow_ingest
    app.state.token = token
    app.add_middleware(_BodyLimit, limit=max_body_bytes)
    # plotly.js is 4.8 MB and a large event page some hundred KB: compressed, a cold load is several times faster.
    app.add_middleware(GZipMiddleware, minimum_size=GZIP_MIN_BYTES)
    app.add_middleware(Guard, allowed_hosts=allowed_hosts)
    app.add_exception_handler(BlocwatchError, _blocwatch_error)
    app.add_exception_handler(duckdb.Error, _database_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.include_router(routes.router)
    app.include_router(lookups.router)
    if allow_ingest:
        app.include_router(ingest.router)
    app.include_router(web.router)
    return app


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    app.state.gate = Gate()
    app.state.extractor = None
    if app.state.allow_ingest:
        from blocwatch.events import Extractor  # imports spaCy: only a server that ingests needs it

        # Loaded once at start-up, so no ingest request waits for the model.
        app.state.extractor = await run_in_threadpool(Extractor.load)
    yield
    app.state.extractor = None


def _api_name(parameter: str) -> str:
    """The API's name for a parameter the analyses name as the CLI does (--as-of -> as_of, TARGET -> target)."""
    return parameter.removeprefix("--").replace("-", "_").lower()


def _blocwatch_error(request: Request, exc: Exception) -> JSONResponse:
    if isinstance(exc, ParameterError):
        return JSONResponse({"error": _without_paths(exc.problem, request), "parameter": _api_name(exc.parameter)},
                            400)
    if isinstance(exc, StoreError):
        return JSONResponse({"error": _without_paths(str(exc), request)}, 503, headers={"Retry-After": "1"})
    return JSONResponse({"error": _without_paths(str(exc), request)}, 500)


def _database_error(request: Request, exc: Exception) -> JSONResponse:
    """A damaged database or a full disk, said as the CLI says it; any other DuckDB error is a bug (500)."""
    failure = store_failure(request.app.state.db_path, exc)
    if failure is None:
        raise exc
    return JSONResponse({"error": _without_paths(str(failure), request)}, 500)


_ABSOLUTE_PATH = re.compile(r"(?<![\w:/.])/(?:[^/\s'\"]+/)+([^/\s'\"]+)")


def _without_paths(message: str, request: Request) -> str:
    """`message` with the server's file paths cut to their last part: where the database lives is none of a
    client's business, and tells an attacker about the machine."""
    db_path: Path = request.app.state.db_path
    for form in sorted({str(db_path.resolve()), str(db_path)}, key=len, reverse=True):
        message = message.replace(form, "the database")
    message = message.replace("the database: the ", "the ")
    return _ABSOLUTE_PATH.sub(r"\1", message)


def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)  # the only exception this handler is registered for
    first = exc.errors()[0]
    where = [str(part) for part in first["loc"][1:]]
    # A body that is not JSON at all is located by character offset, which names no parameter.
    parameter = "body" if first["type"] == "json_invalid" else ".".join(where) or first["loc"][0]
    return JSONResponse({"error": first["msg"], "parameter": parameter}, 400)


def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)  # the only exception this handler is registered for
    return JSONResponse({"error": exc.detail}, exc.status_code, headers=exc.headers)


class _BodyLimit:
    """Refuses request bodies over `limit` bytes with 413, whether announced by Content-Length or streamed."""

    def __init__(self, app: ASGIApp, limit: int):
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        problem = f"request body is over the {self.limit}-byte limit"
        announced = dict(scope["headers"]).get(b"content-length", b"")
        if announced.isdigit() and int(announced) > self.limit:
            await JSONResponse({"error": problem}, 413)(scope, receive, send)
            return
        received = 0

        async def counted_receive() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.limit:
                # FastAPI lets an HTTPException raised while it reads the body through to the handlers.
                raise StarletteHTTPException(413, problem)
            return message

        await self.app(scope, counted_receive, send)
