#!/usr/bin/env bash
# The main job on the bundled example corpus: ingest it into a DuckDB store, then ask who
# recognises the Taliban government (now, and as of mid-2024), how cohesive the
# China-Russia-Iran-Pakistan-Afghanistan group is, and how Pakistan-Afghanistan relations moved.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
db=blocwatch-out/example.duckdb
mkdir -p blocwatch-out
blocwatch=.venv/bin/blocwatch
"$blocwatch" ingest examples/corpus --db "$db"
"$blocwatch" recognition AFG --db "$db"
"$blocwatch" recognition AFG --db "$db" --as-of 2024-06-30
"$blocwatch" bloc CHN RUS IRN PAK AFG --db "$db"
"$blocwatch" relations PAK AFG --by year --db "$db"
echo "store: $db (try: $blocwatch events --actor RUS --db $db, or $blocwatch serve --db $db)"
