"""The Typer application and what every command shares: warnings, exit codes, options."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

from blocwatch.model import Problem

app = typer.Typer(
    name="blocwatch",
    help="Read news about international relations and rebuild who did what to whom, and when.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, soft_wrap=True)


@app.callback()
def _root() -> None:
    """Read news about international relations and rebuild who did what to whom, and when."""

out = Console(soft_wrap=True)

MaxMb = Annotated[float, typer.Option("--max-mb", help="Refuse inputs larger than this many megabytes.")]


def warn(problem: Problem) -> None:
    """Print one line naming the input and what went wrong with it."""
    label = "[red]error[/red]" if problem.failed else "[yellow]warning[/yellow]"
    err.print(f"{label}: {problem.origin}: {problem.reason}", markup=True, highlight=False)


def exit_code(processed: int, failed: int) -> int:
    """0 when nothing failed, 2 when every input failed, 1 otherwise."""
    if not failed:
        return 0
    return 2 if processed == 0 else 1
