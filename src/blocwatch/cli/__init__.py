"""Command-line interface: thin shells over the stage functions."""

from __future__ import annotations

import sys

from blocwatch.cli import documents, ingest, queries, serve  # noqa: F401  (register their commands)
from blocwatch.cli.app import app, err
from blocwatch.cli.terminal import say
from blocwatch.errors import BlocwatchError


def main() -> None:
    """Entry point of the `blocwatch` script: user errors print one line and exit 1, never a traceback."""
    try:
        app()
    except BlocwatchError as exc:
        say(err, "[red]error[/red]: {}", exc)
        sys.exit(1)
    except KeyboardInterrupt:
        err.print("interrupted")
        sys.exit(130)


__all__ = ["app", "main"]
