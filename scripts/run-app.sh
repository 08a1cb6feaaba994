#!/usr/bin/env bash
# Quick start 1: install what is missing, build, and open the GUI on the embedded demo workspace.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
"$here/scripts/install-deps.sh" debian-build-deps.txt
"$here/scripts/build.sh"
build="${DOPT_BUILD_DIR:-$here/build}"
workspace="${DOPT_WORKSPACE:-${XDG_DATA_HOME:-$HOME/.local/share}/dremio-optimizer/demo.dopt}"
if [[ ! -f "$workspace" ]]; then
    mkdir -p "$(dirname "$workspace")"
    echo "Generating the demo workspace at $workspace ..." >&2
    "$build/app/dremio-optimizer-cli" demo --jobs "${DOPT_DEMO_JOBS:-20000}" --out "$workspace"
fi
exec "$build/app/dremio-optimizer" --workspace "$workspace" "$@"
