"""One happening, many articles: mutual acts either way round, publication as a bound, vague reports
not guessed into one of several clusters, the labelled benchmark, and the same-happening pairs of
../shared/real."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from blocwatch.analysis import build_clusters
from blocwatch.store import open_store
from conftest import ROOT, SHARED, _ingested, make_event, put

pytestmark = pytest.mark.issue(11)


def _clusters(store):
    build_clusters(store)
    return store.clusters()


def test_a_meeting_reported_either_way_round_is_one_happening(store):
    put(store, "one", [make_event("CHN", "AFG", "CONSULT", date="2024-03-12")], published="2024-03-13")
    put(store, "two", [make_event("AFG", "CHN", "CONSULT", date="2024-03-12")], published="2024-03-20")
    [cluster] = _clusters(store)
    assert cluster.num_articles == 2


def test_an_attack_reported_either_way_round_is_two(store):
    put(store, "one", [make_event("PAK", "AFG", "ASSAULT", date="2024-03-18")])
    put(store, "two", [make_event("AFG", "PAK", "ASSAULT", date="2024-03-18")])
    assert len(_clusters(store)) == 2


def test_no_article_reports_a_happening_after_it_appeared(store):
    # "earlier this week" in a paper of March 15 cannot be the meeting of March 28
    put(store, "early", [make_event("CHN", "AFG", "CONSULT", date="2024-03-28")], published="2024-03-29")
    put(store, "vague", [make_event("CHN", "AFG", "CONSULT", date="2024-03", precision="month")],
        published="2024-03-15")
    assert sorted(c.num_articles for c in _clusters(store)) == [1, 1]


def test_a_vague_report_fitting_two_happenings_joins_the_one_its_article_tells(store):
    put(store, "a", [make_event("ISKP", "PAK", "ASSAULT", date="2023-12-12", location="Jalalabad")],
        published="2023-12-13")
    put(store, "b", [make_event("ISKP", "PAK", "ASSAULT", date="2023-12-18", location="Kunar"),
                     make_event("ISKP", "PAK", "ASSAULT", date="2023-12", precision="month", sentence=1)],
        published="2023-12-20")
    clusters = {c.location: c for c in _clusters(store)}
    assert (clusters["Jalalabad"].num_mentions, clusters["Kunar"].num_mentions) == (1, 2)
    # the month-precise report confirms the day; it does not stretch the span to the month
    assert (str(clusters["Kunar"].first_date), clusters["Kunar"].date_precision) == ("2023-12-18", "day")


def test_a_vague_report_fitting_two_happenings_of_other_articles_stays_apart(store):
    put(store, "a", [make_event("ISKP", "PAK", "ASSAULT", date="2023-12-12", location="Jalalabad")])
    put(store, "b", [make_event("ISKP", "PAK", "ASSAULT", date="2023-12-18", location="Kunar")])
    put(store, "c", [make_event("ISKP", "PAK", "ASSAULT", date="2023-12", precision="month")], published="2023-12-28")
    assert sorted(c.num_mentions for c in _clusters(store)) == [1, 1, 1]


def test_labelled_benchmark_meets_its_targets():
    result = subprocess.run([sys.executable, ROOT / "benchmarks" / "clusters.py"], capture_output=True, text=True,
                            cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "met" in result.stdout.splitlines()[-1]


@pytest.fixture(scope="module")
def real_db(tmp_path_factory, shared, extractor):
    return _ingested(tmp_path_factory.mktemp("real"), [shared("real/input.jsonl")], extractor)


def _same_happening_pairs() -> list[tuple[str, str]]:
    readme = SHARED / "real" / "README.md"
    return re.findall(r"\b(r\d{3})/(r\d{3})\b", readme.read_text()) if readme.exists() else []


@pytest.mark.parametrize("pair", _same_happening_pairs(), ids="-".join)
def test_each_same_happening_pair_of_the_real_articles_shares_a_cluster(real_db, pair):
    with open_store(real_db, read_only=True) as store:
        clusters = store.clusters()
    assert [c for c in clusters if set(pair) <= set(c.docs)], f"no cluster holds both {pair}"


def test_the_real_articles_list_five_same_happening_pairs(shared):
    assert len(_same_happening_pairs()) == 5


def test_a_paper_dated_only_by_its_month_may_report_any_day_of_that_month(store):
    from dataclasses import replace

    from conftest import make_article

    put(store, "day", [make_event("UZB", "AFG", "AGREE", date="2024-07-17")], published="2024-07-18")
    monthly = replace(make_article("monthly", published="2024-07-01"), date_precision="month")
    store.write(monthly, [replace(make_event("AFG", "UZB", "AGREE", date="2024-07", precision="month"), doc="monthly")])
    [cluster] = _clusters(store)
    assert cluster.num_articles == 2
