#!/usr/bin/env bash
# Builds the benchmarks in Release and runs them, then prints a summary table of their RESULT lines.
# They print figures and never fail on timings. Needs libsqlite3-dev (bench_job_insert links SQLite).
#   DOPT_BENCH_BUILD_DIR   build folder (default build-bench)
#   DOPT_BENCH_DIR         cache folder of the 1,000,000-job workspace (default $TMPDIR/dopt-bench)
#   DOPT_BENCH_JOBS        size of the browser workspace (default 1000000)
#   DOPT_BENCH_INSERT_JOBS jobs for the insert benchmark (default 200000)
#   DOPT_BENCH_ANALYSIS_JOBS jobs of the generated workspace bench_analysis analyses (default 100000)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
build="${DOPT_BENCH_BUILD_DIR:-$here/build-bench}"
cache="${DOPT_BENCH_DIR:-${TMPDIR:-/tmp}/dopt-bench}"
jobs="${DOPT_BENCH_JOBS:-1000000}"
insert_jobs="${DOPT_BENCH_INSERT_JOBS:-200000}"
benches=(bench_profile_parse bench_job_insert bench_browser_open_filter bench_pg_log_import bench_detector_quality
    bench_analysis bench_scalar_subquery_rewrite)

cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" --target "${benches[@]}" dremio-optimizer-cli -- -j"${DOPT_BUILD_JOBS:-2}"

export QT_QPA_PLATFORM=offscreen
logs="$(mktemp -d)"
trap 'rm -rf "$logs"' EXIT
run() {
    local name="$1"
    shift
    echo "== $name $*"
    "$build/tests/bench/$name" "$@" | tee "$logs/$name.log"
    echo
}
run bench_profile_parse
run bench_job_insert --jobs "$insert_jobs"
run bench_browser_open_filter --jobs "$jobs" --dir "$cache"
run bench_pg_log_import --entries "${DOPT_BENCH_LOG_ENTRIES:-200000}"
run bench_detector_quality
run bench_analysis --jobs "${DOPT_BENCH_ANALYSIS_JOBS:-100000}"
run bench_scalar_subquery_rewrite

echo "== summary"
printf '%-52s %18s  %s\n' "benchmark" "figure" "goal"
grep -h '^RESULT' "$logs"/*.log | while read -r _ name rest; do
    figure="${rest%% goal*}"
    label="$name"
    [[ "$figure" == *" "* ]] && label="$name ${figure% *}"
    printf '%-52s %18s  %s\n' "$label" "${figure##* }" "goal${rest#*goal}"
done
grep -h ' ms  ' "$logs/bench_browser_open_filter.log" | while IFS= read -r line; do
    step="$(printf '%s' "$line" | cut -c1-52 | sed 's/ *$//')"
    ms="$(printf '%s' "$line" | cut -c54- | awk '{print $1}')"
    verdict="$(printf '%s' "$line" | awk '{for (i = 1; i <= NF; ++i) if ($i == "ms") {print ($(i+1) == "ok" ? "< 100 ms met" : "< 100 ms NOT met"); exit}}')"
    printf '%-52s %15s ms  %s\n' "$step" "$ms" "$verdict"
done
