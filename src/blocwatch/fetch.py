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
import ssl
import time
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib.metadata import version
from typing import Any
from urllib.parse import urljoin, urlsplit

import feedparser
import httpcore
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
        max_bytes: responses larger than this (once decompressed) are refused.
        timeout: seconds allowed for each URL's whole exchange: connecting, headers and body, redirects
            included.

    Returns:
        An iterator of pages, interleaved with Problems for URLs that were refused or failed.
    """
    backend = _GuardedBackend(allow_private, timeout)
    # Only the encodings `_Decoder` reads, so a server has no reason to send any other.
    headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"}
    with httpx.Client(timeout=timeout, headers=headers, follow_redirects=False,
                      transport=_GuardedTransport(backend)) as client:
        for url in urls:
            response = _get(client, backend, url, allow_private, max_bytes)
            if isinstance(response, Problem):
                yield response
            elif _is_feed(response):
                yield from _expand_feed(client, backend, response, allow_private, max_bytes)
            else:
                yield _page(response, url)


def _get(
    client: httpx.Client, backend: _GuardedBackend, url: str, allow_private: bool, max_bytes: int
) -> _Response | Problem:
    """GET `url`, checking every redirect hop's address and stopping at `max_bytes` of decoded body.

    httpx's timeout bounds each read, so a server sending a header line or a byte at a time would
    never trip it: the backend's deadline bounds the whole exchange instead.
    """
    backend.start()
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
                body = _read_body(response, max_bytes)
                if isinstance(body, str):
                    return Problem(url, body)
                content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
                return _Response(str(response.url), content_type, response.charset_encoding, body)
        except httpx.TimeoutException:
            return Problem(url, f"timed out after {backend.timeout:g} s (connecting, headers and body together)")
        except (httpx.HTTPError, httpx.InvalidURL, UnicodeError) as exc:  # UnicodeError: a host IDNA refuses
            return Problem(url, f"cannot be fetched ({type(exc).__name__}: {exc})")
    return Problem(url, f"more than {MAX_REDIRECTS} redirects")


def _read_body(response: httpx.Response, max_bytes: int) -> bytes | str:
    """The body, decompressed here rather than by httpx, so that its size is counted as it grows: a few
    kilobytes of gzip can hold gigabytes. Returns why it was refused instead, as a string."""
    layers = [e.strip().lower() for e in response.headers.get("content-encoding", "").split(",")]
    layers = [layer for layer in layers if layer and layer != "identity"]
    over = (f"response is over the {in_mib(max_bytes)} limit{' once decompressed' if layers else ''} "
            "(raise it with --max-mb)")
    if len(layers) > 1:
        return f"response is compressed {len(layers)} times over ({', '.join(layers)}); one layer is accepted"
    try:
        decoder = _Decoder(layers[0] if layers else None)
    except ValueError as exc:
        return str(exc)
    body = bytearray()
    try:
        for chunk in response.iter_raw():
            body += decoder.decode(chunk, max_bytes + 1 - len(body))
            if len(body) > max_bytes:
                return over
        body += decoder.flush(max_bytes + 1 - len(body))
    except zlib.error as exc:
        return f"response body cannot be decompressed ({layers[0]}: {exc})"
    return over if len(body) > max_bytes else bytes(body)


class _Decoder:
    """One content encoding (gzip, deflate or none), decoded to at most a given number of bytes a call."""

    def __init__(self, encoding: str | None):
        if encoding in ("gzip", "x-gzip"):
            self._inflate: zlib._Decompress | None = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            self._inflate = zlib.decompressobj()
        elif encoding is None:
            self._inflate = None
        else:
            raise ValueError(f"response uses an unsupported content encoding ({encoding})")
        self._raw_deflate = encoding == "deflate"

    def decode(self, chunk: bytes, room: int) -> bytes:
        """`chunk` decoded, but no more than `room` bytes of it: a caller past its limit stops there."""
        if self._inflate is None:
            return chunk[:room]
        try:
            return self._inflate.decompress(chunk, room)
        except zlib.error:
            if not self._raw_deflate:
                raise
            # Some servers send "deflate" without the zlib header it should carry.
            self._raw_deflate = False
            self._inflate = zlib.decompressobj(-zlib.MAX_WBITS)
            return self._inflate.decompress(chunk, room)
        finally:
            self._raw_deflate = False

    def flush(self, room: int) -> bytes:
        return b"" if self._inflate is None else self._inflate.flush(room)


class _GuardedBackend(httpcore.NetworkBackend):
    """httpcore's sockets, with every read and write bounded by one deadline for the whole exchange, and
    the address actually connected to checked (a host name may resolve one way for `_refusal` and
    another way for the connection)."""

    def __init__(self, allow_private: bool, timeout: float = DEFAULT_TIMEOUT):
        self._inner = httpcore.SyncBackend()
        self._allow_private = allow_private
        self.timeout = timeout
        self.deadline = float("inf")

    def start(self) -> None:
        """Start the clock of one URL's exchange (redirects included)."""
        self.deadline = time.monotonic() + self.timeout

    def left(self, timeout: float | None) -> float:
        """Seconds a socket operation may take: its own timeout, cut to what is left before the deadline."""
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise httpcore.ReadTimeout("the deadline for this URL has passed")
        return left if timeout is None else min(timeout, left)

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None) -> httpcore.NetworkStream:
        stream = self._inner.connect_tcp(host, port, self.left(timeout), local_address, socket_options)
        peer = stream.get_extra_info("server_addr")
        if not self._allow_private and peer and _private_address(peer[0]):
            stream.close()
            raise httpcore.ConnectError(f"{host} connected to a private or loopback address ({peer[0]})")
        return _GuardedStream(stream, self)

    def connect_unix_socket(self, path: str, timeout: float | None = None,
                            socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None) -> httpcore.NetworkStream:
        raise httpcore.ConnectError("Unix sockets are not fetched")

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(min(seconds, self.left(None)))


class _GuardedStream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream, backend: _GuardedBackend):
        self._inner = inner
        self._backend = backend

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, self._backend.left(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, self._backend.left(timeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(self, ssl_context: ssl.SSLContext, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        return _GuardedStream(self._inner.start_tls(ssl_context, server_hostname, self._backend.left(timeout)),
                              self._backend)

    def get_extra_info(self, info: str) -> Any:  # httpcore's own signature: each key has its own type
        return self._inner.get_extra_info(info)


class _GuardedTransport(httpx.HTTPTransport):
    """httpx's transport over `_GuardedBackend`. httpx takes no network backend, so its pool is rebuilt
    with one (with httpx's own settings: verified TLS, HTTP/1.1)."""

    def __init__(self, backend: _GuardedBackend):
        super().__init__()
        self._pool = httpcore.ConnectionPool(ssl_context=httpx.create_ssl_context(), network_backend=backend)


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
        addresses = {str(info[4][0]) for info in socket.getaddrinfo(parts.hostname, port or 80)}
    except (socket.gaierror, UnicodeError) as exc:
        return f"host {parts.hostname} cannot be resolved ({exc})"
    for address in addresses:
        if _private_address(address):
            return (f"{parts.hostname} is a private or loopback address ({address}); "
                    "pass --allow-private to fetch from your own network")
    return None


def _private_address(address: str) -> bool:
    """Whether an address is not on the public internet, also when it is an IPv4 address written in
    IPv6 form: mapped (::ffff:127.0.0.1), compatible (::7f00:1), 6to4 (2002::/16), NAT64 (64:ff9b::/96)
    or Teredo, each of which a host may route to the IPv4 address inside."""
    ip = ipaddress.ip_address(address.split("%")[0])
    if not ip.is_global:
        return True
    if ip.version == 4:
        return False
    inside = [ip.ipv4_mapped, ip.sixtofour, ip.teredo[1] if ip.teredo else None]
    if int(ip) >> 32 == 0 or ip in _NAT64 or ip in _NAT64_LOCAL:  # IPv4-compatible, or a NAT64 prefix
        inside.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
    return any(v4 is not None and not v4.is_global for v4 in inside)


_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_NAT64_LOCAL = ipaddress.ip_network("64:ff9b:1::/48")


def _is_feed(response: _Response) -> bool:
    if response.content_type in _FEED_TYPES or response.content_type.endswith(("+xml", "/rss")):
        return bool(_FEED_START.match(response.body[:4096]))
    return response.content_type in ("", "text/plain") and bool(_FEED_START.match(response.body[:4096]))


def _expand_feed(
    client: httpx.Client, backend: _GuardedBackend, feed: _Response, allow_private: bool, max_bytes: int
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
        response = _get(client, backend, link, allow_private, max_bytes)
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
