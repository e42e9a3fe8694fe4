"""Fetching from a real HTTP server on localhost: pages and an RSS feed ingested by URL, and the
refusals (private addresses, other schemes, redirect loops, oversized and non-text responses)."""

from __future__ import annotations

import pytest

from blocwatch.fetch import doc_id, fetch_sources
from blocwatch.model import Problem, RawPage
from blocwatch.pipeline import run

pytestmark = pytest.mark.issue(4)


def test_fetch_ingests_pages_and_feed_by_url(site, store, extractor):
    report = run([f"{site}/feed.xml", f"{site}/recognition.html"], store=store, extractor=extractor,
                 allow_private=True)
    assert (report.documents, report.failed) == (3, 0) and report.events > 0
    rows = store.connection.execute("SELECT url, outlet, title, date FROM documents ORDER BY url").fetchall()
    assert [row[0] for row in rows] == [f"{site}/{page}" for page in ("clash.html", "credentials.html",
                                                                       "recognition.html")]
    by_url = {row[0]: row[1:] for row in rows}
    outlet, title, published = by_url[f"{site}/credentials.html"]
    assert (outlet, title, str(published)) == ("Local Wire", "Entry credentials.html", "2024-01-31")
    again = run([f"{site}/feed.xml", f"{site}/recognition.html"], store=store, extractor=extractor,
                allow_private=True)
    assert (again.documents, again.unchanged) == (0, 3)


def test_fetch_follows_redirects_to_the_final_url(site):
    [page] = fetch_sources([f"{site}/to-credentials"], allow_private=True)
    assert isinstance(page, RawPage) and page.url == f"{site}/credentials.html"
    assert page.id == doc_id(f"{site}/credentials.html") and page.id.startswith("credentials_")


@pytest.mark.parametrize("path, options, reason", [
    ("/credentials.html", {}, "is a private or loopback address (127.0.0.1); pass --allow-private"),
    ("/loop", {"allow_private": True}, "more than 5 redirects"),
    ("/missing.html", {"allow_private": True}, "HTTP 404"),
    ("/picture.png", {"allow_private": True}, "not an HTML or text page (content type image/png)"),
    ("/credentials.html", {"allow_private": True, "max_bytes": 100}, "over the 0.0001 MiB limit"),
])
def test_fetch_refusals_name_the_url_and_reason(site, path, options, reason):
    [problem] = fetch_sources([site + path], **options)
    assert isinstance(problem, Problem) and problem.origin == site + path
    assert reason in problem.reason


@pytest.mark.parametrize("url", ["ftp://example.org/file.txt", "file:///etc/passwd"])
def test_fetch_refuses_other_schemes(url):
    [problem] = fetch_sources([url], allow_private=True)
    assert isinstance(problem, Problem) and "only http and https URLs can be fetched" in problem.reason
