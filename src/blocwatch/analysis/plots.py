"""Pictures of the analyses where one reads better than a table: Plotly figures, written as HTML."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import plotly.graph_objects as go

from blocwatch.analysis.cohesion import Bloc
from blocwatch.analysis.dyads import Relations, period_of
from blocwatch.errors import ParameterError


def plot_relations(relations: Relations) -> go.Figure:
    """Net cooperation score per period, one line per direction; a quiet period shows as zero, so the
    axis keeps time's proportions. Happenings known only to their year (by month or quarter) are a
    hollow diamond in the middle of that year, marked as such, not a point in its first period."""
    figure = go.Figure()
    # A year's middle: the period holding 1 July.
    coarse = [(period_of(date(int(p.period), 7, 1), relations.by), p) for p in relations.coarser if sum(p.quads)]
    labels = all_periods([p.period for p in relations.periods] + [label for label, _ in coarse], relations.by)
    for source, target in ((relations.a, relations.b), (relations.b, relations.a)):
        found = {p.period: p for p in relations.periods if p.source == source}
        figure.add_trace(go.Scatter(x=labels, y=[found[x].net if x in found else 0 for x in labels],
                                    mode="lines+markers", name=f"{source} → {target}",
                                    customdata=[[sum(found[x].quads) if x in found else 0] for x in labels],
                                    hovertemplate="%{x}: net %{y} over %{customdata[0]} events"))
        mine = [(label, p) for label, p in coarse if p.source == source]
        if mine:
            figure.add_trace(go.Scatter(
                x=[label for label, _ in mine], y=[p.net for _, p in mine], mode="markers",
                name=f"{source} → {target}, known only to the year", marker={"symbol": "diamond-open", "size": 12},
                customdata=[[p.period, sum(p.quads)] for _, p in mine],
                hovertemplate="%{customdata[0]} (the year only): net %{y} over %{customdata[1]} events"))
    if relations.turns:
        figure.add_trace(go.Scatter(
            x=[t.period for t in relations.turns], y=[0] * len(relations.turns), mode="markers", name="turn",
            marker={"symbol": "x", "size": 12, "color": "#d73027"},
            customdata=[[t.direction, t.previous] for t in relations.turns],
            hovertemplate="%{x}: the pair turns %{customdata[0]} (after %{customdata[1]})"))
    figure.update_layout(title=f"{relations.a} and {relations.b}: net cooperation per {relations.by}",
                         xaxis={"title": relations.by, "type": "category"}, yaxis_title="sum of Goldstein scores")
    return figure


def all_periods(labels: list[str], by: str) -> list[str]:
    """Every period label from the earliest to the latest of `labels` (as `period_of` writes them), in order."""
    if not labels:
        return []
    first, last = min(map(_period_start, labels)), max(map(_period_start, labels))
    found: list[str] = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        label = period_of(date(year, month, 1), by)
        if not found or found[-1] != label:
            found.append(label)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found


def _period_start(label: str) -> date:
    year, _, rest = label.partition("-")
    if rest.startswith("Q"):
        return date(int(year), 3 * int(rest[1:]) - 2, 1)
    return date(int(year), int(rest or 1), 1)


def plot_bloc(bloc: Bloc) -> go.Figure:
    """A members x members heat map of each pair's net score, with the verdict as the title."""
    index = {member: n for n, member in enumerate(bloc.members)}
    grid: list[list[float | None]] = [[None] * len(bloc.members) for _ in bloc.members]
    for pair in bloc.pairs:
        grid[index[pair.a]][index[pair.b]] = grid[index[pair.b]][index[pair.a]] = pair.net
    figure = go.Figure(go.Heatmap(z=grid, x=bloc.members, y=bloc.members, colorscale="RdBu", zmid=0,
                                  colorbar={"title": "net"}))
    figure.update_layout(title=bloc.verdict)
    return figure


def write_plot(figure: go.Figure, path: Path) -> None:
    """Write `figure` as an HTML page that loads plotly.min.js from its own folder (written there once and
    shared by every plot in it, rather than 4.8 MB copied into each page).

    Raises:
        ParameterError: `path` does not end in .html (PNG would need a browser that blocwatch does not ship).
    """
    if path.suffix.lower() not in (".html", ".htm"):
        raise ParameterError("--plot", f"{path}: only .html plots are supported (PNG export needs a Chrome "
                                       "browser, which blocwatch does not install)")
    try:
        figure.write_html(path, include_plotlyjs="directory")
    except OSError as exc:
        raise ParameterError("--plot", f"{path}: cannot be written ({exc.strerror or exc})") from None
