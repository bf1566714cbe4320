#!/usr/bin/env bash
# End to end with real input (issue 17): View > Legend and scale bar draws the legend over the
# map's bottom left and the scale bar over its bottom right, a second click hides both again,
# and the choice is kept in the session: a restart on it shows them at once. Checked on
# screenshots (the corners change when shown and come back when hidden) and in the session.
# Screenshots in test-output/e2e/.
source "$(dirname "$0")/lib.bash"
start_display
S="$OUT/legend_toggle.session.json"
rm -f "$S"
start_app "$S"
sleep 1.5
if [ "$(json "$S" "d.get('legend')")" != "False" ]; then
    echo "FAIL: a new session starts with the legend shown: $(json "$S" "d.get('legend')")"
    exit 1
fi
read -r VX VY VW VH < <(json "$S" "d['viewport']['x'], d['viewport']['y'], d['viewport']['width'], d['viewport']['height']" | tr -d '(),')
shot legend-01-off

# Changed pixels of the map's bottom corners between two screenshots, in percent of each corner.
corners() {  # corners A.png B.png -> "LEFT RIGHT"
    "$PY" - "$OUT/$1.png" "$OUT/$2.png" "$VX" "$VY" "$VW" "$VH" <<'PYEOF'
import sys
from PIL import Image, ImageChops
a, b = Image.open(sys.argv[1]).convert("RGB"), Image.open(sys.argv[2]).convert("RGB")
x, y, w, h = (int(float(v)) for v in sys.argv[3:7])
out = []
for box in ((x, y + h - 230, x + 230, y + h), (x + w - 230, y + h - 120, x + w, y + h)):
    d = ImageChops.difference(a.crop(box), b.crop(box)).convert("L").point(lambda v: 255 if v > 12 else 0)
    out.append(round(100 * sum(1 for v in d.getdata() if v) / (d.width * d.height), 1))
print(*out)
PYEOF
}

toggle() {  # the View menu's item, by real clicks
    xdotool mousemove "$VIEW_X" 10
    sleep 0.3
    xdotool click 1
    sleep 0.5
    xdotool mousemove "$ITEM_X" "$ITEM_Y"
    sleep 0.3
    xdotool click 1
}
# The menu bar's "View" and its fourth item ("Legend and scale bar"), at the default font size.
VIEW_X=${VIEW_X:-57}
ITEM_X=${ITEM_X:-100}
ITEM_Y=${ITEM_Y:-94}
toggle
if ! wait_for "$S" "d.get('legend') is True"; then
    shot legend-02-toggle-failed
    echo "FAIL: View > Legend and scale bar did not turn the legend on"
    exit 1
fi
xdotool mousemove $((VX + VW / 2)) $((VY + VH / 2))  # the menu closed, the cursor off the corners
sleep 1
shot legend-02-on
read -r L R < <(corners legend-01-off legend-02-on)
echo "legend on: bottom-left ${L}% changed, bottom-right ${R}%"
if ! "$PY" -c "import sys; sys.exit(0 if $L > 40 and $R > 20 else 1)"; then
    echo "FAIL: the legend or the scale bar was not drawn (bottom-left ${L}%, bottom-right ${R}%)"
    exit 1
fi

toggle
if ! wait_for "$S" "d.get('legend') is False"; then
    shot legend-03-toggle-failed
    echo "FAIL: a second click did not turn the legend off"
    exit 1
fi
xdotool mousemove $((VX + VW / 2)) $((VY + VH / 2))
sleep 1
shot legend-03-off
read -r L R < <(corners legend-01-off legend-03-off)
echo "legend off again: bottom-left ${L}% differs from the start, bottom-right ${R}%"
if ! "$PY" -c "import sys; sys.exit(0 if $L < 3 and $R < 3 else 1)"; then
    echo "FAIL: the legend or the scale bar stayed after hiding them"
    exit 1
fi

# Kept in the session: a restart with the legend on shows it from the first frame.
toggle
wait_for "$S" "d.get('legend') is True" || { echo "FAIL: third toggle"; exit 1; }
sleep 0.5
kill "$APP_PID"
wait "$APP_PID" 2>/dev/null
APP_PID=
S2="$OUT/legend_toggle.restart.json"
# Without its viewport (the app does not read it), so the one seen is the new app's.
"$PY" -c "import json,sys; d=json.load(open(sys.argv[1])); d.pop('viewport'); json.dump(d, open(sys.argv[2], 'w'))" "$S" "$S2"
start_app "$S2"
wait_for "$S2" "'viewport' in d" || { echo "FAIL: the restarted app drew nothing"; exit 1; }
sleep 1.5
shot legend-04-restarted
# The same map as at the start (so it is drawn), with the corners changed.
same=$("$PY" - "$OUT/legend-01-off.png" "$OUT/legend-04-restarted.png" "$VX" "$VY" "$VW" <<'PYEOF'
import sys
from PIL import Image, ImageChops
a, b = Image.open(sys.argv[1]).convert("RGB"), Image.open(sys.argv[2]).convert("RGB")
x, y, w = (int(float(v)) for v in sys.argv[3:6])
box = (x + w // 4, y + 10, x + 3 * w // 4, y + 200)
d = ImageChops.difference(a.crop(box), b.crop(box)).convert("L").point(lambda v: 255 if v > 12 else 0)
print(round(100 * sum(1 for v in d.getdata() if v) / (d.width * d.height), 1))
PYEOF
)
echo "after a restart: the map's top differs by ${same}% from the start"
"$PY" -c "import sys; sys.exit(0 if $same < 5 else 1)" || { echo "FAIL: the restarted map is not the same map"; exit 1; }
[ "$(json "$S2" "d.get('legend')")" = "True" ] || { echo "FAIL: the restart lost the legend"; exit 1; }
read -r L R < <(corners legend-01-off legend-04-restarted)
echo "after a restart: bottom-left ${L}% changed, bottom-right ${R}%"
if ! "$PY" -c "import sys; sys.exit(0 if $L > 40 and $R > 20 else 1)"; then
    echo "FAIL: the restored session does not show the legend"
    exit 1
fi
echo "PASS"
