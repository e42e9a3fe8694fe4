"""The tallies: asserted clusters counted per month, source, target and quad class (and per context they
name), and each cluster's reports (the articles and outlets behind it), built whenever clusters are
replaced, and added up by the relations and bloc analyses. Whole months come from the monthly tallies
and only the days at the ends of a range from the clusters, so a count over millions of clusters adds
up thousands of rows; articles and outlets, which do not add up across clusters, are counted from the
reports, with no join to the events and documents they come from."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import Any

import duckdb

from blocwatch.store.records import ClusterTally, ContextTally, EvidenceTally

_ONE_DAY = timedelta(days=1)
# The clusters whose most confident report is at least $min likely to be right.
CONFIDENT_CLUSTERS = "SELECT cluster FROM cluster_reports WHERE lead AND confidence >= $min"
# One row per cluster and article reporting it, laid out by source and target as the clusters are. A
# cluster weighs its most confident report; `outlets` is how many outlets report it; `lead` marks one
# row per cluster, the one whose figures count. Articles and outlets are numbered (dense ranks of
# their names), as counting distinct numbers is much cheaper than counting distinct strings.
FILL_REPORTS = """INSERT INTO cluster_reports
    WITH reports AS (
        SELECT l.cluster, e.doc, max(e.confidence) AS confidence
        FROM cluster_events l JOIN events e ON e.id = l.event GROUP BY ALL),
    numbered AS (
        SELECT r.cluster, r.confidence, dense_rank() OVER (ORDER BY r.doc)::INTEGER AS doc,
               CASE WHEN d.outlet IS NOT NULL THEN dense_rank() OVER (ORDER BY d.outlet) END::INTEGER AS outlet
        FROM reports r JOIN documents d ON d.id = r.doc)
    SELECT c.id, c.source, c.target, c.quad, c.negated, c.day, c.goldstein::DECIMAL(9, 4),
           (max(n.confidence) OVER cluster)::DECIMAL(9, 4), count(DISTINCT n.outlet) OVER cluster,
           row_number() OVER (cluster ORDER BY n.doc) = 1, n.doc, n.outlet, c.date_precision
    FROM event_clusters c JOIN numbered n ON n.cluster = c.id
    WINDOW cluster AS (PARTITION BY c.id)
    ORDER BY c.source, c.target, c.day, c.id"""


# Periods too fine for a date of some precision: a happening known only to its year is in no month or
# quarter (dated to its first day, it would be counted in January), only in its year.
COARSER_THAN = {"month": ("year",), "quarter": ("year",), "year": ()}


def refresh_tallies(con: duckdb.DuckDBPyConnection) -> None:
    """Recompute the monthly tallies from the stored clusters (inside the caller's transaction)."""
    con.execute("DELETE FROM cluster_months")
    con.execute(FILL_MONTHS)
    con.execute("DELETE FROM cluster_month_contexts")
    con.execute(FILL_CONTEXTS)
    con.execute("DELETE FROM cluster_reports")
    con.execute(FILL_REPORTS)


def tally_clusters(
    con: duckdb.DuckDBPyConnection, sources: Sequence[str], *, targets: Sequence[str] | None, by: str | None,
    since: date | None, until: date | None, undated: bool, min_confidence: float = 0.0,
) -> list[ClusterTally]:
    """Asserted clusters counted by source, target, quad class and period (see `Store.tally_clusters`)."""
    selection, params = _selection(sources, targets, since, until, undated, min_confidence)
    rows = _tallied("month, source, target, quad, clusters, goldstein, precision", "cluster_months", _month_rows,
                    selection)
    coarse = _coarse(by)
    if by:
        params["by"] = by
    # A date too coarse for the periods is counted in its year, and marked.
    period = f"date_trunc(CASE WHEN {coarse} THEN 'year' ELSE $by END, month)::DATE" if by else "NULL::DATE"
    query = (f"SELECT {period}, source, target, quad, sum(clusters)::BIGINT, sum(goldstein), {coarse} "
             f"FROM ({rows}) GROUP BY ALL")
    return [ClusterTally(*row) for row in con.execute(query, params).fetchall()]


def tally_contexts(con: duckdb.DuckDBPyConnection, sources: Sequence[str], *, targets: Sequence[str] | None,
                   since: date | None, min_confidence: float = 0.0) -> list[ContextTally]:
    """Asserted clusters counted by source, target, quad class and context (see `Store.tally_contexts`)."""
    selection, params = _selection(sources, targets, since, None, False, min_confidence)
    rows = _tallied("source, target, quad, context, clusters, first", "cluster_month_contexts", _context_rows,
                    selection)
    query = f"SELECT source, target, quad, context, sum(clusters)::BIGINT, min(first) FROM ({rows}) GROUP BY ALL"
    return [ContextTally(source, target, quad, context, count, (first["day"], first["id"], first["pos"]))
            for source, target, quad, context, count, first in con.execute(query, params).fetchall()]


def tally_evidence(con: duckdb.DuckDBPyConnection, members: Sequence[str], *, by: str | None,
                   since: date | None, until: date | None, outsiders: bool = True,
                   min_confidence: float = 0.0) -> list[EvidenceTally]:
    """A group's asserted clusters counted with their articles, outlets and confidence (see
    `Store.tally_evidence`), from the clusters' reports.

    Happenings, weights and the widest report are added up over each cluster's lead report; articles and
    outlets are distinct across clusters, so they are counted from the reports, deduplicated one level
    at a time (per pair, then per side, then for the group), each level from the smaller one below it.
    """
    params: dict[str, Any] = {f"m{n}": code for n, code in enumerate(members)}
    group = ", ".join(f"$m{n}" for n in range(len(members)))
    # Toward outsiders only conflictual acts count: the rest is never read.
    reach = f"(target IN ({group}) OR quad IN (3, 4))" if outsiders else f"target IN ({group})"
    where = [f"source IN ({group})", "source <> target", "NOT negated", reach]
    if min_confidence > 0:
        where.append("confidence >= $min")
        params["min"] = min_confidence
    if by:  # a date too coarse for the periods is in none of them
        where.append(f"NOT {_coarse(by)}")
    for clause, name, value in ((f"{span_end('day', 'precision')} >= $since", "since", since),
                                ("day <= $until", "until", until)):
        if value is not None:
            where.append(clause)
            params[name] = value
    if by:
        params["by"] = by
    period = f"date_trunc($by, {placed_day('day', 'precision')})::DATE" if by else "NULL::DATE"
    sums = ("count(*) AS happenings, 0 AS articles, 0 AS outlets, max(outlets) AS widest, "
            "sum(confidence) AS weight, sum(goldstein * confidence) AS weighted")
    counted = "0, count(*), count(DISTINCT outlet), 0, 0, 0"
    query = f"""WITH r AS (
            SELECT {period} AS period, least(source, target) AS a, greatest(source, target) AS b, source, target,
                   target IN ({group}) AS inside, quad IN (1, 2) AS cooperative, goldstein, confidence, outlets,
                   lead, doc, outlet
            FROM cluster_reports WHERE {' AND '.join(where)}),
        pair_docs AS (SELECT DISTINCT period, a, b, cooperative, doc, outlet FROM r WHERE inside),
        side_docs AS (SELECT DISTINCT period, cooperative, doc, outlet FROM pair_docs),
        group_docs AS (SELECT DISTINCT period, doc, outlet FROM side_docs),
        member_docs AS (SELECT DISTINCT period, target, source, doc, outlet FROM r
                        WHERE NOT inside AND NOT cooperative),
        outsider_docs AS (SELECT DISTINCT period, target, doc, outlet FROM member_docs),
        figures AS (
            SELECT period, CASE WHEN grouping(a, b) = 0 THEN 'pair' WHEN grouping(cooperative) = 0 THEN 'side'
                   ELSE 'group' END AS kind, a, b, cooperative, {sums} FROM r WHERE lead AND inside
            GROUP BY GROUPING SETS ((period, a, b, cooperative), (period, cooperative), (period))
            UNION ALL SELECT period, CASE WHEN grouping(source) = 0 THEN 'member' ELSE 'outsider' END, target,
                   source, FALSE, {sums} FROM r WHERE lead AND NOT inside AND NOT cooperative
            GROUP BY GROUPING SETS ((period, target, source), (period, target))
            UNION ALL SELECT period, 'pair', a, b, cooperative, {counted} FROM pair_docs GROUP BY ALL
            UNION ALL SELECT period, 'side', NULL, NULL, cooperative, {counted} FROM side_docs GROUP BY ALL
            UNION ALL SELECT period, 'group', NULL, NULL, NULL, {counted} FROM group_docs GROUP BY ALL
            UNION ALL SELECT period, 'member', target, source, FALSE, {counted} FROM member_docs GROUP BY ALL
            UNION ALL SELECT period, 'outsider', target, NULL, FALSE, {counted} FROM outsider_docs GROUP BY ALL)
        SELECT period, kind, a, b, cooperative, sum(happenings)::BIGINT, sum(articles)::BIGINT,
               sum(outlets)::BIGINT, max(widest), sum(weight), sum(weighted)
        FROM figures GROUP BY ALL"""
    return [EvidenceTally(period, kind, a, b, cooperative, happenings, articles, outlets, widest, float(weight),
                          float(weighted))
            for period, kind, a, b, cooperative, happenings, articles, outlets, widest, weight, weighted
            in con.execute(query, params).fetchall()]


def _tallied(columns: str, tally: str, per_cluster: Callable[[str], str], selection: tuple[str, str, str]) -> str:
    """SQL of the rows to add up: whole months from the `tally` table, the days at the ends from the
    clusters (one row each, as `per_cluster` makes them)."""
    actors, months, days = selection
    return (f"SELECT {columns} FROM {tally} WHERE {actors} AND {months} "
            f"UNION ALL SELECT {columns} FROM ({per_cluster(f'{actors} AND {days}')})")


def _selection(
    sources: Sequence[str], targets: Sequence[str] | None, since: date | None, until: date | None, undated: bool,
    min_confidence: float,
) -> tuple[tuple[str, str, str], dict[str, Any]]:
    """SQL selecting asserted clusters between distinct actors, from `sources` (to `targets`), within
    `since`-`until`: (the actors, the whole months to take from the monthly tallies, the days at the
    ends to take from the clusters), and their parameters. Undated clusters count when no bound is
    given, or when `undated` says so. The monthly tallies count every cluster: when `min_confidence`
    leaves some out, every day is taken from the clusters.

    The actor codes are constants in the SQL (not a joined list), so that DuckDB skips the parts of
    the tables, laid out by source and target, that hold other actors.
    """
    params: dict[str, Any] = {f"s{n}": code for n, code in enumerate(sources)}
    actors = [f"source IN ({', '.join(f'${name}' for name in params)})", "source <> target", "NOT negated"]
    if targets is not None:
        params.update({f"t{n}": code for n, code in enumerate(targets)})
        actors.append(f"target IN ({', '.join(f'$t{n}' for n in range(len(targets)))})")
    if min_confidence > 0:
        params["min"] = min_confidence
        bounds = []
        for clause, name, value in ((f"{span_end('day', 'date_precision')} >= $since", "since", since),
                                    ("day <= $until", "until", until)):
            if value is not None:
                bounds.append(clause)
                params[name] = value
        dated = " AND ".join(bounds) or "TRUE"
        confident = f"(({dated}){' OR day IS NULL' if bounds and undated else ''}) AND id IN ({CONFIDENT_CLUSTERS})"
        return (" AND ".join(actors), "FALSE", confident), params
    if since is None and until is None:
        return (" AND ".join(actors), "TRUE", "FALSE"), params
    first = since if since is None or since.day == 1 else _next_month(since)
    last = until if until is None or _next_month(until) - _ONE_DAY == until else until.replace(day=1) - _ONE_DAY
    ends = f"{span_end('day', 'date_precision')} >= $since"
    if first is not None and last is not None and first > last:  # not one whole month: every day from clusters
        months, days = ["FALSE"], [f"{ends} AND day <= $until"]
        params.update(since=since, until=until)
    else:
        # Whole months from the tallies, the rest from the clusters: those placed before the first whole
        # month whose span reaches `since`, and those placed after the last one that begin by `until` (a
        # date known to its month or year overlaps a bound inside it, even at a month's edge).
        months, days = [], []
        placed = placed_day("day", "date_precision")
        if first is not None:
            months.append("month >= $first")
            days.append(f"({placed} < $first AND {ends})")
            params.update(first=first, since=since)
        if last is not None:
            months.append("month <= $last")
            days.append(f"({placed} > $last AND day <= $until)")
            params.update(last=last, until=until)
    month_sql = " AND ".join(months)
    return (" AND ".join(actors), f"(({month_sql}){' OR month IS NULL' if undated else ''})",
            f"({' OR '.join(days) or 'FALSE'})"), params


def span_end(day: str, precision: str) -> str:
    """SQL of the last day of the span a date stands for (`day`, its first day, at `precision`): a date
    known only to its week, month or year is within a bound that its span overlaps."""
    return (f"CASE {precision} WHEN 'year' THEN make_date(year({day}), 12, 31) WHEN 'month' THEN last_day({day}) "
            f"WHEN 'week' THEN {day} + 6 ELSE {day} END")


def placed_day(day: str, precision: str) -> str:
    """SQL of the day a date is counted on in periods: its own, or a week's middle day (Thursday), so a
    week across two months counts in the one holding most of it."""
    return f"CASE {precision} WHEN 'week' THEN {day} + 3 ELSE {day} END"


def _month_rows(where: str) -> str:
    """One row per cluster, as the monthly tallies add them up."""
    return (f"SELECT date_trunc('month', {placed_day('day', 'date_precision')})::DATE AS month, source, target, "
            f"quad, negated, 1 AS clusters, "
            f"goldstein, date_precision AS precision FROM event_clusters WHERE {where}")


FILL_MONTHS = (f"INSERT INTO cluster_months SELECT month, source, target, quad, negated, sum(clusters), "
               f"sum(goldstein), precision FROM ({_month_rows('TRUE')}) GROUP BY ALL ORDER BY source, target, month")


def _coarse(by: str | None) -> str:
    """SQL telling a row whose date's precision is too coarse for periods of `by`."""
    coarser = COARSER_THAN.get(by or "year", ())
    return f"coalesce(precision IN ({', '.join(repr(p) for p in coarser)}), FALSE)" if coarser else "FALSE"


def _context_rows(where: str) -> str:
    """One row per cluster and context it names, with where it stands when clusters are read by date."""
    return (f"SELECT date_trunc('month', {placed_day('day', 'date_precision')})::DATE AS month, source, target, "
            "quad, negated, context, 1 AS clusters, "
            "{'day': coalesce(day, DATE '9999-12-31'), 'id': id, 'pos': pos} AS first FROM (SELECT *, "
            f"unnest(contexts) AS context, generate_subscripts(contexts, 1) AS pos FROM event_clusters WHERE {where})")


def _next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


FILL_CONTEXTS = (f"INSERT INTO cluster_month_contexts SELECT month, source, target, quad, negated, context, "
                 f"sum(clusters), min(first) FROM ({_context_rows('TRUE')}) GROUP BY ALL "
                 "ORDER BY source, target, month")
