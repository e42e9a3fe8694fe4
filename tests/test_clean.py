"""The clean stage on real-shaped pages: the seeds and our own pages, each with keep/drop lists."""

from __future__ import annotations

import json

import pytest

from blocwatch.clean import clean
from blocwatch.model import RawPage
from conftest import DATA, SHARED, read_jsonl, run_cli_here

pytestmark = pytest.mark.issue(2)

PAGES = DATA / "pages"


def _cases() -> list:
    cases = []
    seeds = SHARED / "gold" / "seeds-clean.json"
    if seeds.exists():
        for doc, expected in json.loads(seeds.read_text()).items():
            cases.append(pytest.param(SHARED / "seeds", doc, expected, id=f"seed-{doc[:3]}"))
    else:
        cases.append(pytest.param(None, None, None, id="seeds",
                                  marks=pytest.mark.skip(reason="needs ../shared/seeds beside this clone")))
    for doc, expected in json.loads((DATA / "pages-expected.json").read_text()).items():
        cases.append(pytest.param(PAGES, doc, expected, id=doc))
    return cases


_cleaned: dict = {}


def _clean_folder(folder) -> dict:
    if folder not in _cleaned:
        result = run_cli_here("clean", folder, "--format", "json")
        assert result.returncode == 0, result.stderr
        _cleaned[folder] = {record["id"]: record for record in read_jsonl(result.stdout)}
    return _cleaned[folder]


@pytest.mark.parametrize(("folder", "doc", "expected"), _cases())
def test_clean_keeps_article_and_drops_boilerplate(folder, doc, expected):
    article = _clean_folder(folder)[doc]
    text = article["text"]
    missing = [s for s in expected["keep"] if s not in text]
    leftover = [s for s in expected["drop"] if s in text]
    repeated = [s for s in expected.get("once", []) if text.count(s) != 1]
    assert not missing, f"article text lost: {missing}"
    assert not leftover, f"boilerplate kept: {leftover}"
    assert not repeated, f"not exactly once: {repeated}"
    assert article["title"] == expected["title"]
    assert article["date"] == expected["date"]


def test_an_unfinished_last_sentence_is_kept_but_a_short_last_label_is_not():
    body = ("Kyrgyzstan opened a new consulate in the northern city of Mazar-i-Sharif on Tuesday, its foreign "
            "ministry said in a statement.\nThe consulate will issue visas to traders who cross the border "
            "with goods from the region.\n")
    cut = "The ministry added that it was one of the first steps towards a wider trade agreement with the"
    kept = clean(RawPage(id="cut", origin="test", content=body + cut + "\n", kind="text"))
    assert kept.text.endswith(cut)
    dropped = clean(RawPage(id="menu", origin="test", content=body + "Share on social media\n", kind="text"))
    assert "Share on" not in dropped.text


def test_a_recommended_box_inside_the_story_does_not_end_it_but_a_closing_list_does():
    body = ("Tajikistan reopened its main border crossing with Afghanistan on Monday after a week of talks, the "
            "customs service said.\n")
    story = ("Traders had waited for days on both sides of the river bridge with their lorries.\n"
             "Officials in Dushanbe said the crossing would stay open around the clock from now on.\n"
             "The Taliban's trade ministry welcomed the decision in a short statement on Tuesday.\n")
    inline = clean(RawPage(id="inline", origin="test", content=body + "Recommended\n" + story, kind="text"))
    assert "welcomed the decision" in inline.text
    teasers = ("Floods cut the railway line south of the capital\n"
               "Heavy rain in the mountains washed away a stretch of track near the border.\n")
    closing = clean(RawPage(id="closing", origin="test", content=body + story + "Related stories\n" + teasers,
                            kind="text"))
    assert "Floods cut" not in closing.text and "welcomed the decision" in closing.text
