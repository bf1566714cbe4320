#!/usr/bin/env bash
# End to end (issue 15): Ctrl+V pastes an article. Text put on the clipboard with xclip (as a
# copy from a browser leaves it); Ctrl+V opens the form prefilled with its guesses (title = the
# first line, URL and outlet from the link in it); the date it lacks is typed; Import stores
# it in the workspace and Goris shows its passage.
source "$(dirname "$0")/lib.bash"
command -v xclip >/dev/null || { echo "SKIP: xclip not installed (run .ci/deps)"; exit 77; }
start_display
FX="$SRC/tests/fixtures/workspace"
W="$OUT/paste-article"
rm -rf "$W"; mkdir -p "$W"
WS="$W/ws.gpkg"
"$BIN" import --workspace "$WS" "$FX/news" >"$W/import.log" 2>&1 || { echo "FAIL: import"; cat "$W/import.log"; exit 1; }
S="$W/s.json"
start_app "$S" --workspace "$WS"
click_goris "$S"
N0=$(json "$S" "len(d['passages'])")

printf 'Clinic opens in Goris\n\nA new clinic opened in Goris on Monday, the ministry said.\n\nSource: https://www.example.org/clinic-goris\n' | xclip -selection clipboard
focus_app
xdotool key ctrl+v
wait_for "$S" "'paste-import' in d['ui']['controls']" || { shot paste-01-failed; echo "FAIL: Ctrl+V opened no form"; cat "$OUT/app.log"; exit 1; }
sleep 0.3
shot paste-01-form
click_control "$S" paste-date
sleep 0.2
xdotool type --delay 20 "2023-12-14"
sleep 0.3
shot paste-02-filled
click_control "$S" paste-import
wait_for "$S" "'paste-import' not in d['ui']['controls'] and len(d['passages'])==$N0+1" || {
    shot paste-03-failed; echo "FAIL: after Import: $(json "$S" "len(d['passages'])") passages, want $N0+1"; cat "$OUT/app.log"; exit 1; }
shot paste-03-imported
"$PY" - "$WS" <<'PYEOF' || exit 1
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
rows = c.execute("select title, outlet, date, url from briefmap_articles where title like 'Clinic%'").fetchall()
assert rows == [("Clinic opens in Goris", "example.org", "2023-12-14", "https://www.example.org/clinic-goris")], rows
print("ok: the workspace holds the pasted article:", rows[0])
PYEOF
echo "ok: Ctrl+V, the date typed, Import: Goris shows the pasted passage"
