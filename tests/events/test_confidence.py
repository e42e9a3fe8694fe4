"""Calibrated confidence (issue 10): the shipped model, its checks, and --min-confidence on the commands."""

from __future__ import annotations

import json
from datetime import date

import duckdb
import pytest

from blocwatch.errors import DataError
from blocwatch.events.confidence import FEATURES, load_calibration, parse_calibration
from blocwatch.model import Article
from conftest import read_jsonl, run_cli_here

pytestmark = pytest.mark.issue(10)

# Written for the test: a plain act between two named states, and one told through a pronoun and a hedge
_TEXT = ("Kazakhstan signed a grain deal with Uzbekistan on Monday. Officials said it could also ask Kyrgyzstan "
         "for transit rights, while they praised Tajikistan.")


def test_confidence_shipped_model_names_every_feature():
    model = load_calibration()
    assert set(model.weights) == set(FEATURES)
    assert 0.0 < model.probability(dict.fromkeys(FEATURES, 0.0)) < 1.0


@pytest.mark.parametrize(("change", "problem"), [
    (lambda raw: raw["weights"].pop("hand"), "missing ['hand']"),
    (lambda raw: raw["weights"].update(sparkle=1.0), "unknown ['sparkle']"),
    (lambda raw: raw.update(intercept="high"), "finite number"),
])
def test_confidence_model_file_is_checked(change, problem):
    raw = {"intercept": 0.1, "weights": dict.fromkeys(FEATURES, 0.5)}
    change(raw)
    with pytest.raises(DataError, match=r"calibration\.json.*" + problem.replace("[", r"\[").replace("]", r"\]")):
        parse_calibration(raw)


def test_confidence_is_the_models_probability_and_varies(extractor):
    article = Article(id="t", origin="test", title=None, url=None, outlet=None, date=date(2024, 4, 2),
                      language="en", raw_text=_TEXT, text=_TEXT)
    events = extractor.extract(article)
    assert events, "the text holds events"
    assert all(0.0 < e.confidence < 1.0 for e in events)
    signed = [e for e in events if (e.source, e.target) == ("KAZ", "UZB")]
    assert signed and signed[0].confidence != 0.85  # no longer the hand-set constant of a verb trigger


def test_confidence_extract_keeps_only_events_above_the_threshold(tmp_path):
    source = tmp_path / "a.jsonl"
    source.write_text(json.dumps({"id": "a", "text": _TEXT, "date": "2024-04-02"}) + "\n")
    every = read_jsonl(run_cli_here("extract", source, "--format", "jsonl").stdout)
    assert len(every) >= 2
    middle = sorted(e["confidence"] for e in every)[len(every) // 2]
    kept = read_jsonl(run_cli_here("extract", source, "--format", "jsonl", "--min-confidence", middle).stdout)
    assert kept and all(e["confidence"] >= middle for e in kept)
    assert len(kept) == sum(e["confidence"] >= middle for e in every)
    refused = run_cli_here("extract", source, "--min-confidence", "1.5")
    assert refused.returncode == 2 and "--min-confidence" in refused.stderr


def test_confidence_ingest_stores_only_events_above_the_threshold(tmp_path):
    source = tmp_path / "a.jsonl"
    source.write_text(json.dumps({"id": "a", "text": _TEXT, "date": "2024-04-02"}) + "\n")
    counts = {}
    for threshold in ("0", "0.999"):
        db = tmp_path / f"{threshold}.duckdb"
        result = run_cli_here("ingest", source, "--db", db, "--quiet", "--min-confidence", threshold)
        assert result.returncode == 0, result.stderr
        with duckdb.connect(str(db), read_only=True) as con:
            counts[threshold] = con.execute("SELECT count(*), coalesce(min(confidence), 1) FROM events").fetchone()
    assert counts["0"][0] >= 2
    assert counts["0.999"][0] == 0
