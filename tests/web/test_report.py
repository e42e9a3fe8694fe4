"""`blocwatch report` on the bundled example corpus: the page opens from a file in Debian's Chromium with no
console error and no request at all beyond the file itself, shows the ladder, the verdict with its evidence,
plots of the busiest pairs and the sentences behind every claim linked to their articles; and the Markdown
form carries the same content."""

from __future__ import annotations

import pytest

from conftest import ARTIFACTS, ROOT, run_cli, run_cli_here

pytestmark = pytest.mark.issue(12)


@pytest.fixture(scope="module")
def example_db(tmp_path_factory, extractor):
    from blocwatch.pipeline import run
    from blocwatch.store import open_store

    path = tmp_path_factory.mktemp("example") / "example.duckdb"
    with open_store(path) as store:
        run([str(ROOT / "examples" / "corpus")], store=store, extractor=extractor)
    return path


@pytest.fixture(scope="module")
def report_html(example_db, tmp_path_factory):
    # the installed script once, in its own process; the other report commands run in this one (run_cli_here)
    out = tmp_path_factory.mktemp("report") / "report.html"
    result = run_cli("report", "--db", example_db, "--out", out)
    assert result.returncode == 0, result.stderr
    assert result.stderr == f"wrote the html report to {out}\n"
    return out


def test_report_opens_offline_in_chromium_with_everything_shown(browser, report_html):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    requests, errors = [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(report_html.as_uri())
    page.locator("#dyad-0 .main-svg").first.wait_for(timeout=15_000)
    assert page.locator("section#dyads .js-plotly-plot").count() == 4
    rus = page.locator("#recognition tbody tr", has_text="RUS").first
    assert rus.locator(".status").inner_text() == "formal"
    assert rus.locator("li.superseded").count() >= 1  # the earlier refusals, kept and shown
    assert page.locator("#recognition h3 + table thead th").all_inner_texts()[1:] == [
        "2021", "2022", "2023", "2024", "2025"]
    verdict = page.locator("#bloc .verdict").inner_text()
    assert "happenings" in verdict and "articles" in verdict
    # every sentence links to an article listed on the page
    links = page.locator("#recognition q + *, #recognition li a, #evidence li a")
    assert links.count() > 10
    for href in set(page.eval_on_selector_all("#recognition li a, #evidence li a", "links => links.map(a => a.hash)")):
        assert page.locator(href).count() == 1, href
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "example-report.png"), full_page=True)
    context.close()
    assert requests == [report_html.as_uri()]
    assert errors == []


def test_report_markdown_has_the_same_sections(example_db, tmp_path):
    out = tmp_path / "report.md"
    assert run_cli_here("report", "--db", example_db, "--out", out, "--as-of", "2024-06-30").returncode == 0
    text = out.read_text()
    for heading in ("## Recognition of AFG as of 2024-06-30", "### At each year's end", "## Bloc: CHN RUS IRN PAK AFG",
                    "## The busiest pairs over time", "## The sentences behind the claims", "## Articles cited"):
        assert heading in text
    rus = next(line for line in text.splitlines() if line.startswith("| RUS |"))
    assert "| formal |" not in rus  # Russia's formal step came in July 2025


def test_report_refuses_an_unknown_format(example_db, tmp_path):
    result = run_cli_here("report", "--db", example_db, "--out", tmp_path / "report.pdf")
    assert result.returncode == 1
    assert result.stderr.startswith(f"error: --out: {tmp_path / 'report.pdf'}: name an .html or .md file")
    assert not (tmp_path / "report.pdf").exists()


def test_report_on_an_empty_store_says_so(tmp_path):
    from blocwatch.store import open_store

    open_store(tmp_path / "empty.duckdb").close()
    out = tmp_path / "empty.md"
    assert run_cli_here("report", "--db", tmp_path / "empty.duckdb", "--out", out).returncode == 0
    text = out.read_text()
    assert "No state made claims about recognising this actor." in text and "No happenings." in text
    assert "**no evidence: the store holds no events between members of the group**" in text
    unknown = run_cli_here("report", "--db", tmp_path / "empty.duckdb", "--out", out, "--members", "XQZ,AFG")
    assert unknown.returncode == 1 and "members: unknown actor code 'XQZ'" in unknown.stderr
