#!/usr/bin/env bash
# Whole-process time and peak memory of `briefmap export` of the default view at 3840x2160
# (median of N runs) side by side with two peers on the same GeoPackage, extent, projection and
# size: Mapnik (polygon layers) and QGIS (every layer, place labels). Checks the images' sizes,
# the layers and the data's checksum before printing ratios; prints briefmap's phase timings
# (PNG encoding share).
# Usage: bench/export/run.sh [BRIEFMAP_BINARY] [RUNS]
#   env SIZE (3840x2160), JSON_OUT (write a summary for bench/run), NO_QGIS=1 (skip that peer)
# Needs python3-mapnik, python3-qgis (bench/run installs them).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bin=$(realpath "${1:-$root/build-bench/briefmap}")
runs=${2:-7}
size=${SIZE:-3840x2160}
work=$(mktemp -d)
trap '[ -n "${KEEP_WORK:-}" ] || rm -rf "$work"' EXIT
unset DISPLAY
export QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-$work}
py=/usr/bin/python3 # Debian's python3-mapnik and python3-qgis live in the system interpreter
measure=("$py" "$root/bench/lib/measure.py")
gpkg=$root/assets/briefmap.gpkg
$py -c 'import mapnik' 2>/dev/null || { echo "python3-mapnik missing: apt-get install python3-mapnik"; exit 77; }
qgis=1
[ -n "${NO_QGIS:-}" ] && qgis=0
if [ "$qgis" = 1 ] && ! $py -c 'import qgis.core' 2>/dev/null; then
    echo "python3-qgis missing: apt-get install python3-qgis qgis-providers"; exit 77
fi

# One untimed export: page cache, and the sidecar the peers take projection and extent from.
(cd "$work" && "$bin" export -o "$work/warm.png" --size "$size" >/dev/null)
read -r crs extent scale < <($py - "$work/warm.json" <<'EOF'
import json, sys
s = json.load(open(sys.argv[1]))
e = s["view"]["extent"]
print(s["crs"].replace(" ", "~"), f'{e["minx"]},{e["miny"]},{e["maxx"]},{e["maxy"]}', s["scale"])
EOF
)
crs=${crs//\~/ }
dpi=$(echo "96 * $scale" | bc -l)

"${measure[@]}" run --runs "$runs" --warmup 0 -- "$bin" export -o "$work/b.png" --size "$size" >"$work/b.time.json"
"${measure[@]}" run --runs "$runs" --warmup 1 --stderr "$work/m.log" -- \
    $py "$here/mapnik_render.py" "$gpkg" "$work/warm.json" "$work/m.png" >"$work/m.time.json"
if [ "$qgis" = 1 ]; then
    "${measure[@]}" run --runs "$runs" --warmup 1 --stdout "$work/q.out" -- \
        $py "$root/bench/qgis_render.py" --gpkg "$gpkg" --crs "$crs" --extent="$extent" \
        --size "$size" --dpi "$dpi" --labels --out "$work/q.png" >"$work/q.time.json"
fi
"$bin" export -o "$work/t.png" --size "$size" --timings 2>"$work/phases.txt" >/dev/null

# Comparability, then the summary (and JSON_OUT for bench/run).
$py - "$work" "$size" "$gpkg" "$qgis" "$runs" "${JSON_OUT:-}" <<'EOF'
import hashlib, json, struct, sys
work, size, gpkg, qgis, runs, json_out = sys.argv[1:7]
def dims(p):
    d = open(p, "rb").read(24)
    return "%dx%d" % struct.unpack(">II", d[16:24])
side = json.load(open(f"{work}/warm.json"))
layers = sorted(k for k, v in side["layers"].items() if v.get("visible", True))
sha = hashlib.sha256(open(gpkg, "rb").read()).hexdigest()
checks = []
def check(ok, what):
    checks.append({"ok": bool(ok), "what": what})
check(side["data"][0].get("sha256") == sha, "briefmap's embedded data is assets/briefmap.gpkg (sha256)")
check(dims(f"{work}/b.png") == size, f"briefmap image {dims(f'{work}/b.png')} = {size}")
check(dims(f"{work}/m.png") == size, f"mapnik image {dims(f'{work}/m.png')} = {size}")
poly = ["admin1", "areas", "countries"]
check(set(poly) <= set(layers), f"mapnik's polygon layers {poly} are among briefmap's {layers}")
b = json.load(open(f"{work}/b.time.json")); m = json.load(open(f"{work}/m.time.json"))
res = {"size": size, "runs": int(runs), "layers": layers, "briefmap": b, "mapnik": m,
       "mapnik_phases": open(f"{work}/m.log").read().strip(),
       "phases": open(f"{work}/phases.txt").read()}
print(f"image size            {size}")
print(f"briefmap export       {b['median_ms']/1000:.3f} s  peak {b['median_peak_rss_kb']/1024:.0f} MB  (median of {runs}, whole process: load, EGL, render, labels, furniture, PNG, sidecar)")
print(f"mapnik (python3)      {m['median_ms']/1000:.3f} s  peak {m['median_peak_rss_kb']/1024:.0f} MB  (median of {runs}, whole process, polygon layers only; {res['mapnik_phases']})")
if qgis == "1":
    q = json.load(open(f"{work}/q.time.json")); qo = json.loads(open(f"{work}/q.out").read())
    check(dims(f"{work}/q.png") == size, f"qgis image {dims(f'{work}/q.png')} = {size}")
    check(sorted(qo["layers"]) == layers, f"qgis layers {sorted(qo['layers'])} = briefmap's")
    res["qgis"] = q; res["qgis_phases"] = qo
    print(f"qgis (python3)        {q['median_ms']/1000:.3f} s  peak {q['median_peak_rss_kb']/1024:.0f} MB  (median of {runs}, whole process, every layer, place labels; "
          f"init {qo['init_ms']:.0f} ms, load {qo['load_ms']:.0f} ms, render {qo['first_render_ms']:.0f} ms, png {qo['png_ms']:.0f} ms)")
res["checks"] = checks
for c in checks:
    print(f"check {'ok  ' if c['ok'] else 'FAIL'}  {c['what']}")
ok = all(c["ok"] for c in checks)
if ok:
    print(f"ratio briefmap/mapnik {b['median_ms']/m['median_ms']:.2f}")
    if qgis == "1":
        print(f"ratio briefmap/qgis   {b['median_ms']/res['qgis']['median_ms']:.2f}")
if json_out:
    json.dump(res, open(json_out, "w"))
sys.exit(0 if ok else 1)
EOF
echo "briefmap phases (one run):"
sed 's/^/  /' "$work/phases.txt"
