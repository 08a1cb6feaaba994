#!/usr/bin/env bash
# Builds core with gcov instrumentation (build-coverage/), runs the core and CLI tests, and prints
# the line coverage of core/ (gcovr).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
"$here/scripts/install-deps.sh" debian-build-deps.txt debian-test-deps.txt
build="$here/build-coverage"
cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DDOPT_COVERAGE=ON -DDOPT_BUILD_GUI=OFF >&2
cmake --build "$build" -j"$(nproc)" >&2
find "$build" -name '*.gcda' -delete
QT_QPA_PLATFORM=offscreen ctest --test-dir "$build" -R '^(core|cli)/' --output-on-failure -j"$(nproc)" >&2 || true
gcovr --root "$here" --filter "$here/core/" --exclude-unreachable-branches --print-summary \
    --object-directory "$build" "$build" | tail -n 40
