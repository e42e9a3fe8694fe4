#!/usr/bin/env bash
# Every benchmark under benchmarks/, then benchmarks/RESULTS.md from their figures: about ten minutes
# on two cores (the first run also builds the ten-million-event store that query.py keeps in
# benchmarks/.cache). Each benchmark prints its figures as it goes.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
python=.venv/bin/python
results=benchmarks/.results
mkdir -p "$results"
rm -f "$results"/*.json
started=$(date +%s)
for benchmark in throughput memory query dask clusters; do
  echo "== $benchmark"
  "$python" "benchmarks/$benchmark.py" --json "$results/$benchmark.json"
done
"$python" benchmarks/results.py "$results" --seconds $(( $(date +%s) - started )) > benchmarks/RESULTS.md
echo "== written benchmarks/RESULTS.md"
