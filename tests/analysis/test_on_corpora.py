"""The analyses through the real extractor, on corpora written for them: six short wire items on a
group's dealings (tests/data/bloc: a recognition, credentials and a refusal; cooperation inside the group,
one border clash, and three members accusing an outsider), and our dev corpus (tests/data/articles, read
with the seeds). Each asserts what an analysis makes of its corpus, not what one article says."""

from __future__ import annotations

from datetime import date

import pytest

from blocwatch.analysis import bloc
from conftest import DATA, ingested_store, recognition_statuses

pytestmark = pytest.mark.issue(4)


@pytest.fixture(scope="module")
def bloc_store(tmp_path_factory, extractor):
    with ingested_store(tmp_path_factory.mktemp("bloc"), [DATA / "bloc" / "bloc.jsonl"], extractor) as store:
        yield store


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory, shared, extractor):
    with ingested_store(tmp_path_factory.mktemp("corpus"), [shared("seeds"), DATA / "articles"], extractor) as store:
        yield store


def test_recognition_ladder_on_a_written_corpus_formal_credentials_and_a_refusal(bloc_store):
    statuses = recognition_statuses(bloc_store)
    assert (statuses["RUS"]["status"], statuses["RUS"]["reached"]) == ("formal", "2025-07-03")
    assert (statuses["CHN"]["status"], statuses["CHN"]["reached"]) == ("credentials", "2024-01-30")
    for actor, level in (("RUS", "formal"), ("CHN", "credentials")):
        assert any(c["level"] == level and not c["refuses"] and c["quote"] and c["role"] == "decides"
                   for c in statuses[actor]["claims"])
    assert statuses["IRN"]["status"] == "refuses" and statuses["IRN"]["claims"]
    assert all(c["refuses"] for c in statuses["IRN"]["claims"])
    assert "PAK" not in statuses or statuses["PAK"]["status"] == "no evidence"


def test_cohesion_on_a_written_corpus_cooperation_dominant_common_adversary_no_thin_friction(bloc_store):
    result = bloc(bloc_store, ["CHN", "RUS", "IRN", "PAK", "AFG"])
    assert result.overall.cooperation.happenings > result.overall.conflict.happenings
    # One PAK-AFG clash in one article: too thin for a friction.
    pak_afg = next(p for p in result.pairs if {p.a, p.b} == {"PAK", "AFG"})
    assert result.frictions == [] and (pak_afg.conflict.happenings, pak_afg.conflict.articles) == (1, 1)
    usa = next(x for x in result.common_adversaries if x.actor == "USA")
    assert set(usa.members) == {"CHN", "RUS", "IRN"}


@pytest.mark.parametrize("as_of, expected", [(date(2023, 12, 31), "refuses"), (date(2024, 2, 1), "credentials"),
                                             (date(2025, 6, 30), "credentials")])
def test_recognition_on_corpus_as_of_moves_chn(corpus_store, as_of, expected):
    assert recognition_statuses(corpus_store, as_of)["CHN"]["status"] == expected


def test_recognition_on_corpus_rus_formal_from_july_2025(corpus_store):
    assert recognition_statuses(corpus_store, date(2025, 6, 30))["RUS"]["status"] != "formal"
    assert recognition_statuses(corpus_store, date(2025, 7, 31))["RUS"]["status"] == "formal"


def test_clusters_on_corpus_embassy_bombing_reports_are_one_cluster(corpus_store):
    found = [c for c in corpus_store.clusters(pair=("ISKP", "RUS"), type="ASSAULT")
             if c.day and c.day.isoformat() == "2022-09-05"]
    assert len(found) == 1
    assert set(found[0].docs) >= {"d06_russian_embassy_bombing_wire", "d07_russian_embassy_bombing_claim",
                                  "d08_russian_embassy_bombing_analysis"}


def test_clusters_on_corpus_same_day_blasts_in_two_cities_stay_two(corpus_store):
    found = [c for c in corpus_store.clusters(pair=("ISKP", "AFG"), type="ASSAULT")
             if c.day and c.day.isoformat() == "2022-04-21"]
    assert len(found) == 2 and len({c.location for c in found}) == 2
