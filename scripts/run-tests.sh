#!/usr/bin/env bash
# Quick start 2: install what is missing, build, and run every test (ctest), then a short run of each fuzzer.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
"$here/scripts/install-deps.sh" debian-build-deps.txt debian-test-deps.txt
DOPT_BUILD_ARGS=(-DDOPT_WERROR=ON)
"$here/scripts/build.sh" "${DOPT_BUILD_ARGS[@]}"
build="${DOPT_BUILD_DIR:-$here/build}"
export QT_QPA_PLATFORM=offscreen
# packaging/deb also installs the .deb and starts /usr/bin/dremio-optimizer-cli --version when run as
# root (about a minute with the dependencies already present; the package is removed afterwards).
if [ "$(id -u)" = 0 ]; then export DOPT_TEST_INSTALL_DEB="${DOPT_TEST_INSTALL_DEB:-1}"; fi
ctest --test-dir "$build" --output-on-failure -j"$(nproc)" --timeout 900
"$here/scripts/run-fuzzers.sh" "${DOPT_FUZZ_SECONDS:-20}"
