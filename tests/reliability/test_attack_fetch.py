"""Issue 14, the fetcher and the file reader against hostile servers and files: compressed bodies counted
as they are decoded (findings 3), one deadline for a whole exchange (4), IPv4 addresses hidden in IPv6
forms, and files that never end or never open (13). Every server here listens on 127.0.0.1 only and
stops by itself."""

from __future__ import annotations

import gzip
import os
import resource
import subprocess
import sys
import time
import tracemalloc
import zlib

import pytest
from hostile_server import raw_server, until

from blocwatch.fetch import fetch_sources
from blocwatch.ingest import read_sources
from blocwatch.model import Problem, RawPage
from conftest import ROOT

pytestmark = pytest.mark.issue(14)

PAGE = (b"<html><body><article><p>Envoys from Tashkent and Kabul met on Tuesday to agree a timetable for the "
        b"railway survey.</p></article></body></html>")


def _answer(body: bytes, encoding: str | None):
    def reply(connection):
        head = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n"
        if encoding:
            head += f"Content-Encoding: {encoding}\r\n"
        connection.sendall(head.encode() + b"\r\n" + body)
    return reply


def _fetch_one(url: str, **options) -> RawPage | Problem:
    [item] = fetch_sources([url], allow_private=True, **options)
    return item


def _fetch_measured(url: str, **options) -> tuple[RawPage | Problem, int]:
    tracemalloc.start()
    try:
        item = _fetch_one(url, **options)
        return item, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_finding03_doubly_gzipped_body_is_refused_without_being_inflated():
    # 50 MB of zeros in two gzip layers is a few hundred bytes on the wire.
    bomb = gzip.compress(gzip.compress(bytes(50_000_000)))
    assert len(bomb) < 5000
    with raw_server(_answer(bomb, "gzip, gzip")) as base:
        item, peak = _fetch_measured(base + "/bomb", max_bytes=1_000_000)
    assert isinstance(item, Problem) and item.failed
    assert item.reason == "response is compressed 2 times over (gzip, gzip); one layer is accepted"
    assert peak < 5_000_000, f"{peak / 1e6:.0f} MB held while refusing a {len(bomb)}-byte response"


def test_finding03_gzip_body_is_cut_at_the_limit_while_it_is_decoded():
    bomb = gzip.compress(bytes(200_000_000), compresslevel=9)
    with raw_server(_answer(bomb, "gzip")) as base:
        item, peak = _fetch_measured(base + "/bomb", max_bytes=1 << 20)
    assert isinstance(item, Problem)
    assert item.reason == "response is over the 1 MiB limit once decompressed (raise it with --max-mb)"
    assert peak < 8_000_000, f"{peak / 1e6:.0f} MB held for a 1 MB limit"


@pytest.mark.parametrize("encoding", ["gzip", "deflate", "identity", None])
def test_finding03_each_single_encoding_still_reads_the_page(encoding):
    body = {"gzip": gzip.compress(PAGE), "deflate": zlib.compress(PAGE)}.get(encoding, PAGE)
    with raw_server(_answer(body, encoding)) as base:
        item = _fetch_one(base + "/page.html")
    assert isinstance(item, RawPage) and "railway survey" in item.content


def test_finding03_unknown_encoding_and_corrupt_gzip_are_named():
    with raw_server(_answer(b"\x28\xb5\x2f\xfd junk", "zstd")) as base:
        assert _fetch_one(base + "/a").reason == "response uses an unsupported content encoding (zstd)"
    with raw_server(_answer(b"\x1f\x8b\x08 not really gzip", "gzip")) as base:
        assert _fetch_one(base + "/b").reason.startswith("response body cannot be decompressed (gzip:")


def test_finding04_headers_dripped_a_line_at_a_time_hit_the_one_deadline():
    def drip(connection):
        connection.sendall(b"HTTP/1.1 200 OK\r\n")
        going = until(6.0)
        number = 0
        while going():
            connection.sendall(f"X-Drip-{number}: still here\r\n".encode())
            number += 1
            time.sleep(0.1)

    with raw_server(drip) as base:
        started = time.monotonic()
        item = _fetch_one(base + "/drip", timeout=0.8)
        took = time.monotonic() - started
    assert isinstance(item, Problem)
    assert item.reason == "timed out after 0.8 s (connecting, headers and body together)"
    assert took < 2.5, f"held {took:.1f} s by a server dripping headers, with a 0.8 s limit"


@pytest.mark.parametrize("address", [
    "::7f00:1",            # IPv4-compatible 127.0.0.1
    "::ffff:7f00:1",       # IPv4-mapped 127.0.0.1
    "64:ff9b::a00:1",      # NAT64 of 10.0.0.1
    "64:ff9b::a9fe:a9fe",  # NAT64 of the cloud metadata address
    "2002:c0a8:101::1",    # 6to4 of 192.168.1.1
    "2001:0:4136:e378:8000:63bf:80ff:fffe",  # Teredo whose client is 127.0.0.1
])
def test_ipv6_forms_that_embed_a_private_ipv4_address_are_refused(address):
    [problem] = fetch_sources([f"http://[{address}]/"])
    assert isinstance(problem, Problem) and "is a private or loopback address" in problem.reason


@pytest.mark.parametrize("address", ["2002:808:808::1", "64:ff9b::808:808"])
def test_ipv6_forms_of_a_public_ipv4_address_pass_the_check(address):
    from blocwatch.fetch import _private_address

    assert not _private_address(address)


def test_connection_to_a_private_address_is_refused_where_it_is_made():
    """The second line of defence against DNS rebinding: a name that resolved to a public address for the
    check, then to a private one for the connection, is caught at the socket."""
    import httpcore

    from blocwatch.fetch import _GuardedBackend

    with raw_server(_answer(PAGE, None)) as base, pytest.raises(httpcore.ConnectError, match="private or loopback"):
        _GuardedBackend(allow_private=False).connect_tcp("127.0.0.1", int(base.rsplit(":", 1)[1]), timeout=2)


def _clean_in_subprocess(*paths: str) -> subprocess.CompletedProcess:
    """`blocwatch clean` with its address space capped at 3 GB, so that reading /dev/zero on would end in
    MemoryError rather than swap."""
    def cap():
        resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))

    return subprocess.run([sys.executable, "-m", "blocwatch", "clean", *paths], capture_output=True, text=True,
                          cwd=ROOT, timeout=60, preexec_fn=cap)


def test_finding13_dev_zero_is_refused_as_not_a_regular_file():
    result = _clean_in_subprocess("/dev/zero")
    assert "Traceback" not in result.stderr
    assert result.stderr.strip() == ("error: /dev/zero: not a regular file (a named pipe, device or socket); save its "
                                     "content to a file, or pipe it to standard input (-)")
    assert result.returncode == 2


def test_finding13_named_pipe_without_a_writer_is_refused_at_once(tmp_path):
    pipe = tmp_path / "feed.txt"
    os.mkfifo(pipe)
    started = time.monotonic()
    try:
        result = _clean_in_subprocess(str(pipe))
    except subprocess.TimeoutExpired:
        pytest.fail("blocwatch clean waited for a writer on a named pipe")
    assert "not a regular file" in result.stderr and time.monotonic() - started < 30
    assert result.returncode == 2


def test_finding13_a_file_reporting_no_size_is_bounded_by_what_is_read():
    [problem] = read_sources(["/proc/self/maps"], max_bytes=50)
    assert isinstance(problem, Problem)
    assert problem.reason == "input is over the 0.00005 MiB limit (raise it with --max-mb)"


def test_nul_bytes_past_the_sniffed_head_are_not_read_as_text(tmp_path):
    glued = tmp_path / "glued.txt"
    glued.write_bytes(("Envoys met in Termez to agree the railway survey. " * 200).encode() + b"\x00\x01\x02" * 100)
    assert glued.stat().st_size > 8192
    [problem] = read_sources([str(glued)])
    assert isinstance(problem, Problem)
    assert problem.reason == "binary data, not text (expected .txt, .html, .json or .jsonl)"


def test_nul_characters_in_a_record_are_dropped_from_its_text(tmp_path):
    records = tmp_path / "r.jsonl"
    records.write_text('{"id": "r1", "text": "Envoys met in Termez.\\u0000 They agreed a survey."}\n')
    [page] = read_sources([str(records)])
    assert isinstance(page, RawPage) and page.content == "Envoys met in Termez. They agreed a survey."
