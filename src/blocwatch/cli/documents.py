"""`blocwatch clean`: show what the extractor will read."""

from __future__ import annotations

import json
from enum import Enum
from typing import Annotated

import typer

from blocwatch.cli.app import MaxMb, app, exit_code, out, warn
from blocwatch.model import Problem
from blocwatch.pipeline import iter_articles


class CleanFormat(str, Enum):
    text = "text"
    json = "json"


@app.command("clean")
def clean_command(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, or - for standard input.")],
    format: Annotated[CleanFormat, typer.Option("--format", "-f", help="text, or json (one object a line).")]
    = CleanFormat.text,
    max_mb: MaxMb = 10.0,
) -> None:
    """Print each input's clean article text (json: with all its metadata)."""
    processed = failed = 0
    for item in iter_articles(paths, max_bytes=int(max_mb * 1e6)):
        if isinstance(item, Problem):
            warn(item)
            failed += item.failed
            continue
        processed += 1
        if format is CleanFormat.json:
            print(json.dumps(item.to_json(), ensure_ascii=False))
        else:
            heading = " | ".join(x for x in (item.id, item.title, item.date and item.date.isoformat()) if x)
            out.print(f"[bold]== {heading}[/bold]", highlight=False)
            print(item.text, end="\n\n")
    raise typer.Exit(exit_code(processed, failed))
