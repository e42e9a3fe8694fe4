#!/usr/bin/env bash
# docs/screens/: every view of the dashboard over the bundled example corpus, at 1366x900 and 390x844, as the
# README shows them. Needs Debian's chromium (apt-get install -y chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
db="$(mktemp -d)/examples.duckdb"
.venv/bin/blocwatch ingest examples/corpus --db "$db" --quiet
.venv/bin/python scripts/screenshot.py --db "$db" --out docs/screens
