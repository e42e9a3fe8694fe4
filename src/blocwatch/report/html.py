"""The report as one HTML file: its styles, plotly.js and figures inline, so it opens with no network at all.

Text from the store is always escaped: an article cannot inject markup into the page.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

import plotly

from blocwatch.analysis.plots import plot_relations
from blocwatch.analysis.recognition import RecognitionStatus
from blocwatch.report.build import Report
from blocwatch.report.text import Anchors, claim_stance, cluster_line, document_line, status_reached, verdict_lines

_PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
_STYLE = """
body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 72rem; color: #1f2328; padding: 0 1rem; }
h1 { margin-bottom: 0.2rem; } h2 { border-bottom: 1px solid #d0d7de; padding-bottom: 0.2rem; margin-top: 2.2rem; }
table { border-collapse: collapse; margin: 0.6rem 0; } th, td { border: 1px solid #d0d7de; padding: 0.3rem 0.5rem;
  vertical-align: top; text-align: left; }
.muted { color: #59636e; } q { color: #3d444d; } .contradicted q { text-decoration: line-through; }
.status { padding: 0.05rem 0.4rem; border-radius: 0.6rem; border: 1px solid #d0d7de; white-space: nowrap; }
.status-formal { background: #1a7f37; color: white; } .status-credentials { background: #dafbe1; }
.status-mission { background: #f1f8ff; } .status-refuses { background: #ffebe9; }
.verdict { font-size: 1.1rem; font-weight: 600; } ul.claims { margin: 0; padding-left: 1rem; }
"""


def render_html(report: Report) -> str:
    """The whole page."""
    anchors = Anchors(report.documents)
    overview = report.overview
    span = f"{overview.first_day} to {overview.last_day}" if overview.first_day else "no dated happenings"
    parts = [
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>blocwatch report</title>",
        '<link rel="icon" href="data:,">',
        f"<style>{_STYLE}</style>",
        f"<script>{_PLOTLY_JS.read_text(encoding='utf-8')}</script>",
        "</head>\n<body>",
        "<h1>blocwatch report</h1>",
        f'<p class="muted">{overview.documents} documents, {overview.events} events, {overview.clusters} happenings '
        f"({escape(span)}); written {report.generated.isoformat()}.</p>",
        _recognition(report, anchors),
        _bloc(report),
        _dyads(report),
        _backing(report, anchors),
        _articles(report, anchors),
        "</body>\n</html>\n",
    ]
    return "\n".join(parts)


def _recognition(report: Report, anchors: Anchors) -> str:
    ladder, history = report.ladder, report.history
    rows = "".join(_status_row(status, anchors) for status in ladder.statuses) or (
        '<tr><td colspan="4" class="muted">No state made claims about recognising this actor.</td></tr>')
    years = "".join(f"<th>{year}</th>" for year in history.years)
    past = "".join(
        f"<tr><td>{escape(actor)}</td>" + "".join(f"<td>{_badge(status)}</td>" for status in row) + "</tr>"
        for actor, row in history.statuses.items())
    return (f'<section id="recognition"><h2>Recognition of {escape(ladder.target)} as of '
            f"{report.as_of.isoformat()}</h2>"
            '<p class="muted">The ladder runs mission &lt; credentials &lt; formal; "refuses" is an explicit denial, '
            '"no evidence" a state with no claim by that day. Every claim is listed with what the ladder made '
            "of it.</p>"
            f"<table><thead><tr><th>state</th><th>status</th><th>reached</th><th>claims</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>"
            "<h3>At each year's end</h3>"
            + (f"<table><thead><tr><th>state</th>{years}</tr></thead><tbody>{past}</tbody></table>" if history.years
               else '<p class="muted">No dated claims.</p>')
            + "</section>")


def _status_row(status: RecognitionStatus, anchors: Anchors) -> str:
    claims = "".join(
        f'<li class="{reading.role}">{escape(claim_stance(reading))} · {anchors.link(reading.claim.doc)} '
        f"<q>{escape(reading.claim.quote)}</q></li>" for reading in status.claims)
    return (f"<tr><td>{escape(status.actor)}</td><td>{_badge(status.status)}</td>"
            f"<td>{escape(status_reached(status))}</td><td><ul class=\"claims\">{claims}</ul></td></tr>")


def _bloc(report: Report) -> str:
    group = report.bloc
    lines = "".join(f"<li>{escape(line)}</li>" for line in verdict_lines(group))
    periods = "".join(
        f"<tr><td>{escape(p.period or '')}</td><td>{p.cohesion:+.2f}</td><td>{escape(p.inside.describe())}</td>"
        f"<td>{escape(', '.join(f'{f.a}–{f.b}' for f in p.frictions))}</td>"
        f"<td>{escape(', '.join(x.actor for x in p.common_adversaries))}</td></tr>" for p in group.periods)
    return (f'<section id="bloc"><h2>Bloc: {escape(" ".join(group.members))}</h2>'
            f'<p class="verdict">{escape(group.verdict)}</p><ul>{lines}</ul>'
            "<h3>Year by year</h3><table><thead><tr><th>year</th><th>cohesion</th><th>evidence</th><th>frictions</th>"
            f"<th>common adversaries</th></tr></thead><tbody>{periods}</tbody></table></section>")


def _dyads(report: Report) -> str:
    figures = []
    for n, dyad in enumerate(report.dyads):
        figure = plot_relations(dyad)
        figure.update_layout(height=360, margin={"l": 60, "r": 20, "t": 50, "b": 40})
        turns = "".join(f"<li>turns {t.direction} in {escape(t.period)} (net {t.before:+.1f} in "
                        f"{escape(t.previous)}, {t.after:+.1f} then)</li>" for t in dyad.turns)
        figures.append(figure.to_html(full_html=False, include_plotlyjs=False, div_id=f"dyad-{n}",
                                      config={"displaylogo": False, "responsive": True})
                       + (f"<ul>{turns}</ul>" if turns else '<p class="muted">No turn: the net score keeps its sign.'
                                                          "</p>"))
    return ('<section id="dyads"><h2>The busiest pairs over time</h2>'
            + ("".join(figures) or '<p class="muted">No happenings.</p>') + "</section>")


def _backing(report: Report, anchors: Anchors) -> str:
    blocks = []
    for backing in report.backing:
        items = "".join(f"<li>{escape(cluster_line(c))} <q>{escape(c.evidence)}</q> "
                        f"({', '.join(anchors.link(doc) for doc in c.docs)})</li>" for c in backing.clusters)
        more = (f'<p class="muted">and {backing.total - len(backing.clusters)} more happenings.</p>'
                if backing.total > len(backing.clusters) else "")
        blocks.append(f"<h3>{escape(backing.claim)}</h3><ul>{items}</ul>{more}")
    return ('<section id="evidence"><h2>The sentences behind the claims</h2>'
            + ("".join(blocks) or '<p class="muted">No friction, adversary or turn to back.</p>') + "</section>")


def _articles(report: Report, anchors: Anchors) -> str:
    items = []
    for doc, summary in report.documents.items():
        url = f' <a href="{escape(summary.url)}" rel="noreferrer">{escape(summary.url)}</a>' if (
            summary.url and summary.url.startswith(("http://", "https://"))) else ""
        items.append(f'<li id="{anchors.anchor(doc)}">{escape(document_line(summary))}{url}</li>')
    return f'<section id="articles"><h2>Articles cited</h2><ol>{"".join(items)}</ol></section>'


def _badge(status: str) -> str:
    return f'<span class="status status-{status.replace(" ", "-")}">{escape(status)}</span>'
