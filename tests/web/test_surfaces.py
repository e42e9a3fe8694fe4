"""The dashboard for daily use, in Debian's Chromium at 1366x900 and 390x844 over our dev articles: every view
without horizontal scroll, a network that stays put on resize, clicks on nodes and edges, filters in the
address narrowing every view (and said not to apply where they have no meaning), the filters folded under a
toggle on a phone, the map with its country outlines, the legend and downloads, and the empty and
stopped-server states.

Cost: the session's server over the dev corpus and one page per size serve the whole module. A test moves
between views by the address's fragment, as the page's own links do, so plotly.js and the happenings load
once per size rather than once per test; each wait is for a condition, never a fixed time. The two state
tests run their own small servers in this process."""

from __future__ import annotations

import itertools
import threading
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

pytestmark = pytest.mark.issue(13)

SIZES = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}
# Each view with what shows it has drawn.
VIEWS = {
    "network": "#network-edges tbody tr",
    "actor/PAK": "#actor-list li",
    "timeline/RUS/AFG": "#timeline-list li",
    "recognition/AFG": "#recognition-board tbody tr",
    "bloc": "#bloc-pairs tbody tr",
    "map": "#map-places tbody tr[data-place]",
    "documents/d04_russia_recognises_taliban": "#document-text mark",
}
WAIT_SECONDS = 30
_visits = itertools.count()


@pytest.fixture(scope="module")
def base(dev_server):
    # The server's first look-up by name loads the gazetteer: done once here, not inside a timed wait.
    urllib.request.urlopen(f"{dev_server}/api/actors?q=Taliban", timeout=120).close()
    return dev_server


@pytest.fixture(scope="module")
def screens(browser, base):
    """A page of each size on the dashboard, open for the whole module, recording requests that leave the
    server in `page.outside`."""
    pages = {}
    for size, viewport in SIZES.items():
        context = browser.new_context(viewport=viewport, accept_downloads=True)
        page = context.new_page()
        page.set_default_timeout(WAIT_SECONDS * 1000)
        page.outside = []
        page.on("request", lambda found, page=page: None if found.url.startswith((base, "data:", "blob:"))
                else page.outside.append(found.url))
        page.size = size
        page.goto(f"{base}/#network")
        page.locator(VIEWS["network"]).first.wait_for()
        pages[size] = page
    yield pages
    for page in pages.values():
        page.context.close()


def _reset(page) -> None:
    """Back to what a test finds: the page's size, filters folded, legend closed, view inputs empty."""
    page.set_viewport_size(SIZES[page.size])
    if page.locator("#filter-toggle").get_attribute("aria-expanded") == "true":
        page.locator("#filter-toggle").click()
    if page.locator("#legend").is_visible():
        page.locator("#legend-toggle").click()
    page.evaluate("for (const id of ['recognition-as-of', 'bloc-since']) document.getElementById(id).value = ''")


@pytest.fixture(params=list(SIZES))
def sized(request, screens):
    page = screens[request.param]
    yield page
    _reset(page)


@pytest.fixture
def desktop(screens):
    yield screens["desktop"]
    _reset(screens["desktop"])


@pytest.fixture
def phone(screens):
    yield screens["phone"]
    _reset(screens["phone"])


def _wait(page, expression: str) -> None:
    """Until `expression`, evaluated in the page, is true. Polled from here: the page's Content-Security-Policy
    (no eval) stops Playwright's own polling of a predicate after a reload."""
    deadline = time.monotonic() + WAIT_SECONDS
    while not page.evaluate(expression):
        assert time.monotonic() < deadline, f"still false after {WAIT_SECONDS} s: {expression}"
        time.sleep(0.05)


def _open(page, view: str, drawn: str | None = None) -> None:
    """The view at `view` (with no filters unless it names some), once it has drawn `drawn`. What the view
    showed before is removed first, so the wait is for this visit's drawing; each visit's address is new, so
    the view redraws even where the test before ended on it."""
    drawn = drawn or VIEWS.get(view.split("?")[0])
    page.evaluate("(selector) => document.querySelectorAll(selector).forEach((node) => node.remove())", drawn)
    separator = "&" if "?" in view else "?"
    page.evaluate("(hash) => { window.location.hash = hash; }", f"#{view}{separator}visit={next(_visits)}")
    page.locator(f".view:not([hidden]) {drawn}").first.wait_for()


def _no_horizontal_scroll(page) -> None:
    scroll, client = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert scroll <= client, f"the page scrolls sideways: {scroll} px of content in {client} px"


def _rows(page, selector: str) -> int:
    return page.locator(selector).count()


def _count_is(selector: str, test: str) -> str:
    return f"document.querySelectorAll('{selector}').length {test}"


def test_every_view_fits_the_window(sized):
    for view in VIEWS:
        _open(sized, view)
        _no_horizontal_scroll(sized)
        assert sized.locator(".view:not([hidden]) .view-error").is_hidden()
    assert sized.outside == []


def test_phone_names_only_the_busiest_actors(sized):
    _open(sized, "network")
    labels = [text for text in sized.locator("#network-plot g.textpoint text").all_text_contents() if text]
    nodes = sized.locator("#network-plot .scatterlayer .trace:last-child .point").count()
    assert {"AFG", "PAK"} <= set(labels)
    if sized.size == "phone":
        assert len(labels) <= 10 < nodes
    else:
        assert len(labels) == nodes


# Plotly has redrawn for the new width: its drawing is as wide as the plot's cell.
_REDRAWN = """(() => {
    const plot = document.getElementById('network-plot');
    const drawing = plot.querySelector('.main-svg');
    return Math.abs(drawing.getBoundingClientRect().width - plot.getBoundingClientRect().width) < 1;
})()"""


def test_network_stays_put_when_the_window_changes(desktop):
    _open(desktop, "network")
    before = desktop.locator("#network-plot").bounding_box()
    for width in (1100, 1500, 1366):
        desktop.set_viewport_size({"width": width, "height": 900})
        _wait(desktop, _REDRAWN)
    after = desktop.locator("#network-plot").bounding_box()
    assert (after["y"], after["height"]) == (before["y"], before["height"])


def _click_point(page, trace: str, index: int) -> None:
    """A real mouse click on a point of the network plot, found from Plotly's own axes."""
    x, y = page.evaluate("""([trace, index]) => {
        const plot = document.getElementById('network-plot');
        const data = plot.data.find((found) => found.customdata && found.customdata[0][0] === trace);
        const [xa, ya] = [plot._fullLayout.xaxis, plot._fullLayout.yaxis];
        const box = plot.getBoundingClientRect();
        return [box.left + xa._offset + xa.l2p(data.x[index]), box.top + ya._offset + ya.l2p(data.y[index])];
    }""", [trace, index])
    page.mouse.click(x, y)


def test_click_on_an_edge_opens_the_pair_timeline(sized):
    _open(sized, "network")
    sized.evaluate("document.querySelectorAll('#timeline-list li').forEach((node) => node.remove())")
    # the edge whose middle lies farthest from any actor, so the click cannot land on a node
    index, a, b = sized.evaluate("""() => {
        const plot = document.getElementById('network-plot');
        const middles = plot.data.find((found) => found.customdata && found.customdata[0][0] === 'pair');
        const actors = plot.data.find((found) => found.customdata && found.customdata[0][0] === 'actor');
        const gap = (i) => Math.min(...actors.x.map((x, j) =>
            Math.hypot(x - middles.x[i], actors.y[j] - middles.y[i])));
        let best = 0;
        middles.x.forEach((x, i) => { if (gap(i) > gap(best)) best = i; });
        return [best, middles.customdata[best][1], middles.customdata[best][2]];
    }""")
    sized.locator("#network-plot").scroll_into_view_if_needed()
    _click_point(sized, "pair", index)
    _wait(sized, f"location.hash.startsWith('#timeline/{a}/{b}')")
    sized.locator("#timeline-list li").first.wait_for()
    assert sized.locator("#timeline-a").input_value() == a and sized.locator("#timeline-b").input_value() == b
    whats = sized.locator("#timeline-list .what").all_inner_texts()
    assert whats and all(f"{a} → {b}" in what or f"{b} → {a}" in what for what in whats)


def test_click_on_a_node_opens_the_actor(sized):
    _open(sized, "network")
    sized.evaluate("document.querySelectorAll('#actor-list li').forEach((node) => node.remove())")
    sized.locator("#network-plot").scroll_into_view_if_needed()
    _click_point(sized, "actor", 0)  # the busiest actor, drawn largest
    _wait(sized, "location.hash.startsWith('#actor/')")
    code = sized.evaluate("decodeURIComponent(location.hash.slice(7).split('?')[0])")
    sized.locator("#actor-list li").first.wait_for()
    assert sized.locator("#actor-title").inner_text().startswith(code)
    assert sized.locator("#actor-partners tbody tr").count() > 2


def _set(page, selector: str, value: str) -> None:
    if selector in ("#filter-type", "#filter-quad"):
        page.locator(selector).select_option(value)
    else:
        page.locator(selector).fill(value)
    page.locator(selector).dispatch_event("change")


def test_filters_narrow_every_view_and_live_in_the_address(desktop):
    page = desktop
    for view, rows in (("network", "#network-edges tbody tr"), ("actor/AFG", "#actor-list li"),
                       ("timeline/PAK/AFG", "#timeline-list li"), ("map", "#map-places tbody tr[data-place]"),
                       ("documents", "#document-list li")):
        _open(page, view, rows)
        whole = _rows(page, rows)
        _set(page, "#filter-type", "ASSAULT")
        _wait(page, "location.hash.includes('type=ASSAULT')")
        _wait(page, _count_is(rows, f"< {whole}"))
        narrowed = _rows(page, rows)
        assert 0 < narrowed < whole, view
        # the address alone brings the filtered view back, after another view and after a reload
        filtered = page.evaluate("location.hash")
        _open(page, "bloc")
        page.evaluate("(hash) => { window.location.hash = hash; }", filtered)
        _wait(page, _count_is(rows, f"=== {narrowed}"))
        if view == "documents":
            page.reload()
            _wait(page, _count_is(rows, f"=== {narrowed}"))
        assert page.locator("#filter-type").input_value() == "ASSAULT"
        page.locator("#filter-clear").click()
        _wait(page, _count_is(rows, f"=== {whole}"))
    assert page.locator("#filter-scope").is_hidden() and page.locator("#filter-quad").is_enabled()
    # the actor filter, by name: "Taliban" is AFG; it narrows the recognition board and the bloc's pairs too
    _open(page, "recognition/AFG")
    board = _rows(page, "#recognition-board tbody tr")
    # where a filter has no meaning, its control is off and the page says why
    assert page.locator("#filter-type").is_disabled() and page.locator("#filter-quad").is_disabled()
    assert "not PLOVER events" in page.locator("#filter-scope").inner_text()
    _set(page, "#filter-actor", "Russia")
    _wait(page, "location.hash.includes('actor=RUS')")
    _wait(page, _count_is("#recognition-board tbody tr", "=== 1"))
    assert page.locator('#recognition-board tr[data-actor="RUS"]').count() == 1 and board > 1
    page.locator("#filter-clear").click()
    _open(page, "bloc")
    pairs = _rows(page, "#bloc-pairs tbody tr")
    assert page.locator("#filter-type").is_disabled() and page.locator("#filter-actor").is_enabled()
    assert "over all event types" in page.locator("#filter-scope").inner_text()
    _set(page, "#filter-actor", "Taliban")
    _wait(page, "location.hash.includes('actor=AFG')")
    _wait(page, _count_is("#bloc-pairs tbody tr", f"< {pairs}"))
    assert all("AFG" in pair for pair in page.locator("#bloc-pairs tbody td:first-child").all_inner_texts())
    assert page.outside == []


def test_phone_folds_the_filters_under_a_toggle(sized):
    _open(sized, "map")
    toggle, controls = sized.locator("#filter-toggle"), sized.locator("#filter-controls")
    if sized.size == "desktop":
        assert toggle.is_hidden() and sized.locator("#filter-type").is_visible()
        return
    assert sized.locator("#filter-type").is_hidden() and toggle.get_attribute("aria-expanded") == "false"
    toggle.click()
    assert sized.locator("#filter-type").is_visible() and toggle.get_attribute("aria-expanded") == "true"
    assert controls.bounding_box()["width"] <= SIZES["phone"]["width"]
    _no_horizontal_scroll(sized)
    _set(sized, "#filter-quad", "4")
    _wait(sized, "location.hash.includes('quad=4')")
    toggle.click()
    assert sized.locator("#filter-type").is_hidden() and toggle.inner_text() == "Filters (1 set)"
    _no_horizontal_scroll(sized)


def test_date_range_and_quad_narrow_the_network(phone):
    _open(phone, "network")
    whole = _rows(phone, "#network-edges tbody tr")
    assert phone.locator("#filter-since").get_attribute("min") < phone.locator("#filter-since").get_attribute("max")
    phone.locator("#filter-toggle").click()
    _set(phone, "#filter-since", "2025-01-01")
    _wait(phone, _count_is("#network-edges tbody tr", f"< {whole}"))
    _set(phone, "#filter-quad", "4")
    _wait(phone, "location.hash.includes('quad=4') && location.hash.includes('since=2025-01-01')")
    assert "pass" in phone.locator("#filter-note").inner_text()
    assert phone.locator("#undated-count").inner_text().startswith("(")
    _no_horizontal_scroll(phone)


def test_map_draws_located_happenings(sized):
    _open(sized, "map")
    places = sized.locator("#map-places tbody tr[data-place]")
    # datelines and places the gazetteer knows, cities of news datelines among them, and capitals where
    # talks were held ("met in Doha") or a wire's dateline ("KABUL —")
    assert {"Kazan", "Jammu", "Istanbul", "Tianjin", "Paktika", "Doha", "Moscow", "Kabul"} <= {
        row.get_attribute("data-place") for row in places.all()}
    drawn = sized.evaluate("document.getElementById('map-plot').data[1].lon.length")
    assert drawn == places.count()
    assert "happenings at" in sized.locator("#map-count").inner_text()
    # the country outlines, from this server (test_every_view_fits_the_window: no request leaves it)
    for layer in ("countries", "land", "coastlines"):
        outline = sized.locator(f"#map-plot g.layer.{layer} path").first.get_attribute("d") or ""
        assert outline.count("L") > 500, f"no {layer} drawn on the map"


def test_legend_codebook_and_download(phone):
    _open(phone, "network")
    assert phone.locator("#legend").is_hidden()
    phone.locator("#legend-toggle").click()  # one click away, even with the filters folded
    assert phone.locator("#codebook tbody tr").count() == 16
    assert "ASSAULT" in phone.locator("#codebook").inner_text()
    _no_horizontal_scroll(phone)
    phone.locator("#filter-toggle").click()
    with phone.expect_download() as csv_download:
        phone.locator("#download-csv").click()
    text = Path(csv_download.value.path()).read_text().splitlines()
    assert text[0] == "a,b,events,cooperative,conflictual,net"
    assert len(text) - 1 == _rows(phone, "#network-edges tbody tr")
    with phone.expect_download() as json_download:
        phone.locator("#download-json").click()
    assert json_download.value.suggested_filename == "blocwatch-network.json"


def test_errors_stay_in_their_view(desktop):
    _open(desktop, "bloc")
    desktop.fill("#bloc-since", "soon")
    desktop.locator("#bloc-since").dispatch_event("change")
    error = desktop.locator("#view-bloc .view-error")
    error.wait_for()
    assert "'soon' is not a date" in error.inner_text()
    desktop.locator("nav a[data-view=network]").click()
    desktop.locator("#network-edges tbody tr").first.wait_for()
    assert desktop.locator(".view:not([hidden]) .view-error").is_hidden() and desktop.locator("#error").is_hidden()


@contextmanager
def _server(db: Path, port: int = 0):
    """The dashboard's app over `db` served by uvicorn on a thread of this process, on 127.0.0.1:`port` (a
    free one by default), with the Host allow-list `blocwatch serve` gives it: the port."""
    import uvicorn

    from blocwatch.api import create_app
    from blocwatch.api.guard import host_names

    app = create_app(db, allowed_hosts=host_names("127.0.0.1"))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + WAIT_SECONDS
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the test server did not start"
        time.sleep(0.02)
    try:
        yield server.servers[0].sockets[0].getsockname()[1]
    finally:
        server.should_exit = True
        thread.join(WAIT_SECONDS)


def test_empty_database_says_how_to_ingest(browser, tmp_path):
    from blocwatch.store import open_store

    open_store(tmp_path / "empty.duckdb").close()
    with _server(tmp_path / "empty.duckdb") as port:
        context = browser.new_context(viewport=SIZES["desktop"])
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{port}/")
        notice = page.locator("#empty")
        for size in SIZES.values():
            page.set_viewport_size(size)
            notice.wait_for()
            assert "blocwatch ingest" in notice.inner_text()
            assert page.locator("#error").is_hidden() and page.locator(".view:not([hidden])").count() == 0
            _no_horizontal_scroll(page)
        context.close()


def test_stopped_server_is_said_plainly_and_the_page_recovers(browser, dev_db):
    context = browser.new_context(viewport=SIZES["phone"])
    page = context.new_page()
    try:
        with _server(dev_db) as port:
            page.goto(f"http://127.0.0.1:{port}/#network")
            page.locator(VIEWS["network"]).first.wait_for()
        page.locator("nav a[data-view=map]").click()  # the map's places are fetched on first use
        notice = page.locator("#server-down")
        notice.wait_for()
        assert "not answering" in notice.inner_text() and "blocwatch serve" in notice.inner_text()
        assert page.locator("#error").is_hidden()
        _no_horizontal_scroll(page)
        with _server(dev_db, port):
            notice.wait_for(state="hidden", timeout=20_000)
            page.locator("#map-places tbody tr[data-place]").first.wait_for()
    finally:
        context.close()
