"""The recognition ladder from hand-built CAMEO 054 events, one rule per test."""

from __future__ import annotations

from datetime import date

import pytest

from blocwatch.analysis import recognition, recognition_history
from blocwatch.errors import ParameterError
from blocwatch.store import migrations, open_store
from conftest import make_event, put

pytestmark = pytest.mark.issue(12)


def _claim(source: str, *, level: str = "formal", refuses: bool = False, date: str | None = None,
           precision: str | None = None, quote: str | None = None):
    return make_event(source, "AFG", "SUPPORT", cameo="054", recognition=level, negated=refuses, date=date,
                      precision=precision,
                      evidence=quote or f"{source} {'refuses' if refuses else 'grants'} {level} ({date})")


def _status(store, actor: str, as_of: date | None = None) -> dict:
    report = recognition(store, "AFG", as_of=as_of).to_json()
    return next(row for row in report["statuses"] if row["actor"] == actor)


def _roles(status: dict) -> dict[str, str]:
    return {claim["doc"]: claim["role"] for claim in status["claims"]}


@pytest.fixture
def climber(store):
    """A state moving up the ladder over three years, each step from another outlet."""
    put(store, "y1", [_claim("UZB", level="mission", date="2022-03-14")], outlet="One")
    put(store, "y2", [_claim("UZB", level="credentials", date="2023-09", precision="month")], outlet="Two")
    put(store, "y3", [_claim("UZB", level="formal", date="2024-11-02")], outlet="Three")
    return store


@pytest.mark.parametrize("as_of, status, reached", [
    (date(2021, 12, 31), "no evidence", None),
    (date(2022, 12, 31), "mission", "2022-03-14"),
    (date(2023, 12, 31), "credentials", "2023-09"),
    (date(2024, 12, 31), "formal", "2024-11-02"),
])
def test_recognition_state_climbs_mission_credentials_formal(climber, as_of, status, reached):
    found = _status(climber, "UZB", as_of)
    assert (found["status"], found["reached"]) == (status, reached)


def test_recognition_history_spans_only_years_holding_claims(climber):
    history = recognition_history(climber, "AFG").to_json()
    assert history["years"] == [2022, 2023, 2024]
    assert history["statuses"] == [{"actor": "UZB", "by_year": {"2022": "mission", "2023": "credentials",
                                                                "2024": "formal"}, "all_claims": "formal"}]


def test_recognition_refusal_is_apart_from_no_evidence(store):
    put(store, "a", [_claim("IRN", refuses=True, date="2023-05-20"), _claim("TKM", level="mission", date="2024-02-01")])
    report = recognition(store, "AFG", as_of=date(2023, 12, 31)).to_json()
    assert {s["actor"]: (s["status"], s["refuses"]) for s in report["statuses"]} == {
        "IRN": ("refuses", ["formal"]), "TKM": ("no evidence", [])}


def test_recognition_a_rung_granted_with_a_higher_one_refused(store):
    put(store, "xinhua", [_claim("CHN", level="credentials", date="2024-01-30")])
    put(store, "later", [_claim("CHN", refuses=True, date="2024-06-01", precision="published")])
    found = _status(store, "CHN")
    assert (found["status"], found["reached"], found["refuses"]) == ("credentials", "2024-01-30", ["formal"])
    assert set(_roles(found).values()) == {"decides"}


def test_recognition_month_precise_claim_loses_to_a_day_precise_one(store):
    put(store, "monthly", [_claim("KAZ", level="credentials", refuses=True, date="2024-03", precision="month")])
    put(store, "daily", [_claim("KAZ", level="credentials", date="2024-03-15")])
    found = _status(store, "KAZ")
    assert (found["status"], found["reached"], found["precision"]) == ("credentials", "2024-03-15", "day")
    lost = next(c for c in found["claims"] if c["doc"] == "monthly")
    assert (lost["role"], lost["by"]) == ("contradicted", {"doc": "daily", "date": "2024-03-15"})
    assert "more precise" in lost["reason"]


def test_recognition_a_vaguer_grant_is_refined_by_a_precise_one_within_it(store):
    put(store, "annual", [_claim("CHN", level="credentials", date="2024", precision="year")])
    put(store, "wire", [_claim("CHN", level="credentials", date="2024-01-30")])
    found = _status(store, "CHN")
    assert (found["reached"], found["precision"]) == ("2024-01-30", "day")
    assert _roles(found) == {"annual": "agrees", "wire": "decides"}


def test_recognition_earlier_refusal_is_superseded_not_contradicted(store):
    put(store, "old", [_claim("RUS", refuses=True, date="2022-09-06")])
    put(store, "new", [_claim("RUS", date="2025-07-03")])
    found = _status(store, "RUS")
    assert (found["status"], found["reached"]) == ("formal", "2025-07-03")
    assert _roles(found) == {"old": "superseded", "new": "decides"}


def test_recognition_stale_refusal_loses_to_a_better_attested_grant(store):
    put(store, "wire1", [_claim("RUS", date="2025-07-03")])
    put(store, "wire2", [_claim("RUS", date="2025-07-03")])
    put(store, "blog", [_claim("RUS", refuses=True, date="2025-08-10", precision="published")])
    found = _status(store, "RUS")
    assert (found["status"], found["reached"]) == ("formal", "2025-07-03")
    assert _roles(found) == {"wire1": "decides", "wire2": "agrees", "blog": "contradicted"}


def test_recognition_later_refusal_as_well_attested_revokes_and_shows_the_grant(store):
    put(store, "wire", [_claim("RUS", date="2025-07-03")])
    put(store, "blog", [_claim("RUS", refuses=True, date="2025-08-10")])
    found = _status(store, "RUS")
    assert (found["status"], found["refuses"]) == ("refuses", ["formal"])
    assert _roles(found) == {"wire": "contradicted", "blog": "decides"}


def test_recognition_only_states_recognise(store):
    put(store, "a", [_claim(actor, date="2024-01-01") for actor in ("IMF", "WST", "UN", "TAL", "PAK")])
    assert [s["actor"] for s in recognition(store, "AFG").to_json()["statuses"]] == ["PAK"]


def test_recognition_undated_grant_is_read_as_the_latest_step(store):
    put(store, "dated", [_claim("RUS", refuses=True, date="2023-02-03")])
    put(store, "undated", [_claim("RUS")])
    put(store, "essay", [_claim("RUS", refuses=True)])
    everything = _status(store, "RUS")
    assert (everything["status"], everything["reached"]) == ("formal", "after 2023-02-03")
    assert _roles(everything) == {"dated": "superseded", "undated": "decides", "essay": "contradicted"}
    later = _status(store, "RUS", date(2030, 1, 1))
    assert later["status"] == "refuses" and [c["doc"] for c in later["claims"]] == ["dated"]


def test_recognition_undated_refusal_never_overrides_a_dated_grant(store):
    put(store, "wire", [_claim("RUS", date="2025-07-03")])
    put(store, "essay", [_claim("RUS", refuses=True)])
    found = _status(store, "RUS")
    assert (found["status"], _roles(found)) == ("formal", {"wire": "decides", "essay": "contradicted"})


def test_recognition_lists_highest_first(store):
    put(store, "d", [_claim("PAK", level="credentials", date="2024-01-30"), _claim("RUS", date="2025-07-03"),
                     _claim("IND", level="mission", date="2025-10-12"), _claim("USA", refuses=True, date="2025-01-01"),
                     make_event("GBR", "AFG", "SUPPORT", cameo="051", date="2025-01-01")])
    assert [(s["actor"], s["status"]) for s in recognition(store, "afg").to_json()["statuses"]] == [
        ("RUS", "formal"), ("PAK", "credentials"), ("IND", "mission"), ("USA", "refuses")]


def test_recognition_csv_rows_hold_one_whole_claim_each(store):
    quote = "Tashkent " + "accepted the credentials of the envoy sent by Kabul, " * 5 + "officials said."
    put(store, "long", [_claim("UZB", level="credentials", date="2024-05", precision="month", quote=quote)],
        outlet="Wire", url="https://example.org/long")
    [row] = recognition(store, "AFG").claim_rows()
    assert row == {"actor": "UZB", "date": "2024-05", "precision": "month", "level": "credentials",
                   "stance": "grants", "role": "decides", "document": "long", "outlet": "Wire",
                   "url": "https://example.org/long", "quote": quote}


def test_recognition_unknown_target_is_a_parameter_error(store):
    with pytest.raises(ParameterError, match="TARGET: unknown actor code 'XQZ'"):
        recognition(store, "XQZ")


def test_recognition_as_of_counts_the_undated_claims_it_leaves_out_and_can_include_them(store):
    """Issue 11: an undated claim may come from any time, so --as-of leaves it out, says how many it left
    out, and counts it when the user asks (--undated)."""
    put(store, "dated", [_claim("UZB", level="formal", date="2024-05-01")])
    put(store, "loose", [_claim("TKM", level="credentials")])
    put(store, "vague", [_claim("KAZ", level="mission")])
    strict = recognition(store, "AFG", as_of=date(2024, 12, 31))
    assert strict.undated_left_out == 2 and _status(store, "TKM", date(2024, 12, 31))["status"] == "no evidence"
    loose = recognition(store, "AFG", as_of=date(2024, 12, 31), undated=True).to_json()
    assert loose["undated_left_out"] == 0
    assert {s["actor"]: s["status"] for s in loose["statuses"]} == {"UZB": "formal", "TKM": "credentials",
                                                                    "KAZ": "mission"}
    assert recognition(store, "AFG").undated_left_out == 0  # without --as-of every claim counts


def test_recognition_rewritten_article_takes_its_claims_with_it(climber):
    put(climber, "y3", [make_event("UZB", "AFG", "AID", date="2024-11-02")], outlet="Three")
    assert _status(climber, "UZB")["status"] == "credentials"


def test_recognition_store_upgraded_from_before_the_claims_table_gives_the_same_ladder(climber, monkeypatch):
    put(climber, "y4", [_claim("IRN", refuses=True, date="2024-12-01"), make_event("IRN", "AFG", "AID")])
    before = recognition_history(climber, "AFG").to_json()
    assert {s["actor"] for s in before["statuses"]} == {"UZB", "IRN"}
    # A store written before migration 7 has no claims table: undo it, then let opening the file upgrade it.
    climber.connection.execute("DROP TABLE recognition_claims")
    climber.connection.execute("DELETE FROM schema_version WHERE version >= 7")
    climber.close()
    monkeypatch.setattr(migrations, "MIGRATIONS", tuple(m for m in migrations.MIGRATIONS if m.version <= 7))
    with open_store(climber.path) as upgraded:
        assert upgraded.schema_version() == 7
        assert recognition_history(upgraded, "AFG").to_json() == before


def test_recognition_as_of_counts_a_coarse_claim_once_its_whole_span_is_over(store):
    """A claim known only to its month or year is reached for sure only when that span has ended: as of a
    day inside it the claim may still lie ahead, so it waits, as a day-precise claim before the day does."""
    put(store, "yearly", [_claim("KAZ", level="formal", date="2024", precision="year")])
    put(store, "monthly", [_claim("TKM", level="mission", date="2024-02", precision="month")])
    put(store, "annual", [_claim("CHN", level="credentials", date="2024", precision="year")])
    put(store, "wire", [_claim("CHN", level="credentials", date="2024-01-30")])
    assert _status(store, "KAZ", date(2024, 3, 1))["status"] == "no evidence"
    assert _status(store, "KAZ", date(2024, 12, 31))["status"] == "formal"
    assert _status(store, "TKM", date(2024, 2, 28))["status"] == "no evidence"
    assert _status(store, "TKM", date(2024, 2, 29))["status"] == "mission"  # the month's last day
    inside = _status(store, "CHN", date(2024, 3, 1))
    assert (inside["status"], inside["reached"]) == ("credentials", "2024-01-30")
    assert _roles(inside) == {"wire": "decides"}  # the year's claim waits for the year's end
    history = recognition_history(store, "AFG").to_json()
    by_year = {row["actor"]: row["by_year"] for row in history["statuses"]}
    assert by_year["KAZ"]["2024"] == "formal"  # at the end of its year the year's claim counts
