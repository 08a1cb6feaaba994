#!/usr/bin/env bash
# Configures and builds into build/ (or $DOPT_BUILD_DIR) with the given extra CMake arguments.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
build="${DOPT_BUILD_DIR:-$here/build}"
cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE="${DOPT_BUILD_TYPE:-RelWithDebInfo}" "$@" >&2
cmake --build "$build" -j"$(nproc)" >&2
