"""The options the store's commands share: the database, the date bounds, confidence, output format."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

Db = Annotated[Path, typer.Option(
    "--db", help="The blocwatch database: a DuckDB file, or a Parquet dataset folder written by "
                 "`ingest --engine dask` (read in place).")]
Since = Annotated[str | None, typer.Option(
    "--since", help="First day counted: YYYY, YYYY-MM or YYYY-MM-DD. A date known only to its week, month or "
                    "year counts when that span overlaps the bounds.")]
Until = Annotated[str | None, typer.Option(
    "--until", help="Last day counted: YYYY, YYYY-MM or YYYY-MM-DD (a year or month: its last day).")]
Undated = Annotated[bool, typer.Option("--undated", help="Keep happenings with no date within --since/--until too "
                                                         "(left out by default, and counted).")]
Confident = Annotated[float, typer.Option(
    "--min-confidence", min=0.0, max=1.0,
    help="Leave out happenings whose most confident report is less likely than this to be right, and "
         "recognition claims below it (0-1; `confidence` is calibrated on gold sets).")]
PlotFile = Annotated[Path | None, typer.Option(
    "--plot", help="Also draw the result into this .html file (Plotly). PNG is not supported: it would need "
                   "a Chrome browser, which blocwatch does not install.")]


class TableFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


FormatOption = Annotated[TableFormat, typer.Option("--format", "-f", help="table, json or csv.")]
WideOption = Annotated[bool, typer.Option(
    "--wide", help="Print every column in full, wider than the terminal if need be (for a pager such as "
                         "`less -S`); by default long text is cut with … to fit.")]


class Period(StrEnum):
    month = "month"
    quarter = "quarter"
    year = "year"

