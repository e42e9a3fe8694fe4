"""The fork server an ingest's workers come from is started before the command imports its commands,
when and only when the command line asks for several local workers."""

import json
import subprocess
import sys

import pytest

from blocwatch.forkserver import _value


@pytest.mark.parametrize(("arguments", "value"), [
    (["ingest", "news/", "--workers", "3"], "3"),
    (["ingest", "news/", "--workers=4"], "4"),
    (["ingest", "-w", "2", "news/"], "2"),
    (["ingest", "news/", "-w", "2", "--workers", "1"], "1"),  # the last one given wins, as in the parser
    (["ingest", "news/"], None),
    (["ingest", "news/", "--workers"], None),  # no value follows: the parser's error, not ours
])
def test_the_value_of_an_option_is_read_in_each_spelling(arguments, value):
    assert _value(arguments, "--workers", "-w") == value


def _started(*arguments: str) -> dict:
    probe = ("import json, sys, psutil\nfrom blocwatch.forkserver import start_early\n"
             "started = start_early(sys.argv[1:])\n"
             "servers = [p for p in psutil.Process().children() if 'forkserver' in ' '.join(p.cmdline())]\n"
             "print(json.dumps({'started': started, 'servers': len(servers)}))")
    done = subprocess.run([sys.executable, "-c", probe, *arguments], capture_output=True, text=True, check=True,
                          timeout=120)
    return json.loads(done.stdout.splitlines()[-1])


def test_an_ingest_on_two_workers_starts_the_fork_server_at_once():
    assert _started("ingest", "news/", "--workers", "2") == {"started": True, "servers": 1}


@pytest.mark.parametrize("arguments", [
    ["ingest", "news/"],
    ["ingest", "news/", "--workers", "1"],
    ["ingest", "news/", "--workers", "2", "--engine", "dask"],  # Dask starts workers of its own
    ["ingest", "news/", "--workers", "two"],
    ["relations", "PAK", "AFG", "--workers", "2"],
])
def test_other_command_lines_start_nothing(arguments):
    assert _started(*arguments) == {"started": False, "servers": 0}
