#!/usr/bin/env bash
# Any file a user hands briefmap (issue 13), on the command line: no hang on kernel files or
# FIFOs beside the data, no network from a .vrt, absurd sidecars refused (exit 2) naming the file,
# file contents never echoed, and an export pair that stays consistent when the export is
# killed at any moment (kill -9 in a loop: never a PNG with a sidecar of another image accepted
# by --from, never a temporary file left behind).
# Usage: robust.sh <briefmap-binary> <source-dir> <output-dir>
set -u
bin=$1 src=$2
bad="$src/tests/fixtures/bad"
out=${3:-/tmp}/cli-robust
rm -rf "$out" && mkdir -p "$out"
unset DISPLAY WAYLAND_DISPLAY
fails=0

# run NAME WANT_RC STDERR_REGEX -- ARGS...
run() {
    local name=$1 want=$2 re=$3
    shift 4
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

# Hangs (each bounded by timeout: exit 124 would fail the check).
[ -e /proc/kmsg ] && run kmsg 1 "/proc/kmsg: a kernel file" -- mentions --corpus /proc/kmsg
mkdir -p "$out/shp"
cp "$bad/hang/shp/points.shp" "$bad/hang/shp/points.shx" "$bad/hang/shp/points.prj" "$out/shp/"
mkfifo "$out/shp/points.dbf"
run shp-fifo-dbf 1 "points.dbf: not a regular file" -- places --data "$out/shp/points.shp"
run vrt-proc 0 "/proc/self/status: a kernel file" -- places --data "$bad/hang/vrt-proc-source.vrt"

# Network: a .vrt naming /vsicurl/ is refused (port 9 on the loopback: nothing to reach anyway).
run vrt-network 0 "does not reach the network" -- places --data "$bad/network/vrt-vsicurl-source.vrt"

# Contents never echoed.
run passwd 0 "" -- mentions --corpus /etc/passwd
if grep -q "root:" "$out/passwd.err"; then
    echo "FAIL passwd: stderr echoes /etc/passwd"; fails=$((fails + 1))
fi

# Symlink loop in a corpus folder: no 'terminate called'.
mkdir -p "$out/loop"
printf 'Quiet night\n\nTest Wire\nDecember 8, 2023\n\nJermuk reported a quiet night.\n' >"$out/loop/a.txt"
ln -s loop.txt "$out/loop/loop.txt"
run corpus-loop 0 "" -- mentions --corpus "$out/loop"

# Absurd sidecars: exit 2, the file named.
run huge-center 2 "huge-center.json: view" -- export -o "$out/x.png" --from "$bad/sidecar/huge-center.json"
run huge-res 2 "huge-res.json: view" -- export -o "$out/x.png" --from "$bad/sidecar/huge-res.json"
run huge-session 2 "huge-view.json: view extent" -- export -o "$out/x.png" --session "$bad/session/huge-view.json"

# The export pair. Skipped without headless EGL.
"$bin" export -o "$out/p.png" --size 320x200 --scale 1 >"$out/p.log" 2>&1
rc=$?
if [ $rc -ne 0 ] && grep -q "headless OpenGL" "$out/p.log"; then
    echo "skip: no headless EGL here (export pair not checked)"
    [ $fails -eq 0 ] && exit 0 || exit 1
fi
[ $rc -eq 0 ] || { echo "FAIL export: exit $rc"; cat "$out/p.log"; fails=$((fails + 1)); }
run from-png 0 "" -- export -o "$out/q.png" --from "$out/p.png"
run from-json 0 "" -- export -o "$out/r.png" --from "$out/p.json"
cp "$out/q.png" "$out/p.png"  # the image replaced: the old sidecar no longer describes it
run stale-sidecar 2 "p.json: png_sha256: .*--from .*p.png" -- export -o "$out/x.png" --from "$out/p.json"

# kill -9 at varying moments of repeated exports to the same OUT.png. After each kill: the pair
# is either consistent or --from OUT.json refuses it; --from OUT.png always works; no litter.
k="$out/kill"
mkdir -p "$k"
"$bin" export -o "$k/out.png" --size 480x300 --scale 1 --title "round 0" >/dev/null 2>&1
consistent=0 refused=0
for round in $(seq 1 12); do
    "$bin" export -o "$k/out.png" --size 480x300 --scale 1 --title "round $round" >/dev/null 2>&1 &
    pid=$!
    # Spread the kills over the export's life: 0 to ~1.5 s in uneven steps.
    sleep "$(awk -v r="$round" 'BEGIN { printf "%.3f", (r * 7919 % 1500) / 1000 }')"
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    litter=$(find "$k" -name '*.tmp-*' | wc -l)
    if [ "$litter" -ne 0 ]; then
        echo "FAIL kill round $round: temporary files left: $(ls "$k")"; fails=$((fails + 1))
    fi
    timeout 120 "$bin" export -o "$k/check.png" --size 480x300 --from "$k/out.json" \
        >"$k/from-json.log" 2>&1
    rc=$?
    if [ $rc -eq 0 ]; then
        consistent=$((consistent + 1))
    elif [ $rc -eq 2 ] && grep -q "png_sha256" "$k/from-json.log"; then
        refused=$((refused + 1))
    else
        echo "FAIL kill round $round: --from out.json exit $rc"; head -3 "$k/from-json.log"
        fails=$((fails + 1))
    fi
    if ! timeout 120 "$bin" export -o "$k/check.png" --size 480x300 --from "$k/out.png" \
        >"$k/from-png.log" 2>&1; then
        echo "FAIL kill round $round: --from out.png failed"; head -3 "$k/from-png.log"
        fails=$((fails + 1))
    fi
    rm -f "$k/check.png" "$k/check.json"
done
echo "ok   kill loop: 12 rounds, $consistent consistent pairs, $refused stale sidecars refused"

[ $fails -eq 0 ] || { echo "$fails failure(s)"; exit 1; }
echo "all robustness CLI checks passed"
