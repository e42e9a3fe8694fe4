"""Exports: GDELT-named CSV that pandas reads, Parquet that DuckDB reads back, JSONL and PLOVER records."""

from __future__ import annotations

import json

import duckdb
import pandas as pd
import pytest

from blocwatch.analysis import build_clusters
from blocwatch.errors import ParameterError
from blocwatch.export import GDELT_COLUMNS, export
from conftest import make_event, put

pytestmark = pytest.mark.issue(4)


@pytest.fixture
def filled(store):
    put(store, "wire", [make_event("ISKP", "RUS", "ASSAULT", cameo="183", date="2022-09-05", location="Kabul",
                                   contexts=("terrorism",)),
                        make_event("CHN", "AFG", "SUPPORT", cameo="054", recognition="formal", negated=True,
                                   sentence=1)],
        outlet="Wire", url="https://wire.example.org/embassy")
    put(store, "claim", [make_event("ISKP", "RUS", "ASSAULT", cameo="183", date="2022-09-06")], outlet="Dawn")
    build_clusters(store)
    return store


def test_export_csv_loads_in_pandas_with_gdelt_columns(filled, tmp_path):
    out = tmp_path / "events.csv"
    summary = export(filled, format="csv", out=out)
    frame = pd.read_csv(out)
    assert tuple(frame.columns) == GDELT_COLUMNS and summary.rows == len(frame) == 1
    row = frame.iloc[0]
    assert (row.SQLDATE, row.MonthYear, row.Year, row.EventRootCode, row.QuadClass) == (20220905, 202209, 2022, 18, 4)
    assert (row.Actor1Code, row.Actor2Code, row.NumMentions, row.NumSources, row.NumArticles) == (
        "ISKP", "RUS", 2, 2, 2)
    assert (row.GoldsteinScale, row.ActionGeo_FullName, row.SOURCEURL) == (
        -10.0, "Kabul", "https://wire.example.org/embassy")
    assert len(str(row.DATEADDED)) == 14


def test_export_parquet_reads_back_in_duckdb_with_same_row_count(filled, tmp_path):
    out = tmp_path / "events.parquet"
    summary = export(filled, format="parquet", out=out)
    rows = duckdb.connect().execute(f"SELECT count(*), count(DISTINCT cluster) FROM read_parquet('{out}')").fetchone()
    assert rows == (filled.counts()["events"], 2) and summary.rows == 3


def test_export_jsonl_and_plover_hold_one_record_per_event(filled, tmp_path, capsys):
    export(filled, format="jsonl")
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(records) == 3 and records[1]["negated"] is True and records[0]["contexts"] == ["terrorism"]
    out = tmp_path / "plover.jsonl"
    export(filled, format="plover", out=out)
    first = json.loads(out.read_text().splitlines()[0])
    assert {k: first[k] for k in ("event_type", "source_actor", "target_actor", "date", "context")} == {
        "event_type": "ASSAULT", "source_actor": "ISKP", "target_actor": "RUS", "date": "2022-09-05",
        "context": ["terrorism"]}
    assert {"event_text", "mode", "story_id", "publisher"} <= set(first)


@pytest.mark.parametrize("format, out, message", [("parquet", None, "--out: parquet is a binary format"),
                                                  ("xml", None, "--format: unknown export format 'xml'")])
def test_export_bad_parameters(filled, format, out, message):
    with pytest.raises(ParameterError, match=message):
        export(filled, format=format, out=out)
