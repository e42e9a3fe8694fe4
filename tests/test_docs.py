"""Every command a user can run is documented in the README."""

from __future__ import annotations

import pytest

from blocwatch.cli import app
from conftest import ROOT


def _command_names() -> list[str]:
    return sorted(command.name or command.callback.__name__ for command in app.registered_commands)


@pytest.mark.parametrize("name", _command_names())
def test_docs_readme_shows_every_command(name):
    assert f"blocwatch {name}" in (ROOT / "README.md").read_text(), f"README does not show `blocwatch {name}`"


def test_docs_readme_opens_with_the_two_setup_commands():
    lines = [line for line in (ROOT / "README.md").read_text().splitlines() if line.startswith("bash ")]
    assert lines[:2] == [
        "bash scripts/demo.sh    # main job on the bundled example corpus (creates .venv and installs what it needs)",
        "bash scripts/test.sh    # the whole test suite",
    ]


def _api_paths() -> list[str]:
    from blocwatch.api import ingest, lookups, routes

    return sorted({route.path for route in (*routes.router.routes, *ingest.router.routes, *lookups.router.routes)})


@pytest.mark.issue(5)
@pytest.mark.parametrize("path", _api_paths())
def test_docs_readme_shows_every_api_route(path):
    # Path parameters are written for readers ({id}), so only the fixed part must match.
    fixed = path.split("{")[0]
    assert fixed in (ROOT / "README.md").read_text(), f"README does not show the API route {path}"


@pytest.mark.issue(13)
def test_docs_readme_links_a_screenshot_of_every_view_at_both_sizes():
    import importlib.util
    import struct

    spec = importlib.util.spec_from_file_location("screenshot", ROOT / "scripts" / "screenshot.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    readme = (ROOT / "README.md").read_text()
    for view in script.VIEWS:
        for size, viewport in script.SIZES.items():
            picture = ROOT / "docs" / "screens" / f"{view}-{size}.png"
            assert f"(docs/screens/{picture.name})" in readme, f"README does not link {picture.name}"
            head = picture.read_bytes()[:24]
            assert head[:8] == b"\x89PNG\r\n\x1a\n", f"{picture.name} is not a PNG"
            # the window the script photographs at that size, as wide as the PNG
            assert struct.unpack(">I", head[16:20])[0] == viewport["width"], picture.name
