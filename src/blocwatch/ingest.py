"""Ingest stage: paths, folders, standard input and JSON records -> RawPage.

Reading never raises for a bad input: each one becomes a Problem naming the file and the
reason, and the rest of the run goes on. URLs and feeds are read by `blocwatch.fetch`.
"""

from __future__ import annotations

import codecs
import json
import os
import stat
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from blocwatch.model import Problem, RawPage

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES

MIB = 1024 * 1024  # the one size unit: limits are given (--max-mb) and reported in MiB
DEFAULT_MAX_BYTES = 10 * MIB
_SNIFF = 8192


def read_sources(
    sources: Iterable[str], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[RawPage | Problem]:
    """Read every document named by `sources`.

    Args:
        sources: file paths, folder paths (read recursively, known suffixes only) or "-"
            for standard input.
        max_bytes: inputs larger than this are refused rather than read into memory.

    Returns:
        An iterator of pages, interleaved with Problems for inputs that were skipped or
        failed (and warnings, with `failed=False`, for inputs read with a fallback).
    """
    for source in sources:
        if source == "-":
            data = sys.stdin.buffer.read(max_bytes + 1)
            yield from _read_bytes(data, "<stdin>", "stdin", None, max_bytes)
            continue
        path = Path(source)
        if path.is_dir():
            unreadable: list[OSError] = []
            files = _folder_files(path, unreadable)
            for error in unreadable:
                yield Problem(encodable(error.filename or str(path)),
                              f"folder cannot be read: {error.strerror or error}")
            if not files and not unreadable:
                yield Problem(encodable(str(path)), "folder holds no .txt, .html, .json or .jsonl files",
                              failed=False)
            for file in files:
                yield from read_file(file, max_bytes=max_bytes)
        elif path.exists():
            yield from read_file(path, max_bytes=max_bytes)
        else:
            yield Problem(encodable(str(path)), "no such file or folder")


def count_documents(sources: Iterable[str]) -> int:
    """About how many documents `read_sources` will yield, without reading them: for progress bars.

    Each file counts one document, and each non-blank line of a JSON Lines file one more; a JSON
    array counts as one, and a missing path as none.

    Args:
        sources: file and folder paths (not "-": standard input can be read only once).
    """
    total = 0
    for source in sources:
        path = Path(source)
        for file in _folder_files(path) if path.is_dir() else [path] if path.is_file() else []:
            total += _lines(file) if file.suffix.lower() in JSONL_SUFFIXES else 1
    return total


def _folder_files(folder: Path, unreadable: list[OSError] | None = None) -> list[Path]:
    """The files a folder holds, recursively, with a known suffix and outside hidden folders.

    Args:
        folder: the folder to walk (symbolic links to folders are not followed).
        unreadable: collects the error of each folder, `folder` included, that could not be listed, so
            that a folder closed to this user is reported rather than passed over as empty.
    """
    files = []
    for parent, folders, names in os.walk(folder, onerror=unreadable.append if unreadable is not None else None):
        folders[:] = [name for name in folders if not name.startswith(".")]
        files += [Path(parent, name) for name in names
                  if not name.startswith(".") and Path(name).suffix.lower() in KNOWN_SUFFIXES]
    return sorted(file for file in files if file.is_file())


def _lines(file: Path) -> int:
    try:
        with file.open("rb") as handle:
            return sum(1 for line in handle if line.strip())
    except OSError:
        return 1  # read_file will report it, as one failed input


def read_file(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[RawPage | Problem]:
    """Read one file into pages (a JSON Lines file may hold many).

    Args:
        path: the file; its suffix picks the reader, and content is sniffed otherwise.
        max_bytes: size limit, checked before the file is read and again on the bytes read (a file
            under /proc reports a size of 0).
    """
    origin = encodable(str(path))
    try:
        data = _read_regular(path, max_bytes)
    except _NotRegular as exc:
        yield Problem(origin, str(exc))
        return
    except OSError as exc:
        yield Problem(origin, f"cannot be read: {exc.strerror or exc}")
        return
    yield from _read_bytes(data, origin, encodable(path.stem), path.suffix.lower(), max_bytes)


class _NotRegular(Exception):
    """A path that is not a regular file (a named pipe, a device, a socket), or one too large."""


def _read_regular(path: Path, max_bytes: int) -> bytes:
    """At most `max_bytes + 1` bytes of a regular file.

    The file is opened without blocking and checked once open, so a named pipe with no writer cannot
    hold the run, and /dev/zero, which never ends, is refused rather than read.

    Raises:
        _NotRegular: not a regular file, or larger than `max_bytes` by its size.
        OSError: it cannot be opened or read.
    """
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(descriptor, "rb") as handle:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise _NotRegular("not a regular file (a named pipe, device or socket); save its content to a file, "
                              "or pipe it to standard input (-)")
        if info.st_size > max_bytes:
            raise _NotRegular(f"file is {in_mib(info.st_size)}, over the {in_mib(max_bytes)} limit "
                              "(raise it with --max-mb)")
        return handle.read(max_bytes + 1)


def _read_bytes(
    data: bytes, origin: str, stem: str, suffix: str | None, max_bytes: int
) -> Iterator[RawPage | Problem]:
    if len(data) > max_bytes:
        yield Problem(origin, f"input is over the {in_mib(max_bytes)} limit (raise it with --max-mb)")
        return
    if not data.strip():
        yield Problem(origin, "file is empty", failed=False)
        return
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # Windows tools save text as UTF-16 with a byte-order mark: text, though full of NUL bytes
        try:
            text, fallback = data.decode("utf-16"), None
        except UnicodeDecodeError:
            yield Problem(origin, "not valid UTF-16 text (the file is cut mid-character or corrupt)")
            return
    elif _looks_binary(data[:_SNIFF]) or b"\x00" in data:
        # The sniffed head decides for most files; a NUL byte further on (text glued to binary data) is
        # no text either, and would reach the store as part of an article.
        yield Problem(origin, "binary data, not text (expected .txt, .html, .json or .jsonl)")
        return
    else:
        text, fallback = decode(data)
    if fallback:
        yield Problem(origin, f"not valid UTF-8; read as {fallback}", failed=False)
    kind = _kind_of(suffix, text)
    if kind in ("json", "jsonl"):
        yield from _read_records(text, origin, jsonl=kind == "jsonl")
    else:
        yield RawPage(id=stem, origin=origin, content=text, kind=kind)


def decode(data: bytes) -> tuple[str, str | None]:
    """Decode bytes as UTF-8, else as the most likely legacy encoding.

    Returns:
        The text and the fallback encoding used, or None when the bytes were UTF-8.
    """
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    for encoding in ("cp1252", "latin-1"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace"), "utf-8 with replacements"  # pragma: no cover


def _looks_binary(head: bytes) -> bool:
    if b"\x00" in head:
        return True
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    if control > len(head) * 0.1:
        return True
    # Random or compressed bytes carry about 11% control bytes, so a short blob without a NUL can fall
    # under the share above; text in a legacy encoding carries almost none, UTF-8 text may (log escapes).
    return control > len(head) * 0.02 and not _is_utf8(head)


def _is_utf8(head: bytes) -> bool:
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)  # the sniffed head may cut a character
    except UnicodeDecodeError:
        return False
    return True


def _kind_of(suffix: str | None, text: str) -> str:
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in JSON_SUFFIXES:
        return "json"
    if suffix in TEXT_SUFFIXES:
        return "text"
    head = text.lstrip()[:2000].lower()
    if head.startswith("{"):
        first_line = head.split("\n", 1)[0].rstrip()
        return "jsonl" if first_line.endswith("}") else "json"
    if head.startswith("[") and head[1:].lstrip().startswith("{"):
        return "json"
    if head.startswith("<") and ("<html" in head or "<body" in head or "<!doctype" in head or "<div" in head):
        return "html"
    return "text"


def _read_records(text: str, origin: str, *, jsonl: bool) -> Iterator[RawPage | Problem]:
    if jsonl:
        # Records end at "\n" only: splitlines() would also cut at U+2028 or U+0085, which JSON
        # strings may hold unescaped.
        for number, line in enumerate(text.split("\n"), 1):
            if not line.strip():
                continue
            where = f"{origin}:{number}"
            try:
                record = json.loads(line)
            except (ValueError, RecursionError) as exc:
                yield Problem(where, _json_error(exc, with_line=False))
                continue
            yield _record_to_page(record, where)
        return
    try:
        loaded = json.loads(text)
    except (ValueError, RecursionError) as exc:
        yield Problem(origin, _json_error(exc, with_line=True))
        return
    records = loaded if isinstance(loaded, list) else [loaded]
    for number, record in enumerate(records, 1):
        yield _record_to_page(record, f"{origin}[{number}]" if isinstance(loaded, list) else origin)


def _json_error(exc: ValueError | RecursionError, *, with_line: bool) -> str:
    """Why a JSON text does not load: the decoder's message and place, or the limit it ran into."""
    if isinstance(exc, json.JSONDecodeError):
        place = f"line {exc.lineno} column {exc.colno}" if with_line else f"column {exc.colno}"
        return f"not valid JSON ({exc.msg} at {place})"
    if isinstance(exc, RecursionError):
        return "JSON nested too deeply to read"
    return f"JSON cannot be read ({exc})"  # a number too long to convert, for one


def _record_to_page(record: object, where: str) -> RawPage | Problem:
    if not isinstance(record, dict):
        return Problem(where, f"expected a JSON object with 'id' and 'text', got {type(record).__name__}")
    missing = [key for key in ("id", "text") if key not in record]
    if missing:
        return Problem(where, f"record lacks required field(s): {', '.join(missing)}")
    text, doc_id = record["text"], record["id"]
    if not isinstance(text, str):
        return Problem(where, f"field 'text' must be a string, got {type(text).__name__}")
    if not isinstance(doc_id, (str, int)) or isinstance(doc_id, bool) or not str(doc_id).strip():
        return Problem(where, "field 'id' must be a non-empty string or number")
    optional = {}
    for key in ("title", "url", "date", "outlet"):
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            return Problem(where, f"field '{key}' must be a string or null, got {type(value).__name__}")
        optional[key] = encodable(value) if value is not None else None
    text = encodable(text).replace("\x00", "")  # JSON may write NUL as \u0000: never text
    kind = "html" if text.lstrip()[:200].lower().startswith(("<!doctype", "<html")) else "text"
    return RawPage(id=encodable(str(doc_id)), origin=where, content=text, kind=kind, **optional)


def encodable(value: str) -> str:
    """`value` with each lone surrogate written out as an escape ("caf\\udce9").

    Python gives such characters to file names that are not UTF-8, and JSON may escape them
    ("\\ud800"); a string holding one cannot be encoded, so storing, hashing or printing it fails.
    """
    return value.encode("utf-8", "backslashreplace").decode("utf-8")


def in_mib(count: int) -> str:
    """A byte count in MiB, with as many decimals as it takes to show it is not zero ("10 MiB", "0.0002 MiB")."""
    value = count / MIB
    if value == int(value):
        return f"{int(value)} MiB"
    decimals = 1
    while round(value, decimals) == 0 and decimals < 6:
        decimals += 1
    return f"{value:.{decimals}f} MiB"
