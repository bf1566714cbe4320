#!/usr/bin/env bash
# Bad input on the command line: problems go to stderr naming the file and the reason; the exit
# code is 1 only when nothing usable loaded, 3 with --strict when problems were reported, else 0.
# Never a crash (exit >= 128) or a hang (each run is bounded by timeout).
set -u
bin=$1 src=$2 out=${3:-/tmp}
bad="$src/tests/fixtures/bad"
out="$out/cli-bad-input"
rm -rf "$out" && mkdir -p "$out"
fails=0
n=0

# run NAME WANT_RC STDERR_REGEX -- ARGS...: runs briefmap, checks exit code and stderr.
run() {
    local name=$1 want=$2 re=$3
    shift 4
    n=$((n + 1))
    timeout 120 "$bin" "$@" >"$out/$name.out" 2>"$out/$name.err"
    local rc=$?
    if [ "$rc" -ne "$want" ]; then
        echo "FAIL $name: exit $rc, want $want ($*)"; sed 's/^/    /' "$out/$name.err" | head -5
        fails=$((fails + 1)); return
    fi
    if [ -n "$re" ] && ! grep -Eq -- "$re" "$out/$name.err"; then
        echo "FAIL $name: stderr lacks /$re/"; sed 's/^/    /' "$out/$name.err" | head -5
        fails=$((fails + 1)); return
    fi
    echo "ok   $name (exit $rc)"
}

# Nothing usable: exit 1, the reason on stderr.
run empty-gpkg 1 "empty.gpkg: empty file \(0 bytes\)" -- places --data "$bad/geo/empty.gpkg"
run truncated-gpkg 1 "truncated.gpkg: .*malformed" -- places --data "$bad/geo/truncated.gpkg"
run geojson-syntax 1 "syntax-truncated.geojson: line 4, character 1: Unterminated array" -- \
    places --data "$bad/geo/syntax-truncated.geojson"
run missing-data 1 "nope.gpkg: no such file" -- places --data "$bad/geo/nope.gpkg"
run garbage-corpus 1 "garbage.txt: not UTF-8 text" -- mentions --corpus "$bad/corpus/garbage.txt"
run empty-corpus 1 "empty.txt: empty file" -- mentions --corpus "$bad/corpus/empty.txt"
run missing-corpus 1 "no such file or folder" -- mentions --corpus "$bad/corpus/none.txt"
mkfifo "$out/fifo.txt"
run fifo-corpus 1 "fifo.txt: not a regular file" -- mentions --corpus "$out/fifo.txt"

# Something usable: exit 0 with the problems on stderr; --strict turns them into exit 3.
run no-crs 0 "places.shp: layer places: has no CRS" -- places --data "$bad/geo/no-crs/places.shp"
run no-crs-strict 3 "has no CRS" -- places --strict --data "$bad/geo/no-crs/places.shp"
run bowtie 0 "feature 0 \(id=bowtie\): invalid polygon .*MakeValid" -- \
    places --data "$bad/geo/self-intersecting.geojson"
run nan 0 "nan.geojson: layer nan, feature 1 \(id=nan-line\): non-finite" -- \
    places --data "$bad/geo/nan.geojson"
run nan-strict 3 "non-finite" -- places --strict --json --data "$bad/geo/nan.geojson"
run duplicate-ids 0 "duplicate-ids.geojson: layer duplicate-ids, feature 1 \(id=goris\): duplicate id" -- \
    places --data "$bad/names/duplicate-ids.geojson"
run ambiguous 0 "ambiguous-alias.geojson: .*\"Akna\" also names id=aghdam-town .*ambiguous" -- \
    places --data "$bad/names/ambiguous-alias.geojson"
run broken-jsonl 0 "broken.jsonl: line 2: bad JSON" -- mentions --corpus "$bad/corpus/broken.jsonl"
run broken-jsonl-strict 3 "broken.jsonl: line 3: not a JSON object" -- \
    mentions --strict --corpus "$bad/corpus/broken.jsonl"
run impossible-date 0 "impossible-date.txt: line 4: impossible date \"Feb 30 2023\"" -- \
    mentions --corpus "$bad/corpus/impossible-date.txt"
run invalid-utf8 0 "invalid-utf8.txt: byte 50: invalid UTF-8" -- \
    mentions --json --corpus "$bad/corpus/invalid-utf8.txt"
run folder-with-dir 0 "subdir.txt: is a directory" -- mentions --corpus "$bad/corpus/folder-with-dir"
# The default data and corpus load without problems, so --strict passes.
run default-strict 0 "" -- places --strict
run default-mentions-strict 0 "" -- mentions --strict --place Jermuk

# Paths with spaces and non-ASCII letters work end to end.
dir="$bad/paths/dir with spaces"
run odd-paths 0 "" -- mentions --strict --place Yerevan --data "$dir/Ереван данные.geojson" \
    --corpus "$dir/статья Երևան 1.txt"
grep -q "Report from Yerevan" "$out/odd-paths.out" || { echo "FAIL odd-paths: no passage"; fails=$((fails + 1)); }

# The 50 MB single-line paragraph: linked in seconds, the mention at its end found.
big="$out/50mb line.txt"
python3 - "$big" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("One enormous paragraph\n\nTest Wire\nDec 8 2023\n\n")
    chunk = "lorem ipsum dolor sit amet consectetur adipiscing elit sed do " * 1024
    for _ in range((50 << 20) // len(chunk) + 1):
        f.write(chunk)
    f.write("and at the very end Jermuk.\n")
PY
run fifty-mb 0 "" -- mentions --strict --place Jermuk --corpus "$big"
grep -q "1 passage" "$out/fifty-mb.out" || { echo "FAIL fifty-mb: passage not found"; fails=$((fails + 1)); }
rm -f "$big"

# Export: a session or sidecar it cannot use is a usage error (2) with the file and reason.
run session-future 2 "future-version.json: version: written by a newer briefmap" -- \
    export -o "$out/x.png" --session "$bad/session/future-version.json"
run session-dir 2 "session: is a directory" -- export -o "$out/x.png" --session "$bad/session"
run sidecar-version 2 "version-string.json: version: missing or not an integer|version-string.json: .*not an integer" -- \
    export -o "$out/x.png" --from "$bad/sidecar/version-string.json"
run sidecar-truncated 2 "truncated.json: byte [0-9]+: not valid JSON" -- \
    export -o "$out/x.png" --from "$bad/sidecar/truncated.json"
run export-nothing 1 "nothing usable loaded" -- export -o "$out/x.png" --data "$bad/geo/empty.gpkg"
[ -e "$out/x.png" ] && { echo "FAIL: a failed export wrote x.png"; fails=$((fails + 1)); }
run export-strict 3 "has no CRS" -- export --strict -o "$out/x.png" --size 64x64 \
    --data "$bad/geo/no-crs/places.shp"
[ -e "$out/x.png" ] && { echo "FAIL: --strict export wrote x.png"; fails=$((fails + 1)); }

echo "$((n - fails))/$n cases ok"
[ "$fails" -eq 0 ]
