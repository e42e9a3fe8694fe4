"""`blocwatch serve`: the JSON API and the dashboard over a database, with uvicorn."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from blocwatch.cli.app import app, err
from blocwatch.cli.options import Db
from blocwatch.cli.terminal import say
from blocwatch.errors import ParameterError
from blocwatch.store import DEFAULT_PATH


@app.command("serve")
def serve_command(
    db: Db = DEFAULT_PATH,
    host: Annotated[str, typer.Option("--host", help="Address to listen on; 0.0.0.0 opens it to the network.")]
    = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
    allow_ingest: Annotated[bool, typer.Option(
        "--allow-ingest", help="Add POST /api/ingest, for clients sending the token in BLOCWATCH_TOKEN (at least "
                               "32 characters).")]
    = False,
    allowed_host: Annotated[list[str] | None, typer.Option(
        "--allowed-host", help="A host name clients reach the server by (repeatable); requests naming another "
                               "host are refused. Default: the --host address (and localhost beside 127.0.0.1).")]
    = None,
    header_timeout: Annotated[float | None, typer.Option(
        "--header-timeout", help="Seconds a client has to send a request's headers (default 10).")] = None,
    request_timeout: Annotated[float | None, typer.Option(
        "--request-timeout", help="Seconds a client has to send a whole request (default 60).")] = None,
) -> None:
    """Serve the dashboard at / and the JSON API under /api (schema at /openapi.json); read-only by default."""
    from blocwatch.api import create_app
    from blocwatch.api.guard import host_names
    from blocwatch.api.server import serve

    hosts = host_names(host, allowed_host or [])
    if not hosts:
        raise ParameterError("--allowed-host", f"--host {host} listens on every address: name the host names "
                                               "clients will use with --allowed-host")
    server = create_app(db, allow_ingest=allow_ingest, token=os.environ.get("BLOCWATCH_TOKEN"), allowed_hosts=hosts)
    say(err, "serving {} at http://{}:{}/ ({})", db, host, port, "ingest allowed" if allow_ingest else "read-only")
    limits = {"head_seconds": header_timeout, "request_seconds": request_timeout}
    serve(server, host=host, port=port, **{name: value for name, value in limits.items() if value is not None})
