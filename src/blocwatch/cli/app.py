"""The Typer application and what every command shares: warnings, exit codes, options."""

from __future__ import annotations

from typing import Annotated

import typer
import typer.core
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from blocwatch import __version__
from blocwatch.cli.terminal import say
from blocwatch.model import Problem

_value_type = typer.core.TyperOption.display_type_rich


def _flag_type(self: typer.core.TyperOption, ctx: typer.Context) -> str | None:
    # Typer's help shows `<bool>` beside flags, which reads as a value to give ("--quiet true" fails).
    return None if self.is_flag else _value_type(self, ctx)


# Typer has no hook for this, so its class is patched; setattr, as mypy refuses assigning to a method.
setattr(typer.core.TyperOption, "display_type_rich", _flag_type)  # noqa: B010

app = typer.Typer(
    name="blocwatch",
    help="Read news about international relations and rebuild who did what to whom, and when.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, soft_wrap=True)


def _print_version(asked: bool) -> None:
    if asked:
        print(f"blocwatch {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_print_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """Read news about international relations and rebuild who did what to whom, and when."""

out = Console(soft_wrap=True)

MaxMb = Annotated[float, typer.Option("--max-mb", help="Refuse inputs larger than this many MiB (mebibytes).")]
MinConfidence = Annotated[float, typer.Option(
    "--min-confidence", min=0.0, max=1.0,
    help="Keep only events at least this likely to be right (0-1; `confidence` is calibrated on gold sets).")]
Paths = Annotated[list[str], typer.Argument(help="Files, folders, or - for standard input.")]


def warn(problem: Problem) -> None:
    """Print one line naming the input and what went wrong with it."""
    label = "[red]error[/red]" if problem.failed else "[yellow]warning[/yellow]"
    say(err, label + ": {}: {}", problem.origin, problem.reason)


def exit_code(processed: int, failed: int) -> int:
    """0 when nothing failed, 2 when every input failed, 1 otherwise."""
    if not failed:
        return 0
    return 2 if processed == 0 else 1


class _RateColumn(ProgressColumn):
    """Items per second, over the last half minute."""

    def __init__(self, unit: str):
        super().__init__()
        self.unit = unit

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.1f} {self.unit}/s" if speed else f"? {self.unit}/s", style="progress.data.speed")


def progress_bar(*, quiet: bool, unit: str = "docs") -> Progress:
    """A transient progress display on standard error: done/expected, rate, elapsed time and ETA.

    Nothing is shown with `quiet`, nor when standard error is not an interactive terminal (a log
    file would only collect the bar's last frame).

    Args:
        quiet: show nothing.
        unit: what is counted, for the rate ("docs/s").
    """
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), _RateColumn(unit),
                    TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(), console=err, transient=True,
                    disable=quiet or not err.is_interactive)
