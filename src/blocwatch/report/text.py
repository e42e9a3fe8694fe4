"""The report's wording, shared by its HTML and Markdown forms: one line per claim, happening and article."""

from __future__ import annotations

from html import escape

from blocwatch.analysis.cohesion import Bloc
from blocwatch.analysis.corpus import DocumentSummary
from blocwatch.analysis.recognition import ClaimReading, RecognitionStatus, when
from blocwatch.precision import format_date
from blocwatch.store import EventCluster


class Anchors:
    """Where each cited article sits in the page: its anchor and a link to it."""

    def __init__(self, documents: dict[str, DocumentSummary]):
        self._numbers = {doc: n for n, doc in enumerate(documents, 1)}

    def anchor(self, doc: str) -> str:
        return f"doc-{self._numbers.get(doc, 0)}"

    def link(self, doc: str) -> str:
        """An HTML link to the article's entry."""
        return f'<a href="#{self.anchor(doc)}">{escape(doc)}</a>'

    def markdown_link(self, doc: str) -> str:
        return f"[{doc}](#{self.anchor(doc)})"


def claim_stance(reading: ClaimReading) -> str:
    """"2024-08 · grants credentials · decides" (and by whom a claim was contradicted)."""
    claim = reading.claim
    role = reading.role
    if reading.by is not None and role != "agrees":
        role += f" by {reading.by.doc} ({reading.by.when})"
    if reading.reason:
        role += f": {reading.reason}"
    outlet = f" · {claim.outlet}" if claim.outlet else ""
    return f"{claim.when} · {'refuses' if claim.refuses else 'grants'} {claim.level} · {role}{outlet}"


def status_reached(status: RecognitionStatus) -> str:
    reached = when(status.reached, status.precision) if status.level else ""
    refuses = f"refuses {', '.join(status.refuses)}" if status.refuses else ""
    return "; ".join(part for part in (reached, refuses) if part)


def verdict_lines(group: Bloc) -> list[str]:
    """The evidence under the verdict: the group's dealings, each friction and adversary, each turn."""
    overall = group.overall
    lines = [f"inside the group: {overall.inside.describe()}; cohesion {overall.cohesion:+.2f} "
             f"({overall.cooperation.happenings} cooperative, {overall.conflict.happenings} conflictual)"]
    lines += [f"friction {f.a}–{f.b}: {f.evidence.describe()}" for f in overall.frictions]
    lines += [f"common adversary {x.actor}: {x.evidence.describe()}, by {', '.join(x.members)}"
              for x in overall.common_adversaries]
    lines += [f"{t.a}–{t.b} turns {t.turn.direction} in {t.turn.period}" for t in group.turns]
    rules = group.thresholds
    lines.append(f"thresholds: a friction needs {rules.friction_happenings} conflictual happenings in "
                 f"{rules.friction_articles} articles (or one reported by {rules.friction_outlets} outlets); a common "
                 f"adversary acts from {rules.adversary_members} members; a verdict {rules.verdict_happenings} "
                 "happenings")
    return lines


def cluster_line(cluster: EventCluster) -> str:
    """"2024-03-18 PAK → AFG ASSAULT, 3 articles:"."""
    return (f"{cluster.date or 'undated'} {cluster.source} → {cluster.target} {cluster.type}, "
            f"{cluster.num_articles} article{'' if cluster.num_articles == 1 else 's'}:")


def document_line(summary: DocumentSummary) -> str:
    details = [part for part in (summary.outlet, format_date(summary.date, summary.date_precision)) if part]
    return f"{summary.title or summary.id} ({summary.id}{', ' + ', '.join(details) if details else ''})"
