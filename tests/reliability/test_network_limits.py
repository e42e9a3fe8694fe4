"""Fetching URLs and feeds is bounded against hostile servers and URLs: timeouts (also for a server
that sends a byte at a time), a size cap without a declared length, redirects to other schemes,
private and loopback addresses without --allow-private, malformed URLs and feeds. What
tests/test_fetch.py shows already (redirect loops, declared oversize, ftp:// and file:// URLs,
127.0.0.1) is not repeated here."""

from __future__ import annotations

import time

import pytest

from blocwatch.fetch import fetch_sources
from blocwatch.model import Problem, RawPage
from conftest import SITE_SLOW_SECONDS, read_jsonl, run_cli_here

pytestmark = pytest.mark.issue(7)


def _one_problem(url: str, **options) -> Problem:
    [problem] = fetch_sources([url], **options)
    assert isinstance(problem, Problem) and problem.failed and problem.origin == url
    return problem


@pytest.mark.parametrize(("path", "reason"), [
    ("/slow.html", "timed out after 0.5 s (connecting, headers and body together)"),
    ("/drip", "timed out after 0.5 s (connecting, headers and body together)"),
])
def test_network_slow_servers_time_out(site, path, reason):
    started = time.monotonic()
    assert _one_problem(site + path, allow_private=True, timeout=0.5).reason == reason
    assert time.monotonic() - started < SITE_SLOW_SECONDS  # gave up, rather than waiting the server out


def test_network_body_without_declared_length_is_capped(site):
    problem = _one_problem(f"{site}/endless", allow_private=True, max_bytes=200_000)
    assert problem.reason == "response is over the 0.2 MiB limit (raise it with --max-mb)"


def test_network_redirect_to_another_scheme_is_refused(site):
    assert _one_problem(f"{site}/to-file", allow_private=True).reason.startswith(
        "only http and https URLs can be fetched, not file: URLs")


@pytest.mark.parametrize("url", [
    "http://localhost/", "http://10.0.0.8/", "http://192.168.1.1/", "http://172.16.5.4/",
    "http://169.254.169.254/latest/meta-data/",  # a cloud's instance metadata
    "http://[::1]/", "http://[fd00::1]/", "http://0.0.0.0/", "http://2130706433/",  # 127.0.0.1 as a number
])
def test_network_private_addresses_are_refused_without_the_flag(url):
    assert "is a private or loopback address" in _one_problem(url).reason


@pytest.mark.parametrize(("url", "reason"), [
    ("http://[::1/", "not a valid URL (Invalid IPv6 URL)"),
    ("http://example.org:99999/", "not a valid URL (Port out of range 0-65535)"),
    ("http://example.org:http/", "not a valid URL (Port could not be cast to integer value"),
    ("http://exa\x00mple.org/", "cannot be fetched (InvalidURL"),
    ("http://" + "a" * 300 + ".org/", "cannot be fetched (UnicodeError"),
    ("gopher://example.org/", "only http and https URLs can be fetched, not gopher: URLs"),
])
def test_network_malformed_urls_are_named_problems(url, reason):
    assert _one_problem(url, allow_private=True).reason.startswith(reason)


def test_network_feed_entries_that_are_refused_fail_alone(site):
    items = list(fetch_sources([f"{site}/mixed-feed.xml"], allow_private=True))
    assert [type(item).__name__ for item in items] == ["RawPage", "Problem", "Problem", "Problem", "Problem"]
    assert items[0].url == f"{site}/clash.html" and items[0].outlet == "Local Wire"
    assert [p.reason.split(" (")[0].split(",")[0] for p in items[1:]] == [
        "only http and https URLs can be fetched", "only http and https URLs can be fetched", "not a valid URL",
        "more than 5 redirects"]


def test_network_feed_that_breaks_the_feed_parser_is_a_named_problem(site):
    problem = _one_problem(f"{site}/surrogate-feed.xml", allow_private=True)
    assert problem.reason.startswith("feed cannot be parsed (UnicodeEncodeError")


def test_network_cli_refuses_loopback_unless_allowed(site, tmp_path):
    db, report = tmp_path / "web.duckdb", tmp_path / "problems.jsonl"
    refused = run_cli_here("ingest", f"{site}/credentials.html", f"{site}/to-file", "--db", db, "--report", report)
    assert refused.returncode == 2 and "Traceback" not in refused.stderr  # every input failed
    assert [p["reason"].split(" (")[0] for p in read_jsonl(report.read_text())] == [
        "127.0.0.1 is a private or loopback address", "127.0.0.1 is a private or loopback address"]
    allowed = run_cli_here("ingest", f"{site}/credentials.html", f"{site}/to-file", "--db", db, "--report", report,
                      "--allow-private")
    assert allowed.returncode == 1 and allowed.stdout.startswith("documents: 1,")
    assert [p["reason"].split(":")[0] for p in read_jsonl(report.read_text())] == [
        "only http and https URLs can be fetched, not file"]
    assert isinstance(next(iter(fetch_sources([f"{site}/credentials.html"], allow_private=True))), RawPage)
