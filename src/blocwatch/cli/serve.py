"""`blocwatch serve`: the JSON API and the dashboard over a database, with uvicorn."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from blocwatch.cli.app import app, err
from blocwatch.cli.store import Db
from blocwatch.store import DEFAULT_PATH


@app.command("serve")
def serve_command(
    db: Db = DEFAULT_PATH,
    host: Annotated[str, typer.Option("--host", help="Address to listen on; 0.0.0.0 opens it to the network.")]
    = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
    allow_ingest: Annotated[bool, typer.Option(
        "--allow-ingest", help="Add POST /api/ingest, for clients sending the token in BLOCWATCH_TOKEN.")]
    = False,
) -> None:
    """Serve the dashboard at / and the JSON API under /api (schema at /openapi.json); read-only by default."""
    import uvicorn

    from blocwatch.api import create_app

    server = create_app(db, allow_ingest=allow_ingest, token=os.environ.get("BLOCWATCH_TOKEN"))
    err.print(f"serving {db} at http://{host}:{port}/ ({'ingest allowed' if allow_ingest else 'read-only'})",
              highlight=False)
    uvicorn.run(server, host=host, port=port, log_level="warning")
