#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (build-fuzz/) and runs each for N seconds (default 20)
# or, with RUNS=n, for n executions. Seeds come from ../shared/data/dremio when present.
# SEED fixes libFuzzer's random seed (default 1, so a test run explores the same inputs each time and a
# failure reproduces); SEED=0 draws a new one, for longer exploratory runs. Crash inputs land in build-fuzz/.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
seconds="${1:-20}"
build="$here/build-fuzz"
CC=clang CXX=clang++ cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDOPT_FUZZ=ON \
    -DDOPT_BUILD_GUI=OFF >&2
# Only the fuzz targets: the rest of the project does not link against the instrumented engine.
targets=()
for source in "$here"/tests/fuzz/fuzz_*.cpp; do targets+=("$(basename "$source" .cpp)"); done
cmake --build "$build" -j"$(nproc)" --target "${targets[@]}" >&2
shared="$here/../shared/data/dremio"
status=0
for name in "${targets[@]}"; do
    fuzzer="$build/tests/fuzz/$name"
    corpus="$build/corpus/$name"
    mkdir -p "$corpus"
    # Each target gets only the seeds of its own format: a 1 MB profile fed to the CSV reader or the SQL tokenizer
    # only slows every execution down without reaching new code.
    case "$name" in
        fuzz_sql_*) max_len=4096; seeds=() ;;
        fuzz_zip) max_len=65536; seeds=("$shared"/*.zip) ;;
        fuzz_queries_log) max_len=65536; seeds=("$shared"/queries_log*.json) ;;
        fuzz_pg_log) max_len=65536; seeds=("$here"/tests/fuzz/seeds/pg_log/*) ;;
        fuzz_history_dump) max_len=65536; seeds=("$shared"/sys_jobs_recent*.json "$shared"/cloud_*.json) ;;
        *) max_len=262144; seeds=("$shared"/profile_*.json) ;;
    esac
    max_len="${MAX_LEN:-$max_len}"
    [[ ${#seeds[@]} -gt 0 ]] && cp -n "${seeds[@]}" "$corpus"/ 2>/dev/null || true
    limit=(-max_total_time="$seconds")
    [[ -n "${RUNS:-}" ]] && limit=(-runs="$RUNS")
    echo "== $name" >&2
    if ! "$fuzzer" "${limit[@]}" -seed="${SEED:-1}" -artifact_prefix="$build/$name-" -max_len="$max_len" -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 "$corpus" \
        >"$build/$name.log" 2>&1; then
        echo "FUZZER FAILED: $name (see $build/$name.log)" >&2
        tail -40 "$build/$name.log" >&2
        status=1
    else
        grep -E 'stat::number_of_executed_units|Done' "$build/$name.log" | tail -2 >&2
    fi
done
exit $status
