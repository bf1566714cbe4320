#!/usr/bin/env bash
# End to end (issue 15): File → Save workspace as… copies the workspace (articles, sources,
# view) to a new file and the window goes on in it: its title names the copy, the selection and
# passages stay, and what is imported next goes into the copy only.
source "$(dirname "$0")/lib.bash"
start_display
export BRIEFMAP_NO_FILE_CHOOSER=1
FX="$SRC/tests/fixtures/workspace"
W="$OUT/save-as"
rm -rf "$W"; mkdir -p "$W"
WS="$W/ws.gpkg"
COPY="$W/copies/copy.gpkg"
"$BIN" import --workspace "$WS" "$FX/news" >"$W/import.log" 2>&1 || { echo "FAIL: import"; cat "$W/import.log"; exit 1; }
S="$W/s.json"
start_app "$S" --workspace "$WS"
click_goris "$S"
N0=$(json "$S" "len(d['passages'])")
WID=$(xdotool search --pid "$APP_PID" --onlyvisible 2>/dev/null | head -1)
case "$(xdotool getwindowname "$WID")" in *ws.gpkg*) ;; *) echo "FAIL: title $(xdotool getwindowname "$WID")"; exit 1;; esac

focus_app
xdotool mousemove 25 10; sleep 0.2; xdotool click 1; sleep 0.5
# File rows: New workspace…, Open workspace…, Recent, Save workspace as…
xdotool mousemove 60 $((22 + 3 * 19 + 9)); sleep 0.3; xdotool click 1; sleep 0.5
shot save-as-01-form
xdotool type --delay 5 "$COPY"; sleep 0.2; xdotool key Return
for _ in $(seq 100); do case "$(xdotool getwindowname "$WID")" in *copy.gpkg*) break;; esac; sleep 0.1; done
case "$(xdotool getwindowname "$WID")" in *copy.gpkg*) ;; *) shot save-as-02-failed; echo "FAIL: title after Save As: $(xdotool getwindowname "$WID")"; cat "$OUT/app.log"; exit 1;; esac
wait_for "$S" "d['selected'].startswith('goris') and len(d['passages'])==$N0 and d['recent_workspaces'][0]=='$COPY'" || {
    echo "FAIL: after Save As: selected=$(json "$S" "d['selected']") passages=$(json "$S" "len(d['passages'])") recent=$(json "$S" "d['recent_workspaces']")"; exit 1; }
shot save-as-02-in-copy
echo "ok: saved as $COPY; the window names it and keeps Goris with $N0 passages"

# Dropped into the window now, an article goes into the copy, not the original.
printf -- '---\ntitle: After the copy\noutlet: Copy Times\ndate: 2023-12-16\nurl: https://example.org/copy\n---\n\nNews from Goris after the copy.\n' >"$W/after.md"
"$3/../tools/xdnd_drop" "$WID" 800 500 "$W/after.md" 2>/dev/null || {
    # Without the XDND tool: File → Import articles… (row 4, after the separator).
    xdotool mousemove 25 10; sleep 0.2; xdotool click 1; sleep 0.5
    xdotool mousemove 60 $((22 + 4 * 19 + 10)); sleep 0.3; xdotool click 1; sleep 0.5
    xdotool type --delay 5 "$W/after.md"; sleep 0.2; xdotool key Return; }
wait_for "$S" "len(d['passages'])==$N0+1" || { echo "FAIL: the new article is not shown"; exit 1; }
"$PY" - "$WS" "$COPY" <<'PYEOF' || exit 1
import sqlite3, sys
count = lambda f: sqlite3.connect(f).execute("select count(*) from briefmap_articles where outlet='Copy Times'").fetchone()[0]
total = lambda f: sqlite3.connect(f).execute("select count(*) from briefmap_articles").fetchone()[0]
assert count(sys.argv[1]) == 0 and count(sys.argv[2]) == 1, (count(sys.argv[1]), count(sys.argv[2]))
assert total(sys.argv[2]) == total(sys.argv[1]) + 1
print("ok: the copy holds everything plus the new article; the original is as it was")
PYEOF
