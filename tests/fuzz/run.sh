#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan, build-fuzz/) and runs each for SECONDS.
#   tests/fuzz/run.sh [SECONDS=60] [TARGET...]     (targets: corpus html pdf linker session sidecar layer)
#   tests/fuzz/run.sh --runs N [TARGET...]          N inputs per target, fixed seed, fresh work
#                                                   folder: the same run every time (for CI)
# New inputs go to build-fuzz/fuzz-corpus/<target>/ (the committed seeds in tests/fuzz/seeds/
# are only read); a crash leaves build-fuzz/fuzz-artifacts/<target>-crash-* and fails the run.
# Turn every crash into a fixture under tests/fixtures/bad/ and a test in bad_input_test.cpp.
set -euo pipefail
runs=""
if [ "${1:-}" = "--runs" ]; then
    runs=$2
    shift 2
    secs=0
else
    secs=${1:-60}
    shift || true
fi
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(corpus html pdf linker session sidecar layer)
cd "$(dirname "$0")/../.."
build=${BRIEFMAP_FUZZ_BUILD:-build-fuzz}
command -v clang++ >/dev/null || { echo "run.sh: clang++ not found (apt-get install clang libclang-rt-14-dev)" >&2; exit 1; }
mkdir -p "$build"
cmake -S . -B "$build" -DBRIEFMAP_FUZZ=ON -DBUILD_TESTING=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ >"$build/configure.log" 2>&1 ||
    { cat "$build/configure.log" >&2; exit 1; }
cmake --build "$build" -j"$(nproc)" --target $(printf 'fuzz_%s ' "${targets[@]}")
mkdir -p "$build/fuzz-artifacts"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
status=0
for t in "${targets[@]}"; do
    work="$build/fuzz-corpus/$t"
    if [ -n "$runs" ]; then
        # Deterministic: a fixed seed, a fixed number of inputs, no corpus from earlier runs.
        rm -rf "$work"
        limit=(-runs="$runs" -seed=1)
        echo "== fuzz_$t for $runs inputs (seed 1)"
    else
        limit=(-max_total_time="$secs")
        echo "== fuzz_$t for ${secs}s"
    fi
    mkdir -p "$work"
    if ! "$build/tests/fuzz/fuzz_$t" "${limit[@]}" -timeout=20 -rss_limit_mb=2560 \
        -max_len=65536 -print_final_stats=1 -artifact_prefix="$build/fuzz-artifacts/$t-" \
        "$work" "tests/fuzz/seeds/$t" >"$build/fuzz-$t.log" 2>&1; then
        echo "fuzz_$t FAILED; see $build/fuzz-$t.log and $build/fuzz-artifacts/" >&2
        grep -E "ERROR|SUMMARY|runtime error|Test unit written" "$build/fuzz-$t.log" | head -8 >&2
        status=1
    fi
    grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb" "$build/fuzz-$t.log" |
        sed "s/^/   fuzz_$t /" || true
done
exit $status
