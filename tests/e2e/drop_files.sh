#!/usr/bin/env bash
# End to end (issue 15): files dropped on the window are imported by what they are: an article
# file and a folder of articles are linked (Goris gains their passages), a GeoJSON file becomes
# a layer; all of it kept in the workspace. The drop is a real XDND drag from another X client
# (tests/tools/xdnd_drop.c, as a file manager sends it): GLFW's own XDND handling receives it
# and calls briefmap's drop callback, the one a desktop drag reaches.
source "$(dirname "$0")/lib.bash"
DROP="$3/../tools/xdnd_drop"
[ -x "$DROP" ] || { echo "SKIP: tests/tools/xdnd_drop not built (libx11-dev)"; exit 77; }
start_display
FX="$SRC/tests/fixtures/workspace"
W="$OUT/drop-files"
rm -rf "$W"; mkdir -p "$W/folder"
WS="$W/ws.gpkg"
"$BIN" import --workspace "$WS" "$FX/news" >"$W/import.log" 2>&1 || { echo "FAIL: import"; cat "$W/import.log"; exit 1; }
cat >"$W/dropped article.md" <<'MD'
---
title: Bakery reopens in Goris
outlet: Drop Gazette
date: 2023-12-12
url: https://example.org/drop/bakery
---

An invented test article: a bakery in Goris reopened after the winter.
MD
for i in 1 2; do
    printf -- '---\ntitle: Folder item %s\noutlet: Drop Gazette\ndate: 2023-12-1%s\nurl: https://example.org/drop/%s\n---\n\nA convoy passed Goris, item %s.\n' $i $i $i $i >"$W/folder/f$i.md"
done
cp "$FX/hill.geojson" "$W/hill.geojson"

S="$W/s.json"
start_app "$S" --workspace "$WS"
click_goris "$S"
N0=$(json "$S" "len(d['passages'])")
L0=$(json "$S" "len(d['layers'])")

WID=$(xdotool search --pid "$APP_PID" --onlyvisible 2>/dev/null | head -1)
"$DROP" "$WID" 800 500 "$W/dropped article.md" "$W/folder" "$W/hill.geojson" || { echo "FAIL: the drop was not taken"; cat "$OUT/app.log"; exit 1; }
echo "ok: the window accepted the XDND drop"
wait_for "$S" "d['ui']['import'].startswith('done') and len(d['passages'])==$N0+3" || {
    shot drop-files-failed; echo "FAIL: after the drop: import=$(json "$S" "d['ui']['import']") passages=$(json "$S" "len(d['passages'])"), want $N0+3"; cat "$OUT/app.log"; exit 1; }
wait_for "$S" "len(d['layers'])==$L0+1 and any('hill.geojson' in k for k in d['layers'])" || {
    echo "FAIL: no hill layer: $(json "$S" "list(d['layers'])")"; exit 1; }
shot drop-files-done
"$PY" - "$WS" <<'PYEOF' || exit 1
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
n = c.execute("select count(*) from briefmap_articles where outlet='Drop Gazette'").fetchone()[0]
kinds = sorted(k for (k,) in c.execute("select kind from briefmap_sources where path like '%drop-files%'"))
assert n == 3, n
assert kinds == ["articles", "articles", "layer"], kinds
print("ok: the workspace keeps the 3 dropped articles and the layer")
PYEOF
echo "ok: dropped article, folder and layer linked and shown"
