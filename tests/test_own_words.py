"""The project holds only its own words: ../shared's copied-text tool finds no run of ten or more words
shared with the seeds, the real articles or the PLOVER sentences in any tracked file."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT

pytestmark = pytest.mark.issue(16)


def test_no_tracked_file_repeats_text_from_shared(shared):
    tool = shared("tools/copied-text")
    found = subprocess.run([sys.executable, str(tool), str(ROOT)], capture_output=True, text=True, timeout=300)
    assert found.returncode == 0 and not found.stdout.strip(), found.stdout + found.stderr
