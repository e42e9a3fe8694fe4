"""Hostile documents never stop a run (property-based): random bytes, random Unicode (right-to-left,
zero-width, emoji, combining marks), broken HTML and malformed JSON records each end as a page, an
article, events, or a Problem that names the input and the reason; never as an exception."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from blocwatch.clean import clean
from blocwatch.events import HEADLINE
from blocwatch.ingest import read_file
from blocwatch.model import Article, Event, Problem, RawPage
from blocwatch.pipeline import code_articles, run
from blocwatch.plover import plover_types
from conftest import make_article, real_sentences

pytestmark = pytest.mark.issue(7)

# Bounded so that the file runs in well under a minute; the extraction property parses, so it gets fewer.
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PARSING = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])

TRICKY = [
    "\u202e", "\u200f", "\u061c", "\u2067", "\u2069",  # right-to-left overrides, marks and isolates
    "بيان وزارة الخارجية", "משרד החוץ",  # Arabic and Hebrew runs
    "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff",  # zero-width characters and a stray byte-order mark
    "😀", "👩\u200d👩\u200d👧", "🇦🇫", "🏳️\u200d🌈",  # emoji, joined sequences, a flag
    "e\u0301", "a\u0336\u0336\u0336", "Z\u0351\u0352\u0357\u035b\u0363\u0364",  # combining marks, "zalgo"
    "\u2028", "\u2029", "\x85", "\r", "\x0b", "\x00", "\t",  # line separators and control characters
    "&amp;", "&#xD800;", "&#0;", "&nbsp;", "<", ">", "</p>", "<!--", "]]>",  # entities and markup debris
    "U.S.", "...", "?!", "—", "\"", "'",
]
_SENTENCES = st.deferred(lambda: st.sampled_from(real_sentences()))
_FRAGMENT = st.one_of(st.sampled_from(TRICKY), st.text(max_size=12))


@st.composite
def _hostile_text(draw) -> str:
    """Real sentences with tricky characters and random text spliced in at random places."""
    parts = []
    for _ in range(draw(st.integers(1, 8))):
        sentence = draw(_SENTENCES)
        at = draw(st.integers(0, len(sentence)))
        parts.append(sentence[:at] + "".join(draw(st.lists(_FRAGMENT, max_size=4))) + sentence[at:])
    return draw(st.sampled_from([" ", "\n", "\n\n"])).join(parts)


_TAGS = ["div", "p", "span", "b", "i", "a", "table", "tr", "td", "ul", "li", "h1", "h2", "article", "main", "nav",
         "script", "style", "iframe", "svg", "math", "template", "noscript", "title", "body", "html", "head"]


@st.composite
def _broken_html(draw) -> str:
    """Markup whose tags nest deeply, close in the wrong order, or never close, around real sentences."""
    html = draw(st.sampled_from(["", "<!doctype html>", "<html><head><title>Talks", "<?xml version='1.0'?>"]))
    open_tags: list[str] = []
    for _ in range(draw(st.integers(1, 60))):
        action = draw(st.sampled_from(["open", "open", "close", "text", "junk"]))
        if action == "open":
            tag = draw(st.sampled_from(_TAGS))
            attribute = draw(st.sampled_from(["", " class='article-body'", ' id="x', ' style="&quot;"', " data-x=<>"]))
            html += f"<{tag}{attribute}>"
            open_tags.append(tag)
        elif action == "close" and open_tags:
            html += f"</{open_tags.pop(draw(st.integers(0, len(open_tags) - 1)))}>"  # often out of order
        elif action == "text":
            html += draw(_hostile_text())
        else:
            html += draw(_FRAGMENT)
    return html


def _written(tmp_path_factory, name: str, data: bytes) -> Path:
    """`data` in a file of the session's temporary folder (hypothesis runs each test many times over)."""
    path = tmp_path_factory.getbasetemp() / f"hostile-{name}"
    path.write_bytes(data)
    return path


def _check_cleaned(page: RawPage) -> Article | Problem:
    """Clean `page`: an article whose records can be encoded, hashed and printed, or a named skip."""
    article = clean(page)
    if isinstance(article, Problem):
        assert not article.failed and article.origin == page.origin and article.reason
    else:
        assert article.text.strip() and article.content_hash
        json.dumps(article.to_json(include_raw=True), ensure_ascii=False).encode("utf-8")
    return article


@FAST
@given(data=st.binary(max_size=3000), suffix=st.sampled_from([".txt", ".html", ".json", ".jsonl", ".dat"]))
def test_hostile_random_bytes_become_pages_or_named_problems(tmp_path_factory, data, suffix):
    path = _written(tmp_path_factory, f"random{suffix}", data)
    for item in read_file(path):
        assert isinstance(item, RawPage | Problem)
        assert item.origin.startswith(str(path))
        if isinstance(item, Problem):
            assert item.reason
        else:
            _check_cleaned(item)


@FAST
@given(text=_hostile_text(), encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"]),
       cut=st.integers(0, 3))
def test_hostile_unicode_in_any_encoding_reads_and_cleans(tmp_path_factory, text, encoding, cut):
    data = text.encode(encoding, errors="replace")
    path = _written(tmp_path_factory, "unicode.txt", data[:len(data) - cut])  # a cut may split a multi-byte character
    for item in read_file(path):
        if isinstance(item, RawPage):
            _check_cleaned(item)
        else:
            assert item.reason


@FAST
@given(html=_broken_html())
def test_hostile_html_cleans_to_article_or_skip(html):
    _check_cleaned(RawPage(id="broken", origin="broken.html", content=html, kind="html"))


_JSON_VALUE = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner,
                                                                                      max_size=3), max_leaves=8)
_FIELD = st.one_of(_JSON_VALUE, _SENTENCES, _hostile_text())


@st.composite
def _json_record(draw) -> str:
    """One JSON Lines line: a record with fields of the wrong type or missing, or not a record at all."""
    fields = draw(st.dictionaries(st.sampled_from(["id", "text", "title", "url", "date", "outlet", "extra"]), _FIELD,
                                  max_size=7))
    line = draw(st.sampled_from([
        json.dumps(fields, ensure_ascii=False), json.dumps(fields), json.dumps(draw(_JSON_VALUE)),
        '{"id": "a", "text": "\\ud800 Pakistan and Iran met."}',  # an escaped lone surrogate
        "[" * 5000, '{"id": ' + "9" * 5000 + ', "text": "x"}',  # nested beyond the parser, a 5,000-digit number
        '{"id": "cut", "text": "Pakistan and', "{'id': 'single quotes'}", "NaN", "\x00\x01",
    ]))
    return line


@FAST
@given(lines=st.lists(_json_record(), min_size=1, max_size=8))
def test_hostile_jsonl_records_each_become_one_page_or_problem(tmp_path_factory, lines):
    path = _written(tmp_path_factory, "records.jsonl", "\n".join(lines).encode("utf-8"))
    items = list(read_file(path))
    numbered = [n for n, line in enumerate(lines, 1) if line.strip()]
    if not any(isinstance(item, Problem) and item.origin == str(path) for item in items):  # whole-file refusals
        assert [item.origin for item in items] == [f"{path}:{n}" for n in numbered]
    for item in items:
        if isinstance(item, Problem):
            assert item.reason
        else:
            _check_cleaned(item)


def test_hostile_jsonl_line_separator_inside_a_string_is_one_record(tmp_path):
    record = {"id": "sep", "text": "Pakistan and Afghanistan\u2028reopened\x85the crossing\u2029on Friday."}
    path = tmp_path / "sep.jsonl"
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    (page,) = read_file(path)
    assert page.content == record["text"]


@pytest.mark.parametrize(("content", "reason"), [
    ("[" * 100_000, "JSON nested too deeply to read"),
    ('[{"id": 1, "text": "x", "n": ' + "7" * 5000 + "}]", "JSON cannot be read (Exceeds the limit"),
    ('{"id": 1, "text": "x"', "not valid JSON (Expecting ',' delimiter at line 1"),
])
def test_hostile_json_beyond_the_parser_is_a_named_problem(tmp_path, content, reason):
    path = tmp_path / "deep.json"
    path.write_text(content)
    (problem,) = read_file(path)
    assert isinstance(problem, Problem) and problem.failed and problem.reason.startswith(reason)


@PARSING
@given(text=_hostile_text())
# A first line with no full stop becomes the title, and an event it tells has no offsets in the body.
@example(text="Russia accepts an ambassador named by the Taliban\nthough Moscow has not recognised the government.")
def test_hostile_text_extracts_events_or_nothing(text, extractor):
    article = clean(RawPage(id="hostile", origin="hostile.txt", content=text, kind="text"))
    if isinstance(article, Problem):
        return
    (coded,) = code_articles([article], extractor=extractor)
    assert not isinstance(coded, Problem), coded
    types = plover_types()
    for event in coded[1]:
        assert event.doc == "hostile" and event.type in types
        if event.sentence == HEADLINE:  # a title has no place in the body text
            assert event.sentence_start is None and event.evidence == article.title
        else:
            assert article.text[event.sentence_start:event.sentence_end] == event.evidence


class _Tripping:
    """The real extractor, except that it raises on any article whose id holds "trip": a bug that one
    hostile page sets off."""

    def __init__(self, extractor):
        self._extractor = extractor

    def extract_many(self, articles):
        for article in articles:
            yield article, self.extract(article)

    def extract(self, article: Article) -> list[Event]:
        if "trip" in article.id:
            raise IndexError("list index out of range")
        return self._extractor.extract(article)


def test_hostile_page_that_breaks_the_extractor_fails_alone(tmp_path, store, extractor):
    folder = tmp_path / "docs"
    folder.mkdir()
    sentences = real_sentences()
    for name in ("a_first", "b_trip", "c_last"):
        (folder / f"{name}.txt").write_text(f"{name}\n\n" + " ".join(sentences[:4]))
    report = run([str(folder)], store=store, extractor=_Tripping(extractor))
    (problem,) = report.problems
    assert problem.failed and problem.origin == str(folder / "b_trip.txt")
    assert problem.reason == "internal error while coding events: IndexError: list index out of range"
    assert report.documents == 2 and report.events > 0
    stored = {row[0] for row in store.connection.execute("SELECT id FROM documents").fetchall()}
    assert stored == {"a_first", "c_last"}


def test_hostile_page_that_breaks_a_batch_costs_only_that_page(extractor):
    articles = [replace(make_article(f"doc{n}", text=" ".join(real_sentences()[n:n + 3])), id=f"doc{n}")
                for n in range(5)]
    articles[3] = replace(articles[3], id="trip3")
    coded = code_articles(articles, extractor=_Tripping(extractor))
    assert [type(c).__name__ for c in coded] == ["tuple", "tuple", "tuple", "Problem", "tuple"]
    assert coded[0][1] == extractor.extract(articles[0])
