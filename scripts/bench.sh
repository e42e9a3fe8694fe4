#!/usr/bin/env bash
# Every benchmark under benchmarks/, then benchmarks/RESULTS.md from their figures.
#   scripts/bench.sh          about 13 minutes on two quiet cores: the memory benchmark at 10k and 50k
#                             documents, so that the whole run stays within 15 minutes
#   scripts/bench.sh --full   the memory benchmark at 10k, 50k and 200k documents as well (about 30 minutes)
#   scripts/bench.sh --quick  a smoke test of every benchmark on small sizes (its figures mean nothing)
# The first run also builds the ten-million-event store that query.py keeps in benchmarks/.cache.
# Run it on a quiet machine: the figures are rates and ratios of parallel runs, which other processes' load
# distorts (the load average when each benchmark began is printed in RESULTS.md).
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-}
case "$mode" in
  ""|--full|--quick) ;;
  *) echo "usage: scripts/bench.sh [--full | --quick]" >&2; exit 2 ;;
esac
bash scripts/setup.sh
python=.venv/bin/python
results=benchmarks/.results
mkdir -p "$results"
rm -f "$results"/*.json
quick=()
memory=(--sizes 10000 50000)
query=()
hostile=()
if [ "$mode" = --quick ]; then
  quick=(--quick); memory=(--quick); query=(--events 100000 --repeats 2); hostile=(--quick)
elif [ "$mode" = --full ]; then
  memory=(--sizes 10000 50000 200000)
fi
started=$(date +%s)
run() {  # name, then the benchmark's arguments
  local name=$1; shift
  echo "== $name"
  "$python" "benchmarks/$name.py" --json "$results/$name.json" "$@"
}
run throughput "${quick[@]}"
run memory "${memory[@]}"
run query "${query[@]}"
run scale_out "${quick[@]}"
run clusters
run hostile_pages "${hostile[@]}"
output=benchmarks/RESULTS.md
[ "$mode" = --quick ] && output=$results/RESULTS-quick.md  # a smoke test never overwrites the measured report
"$python" benchmarks/results.py "$results" --seconds $(( $(date +%s) - started )) > "$output"
echo "== written $output"
