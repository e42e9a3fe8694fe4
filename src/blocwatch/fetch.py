"""Ingest stage for the web: http(s) URLs and RSS/Atom feeds -> RawPage.

A feed is expanded into the pages its entries link to, each carrying the entry's title and date
and the feed's title as outlet. Like `blocwatch.ingest`, reading never raises for a bad input: each
becomes a Problem naming the URL and the reason. Private and loopback addresses are refused unless
allowed, so a URL in a shared list cannot make blocwatch probe the machine's own network.
"""

from __future__ import annotations

import hashlib
import ipaddress
import re
import socket
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib.metadata import version
from urllib.parse import urljoin, urlsplit

import feedparser
import httpx

from blocwatch.ingest import DEFAULT_MAX_BYTES, decode, in_mib
from blocwatch.model import Problem, RawPage

USER_AGENT = f"blocwatch/{version('blocwatch')} (news event coder)"
DEFAULT_TIMEOUT = 20.0
MAX_REDIRECTS = 5
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml",
               "text/xml")
_FEED_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:rss|feed|rdf:RDF)\b", re.DOTALL)


def is_url(source: str) -> bool:
    """True when `source` names a URL (any scheme) rather than a path: it is for `fetch_sources`."""
    return bool(re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", source))


@dataclass(frozen=True, slots=True)
class _Response:
    url: str
    content_type: str
    charset: str | None
    body: bytes


def fetch_sources(
    urls: Iterable[str], *, allow_private: bool = False, max_bytes: int = DEFAULT_MAX_BYTES,
    timeout: float = DEFAULT_TIMEOUT,
) -> Iterator[RawPage | Problem]:
    """Fetch every URL; a feed yields the pages of its entries.

    Args:
        urls: http(s) URLs of pages or RSS/Atom feeds.
        allow_private: also fetch private, loopback and link-local addresses (a local server).
        max_bytes: responses larger than this are refused.
        timeout: seconds allowed to fetch each URL, redirects included (and so for connecting and each read).

    Returns:
        An iterator of pages, interleaved with Problems for URLs that were refused or failed.
    """
    with httpx.Client(timeout=timeout, headers={"User-Agent": USER_AGENT}, follow_redirects=False) as client:
        for url in urls:
            response = _get(client, url, allow_private, max_bytes)
            if isinstance(response, Problem):
                yield response
            elif _is_feed(response):
                yield from _expand_feed(client, response, allow_private, max_bytes)
            else:
                yield _page(response, url)


def _get(client: httpx.Client, url: str, allow_private: bool, max_bytes: int) -> _Response | Problem:
    """GET `url`, checking every redirect hop's address and stopping at `max_bytes`.

    httpx's timeout bounds each read, so a server sending a byte at a time would never trip it:
    the whole fetch also has to end within the timeout.
    """
    limit = client.timeout.read
    deadline = time.monotonic() + limit
    current = url
    for _ in range(MAX_REDIRECTS + 1):
        refusal = _refusal(current, allow_private)
        if refusal:
            return Problem(url, refusal)
        try:
            with client.stream("GET", current) as response:
                if response.is_redirect:
                    current = urljoin(current, response.headers.get("location", ""))
                    continue
                if response.status_code >= 400:
                    return Problem(url, f"HTTP {response.status_code} {response.reason_phrase}")
                declared = response.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > max_bytes:
                    return Problem(url, f"response is {in_mib(int(declared))}, over the {in_mib(max_bytes)} limit "
                                        "(raise it with --max-mb)")
                body = bytearray()
                for chunk in response.iter_bytes():
                    body += chunk
                    if len(body) > max_bytes:
                        return Problem(url, f"response is over the {in_mib(max_bytes)} limit (raise it with --max-mb)")
                    if time.monotonic() > deadline:
                        return Problem(url, f"timed out after {limit:g} s (the whole response took longer)")
                content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
                return _Response(str(response.url), content_type, response.charset_encoding, bytes(body))
        except httpx.TimeoutException:
            return Problem(url, f"timed out after {limit:g} s")
        except (httpx.HTTPError, httpx.InvalidURL, UnicodeError) as exc:  # UnicodeError: a host IDNA refuses
            return Problem(url, f"cannot be fetched ({type(exc).__name__}: {exc})")
    return Problem(url, f"more than {MAX_REDIRECTS} redirects")


def _refusal(url: str, allow_private: bool) -> str | None:
    """Why `url` may not be fetched, or None."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:  # a bad IPv6 literal or port, from a feed entry or a Location header too
        return f"not a valid URL ({exc})"
    if parts.scheme.lower() not in ("http", "https"):
        return f"only http and https URLs can be fetched, not {parts.scheme or 'a relative'}: URLs"
    if not parts.hostname:
        return "URL has no host"
    if allow_private:
        return None
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(parts.hostname, port or 80)}
    except (socket.gaierror, UnicodeError) as exc:
        return f"host {parts.hostname} cannot be resolved ({exc})"
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%")[0])
        if not ip.is_global:
            return (f"{parts.hostname} is a private or loopback address ({ip}); "
                    "pass --allow-private to fetch from your own network")
    return None


def _is_feed(response: _Response) -> bool:
    if response.content_type in _FEED_TYPES or response.content_type.endswith(("+xml", "/rss")):
        return bool(_FEED_START.match(response.body[:4096]))
    return response.content_type in ("", "text/plain") and bool(_FEED_START.match(response.body[:4096]))


def _expand_feed(
    client: httpx.Client, feed: _Response, allow_private: bool, max_bytes: int
) -> Iterator[RawPage | Problem]:
    try:
        parsed = feedparser.parse(feed.body)
    except Exception as exc:  # feedparser raises assorted errors on hostile markup (a surrogate &#xD800;)
        yield Problem(feed.url, f"feed cannot be parsed ({type(exc).__name__}: {exc})")
        return
    outlet = parsed.feed.get("title") or urlsplit(feed.url).hostname
    entries = [entry for entry in parsed.entries if entry.get("link")]
    if not entries:
        reason = "feed has no entries with links"
        if parsed.bozo:
            reason += f" (malformed: {parsed.bozo_exception})"
        yield Problem(feed.url, reason)
        return
    for entry in entries:
        link = urljoin(feed.url, entry["link"])
        response = _get(client, link, allow_private, max_bytes)
        if isinstance(response, Problem):
            yield response
            continue
        page = _page(response, link)
        if isinstance(page, RawPage):
            page = RawPage(page.id, page.origin, page.content, page.kind, title=entry.get("title") or None,
                           url=page.url, date=entry.get("published") or entry.get("updated") or None,
                           outlet=outlet)
        yield page


def _page(response: _Response, url: str) -> RawPage | Problem:
    if not (response.content_type in ("", "text/plain") or "html" in response.content_type):
        return Problem(url, f"not an HTML or text page (content type {response.content_type})")
    text = _text(response)
    kind = "text" if response.content_type == "text/plain" else "html"
    return RawPage(id=doc_id(response.url), origin=url, content=text, kind=kind, url=response.url)


def _text(response: _Response) -> str:
    if response.charset:
        try:
            return response.body.decode(response.charset)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown declared charset: guess as for files
    return decode(response.body)[0]


def doc_id(url: str) -> str:
    """A document id for a URL: its last path segment, made safe, and a short digest of the whole URL."""
    parts = urlsplit(url)
    stem = parts.path.rstrip("/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
    slug = re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-")[:60] or (parts.hostname or "page")
    return f"{slug}_{hashlib.sha256(url.encode('utf-8')).hexdigest()[:10]}"
