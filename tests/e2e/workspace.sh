#!/usr/bin/env bash
# End to end: articles imported into a workspace (`briefmap import`) are linked in the window
# opened with --workspace: clicking Goris shows its passages, the workspace's among them, as
# many as `mentions --workspace` counts. Quit (Ctrl+Q) and start again with a fresh session
# file: the workspace alone brings back the selection and the same passages.
# Then File → Import articles… with the typed path (no file chooser): the new article's
# passage is shown at once and kept in the workspace.
source "$(dirname "$0")/lib.bash"
start_display
export BRIEFMAP_NO_FILE_CHOOSER=1
FX="$SRC/tests/fixtures/workspace"
W="$OUT/workspace-e2e"
rm -rf "$W"; mkdir -p "$W"
WS="$W/ws.gpkg"
"$BIN" import --workspace "$WS" "$FX/news" >"$W/import.log" 2>&1 || { echo "FAIL: import"; cat "$W/import.log"; exit 1; }
read -r N_WS N_DEFAULT LON LAT < <("$PY" - "$BIN" "$WS" <<'PYEOF'
import json, subprocess, sys
def goris(*extra):
    d = json.loads(subprocess.run([sys.argv[1], "mentions", "--place", "Goris", "--json", *extra],
                                  capture_output=True, text=True, check=True).stdout)
    return d["places"][0]
pl = json.loads(subprocess.run([sys.argv[1], "places", "--json"], capture_output=True, text=True).stdout)
gid = goris()["id"]
g = [p for p in pl if p["id"] == gid][0]
print(len(goris("--workspace", sys.argv[2])["passages"]), len(goris()["passages"]), g["lon"], g["lat"])
PYEOF
)
[ "$N_WS" -gt "$N_DEFAULT" ] || { echo "FAIL: the workspace adds no Goris passages ($N_WS vs $N_DEFAULT)"; exit 1; }
echo "Goris: $N_WS passages with the workspace, $N_DEFAULT without"

S="$W/s1.json"
start_app "$S" --workspace "$WS"
wait_for "$S" "'viewport' in d" || { echo "FAIL: no viewport in the session"; exit 1; }
sleep 1
read -r X Y < <(screen_of "$S" "$LON" "$LAT")
xdotool mousemove "$X" "$Y"; sleep 0.3; xdotool click 1
if ! wait_for "$S" "d['selected']=='goris' or d['selected'].startswith('goris')"; then
    shot workspace-01-click-failed
    echo "FAIL: Goris not selected at ($X, $Y): $(json "$S" "d['selected']")"; cat "$OUT/app.log"; exit 1
fi
SEL=$(json "$S" "d['selected']")
wait_for "$S" "len(d['passages'])==$N_WS" || { echo "FAIL: $(json "$S" "len(d['passages'])") passages shown, want $N_WS"; exit 1; }
shot workspace-01-goris
IDS=$(json "$S" "sorted(p['article_id'] for p in d['passages'])")
echo "ok: $SEL selected with $N_WS passages"
# The view is kept in the workspace itself.
sleep 0.5
xdotool key ctrl+q
for _ in $(seq 100); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.1; done
kill -0 "$APP_PID" 2>/dev/null && { echo "FAIL: Ctrl+Q did not quit"; exit 1; }
"$PY" - "$WS" "$SEL" <<'PYEOF' || exit 1
import json, sqlite3, sys
c = sqlite3.connect(sys.argv[1])
st = json.loads(c.execute("select state from briefmap_view_state").fetchone()[0])
assert st["selected"] == sys.argv[2], st["selected"]
print("ok: the workspace holds the view state (selected %s)" % st["selected"])
PYEOF

# Again, with a new session file: the state comes from the workspace.
S2="$W/s2.json"
start_app "$S2" --workspace "$WS"
wait_for "$S2" "d['selected']=='$SEL' and len(d['passages'])==$N_WS" || {
    echo "FAIL: reopened: selected=$(json "$S2" "d['selected']") passages=$(json "$S2" "len(d['passages'])")"; exit 1; }
[ "$(json "$S2" "sorted(p['article_id'] for p in d['passages'])")" = "$IDS" ] || { echo "FAIL: other passages after reopening"; exit 1; }
shot workspace-02-reopened
echo "ok: reopened with the same selection and passages"

# File → Import articles…: the form, the path typed, Enter.
cat >"$W/new.md" <<'MD'
---
title: Market day in Goris
outlet: Test Weekly
date: 2023-12-11
url: https://example.org/test-weekly/market
---

An invented test article: the market in Goris reopened, traders said.
MD
xdotool mousemove 25 10; sleep 0.2; xdotool click 1; sleep 0.5
shot workspace-03-file-menu
# The menu's items, top to bottom: New workspace…, Open workspace…, Recent, Save workspace as…, (separator), Import articles…
FH=19  # a menu row at the default font (window scale 1 under Xvfb)
xdotool mousemove 60 $((22 + 4 * FH + 10)); sleep 0.3; xdotool click 1; sleep 0.5
shot workspace-04-import-form
xdotool type --delay 5 "$W/new.md"; sleep 0.2; xdotool key Return
if ! wait_for "$S2" "len(d['passages'])==$N_WS+1"; then
    shot workspace-05-import-failed
    echo "FAIL: after File → Import: $(json "$S2" "len(d['passages'])") passages, want $((N_WS + 1))"; cat "$OUT/app.log"; exit 1
fi
shot workspace-05-imported
"$PY" -c "import sqlite3,sys; n=sqlite3.connect(sys.argv[1]).execute(\"select count(*) from briefmap_articles where outlet='Test Weekly'\").fetchone()[0]; assert n==1, n" "$WS" || { echo "FAIL: the article is not in the workspace"; exit 1; }
echo "ok: File → Import articles… linked the new article at once and kept it"
