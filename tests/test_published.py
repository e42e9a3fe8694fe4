"""Publication dates of pages that come without one: from metadata, the URL or the text, with provenance."""

from __future__ import annotations

from datetime import date

import pytest

from blocwatch.clean import clean
from blocwatch.model import Article, RawPage
from blocwatch.published import from_url, parse_given

BODY = ("Uzbekistan and the Taliban government signed an agreement on a railway line through Afghanistan. "
        "The line would link Termez with Mazar-i-Sharif and later run on to the Pakistani border, officials "
        "said, adding that the cost would be shared between the three governments and foreign lenders.")


def _page(html: str, url: str | None = None) -> RawPage:
    return RawPage(id="p", origin="page.html", content=html, kind="html", url=url)


def _html(head: str = "", lead: str = "") -> str:
    return (f"<html><head><title>Railway deal signed</title>{head}</head><body><article><h1>Railway deal signed</h1>"
            f"{lead}<p>{BODY}</p><p>{BODY}</p></article></body></html>")


def _dated(article) -> tuple[date | None, str, str | None]:
    assert isinstance(article, Article), article
    return article.date, article.date_precision, article.date_source


def test_metadata_of_an_html_page_dates_it():
    head = '<meta property="article:published_time" content="2023-02-14T08:00:00+00:00">'
    assert _dated(clean(_page(_html(head)))) == (date(2023, 2, 14), "day", "metadata")


def test_url_dates_a_page_without_metadata():
    url = "https://news.example.org/world/2023/07/railway-deal-signed/"
    assert _dated(clean(_page(_html(), url))) == (date(2023, 7, 1), "month", "url")
    url = "https://news.example.org/story/20231230/railway-deal"
    assert _dated(clean(_page(_html(), url))) == (date(2023, 12, 30), "day", "url")


def test_a_dateline_in_the_text_dates_a_page_without_metadata_or_url_date():
    lead = "<p>Published 14 February 2023</p>"
    assert _dated(clean(_page(_html(lead=lead), "https://news.example.org/railway"))) == (
        date(2023, 2, 14), "day", "text")


def test_a_given_date_keeps_its_precision():
    page = RawPage(id="r", origin="in.jsonl:1", content=BODY, kind="text", date="2023-07")
    assert _dated(clean(page)) == (date(2023, 7, 1), "month", "given")


def test_a_page_with_no_date_anywhere_stays_undated():
    page = RawPage(id="r", origin="in.txt", content=BODY, kind="text")
    assert _dated(clean(page)) == (None, "day", None)


@pytest.mark.parametrize(("url", "expected"), [
    ("https://a.example/2023/07/31/story", (date(2023, 7, 31), "day")),
    ("https://a.example/en/2024-03-18/story", (date(2024, 3, 18), "day")),
    ("https://a.example/22-Feb-2023/story-title", (date(2023, 2, 22), "day")),
    ("https://a.example/stories/2025/jan/21/story", (date(2025, 1, 21), "day")),
    ("https://a.example/news/1339201", None),
    ("https://a.example/2023/13/story", None),
])
def test_dates_in_urls(url, expected):
    found = from_url(url)
    assert (found.day, found.precision) == expected if expected else found is None


@pytest.mark.parametrize(("value", "expected"), [
    ("2024", (date(2024, 1, 1), "year")),
    ("2024-03", (date(2024, 3, 1), "month")),
    ("2024-03-18T10:00:00Z", (date(2024, 3, 18), "day")),
    ("March 2024", (date(2024, 3, 1), "month")),
    ("18 March 2024", (date(2024, 3, 18), "day")),
])
def test_given_dates_at_their_precision(value, expected):
    found = parse_given(value)
    assert (found.day, found.precision) == expected


def test_an_undated_article_is_dated_by_its_latest_fully_dated_event():
    from blocwatch.events import Extractor
    from blocwatch.published import infer

    text = ("On 2 March 2024, Pakistan closed the Torkham crossing to Afghan trucks. On 9 March 2024, Pakistan and "
            "the Taliban government agreed to reopen it. In 2023, Iran deported many Afghans.")
    article = clean(RawPage(id="r", origin="in.txt", content=text, kind="text"))
    assert article.date is None
    dated = infer(article, Extractor.load().extract(article))
    assert _dated(dated) == (date(2024, 3, 9), "day", "inferred")
    assert dated.content_hash == article.content_hash  # re-ingesting the page is still a no-op


def test_ingest_says_how_many_documents_stayed_undated(tmp_path):
    from conftest import run_cli_here

    (tmp_path / "undated.txt").write_text("Pakistan closed the Torkham crossing to Afghan trucks after talks with the "
                                          "Taliban government failed, officials said on the border.\n")
    (tmp_path / "dated.txt").write_text("On 9 March 2024, Pakistan and the Taliban government agreed to reopen the "
                                        "Torkham crossing to trucks, officials said.\n")
    result = run_cli_here("ingest", tmp_path / "undated.txt", tmp_path / "dated.txt", "--db", tmp_path / "c.duckdb")
    assert result.returncode == 0, result.stderr
    assert "undated: 1 of the documents stored show no publication date" in result.stdout


def test_ingest_stores_each_publication_date_with_its_source(tmp_path):
    import json

    from blocwatch.store import open_store
    from conftest import run_cli_here

    records = [
        {"id": "meta", "text": _html('<meta property="article:published_time" content="2023-02-14T08:00:00Z">')},
        {"id": "url", "text": BODY, "url": "https://news.example.org/2023/07/railway-deal/"},
        {"id": "line", "text": "Published 14 February 2023\n\n" + BODY},
        {"id": "given", "text": BODY, "date": "2023"},
    ]
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(record) + "\n" for record in records))
    db = tmp_path / "c.duckdb"
    assert run_cli_here("ingest", source, "--db", db).returncode == 0
    with open_store(db, read_only=True) as store:
        rows = store.connection.execute("SELECT id, date, date_precision, date_source FROM documents").fetchall()
    assert {row[0]: row[1:] for row in rows} == {
        "meta": (date(2023, 2, 14), "day", "metadata"), "url": (date(2023, 7, 1), "month", "url"),
        "line": (date(2023, 2, 14), "day", "text"), "given": (date(2023, 1, 1), "year", "given")}
