"""Actors resolved at a date: terms of office and changes of status, read from the data files (issue 10)."""

from __future__ import annotations

import csv
from datetime import date, timedelta
from importlib import resources

import pytest

from blocwatch.actors import load_gazetteer

pytestmark = pytest.mark.issue(10)


def _row(name: str, key: str) -> dict[str, str]:
    text = resources.files("blocwatch.data").joinpath(name).read_text("utf-8")
    return next(row for row in csv.DictReader(text.splitlines()) if row["key"] == key)


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


def _code(gazetteer, alias: str, on: date) -> str | None:
    found = gazetteer.resolve(alias, on=on)
    return found.code if found else None


def test_a_person_acts_for_his_state_only_around_his_term(gazetteer):
    term = _row("roles.csv", "imran_khan_pm")
    start, end = date.fromisoformat(term["valid_from"]), date.fromisoformat(term["valid_to"])
    assert _code(gazetteer, "Imran Khan", start + timedelta(days=200)) == term["code"]
    assert _code(gazetteer, "Imran Khan", start - timedelta(days=1)) is None
    assert _code(gazetteer, "Imran Khan", end + timedelta(days=1)) is None


def test_a_person_between_two_terms_acts_for_no_one(gazetteer):
    first, second = _row("roles.csv", "shehbaz_sharif_pm_1"), _row("roles.csv", "shehbaz_sharif_pm_2")
    end, restart = date.fromisoformat(first["valid_to"]), date.fromisoformat(second["valid_from"])
    assert _code(gazetteer, "Shehbaz Sharif", end) == first["code"]
    assert _code(gazetteer, "Shehbaz Sharif", end + (restart - end) / 2) is None
    assert _code(gazetteer, "Shehbaz Sharif", restart) == second["code"]


def test_the_taliban_are_the_insurgency_before_their_takeover_and_the_government_after(gazetteer):
    insurgency, government = _row("actors.csv", "taliban_insurgency"), _row("actors.csv", "taliban_government")
    last_day = date.fromisoformat(insurgency["valid_to"])
    assert _code(gazetteer, "the Taliban", last_day) == insurgency["code"]
    assert _code(gazetteer, "the Taliban", last_day + timedelta(days=1)) == government["code"]


def test_a_period_is_read_on_its_day_nearest_the_article(gazetteer):
    switch = date.fromisoformat(_row("actors.csv", "taliban_government")["valid_from"])
    year = (date(switch.year, 1, 1), date(switch.year, 12, 31))
    # "in 2021" (the year of the takeover), told in a later article: as the article would read it
    assert gazetteer.resolve_during("Taliban", *year, near=date(switch.year + 2, 5, 1)).code == "AFG"
    # ... and told in an article of the spring of that year, before the takeover
    assert gazetteer.resolve_during("Taliban", *year, near=date(switch.year, 3, 1)).code == "TAL"
    # a whole period before the takeover is the insurgency, whatever the article's date
    assert gazetteer.resolve_during("Taliban", date(2003, 1, 1), date(2003, 12, 31), near=None).code == "TAL"


def test_the_actor_before_todays_is_the_sense_that_ended_before_it(gazetteer):
    insurgency, government = _row("actors.csv", "taliban_insurgency"), _row("actors.csv", "taliban_government")
    later = date.fromisoformat(government["valid_from"]) + timedelta(days=900)
    assert gazetteer.resolve_before("Taliban", on=later).code == insurgency["code"]
    # the 1996-2001 regime, named as a government, is the insurgency's too
    assert gazetteer.resolve_before("Taliban regime", on=later).code == insurgency["code"]
    assert _code(gazetteer, "Taliban regime", later) == government["code"]
    # a state has no actor before it
    assert gazetteer.resolve_before("Kazakhstan", on=later) is None
