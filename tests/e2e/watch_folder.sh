#!/usr/bin/env bash
# End to end (issue 15): File → Watch folder… on an empty folder; a file copied into it is
# imported and linked while the window runs (Goris gains its passage; the time it took is
# printed, not judged); the folder is kept in the workspace as a watched source; after a
# restart a file that came while briefmap was closed is imported at once and the watch is
# armed again (a third file appears too).
source "$(dirname "$0")/lib.bash"
start_display
export BRIEFMAP_NO_FILE_CHOOSER=1
FX="$SRC/tests/fixtures/workspace"
W="$OUT/watch-folder"
rm -rf "$W"; mkdir -p "$W/inbox"
WS="$W/ws.gpkg"
"$BIN" import --workspace "$WS" "$FX/news" >"$W/import.log" 2>&1 || { echo "FAIL: import"; cat "$W/import.log"; exit 1; }
article() {  # article FILE N
    printf -- '---\ntitle: Inbox item %s\noutlet: Inbox Wire\ndate: 2023-12-15\nurl: https://example.org/inbox/%s\n---\n\nA checkpoint near Goris reopened, item %s.\n' "$2" "$2" "$2" >"$1"
}
select_goris() { click_goris "$S"; }
S="$W/s.json"
start_app "$S" --workspace "$WS"
select_goris
N0=$(json "$S" "len(d['passages'])")

focus_app
xdotool mousemove 25 10; sleep 0.2; xdotool click 1; sleep 0.5
# File rows: New, Open, Recent, Save workspace as…, (separator), Import, Add layer, Paste article, Watch folder…
xdotool mousemove 60 $((22 + 7 * 19 + 10)); sleep 0.3; xdotool click 1; sleep 0.5
shot watch-01-form
xdotool type --delay 5 "$W/inbox"; sleep 0.2; xdotool key Return
wait_for "$S" "d['ui']['import'] == 'done 0/0'" || { shot watch-01-failed; echo "FAIL: the watch did not start: import=$(json "$S" "d['ui']['import']")"; cat "$OUT/app.log"; exit 1; }
"$PY" -c "import sqlite3,sys; r=sqlite3.connect(sys.argv[1]).execute(\"select path from briefmap_sources where kind='watched'\").fetchall(); assert r==[(sys.argv[2],)], r" "$WS" "$W/inbox" || { echo "FAIL: no watched source"; exit 1; }
echo "ok: watching $W/inbox (a watched source in the workspace)"

article "$W/one.tmp" 1
T0=$(date +%s.%N)
cp "$W/one.tmp" "$W/inbox/one.md"
wait_for "$S" "len(d['passages'])==$N0+1" || { shot watch-02-failed; echo "FAIL: the new file was not linked: $(json "$S" "len(d['passages'])") passages"; cat "$OUT/app.log"; exit 1; }
T1=$(date +%s.%N)
shot watch-02-linked
echo "ok: a file copied into the folder was linked; seen $(echo "$T1 - $T0" | bc) s after the copy (includes the session file's polling)"

xdotool key ctrl+q
for _ in $(seq 100); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.1; done
kill -0 "$APP_PID" 2>/dev/null && { echo "FAIL: Ctrl+Q did not quit"; exit 1; }
article "$W/inbox/two.md" 2  # while briefmap is closed

S="$W/s2.json"
start_app "$S" --workspace "$WS"
select_goris
wait_for "$S" "len(d['passages'])==$N0+2" || { echo "FAIL: the file added while closed was not imported: $(json "$S" "len(d['passages'])")"; exit 1; }
echo "ok: the file added while closed was imported when the workspace opened"
mkdir -p "$W/inbox/sub"
article "$W/inbox/sub/three.md" 3
wait_for "$S" "len(d['passages'])==$N0+3" || { shot watch-03-failed; echo "FAIL: the watch was not re-armed: $(json "$S" "len(d['passages'])")"; exit 1; }
shot watch-03-rearmed
"$PY" -c "import sqlite3,sys; n=sqlite3.connect(sys.argv[1]).execute(\"select count(*) from briefmap_articles where outlet='Inbox Wire'\").fetchone()[0]; assert n==3, n" "$WS" || { echo "FAIL: the workspace lacks the inbox articles"; exit 1; }
echo "ok: re-armed after the restart: a file in a new subfolder was linked too"
