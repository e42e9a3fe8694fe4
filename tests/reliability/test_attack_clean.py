"""Issue 14, finding 5: the clean stage keeps to a budget per document (elements, seconds), so the two
pages of the attack (9.5 MB of paragraphs, a million bold words) are skipped as too complex at once
rather than held for minutes and gigabytes. That time grows in proportion to a page within the budget is
measured by benchmarks/hostile_pages.py, not here."""

from __future__ import annotations

import tracemalloc

import pytest

from blocwatch.clean import CleanOptions, clean
from blocwatch.model import Article, Problem, RawPage
from conftest import DATA

pytestmark = pytest.mark.issue(14)

_WORDS = "Envoys from Kabul and Tashkent discussed the railway survey and the border crossing at Termez"
PAGES = {
    "paragraphs": "<html><body>" + "".join(f"<p>{_WORDS} {i}." for i in range(95_000)) + "</body></html>",
    "bold words": "<html><body><p>" + "<b>x</b> " * 1_000_000 + "</p></body></html>",
}


@pytest.mark.parametrize("shape", PAGES)
def test_finding05_a_page_over_the_element_budget_is_skipped_before_it_is_parsed(shape):
    page = PAGES[shape]
    assert len(page) > 8_000_000
    tracemalloc.start()
    try:
        result = clean(RawPage(id="huge", origin="huge.html", content=page, kind="html"))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert isinstance(result, Problem) and not result.failed
    assert result.reason == "page too complex to clean (more than 40,000 elements, over the budget); skipped"
    assert peak < 1_000_000, f"{peak / 1e6:.0f} MB to refuse it"  # no tree was built


def test_finding05_a_page_past_the_time_budget_is_skipped():
    page = (DATA / "pages" / "p01_wire_russia_recognition.html").read_text()
    result = clean(RawPage(id="p01", origin="p01.html", content=page, kind="html"), options=CleanOptions(max_seconds=0))
    assert isinstance(result, Problem)
    assert result.reason == ("page too complex to clean (still not done after the budget of 0 s of processor time); "
                             "skipped")


def test_finding05_pages_within_the_budget_clean_as_before():
    page = (DATA / "pages" / "p01_wire_russia_recognition.html").read_text()
    assert isinstance(clean(RawPage(id="p01", origin="p01.html", content=page, kind="html")), Article)
    tight = CleanOptions(max_elements=50)
    assert isinstance(clean(RawPage(id="p01", origin="p01.html", content=page, kind="html"), options=tight), Problem)
