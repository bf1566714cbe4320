#!/usr/bin/env bash
# `briefmap places --json` lists the gazetteer with ids, aliases and lon/lat inside the region.
set -u
bin=$1 src=$2 out=${3:-/tmp}
command -v python3 >/dev/null || { echo "skip: python3 not found"; exit 77; }
mkdir -p "$out"
"$bin" places --json >"$out/places.json" 2>"$out/places.err" || { echo "FAIL: exit $?"; cat "$out/places.err"; exit 1; }
python3 - "$out/places.json" <<'PY' || exit 1
import json, sys
places = json.load(open(sys.argv[1], encoding="utf-8"))
by_id = {p["id"]: p for p in places}
for k in ("arm", "aze", "stepanakert", "jermuk", "nagorno-karabakh", "lachin-corridor"):
    assert k in by_id, k
s = by_id["stepanakert"]
assert "Khankendi" in s["aliases"], s
assert 46 < s["lon"] < 47.5 and 39.5 < s["lat"] < 40.2, s
for p in places:
    assert {"id", "name", "aliases", "kind", "lon", "lat"} <= p.keys(), p
print("ok: %d places" % len(places))
PY
"$bin" places | grep -q "^jermuk " || { echo "FAIL: plain listing"; exit 1; }
echo ok
