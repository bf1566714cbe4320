#!/usr/bin/env bash
# Real-news quality (issue 14), dev and holdout side by side: paragraph-level precision and
# recall of the default data and the linker against the hand labels in
# tests/fixtures/realnews/{dev,holdout}. Not a test: it prints figures for the trend.
#   bench/quality/run.sh [BUILD_DIR]     (default: build; configured and built if needed)
#   VERBOSE=1 bench/quality/run.sh       also prints the per-place table, misses and spurious links
set -euo pipefail
src="$(cd "$(dirname "$0")/../.." && pwd)"
build="${1:-$src/build}"
if [[ ! -f "$build/CMakeCache.txt" ]]; then
    cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
cmake --build "$build" -j2 --target briefmap_tests >/dev/null
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
BRIEFMAP_QUALITY_REPORT_ONLY=1 "$build/tests/briefmap_tests" \
    --gtest_filter='RealNewsQuality.Dev:RealNewsQuality.Holdout' >"$out" 2>&1 || {
    cat "$out"
    echo "run.sh: the quality tests failed (a broken set?), see above" >&2
    exit 1
}
[[ -n "${VERBOSE:-}" ]] && grep -v '^QUALITY' "$out" | grep -v '^\[' || true
echo "real news quality, $(git -C "$src" rev-parse --short HEAD 2>/dev/null || echo '?'), $(date -u +%F)"
grep '^== real news' "$out" || true
# QUALITY <set> <what> precision=P recall=R tp= fp= fn=  ->  one row per <what>, one column pair per set
awk '
/^QUALITY/ {
    set = $2; what = $3; p = $4; r = $5; sub("precision=", "", p); sub("recall=", "", r)
    if (!(what in seen)) { seen[what] = 1; order[++n] = what }
    cell[what, set] = sprintf("P %s  R %s", p, r); sets[set] = 1
}
END {
    printf "%-16s %-26s %-26s\n", "", "dev", "holdout"
    for (i = 1; i <= n; ++i) {
        w = order[i]
        d = ((w, "dev") in cell) ? cell[w, "dev"] : "-"
        h = ((w, "holdout") in cell) ? cell[w, "holdout"] : "- (not in this checkout)"
        printf "%-16s %-26s %-26s\n", w, d, h
    }
    print "targets: overall P >= 0.95, R >= 0.90; below-country R >= 0.85"
}' "$out"
