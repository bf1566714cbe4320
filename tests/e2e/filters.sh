#!/usr/bin/env bash
# End to end (issue 17): a source filter that is on shows in the Places and Passages panels and
# in the status bar ("N of M articles", with Clear); the date presets set the last days of the
# corpus; the filter comes back with the session after a restart; Clear empties it.
source "$(dirname "$0")/lib.bash"
start_display
S="$OUT/filters.session.json"
rm -f "$S"
start_app "$S"
sleep 1
focus_app

read -r OUTLET TOTAL SHOWN LAST FROM7 < <("$PY" - "$BIN" <<'PYEOF'
import json, subprocess, sys, datetime, collections
# The articles with their outlets and dates, from those with passages (every default article
# has some), as the app loads them.
out = subprocess.run([sys.argv[1], 'mentions', '--json'], capture_output=True, text=True).stdout
d = json.loads(out)
arts = {}
for pl in d['places']:
    for p in pl['passages']:
        arts[p['article_id']] = (p['outlet'], p['date'])
outlets = collections.Counter(o for o, _ in arts.values())
# (a named outlet whose name is easy to quote in the checks below)
outlet = sorted((o for o in outlets if o and "'" not in o), key=lambda o: (-outlets[o], o))[0]
dates = sorted(dt for _, dt in arts.values() if dt)
last = dates[-1]
from7 = (datetime.date.fromisoformat(last) - datetime.timedelta(days=6)).isoformat()
print(outlet.replace(' ', '_'), len(arts), len(arts) - outlets[outlet], last, from7)
PYEOF
)
OUTLET=${OUTLET//_/ }
echo "hiding '$OUTLET' (of $TOTAL articles with passages); last date $LAST"

click_control "$S" "tab:Sources"
click_control "$S" "outlet:$OUTLET"
wait_for "$S" "d['filter']['hidden_outlets']==['$OUTLET']" || { shot filters-01-failed; echo "FAIL: the outlet box did not filter"; exit 1; }
wait_for "$S" "'status:filter' in d['ui']['controls'] and 'filter-clear:sources' in d['ui']['controls']" ||
    { echo "FAIL: the filter is not shown in the status bar and Sources"; exit 1; }
shot filters-01-outlet-hidden
click_control "$S" "tab:Places"
wait_for "$S" "'filter-clear:places' in d['ui']['controls']" || { echo "FAIL: the Places panel does not show the filter"; exit 1; }
# Select the first place listed to see the Passages panel's notice.
xdotool key --delay 1 ctrl+f
xdotool type --delay 1 "Stepanakert"
xdotool key Return
wait_for "$S" "'filter-clear:passages' in d['ui']['controls']" || { shot filters-02-failed; echo "FAIL: the Passages panel does not show the filter"; exit 1; }
sleep 0.3
shot filters-02-places-and-passages
echo "ok: the filter shows in Sources, Places, Passages and the status bar"

# The preset: the last 7 days of the corpus.
click_control "$S" "tab:Sources"
click_control "$S" "dates-last-7"
wait_for "$S" "d['filter']['from']=='$FROM7' and d['filter']['to']=='$LAST'" ||
    { echo "FAIL: Last 7 days gave $(json "$S" "d['filter']"), not $FROM7..$LAST"; exit 1; }
echo "ok: Last 7 days is $FROM7 to $LAST"
shot filters-03-last-7-days

# Restart: the filter comes back and shows.
sleep 0.5
kill "$APP_PID"; wait "$APP_PID" 2>/dev/null
BEFORE=$(json "$S" "json.dumps(d['filter'], sort_keys=True)")
start_app "$S"
sleep 1
wait_for "$S" "'status:filter' in d['ui']['controls']" || { echo "FAIL: after a restart the status bar shows no filter"; exit 1; }
AFTER=$(json "$S" "json.dumps(d['filter'], sort_keys=True)")
[ "$BEFORE" = "$AFTER" ] || { echo "FAIL: filter $BEFORE came back as $AFTER"; exit 1; }
echo "ok: the filter is restored with the session: $AFTER"
focus_app
click_control "$S" "status:filter-clear"
wait_for "$S" "d['filter']['hidden_outlets']==[] and d['filter']['from']=='' and d['filter']['to']==''" ||
    { echo "FAIL: the status bar's Clear left $(json "$S" "d['filter']")"; exit 1; }
wait_for "$S" "'status:filter' not in d['ui']['controls']" || { echo "FAIL: the notice stayed after Clear"; exit 1; }
echo "ok: Clear in the status bar empties the filter"
