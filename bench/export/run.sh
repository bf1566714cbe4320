#!/usr/bin/env bash
# Whole-process time of `briefmap export` of the default view at 3840x2160 (median of N runs)
# side by side with Mapnik rendering the polygon layers of the same GeoPackage at the same size
# and extent; prints the ratio and briefmap's phase timings (PNG encoding share).
# Usage: bench/export/run.sh [BRIEFMAP_BINARY] [RUNS]   (needs python3-mapnik)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bin=${1:-$root/build-export/briefmap}
runs=${2:-7}
size=${SIZE:-3840x2160}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
unset DISPLAY
py=/usr/bin/python3  # Debian's python3-mapnik lives in the system interpreter
$py -c 'import mapnik' 2>/dev/null || { echo "python3-mapnik missing: apt-get install python3-mapnik"; exit 77; }

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
now() { date +%s.%N; }

"$bin" export -o "$work/warm.png" --size "$size" >/dev/null  # page cache, sidecar for Mapnik
bm=()
for i in $(seq "$runs"); do
    t0=$(now); "$bin" export -o "$work/b.png" --size "$size" >/dev/null; t1=$(now)
    bm+=("$(echo "$t1 - $t0" | bc -l)")
done
mk=()
for i in $(seq "$runs"); do
    t0=$(now); $py "$here/mapnik_render.py" "$root/assets/briefmap.gpkg" "$work/warm.json" "$work/m.png" 2>"$work/m.log"; t1=$(now)
    mk+=("$(echo "$t1 - $t0" | bc -l)")
done
dims() { $py -c 'import struct,sys; d=open(sys.argv[1],"rb").read(24); print("%dx%d" % struct.unpack(">II", d[16:24]))' "$1"; }
[ "$(dims "$work/b.png")" = "$size" ] || { echo "briefmap image is $(dims "$work/b.png"), not $size"; exit 1; }
[ "$(dims "$work/m.png")" = "$size" ] || { echo "mapnik image is $(dims "$work/m.png"), not $size"; exit 1; }
b=$(printf '%s\n' "${bm[@]}" | median)
m=$(printf '%s\n' "${mk[@]}" | median)
echo "image size            $size (both checked)"
printf 'briefmap export       %.3f s  (median of %d, whole process: load, EGL, render, labels, furniture, PNG, sidecar)\n' "$b" "$runs"
printf 'mapnik (python3)      %.3f s  (median of %d, whole process; %s)\n' "$m" "$runs" "$(cat "$work/m.log")"
printf 'ratio briefmap/mapnik %.2f\n' "$(echo "$b / $m" | bc -l)"
echo "briefmap phases (one run):"
"$bin" export -o "$work/t.png" --size "$size" --timings 2>&1 >/dev/null | sed 's/^/  /'
