"""Pictures of the analyses where one reads better than a table: Plotly figures, written as HTML."""

from __future__ import annotations

from pathlib import Path

import plotly.graph_objects as go

from blocwatch.analysis.cohesion import Bloc
from blocwatch.analysis.dyads import Relations
from blocwatch.errors import ParameterError


def plot_relations(relations: Relations) -> go.Figure:
    """Net cooperation score per period, one line per direction."""
    figure = go.Figure()
    for source, target in ((relations.a, relations.b), (relations.b, relations.a)):
        rows = [p for p in relations.periods if p.source == source]
        figure.add_trace(go.Scatter(x=[p.period for p in rows], y=[p.net for p in rows], mode="lines+markers",
                                    name=f"{source} → {target}",
                                    customdata=[[sum(p.quads)] for p in rows],
                                    hovertemplate="%{x}: net %{y} over %{customdata[0]} events"))
    figure.update_layout(title=f"{relations.a} and {relations.b}: net cooperation per {relations.by}",
                         xaxis_title=relations.by, yaxis_title="sum of Goldstein scores")
    return figure


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
    """Write `figure` as a self-contained HTML page.

    Raises:
        ParameterError: `path` does not end in .html (PNG would need a browser that blocwatch does not ship).
    """
    if path.suffix.lower() not in (".html", ".htm"):
        raise ParameterError("--plot", f"{path}: only .html plots are supported (PNG export needs a Chrome "
                                       "browser, which blocwatch does not install)")
    try:
        figure.write_html(path, include_plotlyjs=True)
    except OSError as exc:
        raise ParameterError("--plot", f"{path}: cannot be written ({exc.strerror or exc})") from None
