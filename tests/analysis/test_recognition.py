"""Recognition status from hand-built CAMEO 054 events, one rule per test."""

from __future__ import annotations

from datetime import date

import pytest

from blocwatch.analysis import recognition
from blocwatch.errors import ParameterError
from conftest import make_event, put

pytestmark = pytest.mark.issue(4)


def _claim(source: str, *, level: str = "formal", negated: bool = False, date: str | None = None,
           precision: str | None = None):
    return make_event(source, "AFG", "SUPPORT", cameo="054", recognition=level, negated=negated, date=date,
                      precision=precision, evidence=f"{source} {'denies' if negated else 'grants'} {level}")


def _status(store, actor: str, as_of: date | None = None) -> dict:
    report = recognition(store, "AFG", as_of=as_of).to_json()
    return next(row for row in report if row["actor"] == actor)


def test_recognition_dated_grant_stands(store):
    put(store, "wire", [_claim("RUS", date="2025-07-03")])
    status = _status(store, "RUS")
    assert (status["status"], status["since"], status["date_inferred"]) == ("formal", "2025-07-03", False)
    assert status["evidence"] == [{"doc": "wire", "date": "2025-07-03", "quote": "RUS grants formal",
                                   "negated": False, "recognition": "formal"}]


def test_recognition_later_denial_by_another_source_revokes_and_is_shown(store):
    put(store, "wire", [_claim("RUS", date="2025-07-03")])
    put(store, "blog", [_claim("RUS", negated=True, date="2025-08-01", precision="published")])
    status = _status(store, "RUS")
    assert status["status"] == "none"
    [contradiction] = status["contradictions"]
    assert (contradiction["grant"]["doc"], contradiction["denial"]["doc"]) == ("wire", "blog")
    assert "later denial" in contradiction["resolution"]


def test_recognition_undated_grant_is_placed_after_dated_denials(store):
    put(store, "old1", [_claim("RUS", negated=True, date="2023-02-03", precision="published")])
    put(store, "old2", [_claim("RUS", negated=True, date="2024-05-01", precision="published")])
    put(store, "news", [_claim("RUS")])
    status = _status(store, "RUS")
    assert (status["status"], status["since"], status["date_inferred"]) == ("formal", "2024-05-01", True)
    assert status["contradictions"] == []
    assert [e["date"] for e in status["evidence"]] == ["2023-02-03", "2024-05-01", None]


def test_recognition_table_row_shows_the_claim_the_status_rests_on(store):
    put(store, "old", [_claim("RUS", negated=True, date="2023-02-03", precision="published")])
    put(store, "wire", [_claim("RUS", date="2025-07-03")])
    put(store, "later", [_claim("RUS", date="2025-08-01")])
    put(store, "blog", [_claim("IRN", negated=True, date="2022-01-01"), _claim("IRN", negated=True, date="2024-01-01")])
    rows = {row["actor"]: row for row in recognition(store, "AFG").rows()}
    assert rows["RUS"]["deciding claim"] == "2025-07-03 wire (grants formal): RUS grants formal"
    assert (rows["RUS"]["claims"], rows["RUS"]["since"]) == (3, "2025-07-03")
    assert rows["IRN"]["deciding claim"] == "2024-01-01 blog (denies formal): IRN denies formal"
    assert (rows["IRN"]["status"], rows["IRN"]["claims"]) == ("none", 2)


def test_recognition_undated_denial_does_not_override_dated_grant(store):
    put(store, "wire", [_claim("RUS", date="2025-07-03")])
    put(store, "essay", [_claim("RUS", negated=True)])
    status = _status(store, "RUS")
    assert (status["status"], status["since"]) == ("formal", "2025-07-03")
    [contradiction] = status["contradictions"]
    assert contradiction["denial"]["doc"] == "essay" and "undated denial" in contradiction["resolution"]


def test_recognition_credentials_survive_a_negated_formal_claim(store):
    put(store, "xinhua", [_claim("CHN", level="credentials", date="2024-01-30")])
    put(store, "later", [_claim("CHN", negated=True, date="2024-06-01", precision="published"),
                         _claim("CHN", negated=True)])
    status = _status(store, "CHN")
    assert (status["status"], status["since"]) == ("credentials", "2024-01-30")
    assert status["contradictions"] == []


def test_recognition_only_negated_claims_give_none(store):
    put(store, "a", [_claim("IRN", negated=True, date="2023-02-03"), _claim("IRN", negated=True)])
    status = _status(store, "IRN")
    assert status["status"] == "none" and status["since"] is None
    assert all(e["negated"] for e in status["evidence"]) and len(status["evidence"]) == 2


@pytest.mark.parametrize("as_of, expected", [
    (date(2023, 12, 31), "none"),
    (date(2024, 1, 30), "credentials"),
    (date(2025, 7, 2), "credentials"),
    (date(2025, 7, 3), "formal"),
    (None, "formal"),
])
def test_recognition_as_of_moves_statuses(store, as_of, expected):
    put(store, "d1", [_claim("CHN", negated=True, date="2023-06-01", precision="published")])
    put(store, "d2", [_claim("CHN", level="credentials", date="2024-01-30")])
    put(store, "d3", [_claim("CHN", date="2025-07-03")])
    assert _status(store, "CHN", as_of)["status"] == expected


def test_recognition_as_of_leaves_undated_claims_out(store):
    put(store, "dated", [_claim("RUS", negated=True, date="2023-02-03")])
    put(store, "undated", [_claim("RUS")])
    assert _status(store, "RUS")["status"] == "formal"
    as_of = _status(store, "RUS", date(2030, 1, 1))
    assert as_of["status"] == "none" and [e["doc"] for e in as_of["evidence"]] == ["dated"]


def test_recognition_lists_statuses_highest_first_and_ignores_other_events(store):
    put(store, "d", [_claim("PAK", level="credentials", date="2024-01-30"), _claim("RUS", date="2025-07-03"),
                     _claim("IND", negated=True, date="2025-10-12"),
                     make_event("USA", "AFG", "SUPPORT", cameo="051", date="2025-01-01")])
    assert [(s["actor"], s["status"]) for s in recognition(store, "afg").to_json()] == [
        ("RUS", "formal"), ("PAK", "credentials"), ("IND", "none")]


def test_recognition_unknown_target_is_a_parameter_error(store):
    with pytest.raises(ParameterError, match="TARGET: unknown actor code 'XQZ'"):
        recognition(store, "XQZ")
