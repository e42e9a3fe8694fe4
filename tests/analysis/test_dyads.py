"""Relations over time between two actors: quad counts and net score per period, both directions."""

from __future__ import annotations

from datetime import date

import pytest

from blocwatch.analysis import build_clusters, relations
from blocwatch.errors import ParameterError
from conftest import coarse_pair, make_event, put

pytestmark = pytest.mark.issue(4)


@pytest.fixture
def pair(store):
    put(store, "d", [make_event("PAK", "AFG", "ASSAULT", date="2024-03-18"),
                     make_event("AFG", "PAK", "THREATEN", date="2024-02-01", sentence=1),
                     make_event("PAK", "AFG", "CONSULT", date="2024-07-02", sentence=2),
                     make_event("PAK", "AFG", "AGREE", date="2024-07", precision="month", sentence=3,
                                evidence="they agreed in July"),
                     make_event("PAK", "AFG", "AID", negated=True, date="2024-07-03", sentence=4),
                     make_event("PAK", "AFG", "REJECT", sentence=5)])
    build_clusters(store)
    return store


def test_dyads_count_quads_and_net_per_quarter_both_ways(pair):
    result = relations(pair, "pak", "AFG", by="quarter")
    rows = [(p.period, p.source, p.target, p.quads, p.net) for p in result.periods]
    assert rows == [("2024-Q1", "PAK", "AFG", (0, 0, 0, 1), -10.0), ("2024-Q1", "AFG", "PAK", (0, 0, 1, 0), -6.0),
                    ("2024-Q3", "PAK", "AFG", (2, 0, 0, 0), 5.0), ("2024-Q3", "AFG", "PAK", (0, 0, 0, 0), 0.0)]
    assert result.undated == 1
    assert result.to_json()["periods"][0] == {
        "period": "2024-Q1", "source": "PAK", "target": "AFG", "verbal_cooperation": 0,
        "material_cooperation": 0, "verbal_conflict": 0, "material_conflict": 1, "events": 1, "net": -10.0}


@pytest.mark.parametrize("by, periods", [("month", ["2024-02", "2024-03", "2024-07"]), ("year", ["2024"])])
def test_dyads_periods(pair, by, periods):
    assert sorted({p.period for p in relations(pair, "PAK", "AFG", by=by).periods}) == periods


@pytest.mark.parametrize("args, message", [(("PAK", "PAK"), "two different"), (("PAK", "QQQ"), "'QQQ'")])
def test_dyads_bad_parameters(pair, args, message):
    with pytest.raises(ParameterError, match=message):
        relations(pair, *args)


@pytest.mark.issue(12)
def test_dyads_mark_the_quarter_a_pair_turns_from_cooperation_to_conflict(store):
    put(store, "d", [make_event("PAK", "AFG", "AGREE", date="2024-01-10"),
                     make_event("AFG", "PAK", "COOPERATE", date="2024-05-11", sentence=1),
                     make_event("PAK", "AFG", "ASSAULT", date="2024-08-20", sentence=2),
                     make_event("AFG", "PAK", "CONSULT", date="2024-08-21", sentence=3),
                     make_event("AFG", "PAK", "ACCUSE", date="2024-10-01", sentence=4)])
    build_clusters(store)
    result = relations(store, "PAK", "AFG", by="quarter")
    # net scores weigh each happening by its confidence (0.8 here)
    assert [t.to_json() for t in result.turns] == [{"period": "2024-Q3", "previous": "2024-Q2", "before": 4.8,
                                                    "after": -7.2, "direction": "toward conflict"}]
    assert [(p.period, p.evidence.happenings, p.evidence.articles) for p in result.series] == [
        ("2024-Q1", 1, 1), ("2024-Q2", 1, 1), ("2024-Q3", 2, 1), ("2024-Q4", 1, 1)]
    assert relations(store, "PAK", "AFG", by="year").turns == []


def test_relations_by_month_leave_a_happening_known_to_its_year_out_of_january(store):
    """Issue 11: "in 2024" was counted in 2024-01 by month and in 2024-Q1 by quarter. It is in no month or
    quarter now, listed apart under its year, and counted in 2024 by year; bloc --by leaves it out too."""
    from blocwatch.analysis import bloc
    from blocwatch.analysis.plots import plot_relations

    coarse_pair(store)
    monthly = relations(store, "PAK", "AFG", by="month").to_json()
    assert [p["period"] for p in monthly["periods"]] == ["2024-03", "2024-03", "2024-06", "2024-06"]
    assert [(p["period"], p["source"], p["events"]) for p in monthly["coarser"]] == [
        ("2024", "PAK", 1), ("2024", "AFG", 0)]
    assert [p["period"] for p in monthly["series"]] == ["2024-03", "2024-06"]
    traces = {trace.name: trace for trace in plot_relations(relations(store, "PAK", "AFG", by="month")).data}
    assert "2024-01" not in traces["PAK → AFG"].x  # the plot too: at the year's middle, marked, not in January
    assert list(traces["PAK → AFG, known only to the year"].x) == ["2024-07"]
    quarterly = relations(store, "PAK", "AFG", by="quarter").to_json()
    assert [p["happenings"] for p in quarterly["series"]] == [1, 1] and len(quarterly["coarser"]) == 2
    yearly = relations(store, "PAK", "AFG", by="year").to_json()
    assert sum(p["events"] for p in yearly["periods"]) == 3 and yearly["coarser"] == []
    assert yearly["series"][0]["happenings"] == 3
    periods = bloc(store, ["PAK", "AFG"], by="quarter").periods
    assert [(p.period, p.inside.happenings) for p in periods] == [("2024-Q1", 1), ("2024-Q2", 1)]
    assert bloc(store, ["PAK", "AFG"], by="quarter").coarser_left_out == 1
    assert bloc(store, ["PAK", "AFG"], by="year").coarser_left_out == 0


def _counted(store, **bounds) -> int:
    return sum(p.evidence.happenings for p in relations(store, "PAK", "AFG", by="year", **bounds).series)


@pytest.mark.issue(11)
@pytest.mark.parametrize("since, until, dates", [
    ("2024-06-15", None, ["2024", "2024-06"]),  # a bound inside June and inside 2024
    ("2024-06-01", None, ["2024", "2024-06"]),  # a bound at a month's edge, still inside the year
    ("2024-06-15", "2024-06-20", ["2024", "2024-06"]),  # not one whole month
    (None, "2024-03-31", ["2024", "2024-03-05"]),
    ("2025-01-01", None, []),
])
def test_a_bound_inside_a_coarse_dates_span_keeps_it(store, since, until, dates):
    """Issue 11: "in 2024" overlaps --since 2024-06-01; a bound is met by overlap of spans, not by the first day."""
    from blocwatch.analysis import bloc, find_events
    from blocwatch.precision import format_date

    coarse_pair(store)
    first, last = (date.fromisoformat(d) if d else None for d in (since, until))
    listing = find_events(store, since=first, until=last)
    assert [format_date(c.day, c.date_precision) for c in listing.clusters] == dates
    assert _counted(store, since=first, until=last) == len(dates)
    assert _counted(store.confident(0.5), since=first, until=last) == len(dates)  # read from the clusters alone
    assert bloc(store, ["PAK", "AFG"], since=first, until=last).overall.inside.happenings == len(dates)


@pytest.mark.issue(11)
def test_a_week_across_two_months_is_placed_by_its_middle_day(store):
    """Monday 29 July to Sunday 4 August 2024: its Thursday is 1 August, so it counts in August; a bound in
    either month overlaps it."""
    coarse_pair(store, make_event("PAK", "AFG", "AID", date="2024-07-29", precision="week", sentence=3))
    monthly = relations(store, "PAK", "AFG", by="month")
    assert [(p.period, p.evidence.happenings) for p in monthly.series][-1] == ("2024-08", 1)
    assert "2024-07" not in {p.period for p in monthly.periods}
    assert _counted(store, since=date(2024, 8, 3)) == 2  # the week and the year
    assert _counted(store, since=date(2024, 8, 1)) == 2
    assert _counted(store, until=date(2024, 7, 31)) == 4
    assert _counted(store, since=date(2024, 7, 1), until=date(2024, 7, 31)) == 2
    from blocwatch.analysis import bloc

    assert [(p.period, p.inside.happenings) for p in bloc(store, ["PAK", "AFG"], by="month").periods][-1] == (
        "2024-08", 1)


@pytest.mark.issue(11)
def test_a_store_counting_a_week_in_its_mondays_month_counts_it_by_its_middle_once_upgraded(tmp_path):
    from blocwatch.store import open_store

    path = tmp_path / "weeks.duckdb"
    with open_store(path) as store:
        coarse_pair(store, make_event("PAK", "AFG", "AID", date="2024-07-29", precision="week", sentence=3))
        store.connection.execute("UPDATE cluster_months SET month = DATE '2024-07-01' WHERE precision = 'week'")
        # Back to schema 5: what migrations 6 and on made goes with their record (7 made the claims table)
        store.connection.execute("DROP TABLE recognition_claims")
        store.connection.execute("DELETE FROM schema_version WHERE version >= 6")
        assert "2024-07" in _months(store)  # as schema 5 had it
    with open_store(path) as store:
        assert _months(store) == ["2024-03", "2024-06", "2024-08"]


def _months(store) -> list[str]:
    return sorted({p.period for p in relations(store, "PAK", "AFG", by="month").periods})
