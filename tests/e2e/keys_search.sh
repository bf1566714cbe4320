#!/usr/bin/env bash
# End to end with real keys (issue 17, "Panels and keys"): Ctrl+F focuses the place search from
# another tab; text typed fast (1 ms between keys) arrives whole, four quick Backspaces and a
# quick Ctrl+A included; Enter selects the first place listed; Esc in the search box empties it
# and keeps the selection; Esc in the Export dialog closes it and keeps the selection too.
source "$(dirname "$0")/lib.bash"
start_display
S="$OUT/keys_search.session.json"
rm -f "$S"
start_app "$S"
sleep 1
focus_app

click_control "$S" "tab:Layers"
sleep 0.3
xdotool key --delay 1 ctrl+f
wait_for "$S" "'search' in d['ui']['controls']" || { shot keys-01-failed; echo "FAIL: Ctrl+F did not bring the Places tab"; exit 1; }
xdotool type --delay 1 "Jermukxxxx"
xdotool key --delay 1 BackSpace BackSpace BackSpace BackSpace
if ! wait_for "$S" "d['search']=='Jermuk'"; then
    shot keys-01-typing
    echo "FAIL: typed 'Jermukxxxx' and 4 Backspaces fast, search is '$(json "$S" "d['search']")'"; exit 1
fi
echo "ok: Ctrl+F from the Layers tab, fast typing and Backspaces: '$(json "$S" "d['search']")'"
# A quick Ctrl+A and typing replace the whole text.
xdotool key --delay 1 ctrl+a
xdotool type --delay 1 "Goris"
wait_for "$S" "d['search']=='Goris'" || { echo "FAIL: Ctrl+A and 'Goris' gave '$(json "$S" "d['search']")'"; exit 1; }
shot keys-02-search
echo "ok: Ctrl+A and typing: 'Goris'"

# Enter selects the first place listed: sorted by passages, the most cited match (then by name).
WANT=$("$BIN" mentions --json | "$PY" -c "
import json, sys, subprocess
m = json.load(sys.stdin)
counts = {pl['id']: len(pl['passages']) for pl in m['places']}
places = json.loads(subprocess.run(['$BIN', 'places', '--json'], capture_output=True, text=True).stdout)
hits = [p for p in places if 'goris' in (p['name'] + ' ' + ' '.join(p.get('aliases', []))).lower() or 'goris' in p['id']]
hits.sort(key=lambda p: (-counts.get(p['id'], 0), p['name']))
print(hits[0]['id'])")
xdotool key Return
wait_for "$S" "d['selected']=='$WANT'" || { shot keys-03-enter; echo "FAIL: Enter selected $(json "$S" "d['selected']"), not $WANT"; exit 1; }
echo "ok: Enter selects the first result, $WANT"

# Esc in the search box empties it; the selection stays.
click_control "$S" "search"
sleep 0.2
xdotool key Escape
wait_for "$S" "d['search']==''" || { echo "FAIL: Esc in the search box left '$(json "$S" "d['search']")'"; exit 1; }
sleep 0.3
[ "$(json "$S" "d['selected']")" = "$WANT" ] || { echo "FAIL: Esc in the search box cleared the selection"; exit 1; }
echo "ok: Esc in the search box clears it and keeps $WANT selected"

# Esc in a dialog closes it and only that.
xdotool mousemove 800 500 key ctrl+e
wait_for "$S" "d['ui']['dialog']=='export'" || { echo "FAIL: Ctrl+E opened no dialog"; exit 1; }
shot keys-04-export-dialog
xdotool key Escape
wait_for "$S" "d['ui']['dialog']==''" || { echo "FAIL: Esc did not close the Export dialog"; exit 1; }
sleep 0.3
[ "$(json "$S" "d['selected']")" = "$WANT" ] || { echo "FAIL: Esc in the dialog also cleared the selection"; exit 1; }
echo "ok: Esc closes the Export dialog and keeps the selection"
# With no dialog open, Esc clears the selection.
xdotool key Escape
wait_for "$S" "d['selected'] is None" || { echo "FAIL: Esc on the map kept the selection"; exit 1; }
echo "ok: then Esc clears the selection"
