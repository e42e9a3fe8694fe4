"""Pages of hostile size or shape are read, cleaned and coded in time that grows with their length:
a 1 MB single line, 100,000 tiny paragraphs, deeply nested or unclosed HTML. Before the fixes that
came with these tests, several took hours (work that grew with the square of the page)."""

from __future__ import annotations

import signal

import pytest

from blocwatch.clean import clean
from blocwatch.model import Article, Problem, RawPage
from blocwatch.pipeline import code_articles

pytestmark = pytest.mark.issue(7)

# Not a speed measurement (benchmarks/ does that): a bound far above the seconds each case takes, so
# that a return of the quadratic behaviour fails here rather than stalling the suite for hours.
_BOUND_SECONDS = 90

_PROSE = "Pakistan and Afghanistan reopened the Torkham crossing on Friday after a week of talks."


def _timed(function, *args, **options):
    """`function(*args, **options)`, stopped by an alarm once it has run for _BOUND_SECONDS."""
    def stop(signum, frame):
        raise TimeoutError(f"still running after {_BOUND_SECONDS} s: work growing faster than the input?")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(_BOUND_SECONDS)
    try:
        return function(*args, **options)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _page(content: str, kind: str = "text") -> RawPage:
    return RawPage(id="big", origin="big.txt", content=content, kind=kind)


def _cleaned(content: str, kind: str = "text") -> Article | Problem:
    return _timed(clean, _page(content, kind))


def test_hostile_sizes_100k_paragraphs_of_three_sentences_clean():
    # Each paragraph shares two sentences with every other: the repeat detection judges them all.
    article = _cleaned("\n\n".join(f"Paragraph {n} opens here today. It says the talks went on for long. "
                                   "The crossing stayed shut all week." for n in range(100_000)))
    assert isinstance(article, Article) and article.text.count("\n\n") == 0  # the repeats are kept once


def test_hostile_sizes_questions_among_100k_lines_clean():
    lines = [f"Why did the border close again on day {n}?" if n % 6 == 0 else f"{_PROSE[:-1]} {n}."
             for n in range(100_000)]
    article = _cleaned("\n".join(lines))
    assert isinstance(article, Article) and article.text.startswith(_PROSE[:-1])


def test_hostile_sizes_lines_of_unreadable_dates_clean():
    article = _cleaned("".join(f"Feb {30 + n % 60}, 2024\n" for n in range(100_000)) + _PROSE)
    assert isinstance(article, Article) and article.date is None


def test_hostile_sizes_100k_paragraphs_naming_actors_extract(extractor):
    # 2.8 million characters, a mention in every paragraph, none worth parsing.
    article = _cleaned("\n\n".join(f"Pakistan said so on day {n}." for n in range(100_000)))
    (coded,) = _timed(code_articles, [article], extractor=extractor)
    assert not isinstance(coded, Problem) and coded[1] == [], coded


def test_hostile_sizes_1mb_line_without_full_stops_extract(extractor):
    article = _cleaned((_PROSE[:-1] + " and ") * 11_000)
    assert "\n" not in article.text and len(article.text) > 1_000_000
    (coded,) = _timed(code_articles, [article], extractor=extractor)
    assert not isinstance(coded, Problem) and coded[1] == [], coded  # a million-character "sentence" is not parsed


def test_hostile_sizes_1mb_line_of_sentences_cleans():
    article = _cleaned((_PROSE + " ") * 11_500)
    assert isinstance(article, Article) and len(article.text) > 1_000_000


@pytest.mark.parametrize("html", [
    "<div>" * 100_000 + _PROSE + "</div>" * 100_000,
    "<html><body>" + f"<p><b><i>{_PROSE}" * 20_000,
    "<table>" + "<tr><td>" * 50_000 + _PROSE,
    "<p>" + "&amp;" * 200_000 + _PROSE + "<!--" * 1000,
], ids=["nested-100k", "unclosed-20k", "table-cells-50k", "entities-and-comments"])
def test_hostile_sizes_deep_or_unclosed_html_cleans(html):
    result = _cleaned(html, "html")
    assert isinstance(result, Article | Problem)
    if isinstance(result, Problem):
        assert not result.failed and result.reason
