"""The store's evidence tallies (happenings, articles, outlets, confidence) against the same figures
worked out in Python from the clusters and their reports, on a varied store of hand-built events."""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

import pytest

from blocwatch.analysis import build_clusters
from blocwatch.plover import plover_types
from blocwatch.store.migrations import LATEST
from conftest import make_event, put

pytestmark = pytest.mark.issue(12)

ACTORS = ["AFG", "PAK", "CHN", "RUS", "IRN", "USA", "TTP"]
OUTLETS = ["Wire A", "Wire B", "Daily C", None]


@pytest.fixture(scope="module")
def varied(tmp_path_factory):
    """A store of 40 articles from four outlets (one unnamed), reporting 3 to 8 acts each between seven
    actors over three years, some undated or negated, with confidences from 0.3 to 0.95; the same act
    is often reported by several articles, so that clusters hold several reports."""
    from blocwatch.store import open_store

    draw = random.Random(12)
    types = sorted(plover_types())
    acts = []
    for _ in range(90):
        source, target = draw.sample(ACTORS, 2)
        day = date(2022, 1, 1) + timedelta(days=draw.randrange(3 * 365))
        acts.append((source, target, draw.choice(types), None if draw.random() < 0.1 else day.isoformat()))
    path = tmp_path_factory.mktemp("tallies") / "varied.duckdb"
    with open_store(path) as store:
        for n in range(40):
            events = [make_event(*act[:3], date=act[3], negated=draw.random() < 0.08, sentence=k,
                                 confidence=round(draw.uniform(0.3, 0.95), 3))
                      for k, act in enumerate(draw.sample(acts, draw.randrange(3, 9)))]
            put(store, f"doc{n:02d}", events, outlet=OUTLETS[n % 4], published="2025-01-01")
        build_clusters(store)
    return path


def _expected(store, members, by, since, until):
    """The tallies `tally_evidence` should give, from each cluster's reports read one by one."""
    confidence = {s.id: s.event.confidence for s in store.events()}
    docs_outlet = {s.event.doc: s.outlet for s in store.events()}
    groups = defaultdict(lambda: [0, set(), set(), 0, Decimal(0), Decimal(0)])
    for c in store.clusters(negated=False):
        if c.source not in members or c.source == c.target or (c.target not in members and c.quad not in (3, 4)):
            continue
        if (since or until) and c.day is None or since and c.day < since or until and c.day > until:
            continue
        period = _period(c.day, by)
        weight = Decimal(str(max(confidence[e] for e in c.events))).quantize(Decimal("0.0001"))
        outlets = {docs_outlet[d] for d in c.docs} - {None}
        cooperative = c.quad in (1, 2)
        if c.target in members:
            a, b = sorted((c.source, c.target))
            keys = [(period, "pair", a, b, cooperative), (period, "side", None, None, cooperative),
                    (period, "group", None, None, None)]
        elif not cooperative:
            keys = [(period, "member", c.target, c.source, False), (period, "outsider", c.target, None, False)]
        else:
            continue
        for key in keys:
            figures = groups[key]
            figures[0] += 1
            figures[1].update(c.docs)
            figures[2].update(outlets)
            figures[3] = max(figures[3], len(outlets))
            figures[4] += weight
            figures[5] += Decimal(str(c.goldstein)).quantize(Decimal("0.0001")) * weight
    return {key: (f[0], len(f[1]), len(f[2]), f[3], round(float(f[4]), 6), round(float(f[5]), 6))
            for key, f in groups.items()}


def _period(day, by):
    if by is None or day is None:
        return None
    if by == "year":
        return date(day.year, 1, 1)
    if by == "quarter":
        return date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
    return day.replace(day=1)


@pytest.mark.parametrize("members", [["AFG", "PAK"], ["CHN", "RUS", "IRN", "PAK", "AFG"], ACTORS])
@pytest.mark.parametrize("by, since, until", [
    (None, None, None), ("quarter", None, None), ("month", None, None), ("year", date(2022, 3, 15), None),
    (None, date(2022, 6, 1), date(2023, 12, 20))])
def test_evidence_tallies_match_the_clusters_reports(varied, members, by, since, until):
    from blocwatch.store import open_store

    with open_store(varied, read_only=True) as store:
        expected = _expected(store, members, by, since, until)
        found = {(t.period, t.kind, t.a, t.b, t.cooperative): (t.happenings, t.articles, t.outlets, t.widest,
                                                               round(t.weight, 6), round(t.weighted_goldstein, 6))
                 for t in store.tally_evidence(members, by=by, since=since, until=until)}
    assert expected and found == expected
    if members == ACTORS and by is since is None:  # varied enough to tell counts of clusters from those of reports
        group = expected[(None, "group", None, None, None)]
        assert group[1] < group[0] and group[2] == 3
        assert any(figures[1] > figures[0] for figures in expected.values())


def test_a_store_from_before_the_reports_gets_them_when_upgraded(varied, tmp_path):
    """A schema-3 store (clusters without reports) counts the same articles once opened for writing."""
    import shutil

    from blocwatch.store import open_store

    old = tmp_path / "old.duckdb"
    shutil.copy(varied, old)
    with open_store(old) as store:
        before = _unordered(store.tally_evidence(ACTORS))
        monthly = _unordered(store.tally_clusters(ACTORS, by="month"))
        store.connection.execute("DROP TABLE cluster_reports")
        store.connection.execute("DROP TABLE recognition_claims")
        store.connection.execute("ALTER TABLE cluster_months DROP COLUMN precision")
        store.connection.execute("DELETE FROM schema_version WHERE version >= 4")
    with open_store(old) as store:
        assert store.schema_version() == LATEST and _unordered(store.tally_evidence(ACTORS)) == before
        assert _unordered(store.tally_clusters(ACTORS, by="month")) == monthly


def _unordered(tallies: list) -> list:
    """Tallies in a fixed order: DuckDB returns grouped rows in any order (several threads add them up)."""
    return sorted(tallies, key=repr)
