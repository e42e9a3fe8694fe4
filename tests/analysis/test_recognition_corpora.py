"""The recognition ladder through the real extractor: on wire items written for it (tests/data/recognition)
and on the real articles of ../shared/real (skipped where absent)."""

from __future__ import annotations

from datetime import date

import pytest

from blocwatch.analysis import recognition_history
from conftest import DATA, ingested_store, recognition_statuses

pytestmark = pytest.mark.issue(12)


@pytest.fixture(scope="module")
def ladder_store(tmp_path_factory, extractor):
    with ingested_store(tmp_path_factory.mktemp("ladder"), [DATA / "recognition" / "ladder.jsonl"], extractor) as store:
        yield store


@pytest.fixture(scope="module")
def real_store(tmp_path_factory, shared, extractor):
    with ingested_store(tmp_path_factory.mktemp("real"), [shared("real/input.jsonl")], extractor) as store:
        yield store


def test_ladder_corpus_climb_over_three_years(ladder_store):
    history = recognition_history(ladder_store, "AFG").to_json()
    assert history["years"] == [2022, 2023, 2024]
    uzb = next(row["by_year"] for row in history["statuses"] if row["actor"] == "UZB")
    assert uzb == {"2022": "mission", "2023": "credentials", "2024": "formal"}
    now = recognition_statuses(ladder_store)["UZB"]
    assert (now["status"], now["reached"], now["precision"]) == ("formal", "2024-11-02", "day")
    assert [(c["level"], c["role"]) for c in now["claims"]] == [
        ("mission", "decides"), ("credentials", "decides"), ("formal", "decides")]
    assert recognition_statuses(ladder_store, date(2023, 12, 31))["UZB"]["reached"] == "2023-09"


def test_ladder_corpus_refusal_and_conditional(ladder_store):
    statuses = recognition_statuses(ladder_store)
    assert (statuses["TJK"]["status"], statuses["TJK"]["refuses"]) == ("refuses", ["formal"])
    assert "TKM" not in statuses  # "would recognise ... if" is a condition, not a claim


def test_ladder_corpus_month_precise_report_loses_to_day_precise_one(ladder_store):
    kaz = recognition_statuses(ladder_store)["KAZ"]
    assert (kaz["status"], kaz["reached"], kaz["precision"]) == ("credentials", "2024-03-15", "day")
    [lost] = [c for c in kaz["claims"] if c["role"] == "contradicted"]
    assert (lost["doc"], lost["date"], lost["refuses"]) == ("lad06_astana_month", "2024-03", True)
    assert lost["by"]["doc"] == "lad07_astana_day"


@pytest.mark.parametrize("actor, status, month", [("RUS", "formal", "2025-07"), ("ARE", "credentials", "2024-08"),
                                                   ("IND", "mission", "2025-10")])
def test_real_recognition_end_of_2025(real_store, actor, status, month):
    found = recognition_statuses(real_store, date(2025, 12, 31)).get(actor, {})
    assert (found.get("status"), (found.get("reached") or "")[:7]) == (status, month)


def test_real_recognition_end_of_2025_pakistan_below_credentials(real_store):
    pakistan = recognition_statuses(real_store, date(2025, 12, 31)).get("PAK", {})
    assert pakistan.get("level") not in ("formal", "credentials")


def test_real_recognition_mid_2024(real_store):
    statuses = recognition_statuses(real_store, date(2024, 6, 30))
    assert statuses.get("RUS", {}).get("status") != "formal"
    assert statuses.get("ARE", {}).get("level") not in ("credentials", "formal")
