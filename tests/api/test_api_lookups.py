"""The dashboard's lookups: actors by code or name, the codebook, and the points of the happenings' places."""

from __future__ import annotations

import pytest

from blocwatch.plover import plover_types

pytestmark = pytest.mark.issue(13)


def test_actors_by_name_and_code(api_client):
    found = api_client.get("/api/actors", params={"q": "Taliban"}).json()
    codes = [entry["code"] for entry in found["actors"]]
    assert codes[0] == "AFG" and "Taliban" in found["actors"][0]["matched"]
    assert api_client.get("/api/actors", params={"q": "afg"}).json()["actors"][0]["code"] == "AFG"
    listed = api_client.get("/api/actors").json()["actors"]
    assert {entry["code"] for entry in listed} >= {"AFG", "PAK", "RUS"}
    assert all(entry["happenings"] > 0 and entry["first_day"] <= entry["last_day"] for entry in listed
               if entry["first_day"])
    assert api_client.get("/api/actors", params={"q": "zzqx"}).json()["actors"] == []


def test_codebook_is_the_plover_table(api_client):
    types = api_client.get("/api/codebook").json()["types"]
    assert {entry["type"]: (entry["quad"], entry["goldstein"]) for entry in types} == {
        name: (entry.quad, entry.goldstein) for name, entry in plover_types().items()}


def test_locations_place_the_happenings(api_client):
    body = api_client.get("/api/locations").json()
    located = {name: point for name, point in body["locations"].items() if point}
    assert located and all(-90 <= point["lat"] <= 90 and -180 <= point["lon"] <= 180 for point in located.values())
    assert any(point["place"] == "Kabul" for point in body["landmarks"])


def test_country_outlines_are_served_by_the_app(api_client, monkeypatch, tmp_path):
    # scripts/setup.sh installs them; the map asks this route, never a CDN
    assert api_client.get("/api/locations").json()["outlines"] is True
    outlines = api_client.get("/static/world_110m.json")
    assert outlines.status_code == 200 and outlines.headers["content-type"] == "application/json"
    assert {"countries", "land", "coastlines"} <= set(outlines.json()["objects"])
    # a server whose environment lacks them says so, and how to install them
    from blocwatch import web

    monkeypatch.setitem(web._ASSETS, "world_110m.json", (tmp_path / "absent.json", "application/json"))
    monkeypatch.setattr(web, "OUTLINES", tmp_path / "absent.json")
    assert api_client.get("/api/locations").json()["outlines"] is False
    missing = api_client.get("/static/world_110m.json")
    assert missing.status_code == 404 and "scripts/setup.sh" in missing.json()["error"]
