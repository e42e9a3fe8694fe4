"""/docs works offline (Swagger UI from the installed package, no inline script) and large answers are gzipped."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.issue(13)


def test_docs_page_loads_swagger_ui_from_the_server(api_client):
    page = api_client.get("/docs")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    sources = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert "/static/swagger-ui-bundle.js" in sources and "/static/swagger-ui.css" in sources
    assert all(source.startswith(("/", "data:")) for source in sources)  # nothing from another host
    assert not re.search(r"<script(?![^>]*\bsrc=)", page.text)  # no inline script
    for source in sources:
        if source.startswith("/static/"):
            assert api_client.get(source).status_code == 200, source
    assert "SwaggerUIBundle" in api_client.get("/static/swagger-ui-bundle.js").text


def test_large_answers_are_compressed(api_client):
    script = api_client.get("/static/plotly.min.js", headers={"Accept-Encoding": "gzip"})
    assert script.headers["content-encoding"] == "gzip"
    assert script.num_bytes_downloaded < len(script.content) / 3  # what came over the wire, against the decoded
    small = api_client.get("/api/overview", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in small.headers
