#!/usr/bin/env bash
# The memory and time briefmap takes at each README limit (issue 13): a corpus file of 256 MiB,
# a paragraph of 64 MiB, a layer of 1,000,000 features, a feature of 5,000,000 vertices.
#
#   bench/limits/run.sh [BRIEFMAP]     (default build/briefmap)
#
# Makes the inputs under bench/work/limits/ (make_inputs.py; GeoJSON turned into GeoPackage by
# ogr2ogr), then runs `briefmap export` on each (the same Document::load the window does, plus
# one 1920x1080 image) under GNU time, and prints one line per input: wall seconds, peak RSS
# (GNU time's "Maximum resident set size") and briefmap's exit code; the raw `time -v` output
# is kept beside the inputs. The baseline is the default data alone. Not pass/fail.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bin=$(realpath "${1:-$root/build/briefmap}")
work=$root/bench/work/limits
mkdir -p "$work"
/usr/bin/python3 "$root/bench/limits/make_inputs.py" "$work"
for base in features_1m vertices_5m; do
    src=$work/$base.geojson
    [ -f "$src" ] || src=$work/$base.geojsonl
    if [ ! -s "$work/$base.gpkg" ]; then
        ogr2ogr --config OGR_GEOJSON_MAX_OBJ_SIZE 0 -f GPKG "$work/$base.gpkg.tmp" "$src" -nln "$base"
        mv "$work/$base.gpkg.tmp" "$work/$base.gpkg"
    fi
done

export EGL_PLATFORM=surfaceless
run() { # name, then briefmap's arguments after `export -o OUT.png --size 1920x1080`
    local name=$1
    shift
    local out=$work/$name.time
    local rc=0
    /usr/bin/time -v "$bin" export -o "$work/$name.png" --size 1920x1080 "$@" \
        >"$work/$name.stdout" 2>"$out" || rc=$?
    local wall rss
    wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$out")
    rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$out")
    printf '| %s | %s | %d MiB | %d |\n' "$name" "$wall" "$((rss / 1024))" "$rc"
}
echo "| input | wall (m:ss) | peak RSS | exit |"
echo "|---|---|---|---|"
run default_data
run corpus_256mib --corpus "$work/corpus_256mib.jsonl"
run paragraph_64mib --corpus "$work/paragraph_64mib.md"
run features_1m --data default --data "$work/features_1m.gpkg"
run vertices_5m --data default --data "$work/vertices_5m.gpkg"
