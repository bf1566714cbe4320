#!/usr/bin/env bash
# End to end (issue 15): File → Import articles… of a folder runs in the background: the bar
# over the map shows files done of the total, the map still answers the keyboard meanwhile,
# Cancel stops it keeping exactly the files read before (the workspace holds them and Goris
# shows their passages), and a second import brings the rest; the unreadable file in the folder
# goes to the Problems tab. BRIEFMAP_IMPORT_DELAY_MS slows each file down so the bar is seen.
source "$(dirname "$0")/lib.bash"
start_display
export BRIEFMAP_NO_FILE_CHOOSER=1
export BRIEFMAP_IMPORT_DELAY_MS=150
FX="$SRC/tests/fixtures/workspace"
W="$OUT/import-progress"
rm -rf "$W"; mkdir -p "$W/many"
WS="$W/ws.gpkg"
"$BIN" import --workspace "$WS" "$FX/news" >"$W/import.log" 2>&1 || { echo "FAIL: import"; cat "$W/import.log"; exit 1; }
N=40
for i in $(seq -w 1 $N); do
    printf -- '---\ntitle: Wire item %s\noutlet: Progress Wire\ndate: 2023-12-05\nurl: https://example.org/wire/%s\n---\n\nShelling was reported near Goris overnight, item %s.\n' "$i" "$i" "$i" >"$W/many/item$i.md"
done
printf 'binary\000\001\002 junk' >"$W/many/zz-broken.md"  # read last; not text

S="$W/s.json"
start_app "$S" --workspace "$WS"
click_goris "$S"
N0=$(json "$S" "len(d['passages'])")
P0=$(json "$S" "int(d['ui']['problem_count'])")
echo "Goris: $N0 passages before, $P0 problems"

open_import() {
    focus_app
    xdotool mousemove 25 10; sleep 0.2; xdotool click 1; sleep 0.5
    # File menu rows: New workspace…, Open workspace…, Recent, Save workspace as…, (separator), Import articles…
    xdotool mousemove 60 $((22 + 4 * 19 + 10)); sleep 0.3; xdotool click 1; sleep 0.5
    xdotool type --delay 5 "$W/many"; sleep 0.2; xdotool key Return
}
open_import
wait_for "$S" "d['ui']['import'].startswith('running') and 'import-cancel' in d['ui']['controls']" || {
    shot import-progress-01-failed; echo "FAIL: no progress bar: $(json "$S" "d['ui']['import']")"; cat "$OUT/app.log"; exit 1; }
wait_for "$S" "int(d['ui']['import'].split()[1].split('/')[0]) >= 3" || { echo "FAIL: the import does not advance"; exit 1; }
[ "$(json "$S" "d['ui']['import'].split('/')[1]")" = "$((N + 1))" ] || { echo "FAIL: total $(json "$S" "d['ui']['import']"), want $((N + 1))"; exit 1; }
shot import-progress-01-running
echo "ok: progress shown: $(json "$S" "d['ui']['import']")"

# The map answers while the import runs: an arrow key pans the view.
V0=$(json "$S" "d['view']")
xdotool key Left
wait_for "$S" "str(d['view']) != '''$V0''' and d['ui']['import'].startswith('running')" || {
    echo "FAIL: the view did not move during the import"; exit 1; }
echo "ok: the map panned during the import"

click_control "$S" import-cancel
wait_for "$S" "'cancelled' in d['ui']['import']" || { shot import-progress-02-failed; echo "FAIL: not cancelled: $(json "$S" "d['ui']['import']")"; exit 1; }
K=$("$PY" -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(\"select count(*) from briefmap_articles where outlet='Progress Wire'\").fetchone()[0])" "$WS")
[ "$K" -gt 0 ] && [ "$K" -lt "$N" ] || { echo "FAIL: $K of $N articles after Cancel"; exit 1; }
DONE=$(json "$S" "d['ui']['import'].split()[1].split('/')[0]")
[ "$DONE" = "$K" ] || { echo "FAIL: $DONE files read but $K articles kept"; exit 1; }
wait_for "$S" "len(d['passages'])==$N0+$K" || { echo "FAIL: $(json "$S" "len(d['passages'])") passages after Cancel, want $N0+$K"; exit 1; }
shot import-progress-02-cancelled
echo "ok: cancelled after $K files: they are kept and shown"

open_import
wait_for "$S" "d['ui']['import'].startswith('running')" || { echo "FAIL: second import not started"; exit 1; }
for _ in $(seq 4); do wait_for "$S" "d['ui']['import'].startswith('done')" && break; done
[ "$(json "$S" "d['ui']['import']")" = "done $((N + 1))/$((N + 1))" ] || { echo "FAIL: $(json "$S" "d['ui']['import']")"; exit 1; }
wait_for "$S" "len(d['passages'])==$N0+$N" || { echo "FAIL: $(json "$S" "len(d['passages'])") passages, want $N0+$N"; exit 1; }
wait_for "$S" "int(d['ui']['problem_count']) > $P0" || { echo "FAIL: the broken file is not in the Problems tab"; exit 1; }
shot import-progress-03-done
echo "ok: the second import brought the rest ($N articles in all) and reported the broken file"
