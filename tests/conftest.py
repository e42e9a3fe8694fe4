"""Fixtures shared by every test: paths to shared/ and test data, a CLI runner, the spaCy model."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from contextlib import chdir, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from blocwatch.model import RunReport

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
SHARED = ROOT.parent / "shared"


def _shared(relative: str) -> Path:
    path = SHARED / relative
    if not path.exists():
        pytest.skip(f"needs ../shared/{relative}, which is not beside this clone")
    return path


@pytest.fixture(scope="session")
def shared():
    """A function returning a path under ../shared/, skipping the test where it is absent."""
    return _shared


def run_cli(*args: str, stdin: str | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run the real `blocwatch` console entry point in a subprocess."""
    return subprocess.run(
        [sys.executable, "-m", "blocwatch", *map(str, args)],
        input=stdin, capture_output=True, text=True, cwd=cwd or ROOT, timeout=600,
    )


def run_cli_here(*args: object, stdin: str | None = None, env: dict[str, str] | None = None,
                 cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run the `blocwatch` entry point (`blocwatch.cli.main`, errors and exit codes as the script has them) in
    this process, as `run_cli` would in a new one: no start-up and no spaCy load of its own for each command.
    An exception the entry point lets through is raised here, with its traceback, rather than hidden in a
    return code."""
    from click.testing import CliRunner

    from blocwatch.cli import main

    argv = ["blocwatch", *map(str, args)]
    saved = sys.argv
    with CliRunner().isolation(input=stdin, env=env) as (out, err, _), chdir(cwd or ROOT):
        sys.argv = argv
        try:
            main()
            code = 0
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
        finally:
            sys.argv = saved
            sys.stdout.flush()  # what the script would flush on its way out
            sys.stderr.flush()
        return subprocess.CompletedProcess(argv, code, out.getvalue().decode(), err.getvalue().decode())


def ingest_records(folder: Path, records: list[dict]) -> tuple[Path, subprocess.CompletedProcess]:
    """`records` written as a JSON-lines file in `folder` and ingested by the CLI into a new database there:
    the database (closed) and the finished ingest command."""
    source = folder / "articles.jsonl"
    source.write_text("".join(json.dumps(record) + "\n" for record in records))
    path = folder / "corpus.duckdb"
    result = run_cli_here("ingest", source, "--db", path)
    assert result.returncode == 0, result.stderr
    return path, result


def read_jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


@pytest.fixture(scope="session")
def extracted():
    """A function: input paths -> the events `blocwatch extract --format jsonl` prints for them, as records.
    Each list of paths is extracted once a session (extraction is deterministic), so the gold sets that several
    tests score are coded once."""
    printed: dict[tuple[str, ...], str] = {}

    def extract(*paths: object) -> list[dict]:
        key = tuple(map(str, paths))
        if key not in printed:
            result = run_cli_here("extract", *key, "--format", "jsonl")
            assert result.returncode == 0, result.stderr
            printed[key] = result.stdout
        return read_jsonl(printed[key])

    return extract


@pytest.fixture
def store(tmp_path):
    """A real blocwatch database (DuckDB file) in the test's temporary folder, open for writing."""
    from blocwatch.store import open_store

    with open_store(tmp_path / "test.duckdb") as opened:
        yield opened


@pytest.fixture(scope="session")
def extractor():
    """The real extractor, loaded once per test process (spaCy model, gazetteer, lexicon)."""
    from blocwatch.events import Extractor

    return Extractor.load()


def make_article(doc: str, *, published: str | None = None, outlet: str | None = None, url: str | None = None,
                 text: str | None = None):
    """A hand-built Article (its text defaults to a line naming the document)."""
    from datetime import date

    from blocwatch.model import Article

    body = text or f"Article {doc}: what the wires reported."
    return Article(id=doc, origin=f"{doc}.txt", title=f"Title of {doc}", url=url, outlet=outlet,
                   date=date.fromisoformat(published) if published else None, language="en",
                   raw_text=body, text=body)


def make_event(source: str, target: str, type: str, *, doc: str = "doc", negated: bool = False,
               date: str | None = None, precision: str | None = None, cameo: str | None = None,
               recognition: str | None = None, location: str | None = None, evidence: str | None = None,
               contexts: tuple[str, ...] = (),
               sentence: int = 0, confidence: float = 0.8):
    """A hand-built Event; a date without a precision is taken as a day."""
    from blocwatch.model import Event

    return Event(doc=doc, source=source, target=target, type=type, negated=negated, cameo=cameo, date=date,
                 date_precision=precision or ("day" if date else None), recognition=recognition,
                 evidence=evidence or f"{source} {type} {target} ({doc})", confidence=confidence,
                 sentence=sentence, contexts=contexts, location=location)


def put(store, doc: str, events: list, *, published: str | None = None, outlet: str | None = None,
        url: str | None = None) -> None:
    """Write a hand-built article holding `events` (each rebuilt with this document's id) into `store`."""
    from dataclasses import replace

    store.write(make_article(doc, published=published, outlet=outlet, url=url),
                [replace(event, doc=doc) for event in events])


@contextmanager
def ingested_store(folder: Path, sources: list, extractor) -> Iterator:
    """A new database in `folder` holding `sources` as the real pipeline codes them, open while the block runs."""
    from blocwatch.pipeline import run
    from blocwatch.store import open_store

    with open_store(folder / "corpus.duckdb") as opened:
        run([str(source) for source in sources], store=opened, extractor=extractor)
        yield opened


def coarse_pair(store, *more) -> None:
    """PAK and AFG with a day- (March), a year- (2024) and a month-precise (June 2024) happening, and `more`,
    clustered."""
    from blocwatch.analysis import build_clusters

    put(store, "wire", [make_event("PAK", "AFG", "ASSAULT", date="2024-03-05"),
                        make_event("PAK", "AFG", "AGREE", date="2024", precision="year", sentence=1),
                        make_event("AFG", "PAK", "CONSULT", date="2024-06", precision="month", sentence=2), *more])
    build_clusters(store)


def _ingested(folder: Path, sources: list[Path], extractor) -> Path:
    """A database ingested from `sources` by the real pipeline, closed again so that servers can open it."""
    with ingested_store(folder, sources, extractor):
        pass
    return folder / "corpus.duckdb"


def recognition_statuses(store, as_of=None) -> dict[str, dict]:
    """Each actor's recognition of AFG in `store` as of a day (default: every claim), by actor code."""
    from blocwatch.analysis import recognition

    return {row["actor"]: row for row in recognition(store, "AFG", as_of=as_of).to_json()["statuses"]}


@pytest.fixture(scope="session")
def seeds_db(tmp_path_factory, shared, extractor) -> Path:
    """A closed database file built from ../shared/seeds (skips where ../shared is absent)."""
    return _ingested(tmp_path_factory.mktemp("seeds"), [shared("seeds")], extractor)


@pytest.fixture(scope="session")
def dev_db(tmp_path_factory, extractor) -> Path:
    """A closed database file built from this repository's tests/data/articles."""
    return _ingested(tmp_path_factory.mktemp("dev"), [DATA / "articles"], extractor)


@pytest.fixture(scope="session", params=["dev", "seeds"])
def corpus(request) -> tuple[str, Path]:
    """Each test corpus in turn, as (name, database file): our dev articles, then the seeds."""
    return request.param, request.getfixturevalue(f"{request.param}_db")


@pytest.fixture(scope="session")
def api_client(corpus):
    """An in-process client of the read-only app over each corpus, with its lifespan running."""
    from fastapi.testclient import TestClient

    from blocwatch.api import create_app

    with TestClient(create_app(corpus[1])) as client:
        yield client


INGEST_TOKEN = "test-token-5f1c-9a0e-44d2-b7c3-1e6f8d2a"
INGEST_BODY_LIMIT = 64 * 1024


@pytest.fixture(scope="module")
def ingest_client(tmp_path_factory):
    """A client of an app allowing ingest (token INGEST_TOKEN, bodies up to INGEST_BODY_LIMIT) over a new database."""
    from fastapi.testclient import TestClient

    from blocwatch.api import create_app

    app = create_app(tmp_path_factory.mktemp("ingest") / "ingest.duckdb", allow_ingest=True, token=INGEST_TOKEN,
                     max_body_bytes=INGEST_BODY_LIMIT)
    with TestClient(app) as client:
        yield client


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def serving(db: Path, log: Path, *options: str) -> Iterator[str]:
    """`blocwatch serve` over `db` (with any further `options`) in a subprocess on a free localhost port, once it
    answers: its base URL."""
    import time
    import urllib.request

    port = _free_port()
    with log.open("w") as output:
        server = subprocess.Popen([sys.executable, "-m", "blocwatch", "serve", "--db", str(db), "--port", str(port),
                                   *options],
                                  stdout=output, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"{url}/api/overview", timeout=1).close()
            break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                server.wait()
                pytest.fail(f"blocwatch serve did not start: {log.read_text()}")
            time.sleep(0.1)
    try:
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="session")
def dev_server(dev_db, tmp_path_factory):
    """`blocwatch serve` over the dev corpus, once for every test that drives the dashboard over it: its URL."""
    with serving(dev_db, tmp_path_factory.mktemp("serve-dev") / "serve.log") as url:
        yield url


@pytest.fixture(scope="session")
def live_server(request, corpus, tmp_path_factory):
    """`blocwatch serve` over each corpus: (corpus name, base URL); the dev corpus' is `dev_server`."""
    if corpus[0] == "dev":
        yield corpus[0], request.getfixturevalue("dev_server")
        return
    with serving(corpus[1], tmp_path_factory.mktemp("serve") / "serve.log") as url:
        yield corpus[0], url


CHROMIUM = Path("/usr/bin/chromium")
# No sandbox: tests run as root in containers, where Chromium's sandbox cannot start. The rest keeps
# the browser from reaching the network on its own account.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (never a downloaded browser); skips where either is missing."""
    if not CHROMIUM.exists():
        pytest.skip(f"needs Debian's chromium at {CHROMIUM} (apt-get install -y chromium; scripts/test.sh does it "
                    "when run as root)")
    playwright = pytest.importorskip("playwright.sync_api", reason="needs playwright (pip install -e '.[test]')")
    with playwright.sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


ARTIFACTS = ROOT / "tests" / "artifacts"


@pytest.fixture(scope="module")
def dashboard(browser, live_server):
    """One browser page on the live server's dashboard for a module's tests over that corpus, so plotly.js
    and the happenings load once. Requests for anything but the server are recorded in `page.outside`, so a
    test can show the dashboard needs no internet."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    opened.outside = []
    base = live_server[1]
    opened.on("request", lambda request: None if request.url.startswith((base, "data:"))
              else opened.outside.append(request.url))
    opened.set_default_timeout(15_000)
    opened.goto(f"{base}/#network")
    opened.locator("#network-edges tbody tr").first.wait_for(timeout=60_000)
    opened.ticked = opened.locator("#bloc-members input:checked").evaluate_all("boxes => boxes.map(box => box.value)")
    yield opened
    context.close()


@pytest.fixture
def page(dashboard):
    """The module's dashboard page, with what a test typed into a view's own inputs undone after it (the
    filters live in the address, which each test sets)."""
    yield dashboard
    dashboard.evaluate("""(ticked) => {
        for (const id of ['recognition-as-of', 'bloc-since']) document.getElementById(id).value = '';
        document.getElementById('bloc-by').selectedIndex = 0;
        for (const box of document.querySelectorAll('#bloc-members input')) box.checked = ticked.includes(box.value);
    }""", dashboard.ticked)


@pytest.fixture(scope="session")
def dask_scheduler():
    """A Dask cluster in this process (one worker thread), as a scheduler address: `--scheduler` in small."""
    from dask.distributed import LocalCluster

    with LocalCluster(n_workers=1, processes=False, threads_per_worker=1, dashboard_address=None) as cluster:
        yield cluster.scheduler_address


@dataclass(frozen=True)
class Engines:
    """One corpus ingested by the single-process engine (`root/single.duckdb`) and by the Dask engine
    (`root/dataset`, a Parquet dataset), with their run reports."""

    folder: str
    root: Path
    single: RunReport
    on_dask: RunReport


@pytest.fixture(scope="session", params=["dev", "seeds"])
def engines(request, tmp_path_factory, shared, extractor, dask_scheduler) -> Engines:
    """Each test corpus (our dev articles, then the seeds) ingested by both engines."""
    from blocwatch.pipeline import run, run_dask
    from blocwatch.store import open_store

    folder = str(DATA / "articles" if request.param == "dev" else shared("seeds"))
    root = tmp_path_factory.mktemp(f"engines-{request.param}")
    with open_store(root / "single.duckdb") as store:
        single = run([folder], store=store, extractor=extractor)
    # Small parts, so that the documents are spread over several tasks and files.
    on_dask = run_dask([folder], dataset=root / "dataset", scheduler=dask_scheduler, chunk=4)
    return Engines(folder, root, single, on_dask)


def ingest_argv(sources, db: Path, *options: str) -> list[str]:
    """The command line of a real, quiet `blocwatch ingest` of `sources` (a path or a list) into `db`."""
    paths = sources if isinstance(sources, list) else [sources]
    return [sys.executable, "-m", "blocwatch", "ingest", *map(str, paths), "--db", str(db), "--quiet", *options]


def events_per_doc(db: Path) -> dict[str, int]:
    """How many events each stored document of `db` has: what a partial document would get wrong."""
    from blocwatch.store import open_store

    with open_store(db, read_only=True) as opened:
        return dict(opened.connection.execute(
            "SELECT d.id, count(e.id) FROM documents d LEFT JOIN events e ON e.doc = d.id GROUP BY d.id").fetchall())


def wait_for_commit(db: Path, process: subprocess.Popen) -> None:
    """Wait until an ingest into `db` has committed documents, reading the database as any reader would
    between two of the writer's batches."""
    import time

    from blocwatch.errors import StoreError
    from blocwatch.store import open_store

    deadline = time.monotonic() + 120
    while True:
        assert process.poll() is None and time.monotonic() < deadline, "ingest ended before a document"
        try:
            with open_store(db, read_only=True) as store:
                if store.counts()["documents"]:
                    return
        except StoreError:  # not created yet, or a batch is being written
            pass
        time.sleep(0.05)


@dataclass(frozen=True)
class ReferenceIngest:
    """A folder of dev articles under several names, and a database ingested from it by one uninterrupted
    `blocwatch ingest`: what an interrupted or contended ingest of the same folder must end up equal to."""

    folder: Path
    db: Path
    events: dict[str, int]
    counts: dict[str, int]
    coding_seconds: float  # from the first committed documents to the end of the run


@pytest.fixture(scope="session")
def reference_ingest(tmp_path_factory) -> ReferenceIngest:
    """The dev articles x 2 names, ingested once in a process of its own (so it reads the same code and data
    files as the runs it is compared with): a run long enough to be killed or contended in the middle (about
    160 kB of text: six or seven commits of pipeline.CHUNK_CHARACTERS), and short enough to be run again by
    each of the ten tests that kill or contend with it."""
    import time

    from blocwatch.store import open_store

    root = tmp_path_factory.mktemp("reference")
    folder = root / "docs"
    folder.mkdir()
    for copy in range(2):
        for source in sorted((DATA / "articles").glob("*.txt")):
            (folder / f"c{copy}_{source.name}").write_text(source.read_text())
    db = root / "reference.duckdb"
    process = subprocess.Popen(ingest_argv(folder, db), cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               text=True)
    wait_for_commit(db, process)
    started = time.monotonic()
    assert process.wait(timeout=600) == 0, process.stderr.read()
    coding_seconds = time.monotonic() - started
    with open_store(db, read_only=True) as opened:
        counts = opened.counts()
    return ReferenceIngest(folder, db, events_per_doc(db), counts, coding_seconds)


def real_sentences() -> list[str]:
    """The sentences (six words or more) of our dev articles and the example corpus, as cleaned: the
    material that generated and hostile test documents are made of."""
    import re

    from blocwatch.model import Article
    from blocwatch.pipeline import iter_articles

    sentences = []
    for article in iter_articles([str(DATA / "articles"), str(ROOT / "examples" / "corpus")]):
        if isinstance(article, Article):
            for paragraph in article.text.split("\n\n"):
                sentences += [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z])", paragraph) if len(s.split()) >= 6]
    return sentences


SITE_PAGES = {"credentials.html": "d02_xi_karimi_credentials.txt", "clash.html": "d05_iran_taliban_border_clash.txt",
              "recognition.html": "d04_russia_recognises_taliban.txt"}
SITE_SLOW_SECONDS = 3.0  # how long /slow waits before answering, and /drip keeps dripping


def _site_handler():
    """The request handler of `site`: files from its folder, and routes that behave as hostile servers do."""
    import time
    from http.server import SimpleHTTPRequestHandler

    class Handler(SimpleHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's name)
            redirects = {"/loop": "/loop", "/to-credentials": "/credentials.html", "/to-file": "file:///etc/passwd"}
            if self.path in redirects:
                self.send_response(302 if self.path == "/loop" else 301)
                self.send_header("Location", redirects[self.path])
                self.end_headers()
            elif self.path == "/slow.html":
                time.sleep(SITE_SLOW_SECONDS)
                super().do_GET()
            elif self.path in ("/drip", "/endless"):
                self._stream(b"<" if self.path == "/drip" else b"<p>news</p>" * 10_000)
            else:
                super().do_GET()

        def _stream(self, piece: bytes) -> None:
            """A body with no declared length: a byte every tenth of a second, or 100 kB at a time with no end."""
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            ends = time.monotonic() + SITE_SLOW_SECONDS
            try:
                while time.monotonic() < ends:
                    self.wfile.write(piece)
                    self.wfile.flush()
                    time.sleep(0.1 if len(piece) == 1 else 0)
            except OSError:
                pass  # the client gave up, as it should

        def log_message(self, *args):
            pass  # keep the test output clean

    return Handler


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """A live HTTP server on a free localhost port: three article pages, a feed, a picture, redirects, and
    hostile routes (/slow.html, /drip, /endless, /to-file, feeds with bad links or markup that breaks
    feed parsers)."""
    import html
    import threading
    from datetime import UTC, datetime
    from email.utils import format_datetime
    from http.server import ThreadingHTTPServer

    root = tmp_path_factory.mktemp("site")
    for page, source in SITE_PAGES.items():
        title, _, body = (DATA / "articles" / source).read_text().partition("\n")
        paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in body.split("\n\n") if p.strip())
        (root / page).write_text(f"<html><head><title>{html.escape(title)}</title></head><body><article>"
                                 f"<h1>{html.escape(title)}</h1>{paragraphs}</article></body></html>")
    (root / "slow.html").write_text((root / "credentials.html").read_text())
    handler = _site_handler()

    class Server(ThreadingHTTPServer):
        def handle_error(self, request, client_address):
            # The fetcher hangs up on hostile routes mid-reply (size caps, timeouts), as it should; the
            # traceback a server thread prints then lands in whatever test is capturing stderr at that moment.
            if not isinstance(sys.exc_info()[1], ConnectionError):
                super().handle_error(request, client_address)

    server = Server(("127.0.0.1", 0), lambda *a: handler(*a, directory=str(root)))
    server.daemon_threads = True  # a hostile route still sending must not hold up the end of the tests
    base = f"http://127.0.0.1:{server.server_address[1]}"
    published = format_datetime(datetime(2024, 1, 31, 9, tzinfo=UTC))

    def feed(links: list[str], title: str = "Local Wire") -> str:
        items = "".join(f"<item><title>Entry {link.rsplit('/', 1)[-1]}</title><link>{link}</link>"
                        f"<pubDate>{published}</pubDate></item>" for link in links)
        return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title><link>{base}/</link>'
                f"{items}</channel></rss>")

    (root / "feed.xml").write_text(feed([f"{base}/credentials.html", f"{base}/clash.html"]))
    (root / "mixed-feed.xml").write_text(feed([f"{base}/clash.html", "file:///etc/passwd", "ftp://example.org/a",
                                               "http://127.0.0.1:99999/a", f"{base}/loop"]))
    (root / "surrogate-feed.xml").write_text(feed([f"{base}/clash.html"], title="Wire &#xD800;"))
    (root / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(2000))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base
    server.shutdown()
    server.server_close()


FLOORS_FILE = ROOT / "benchmarks" / "floors.json"


def quality_floor(name: str) -> dict:
    """The floor of gold set `name` in benchmarks/floors.json, after checking that its gold files are the ones
    the floor was set on (skips where they are under an absent ../shared)."""
    import hashlib

    entry = json.loads(FLOORS_FILE.read_text())[name]
    for pattern, pinned in entry["gold"].items():
        folder, _, files = pattern.rpartition("/")
        paths = sorted((ROOT / folder).glob(files))
        if not paths and pattern.startswith("../shared/"):
            pytest.skip(f"needs {pattern}, which is not beside this clone")
        digest = hashlib.sha256()
        for path in paths:
            digest.update(path.read_bytes())
        assert digest.hexdigest() == pinned, (
            f"{pattern} changed since its floor was set: rescore it and record the new digest in {FLOORS_FILE.name}")
    return entry["floor"]
