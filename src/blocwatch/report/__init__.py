"""Report stage: a store -> one self-contained page for a briefing (HTML with offline plots, or Markdown).

`build_report` gathers what the page says: the recognition ladder as of a day and its history, the bloc
verdict with the evidence per year, the busiest pairs over time with their change points, and, behind
every claim, the sentences that carry it and the articles they come from. `write_report` renders it
(`report.html` / `report.markdown`).
"""

from __future__ import annotations

from pathlib import Path

from blocwatch.errors import ParameterError
from blocwatch.report.build import DEFAULT_MEMBERS, Backing, Report, build_report
from blocwatch.report.html import render_html
from blocwatch.report.markdown import render_markdown

__all__ = ["DEFAULT_MEMBERS", "REPORT_FORMATS", "Backing", "Report", "build_report", "write_report"]

REPORT_FORMATS = {".html": "html", ".htm": "html", ".md": "markdown"}


def write_report(report: Report, out: Path) -> str:
    """Write `report` to `out`, as HTML or Markdown by its suffix; returns the format written.

    Raises:
        ParameterError: `out` has another suffix, or cannot be written.
    """
    format = REPORT_FORMATS.get(out.suffix.lower())
    if format is None:
        raise ParameterError("--out", f"{out}: name an .html or .md file (the report is written as one or the other)")
    render = render_html if format == "html" else render_markdown
    try:
        out.write_text(render(report), encoding="utf-8")
    except OSError as exc:
        raise ParameterError("--out", f"{out}: cannot be written ({exc.strerror or exc})") from None
    return format
