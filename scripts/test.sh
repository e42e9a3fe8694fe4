#!/usr/bin/env bash
# The whole test suite, on a fresh machine too: installs what it needs first.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# The dashboard tests drive Debian's chromium (never a downloaded browser): install it where it is missing
# and we can; without it those tests skip with a reason.
if [ ! -x /usr/bin/chromium ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } ||
    echo "warning: could not install chromium; the dashboard tests will skip" >&2
fi
# Lint first: a minute's pytest run is no use on code that ruff already knows is wrong.
.venv/bin/ruff check src tests
# Types next (pyproject's [tool.mypy]: strict, over src/): a second of checking before the long run.
.venv/bin/mypy
exec .venv/bin/python -m pytest "$@"
