"""The report as Markdown, for pasting into a briefing: the same sections as the HTML page, with the
pairs over time as tables of net scores instead of plots."""

from __future__ import annotations

from blocwatch.report.build import Report
from blocwatch.report.text import Anchors, claim_stance, cluster_line, document_line, status_reached, verdict_lines


def render_markdown(report: Report) -> str:
    """The whole report."""
    anchors = Anchors(report.documents)
    overview = report.overview
    span = f"{overview.first_day} to {overview.last_day}" if overview.first_day else "no dated happenings"
    lines = ["# blocwatch report", "",
             f"{overview.documents} documents, {overview.events} events, {overview.clusters} happenings ({span}); "
             f"written {report.generated.isoformat()}.", ""]
    lines += _recognition(report, anchors)
    lines += _bloc(report)
    lines += _dyads(report)
    lines += _backing(report, anchors)
    lines += ["## Articles cited", ""]
    for doc, summary in report.documents.items():
        url = f" <{summary.url}>" if summary.url else ""
        lines.append(f'1. <a id="{anchors.anchor(doc)}"></a>{_cell(document_line(summary))}{url}')
    return "\n".join(lines) + "\n"


def _recognition(report: Report, anchors: Anchors) -> list[str]:
    ladder, history = report.ladder, report.history
    lines = [f"## Recognition of {ladder.target} as of {report.as_of.isoformat()}", "",
             "| state | status | reached | claims |", "| --- | --- | --- | --- |"]
    for status in ladder.statuses:
        claims = "<br>".join(f"{claim_stance(r)} · {anchors.markdown_link(r.claim.doc)}: “{r.claim.quote}”"
                             for r in status.claims)
        lines.append(f"| {status.actor} | {status.status} | {status_reached(status)} | {_cell(claims)} |")
    if not ladder.statuses:
        lines[-2:] = ["No state made claims about recognising this actor."]
    lines += ["", "### At each year's end", ""]
    if history.years:
        lines += ["| state | " + " | ".join(map(str, history.years)) + " |",
                  "| --- |" + " --- |" * len(history.years)]
        lines += [f"| {actor} | " + " | ".join(row) + " |" for actor, row in history.statuses.items()]
    else:
        lines.append("No dated claims.")
    return [*lines, ""]


def _bloc(report: Report) -> list[str]:
    group = report.bloc
    lines = [f"## Bloc: {' '.join(group.members)}", "", f"**{group.verdict}**", ""]
    lines += [f"- {line}" for line in verdict_lines(group)]
    lines += ["", "| year | cohesion | evidence | frictions | common adversaries |", "| --- | --- | --- | --- | --- |"]
    lines += [f"| {p.period} | {p.cohesion:+.2f} | {p.inside.describe()} | "
              f"{', '.join(f'{f.a}–{f.b}' for f in p.frictions)} | "
              f"{', '.join(x.actor for x in p.common_adversaries)} |" for p in group.periods]
    return [*lines, ""]


def _dyads(report: Report) -> list[str]:
    lines = ["## The busiest pairs over time", ""] + ([] if report.dyads else ["No happenings.", ""])
    for dyad in report.dyads:
        turns = {t.period: t.direction for t in dyad.turns}
        lines += [f"### {dyad.a} and {dyad.b}, per {dyad.by}", "",
                  f"| {dyad.by} | net, weighted by confidence | evidence | turn |", "| --- | --- | --- | --- |"]
        lines += [f"| {p.period} | {p.net:+.1f} | {p.evidence.describe()} | {turns.get(p.period, '')} |"
                  for p in dyad.series]
        lines.append("")
    return lines


def _backing(report: Report, anchors: Anchors) -> list[str]:
    lines = ["## The sentences behind the claims", ""]
    for backing in report.backing:
        lines += [f"### {backing.claim}", ""]
        lines += [f"- {cluster_line(c)} “{_cell(c.evidence)}” ({', '.join(anchors.markdown_link(d) for d in c.docs)})"
                  for c in backing.clusters]
        if backing.total > len(backing.clusters):
            lines.append(f"- and {backing.total - len(backing.clusters)} more happenings")
        lines.append("")
    return lines


def _cell(text: str) -> str:
    """Text that keeps a Markdown table row whole: no line breaks, no bare pipes."""
    return text.replace("\n", " ").replace("|", "\\|")
