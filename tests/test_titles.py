"""Titles of real-shaped pages we wrote (tests/data/titles): skip links, logos, story codes, captions,
site names on either side, pull quotes, and pages that have no headline at all (no title, not a sentence)."""

from __future__ import annotations

import json

import pytest

from blocwatch.clean import clean
from blocwatch.model import Article, RawPage
from blocwatch.titles import is_headline, tidy
from conftest import DATA

pytestmark = pytest.mark.issue(13)

TITLES = DATA / "titles"
EXPECTED = json.loads((DATA / "titles-expected.json").read_text())


def test_every_page_has_an_expected_title():
    assert sorted(path.stem for path in TITLES.iterdir()) == sorted(EXPECTED)
    assert len(EXPECTED) >= 15


@pytest.mark.parametrize("doc", sorted(EXPECTED))
def test_title_of_real_shaped_page(doc):
    path = next(TITLES.glob(f"{doc}.*"))
    kind = "html" if path.suffix == ".html" else "text"
    article = clean(RawPage(id=doc, origin=str(path), content=path.read_text(), kind=kind))
    assert isinstance(article, Article), article
    assert article.title == EXPECTED[doc]


@pytest.mark.parametrize("line", [
    "Skip to main content", "Story Code : 284968", "Photo: AFP", "Talks resume in Doha. (Photo: Reuters)",
    "Delegates at the airport. REUTERS/Stringer", "File photo of the crossing at Torkham",
    "Home / World / Asia", "World News", "Monday, 3 March 2024", "March 3, 2024",
    "The minister arrived in Kabul on Monday. He met the acting prime minister",
    "“We will reopen the crossing soon,” the governor said",
    "and then the talks broke down without a statement", "Officials met on Tuesday to sign the deal.",
])
def test_not_a_headline(line):
    assert not is_headline(line)


@pytest.mark.parametrize("line", [
    "Russia recognises the Taliban government", "Why did Pakistan close Torkham?",
    "Taliban say ‘no foreign bases’ after Bagram remarks", "Trans-Afghan railway: what the deal means",
])
def test_headline(line):
    assert is_headline(line)


@pytest.mark.parametrize(("title", "sites", "expected"), [
    ("China opens new consulate in Herat | The Kabul Ledger", set(), "China opens new consulate in Herat"),
    ("Ledger - China opens new consulate in Herat", {"ledger"}, "China opens new consulate in Herat"),
    ("Iran &amp; Taliban  agree on water", set(), "Iran & Taliban agree on water"),
])
def test_tidy_cuts_the_site_name(title, sites, expected):
    assert tidy(title, sites) == expected
