"""The CLI for daily use over our dev articles, the entry point run in this process: tables that fit 80 and
120 columns with dates and periods whole, --wide and JSON in full, --limit/--sort, flags shown as flags,
--version (by the script itself), the actor directory, nearest codes for an unknown actor, no lock file left
behind, and plots sharing one plotly.js."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from conftest import DATA, run_cli, run_cli_here

pytestmark = pytest.mark.issue(13)

TABLES = [
    ["events"],
    ["events", "--sort", "recent", "--limit", "8"],
    ["relations", "PAK", "AFG", "--by", "quarter"],
    ["relations", "RUS", "AFG", "--by", "month"],
    ["recognition", "AFG"],
    ["bloc", "CHN", "RUS", "IRN", "PAK", "AFG"],
    ["actors"],
    ["actors", "taliban"],
]
# A date or period cut short ("2021-01…", "2023-…").
CUT_DATE = re.compile(r"\b\d{4}-(?:\d{1,2}(?:-\d?)?|Q?)…")
# A cut cell shows at least this much of its value before the ellipsis.
READABLE = 10


def blocwatch(*args: object, columns: int = 120) -> subprocess.CompletedProcess:
    """The `blocwatch` entry point, run in this process (quicker than a new one for each of many tables), in a
    terminal `columns` wide: the width comes from COLUMNS, as in a shell."""
    return run_cli_here(*args, env={"COLUMNS": str(columns), "LINES": "50"})


def table(*args: object, columns: int = 120) -> str:
    """What a read command prints, `columns` wide; it must succeed."""
    result = blocwatch(*args, columns=columns)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def db(dev_db) -> Path:
    """A database ingested from our dev articles: the session's, which the commands here only read."""
    return dev_db


@pytest.mark.parametrize("columns", [80, 120])
@pytest.mark.parametrize("args", TABLES, ids=" ".join)
def test_tables_fit_the_terminal_with_dates_whole(db, args, columns):
    lines = table(*args, "--db", db, columns=columns).splitlines()
    assert len(lines) > 3
    too_wide = [line for line in lines if len(line) > columns]
    assert not too_wide, too_wide[:3]
    if args[0] == "events":
        assert max(map(len, lines)) >= columns - 4  # the evidence takes the width there is
    assert not [line for line in lines if CUT_DATE.search(line)]
    # Every cut cell shows READABLE characters or more of its value, as the full table (--wide) prints it.
    full = table(*args, "--wide", "--db", db, columns=columns)
    stubs = [line for line in lines for cut in re.finditer("…", line)
             if line[cut.start() - READABLE:cut.start()] not in full]
    assert not stubs, stubs[:3]


def test_events_table_is_one_line_a_happening_with_evidence_cut_to_fit(db):
    everything = json.loads(table("events", "--format", "json", "--db", db))
    lines = table("events", "--db", db, columns=120).splitlines()
    # a title, a header, a rule and one line for each happening (no wrapped evidence), and the captions
    assert len(everything) + 3 <= len(lines) <= len(everything) + 6
    assert sum("…" in line for line in lines) > len(everything) / 2  # most evidence is longer than the width
    assert "evidence" in lines[1]


def test_wide_and_json_print_the_evidence_in_full(db):
    everything = json.loads(table("events", "--format", "json", "--db", db))
    longest = max(everything, key=lambda cluster: len(cluster["evidence"]))
    assert len(longest["evidence"]) > 120
    wide = table("events", "--wide", "--db", db, columns=80)
    assert " ".join(longest["evidence"].split()) in wide
    assert all(cluster["docs"][0] in wide for cluster in everything)  # the sources column is there too


def test_events_limit_and_sort(db):
    everything = json.loads(table("events", "--format", "json", "--db", db))
    recent = json.loads(table("events", "--sort", "recent", "--limit", "5", "--format", "json", "--db", db))
    dated = sorted((c["first_date"] for c in everything if c["first_date"]), reverse=True)
    assert [c["first_date"] for c in recent] == dated[:5]
    most = json.loads(table("events", "--sort", "mentions", "-n", "3", "--format", "json", "--db", db))
    assert [c["num_mentions"] for c in most] == sorted((c["num_mentions"] for c in everything), reverse=True)[:3]
    assert f"2 of {len(everything)} happenings" in table("events", "--limit", "2", "--db", db)


def test_help_shows_flags_as_flags_and_version():
    for command in ("ingest", "events", "serve", "clean"):
        shown = table(command, "--help")
        assert "--help" in shown and "<bool>" not in shown
    assert re.search(r"--quiet +-q +No progress bar", table("ingest", "--help"))  # a flag: no value after it
    version = run_cli("--version")  # the real script, in a process of its own
    assert version.returncode == 0 and re.fullmatch(r"blocwatch \d+\.\d+\.\d+\S*\n", version.stdout)


def test_actors_finds_codes_by_name_and_unknown_actors_get_the_nearest(db):
    found = json.loads(table("actors", "Taliban", "--format", "json", "--db", db))
    codes = [entry["code"] for entry in found["actors"]]
    assert codes[0] == "AFG" and "TAL" in codes
    afg = found["actors"][0]
    assert afg["name"] == "Afghanistan" and afg["happenings"] > 10 and afg["first_day"] < afg["last_day"]
    listed = json.loads(table("actors", "--format", "json", "--db", db))["actors"]
    assert {"AFG", "PAK", "RUS", "CHN"} <= {entry["code"] for entry in listed}
    refused = blocwatch("events", "--actor", "Taliban", "--db", db)
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert "unknown actor code 'Taliban' (did you mean AFG" in refused.stderr
    typo = blocwatch("relations", "PAKK", "AFG", "--db", db)
    assert "did you mean PAK" in typo.stderr
    assert str(db) not in refused.stderr + typo.stderr  # errors name no path of the user's machine


def test_no_lock_file_is_left_after_a_command(db, tmp_path):
    fresh = tmp_path / "fresh.duckdb"
    assert blocwatch("ingest", DATA / "articles" / "d04_russia_recognises_taliban.txt", "--db", fresh,
                     "--quiet").returncode == 0
    assert blocwatch("actors", "--db", fresh).returncode == 0
    assert sorted(path.name for path in tmp_path.iterdir()) == ["fresh.duckdb"]
    assert not list(db.parent.glob("*.lock"))


def test_an_empty_database_says_how_to_ingest(tmp_path):
    folder, empty = tmp_path / "nothing", tmp_path / "empty.duckdb"
    folder.mkdir()
    blocwatch("ingest", folder, "--db", empty, "--quiet")
    told = blocwatch("events", "--db", empty)
    assert told.returncode == 0 and "holds no documents yet: add some with `blocwatch ingest" in told.stderr
    assert sorted(path.name for path in tmp_path.iterdir()) == ["empty.duckdb", "nothing"]


def test_plots_share_one_plotly_and_show_empty_periods(db, tmp_path):
    for name, args in (("pak.html", ["relations", "PAK", "AFG", "--by", "quarter"]),
                       ("bloc.html", ["bloc", "CHN", "RUS", "PAK"])):
        table(*args, "--plot", tmp_path / name, "--db", db)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["bloc.html", "pak.html", "plotly.min.js"]
    for page in ("pak.html", "bloc.html"):
        html = (tmp_path / page).read_text()
        assert len(html) < 100_000 and '<script charset="utf-8" src="plotly.min.js">' in html
    quarters = json.loads(table("relations", "PAK", "AFG", "--by", "quarter", "--format", "json",
                                "--db", db))["periods"]
    active = {period["period"] for period in quarters}
    axis = re.search(r'"x":\[([^\]]*)\]', (tmp_path / "pak.html").read_text()).group(1)
    drawn = json.loads(f"[{axis}]")
    assert set(drawn) > active  # the quiet quarters between active ones are on the axis too
    assert drawn == sorted(drawn) and drawn[0] == min(active) and drawn[-1] == max(active)
