"""Cross-article dedup on hand-built events: one happening, many reports -> one cluster; distinct
happenings stay apart by place, date window, polarity and type."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from blocwatch.analysis import build_clusters, clusters, find_events
from blocwatch.analysis.clusters import cluster_events
from blocwatch.errors import ParameterError
from blocwatch.store import StoredEvent
from conftest import make_event, put

pytestmark = pytest.mark.issue(4)


def _clusters(store):
    build_clusters(store)
    return store.clusters()


def test_clusters_three_reports_of_one_happening_make_one_cluster(store):
    put(store, "wire", [make_event("ISKP", "RUS", "ASSAULT", date="2022-09-05", location="Kabul")],
        published="2022-09-05", outlet="Wire")
    put(store, "claim", [make_event("ISKP", "RUS", "ASSAULT", date="2022-09-06", precision="published")],
        published="2022-09-06", outlet="Dawn")
    put(store, "analysis", [make_event("ISKP", "RUS", "COERCE", date="2022-09-09", precision="published",
                                       location="Kabul", confidence=0.6)],
        published="2022-09-09", url="https://analysis.example.org/embassy")
    [cluster] = _clusters(store)
    assert (cluster.num_mentions, cluster.num_articles, cluster.num_outlets) == (3, 3, 3)
    assert (cluster.type, cluster.date, cluster.location) == ("ASSAULT", "2022-09-05", "Kabul")
    assert (str(cluster.first_date), str(cluster.last_date)) == ("2022-09-05", "2022-09-09")
    assert cluster.docs == ("analysis", "claim", "wire") and cluster.outlets == ("Dawn", "Wire")


def test_clusters_two_attacks_same_day_in_different_cities_stay_two(store):
    put(store, "a", [make_event("ISKP", "AFG", "ASSAULT", date="2022-04-21", location="Mazar-i-Sharif")])
    put(store, "b", [make_event("ISKP", "AFG", "ASSAULT", date="2022-04-21", location="Kunduz")])
    # An unlocated report fits both; complete-link keeps it from bridging them.
    put(store, "c", [make_event("ISKP", "AFG", "ASSAULT", date="2022-04-21")])
    clusters = _clusters(store)
    assert sorted(c.location for c in clusters) == ["Kunduz", "Mazar-i-Sharif"]
    assert sorted(c.num_articles for c in clusters) == [1, 2]


# first (date, precision), second (date, precision), same cluster?
WINDOWS = [
    (("2024-03-01", "day"), ("2024-03-03", "day"), True),
    (("2024-03-01", "day"), ("2024-03-04", "day"), False),
    (("2024-03-01", "week"), ("2024-03-08", "day"), True),
    (("2024-03-01", "week"), ("2024-03-09", "day"), False),
    (("2024-03-01", "day"), ("2024-03-07", "published"), True),
    (("2024-03", "month"), ("2024-03-28", "day"), True),
    (("2024-03", "month"), ("2024-04-01", "day"), False),
    (("2024", "year"), ("2024-12-30", "day"), True),
    (("2024", "year"), ("2025-01-01", "day"), False),
    ((None, None), ("2024-03-01", "day"), False),
]


@pytest.mark.parametrize("first, second, together", WINDOWS)
def test_clusters_date_window_fits_precision(store, first, second, together):
    put(store, "one", [make_event("PAK", "AFG", "ASSAULT", date=first[0], precision=first[1])])
    put(store, "two", [make_event("PAK", "AFG", "ASSAULT", date=second[0], precision=second[1])])
    assert len(_clusters(store)) == (1 if together else 2)


def test_clusters_a_report_must_fit_the_earliest_member_not_only_the_latest(store):
    # Each report is within two days of the one before; the last is three days after the first, so
    # complete-link clustering keeps it out of the cluster that the first three make.
    for doc, day in (("first", "2024-03-01"), ("second", "2024-03-02"), ("third", "2024-03-03"),
                     ("fourth", "2024-03-04")):
        put(store, doc, [make_event("PAK", "AFG", "ASSAULT", date=day)])
    assert sorted(sorted(c.docs) for c in _clusters(store)) == [["first", "second", "third"], ["fourth"]]


def test_clusters_undated_events_match_only_on_identical_evidence_and_place(store):
    said = "Iran and the Taliban clashed over water."
    put(store, "one", [make_event("IRN", "AFG", "ASSAULT", evidence=said)])
    put(store, "two", [make_event("IRN", "AFG", "ASSAULT", evidence="  Iran and the Taliban clashed over water. ")])
    put(store, "three", [make_event("IRN", "AFG", "ASSAULT", evidence="Border guards traded fire.")])
    assert sorted(c.num_articles for c in _clusters(store)) == [1, 2]


@pytest.mark.parametrize("change", [{"negated": True}, {"type": "PROTEST"}, {"type": "SANCTION"},
                                    {"source": "AFG", "target": "PAK"}])
def test_clusters_keep_polarity_type_and_direction_apart(store, change):
    put(store, "one", [make_event("PAK", "AFG", "ASSAULT", date="2024-03-18")])
    fields = {"source": "PAK", "target": "AFG", "type": "ASSAULT", **change}
    put(store, "two", [make_event(fields.pop("source"), fields.pop("target"), fields.pop("type"),
                                  date="2024-03-18", **fields)])
    assert len(_clusters(store)) == 2


def test_stale_clusters_answer_as_of_the_last_clustering_until_rebuilt(store):
    """What a reader sees while an ingest writes: the last clustering, less what was replaced since."""
    put(store, "one", [make_event("PAK", "AFG", "ASSAULT", date="2024-03-18")])
    build_clusters(store)
    assert not store.clusters_stale()
    put(store, "two", [make_event("CHN", "AFG", "AID", date="2024-03-20")])
    assert store.clusters_stale()
    assert [c.date for c in store.clusters()] == ["2024-03-18"]
    put(store, "one", [make_event("PAK", "AFG", "ASSAULT", date="2024-03-19")])
    assert store.clusters() == []
    build_clusters(store)
    assert not store.clusters_stale()
    assert [c.date for c in store.clusters()] == ["2024-03-19", "2024-03-20"]


def test_clusters_find_events_filters(store):
    put(store, "d", [make_event("PAK", "AFG", "ASSAULT", date="2024-03-18"),
                     make_event("AFG", "PAK", "THREATEN", date="2024-03-19", sentence=1),
                     make_event("CHN", "AFG", "AID", date="2023-01-01", sentence=2)])
    build_clusters(store)
    assert {c.type for c in find_events(store, actor="pak").clusters} == {"ASSAULT", "THREATEN"}
    assert [c.type for c in find_events(store, pair=("AFG", "PAK"), type="threaten").clusters] == ["THREATEN"]
    assert [c.type for c in find_events(store, since=date(2024, 1, 1),
                                        actor="AFG").clusters] == ["ASSAULT", "THREATEN"]
    with pytest.raises(ParameterError, match="--type: unknown event type 'BOMB'"):
        find_events(store, type="BOMB")


def test_clusters_a_report_is_checked_only_against_the_clusters_its_date_may_agree_with(monkeypatch):
    """Eleven years of one source and target, a report every ten days: each day's report meets no earlier
    cluster it could join, so none is checked (every earlier cluster of the pair was: 80,000 checks); a
    report a day after one joins it, and reports dated to a month and a year are checked against the
    clusters of their month and year alone, fit several and so stay apart."""
    checked = []
    fits = clusters._Group.fits
    monkeypatch.setattr(clusters._Group, "fits", lambda group, stored: checked.append(stored.id) or fits(group, stored))

    def report(number: int, day: date, precision: str = "day", published: date | None = None) -> StoredEvent:
        event = make_event("PAK", "AFG", "ASSAULT", doc=f"d{number}", date=day.isoformat(), precision=precision)
        return StoredEvent(number, event, day, 4, -10.0, None, None, published or day + timedelta(days=1))

    days = [date(2015, 1, 4) + timedelta(days=10 * n) for n in range(400)]
    made = cluster_events([*(report(n, day) for n, day in enumerate(days)), report(400, days[5] + timedelta(days=1)),
                           report(401, date(2016, 3, 1), "month", date(2016, 4, 2)),
                           report(402, date(2017, 1, 1), "year", date(2018, 1, 2))])
    assert len(made) == 402
    assert [sorted(c.events) for c in made if len(c.events) > 1] == [[5, 400]]
    assert sorted(set(checked)) == [400, 401, 402]
    assert checked.count(401) == sum(1 for day in days if (day.year, day.month) == (2016, 3)) == 3
    assert checked.count(402) == sum(1 for day in days if day.year == 2017) == 37
