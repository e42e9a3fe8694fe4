#!/usr/bin/env bash
# docs/dashboard.png: the dashboard over the bundled example corpus, as the README shows it.
# Needs Debian's chromium (apt-get install -y chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
db="$(mktemp -d)/examples.duckdb"
.venv/bin/blocwatch ingest examples/corpus --db "$db" --quiet
.venv/bin/python scripts/screenshot.py --db "$db" --out docs/dashboard.png
