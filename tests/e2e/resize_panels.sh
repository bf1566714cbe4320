#!/usr/bin/env bash
# End to end with real input: drag the splitters between the panels and the map, check the map
# got narrower by what was dragged, then restart the app on the same session and check the
# panel widths came back. Screenshots are kept in test-output/e2e/.
source "$(dirname "$0")/lib.bash"
start_display
S="$OUT/resize_panels.session.json"
rm -f "$S"
start_app "$S"
sleep 1
read -r X0 W0 < <(json "$S" "d['viewport']['x'], d['viewport']['width']" | tr -d '(),')
echo "map starts at x=$X0, width $W0"

drag() {  # drag FROM_X TO_X Y: press on the splitter, move in steps, release
    xdotool mousemove "$1" "$3"
    sleep 0.3
    xdotool mousedown 1
    sleep 0.2
    local x step=$(( ($2 - $1) / 4 ))
    for x in $(($1 + step)) $(($1 + 2 * step)) $(($1 + 3 * step)) "$2"; do
        xdotool mousemove "$x" "$3"
        sleep 0.1
    done
    xdotool mouseup 1
}

# The left panel 100 px wider: the map starts 100 px further right and is 100 px narrower.
drag "$X0" $((X0 + 100)) 500
if ! wait_for "$S" "abs(d['viewport']['x'] - $((X0 + 100))) <= 2 and abs(d['viewport']['width'] - $((W0 - 100))) <= 2"; then
    shot 01-left-drag-failed
    echo "FAIL: after dragging the left splitter, viewport=$(json "$S" "d['viewport']")"
    exit 1
fi
shot 01-left-wider
# The right panel 80 px wider: the map loses another 80 px on its right.
RIGHT=$((X0 + 100 + W0 - 100))
drag "$RIGHT" $((RIGHT - 80)) 500
if ! wait_for "$S" "abs(d['viewport']['width'] - $((W0 - 180))) <= 2"; then
    shot 02-right-drag-failed
    echo "FAIL: after dragging the right splitter, viewport=$(json "$S" "d['viewport']")"
    exit 1
fi
shot 02-right-wider
echo "panels after dragging: $(json "$S" "d.get('panels')")"

# The widths are part of the session: a new start brings them back. The copy it starts from
# has no viewport (the app does not read it), so the viewport seen is the new app's.
kill "$APP_PID"
wait "$APP_PID" 2>/dev/null
APP_PID=
S2="$OUT/resize_panels.restart.json"
"$PY" -c "import json,sys; d=json.load(open(sys.argv[1])); d.pop('viewport'); json.dump(d, open(sys.argv[2], 'w'))" "$S" "$S2"
start_app "$S2"
if ! wait_for "$S2" "'viewport' in d and abs(d['viewport']['x'] - $((X0 + 100))) <= 2 and abs(d['viewport']['width'] - $((W0 - 180))) <= 2"; then
    shot 03-restore-failed
    echo "FAIL: after a restart, viewport=$(json "$S2" "d.get('viewport')")"
    exit 1
fi
shot 03-restored
echo "PASS"
