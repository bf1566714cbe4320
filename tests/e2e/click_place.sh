#!/usr/bin/env bash
# End to end with real input: click Jermuk on the map, check the session says it is selected
# and that the Foreign Affairs passage about it is shown; then click that passage and check
# that every place it names is highlighted. Screenshots are kept in test-output/e2e/.
source "$(dirname "$0")/lib.bash"
start_display
S="$OUT/click_place.session.json"
rm -f "$S"
start_app "$S"
sleep 1
shot 01-start

# Jermuk's coordinates from the app's own gazetteer.
read -r LON LAT < <("$BIN" places --json | "$PY" -c "import json,sys; p=[p for p in json.load(sys.stdin) if p['id']=='jermuk'][0]; print(p['lon'], p['lat'])")
read -r X Y < <(screen_of "$S" "$LON" "$LAT")
echo "Jermuk at window ($X, $Y)"
xdotool mousemove "$X" "$Y"
sleep 0.3
xdotool click 1
if ! wait_for "$S" "d['selected']=='jermuk'"; then
    shot 02-click-failed
    echo "FAIL: Jermuk not selected after a click at ($X, $Y); selected=$(json "$S" "d['selected']")"
    exit 1
fi
sleep 0.5
shot 02-jermuk-selected

# The Foreign Affairs passage about Jermuk is among the passages shown.
FA=$("$BIN" mentions --place Jermuk --json | "$PY" -c "
import json,sys
d=json.load(sys.stdin)
ps=[p for pl in d['places'] for p in pl['passages'] if p['outlet']=='Foreign Affairs']
print(ps[0]['article'], ps[0]['paragraph']) if ps else print('')")
[ -n "$FA" ] || { echo "FAIL: mentions finds no Foreign Affairs passage about Jermuk"; exit 1; }
read -r ART PARA <<<"$FA"
if ! wait_for "$S" "any(p['article']==$ART and p['paragraph']==$PARA and p['article_id'] for p in d['passages'])"; then
    echo "FAIL: passage $ART/$PARA not shown; passages=$(json "$S" "d['passages']")"; exit 1
fi
echo "ok: Jermuk selected, Foreign Affairs passage (article $ART, paragraph $PARA) shown"

# Click the passage's text (its rectangle comes from the session's ui.passage_rects).
wait_for "$S" "any(r['article']==$ART and r['paragraph']==$PARA for r in d['ui']['passage_rects'])" ||
    { echo "FAIL: passage rectangle not reported"; exit 1; }
read -r PX PY_ < <(json "$S" "[(round(r['x']+r['width']*0.5), round(r['y']+r['height']*0.55)) for r in d['ui']['passage_rects'] if r['article']==$ART and r['paragraph']==$PARA][0]" | tr -d '(),')
xdotool mousemove "$PX" "$PY_"
sleep 0.2
xdotool click 1
if ! wait_for "$S" "(d['active_passage'] or {}).get('article')==$ART and d['active_passage']['paragraph']==$PARA"; then
    shot 03-passage-click-failed
    echo "FAIL: passage not activated by a click at ($PX, $PY_)"; exit 1
fi
sleep 0.8
shot 03-passage-highlighted
# Every place the passage names (per the linker) is highlighted.
WANT=$("$BIN" mentions --json | "$PY" -c "
import json,sys
d=json.load(sys.stdin)
print(' '.join(sorted({pl['id'] for pl in d['places'] for p in pl['passages'] if p['article']==$ART and p['paragraph']==$PARA})))")
GOT=$(json "$S" "' '.join(sorted(d['highlighted']))")
echo "passage names: $WANT"
echo "highlighted:   $GOT"
[ -n "$WANT" ] && [ "$WANT" = "$GOT" ] || { echo "FAIL: highlighted places differ"; exit 1; }
case " $GOT " in *" jermuk "*) ;; *) echo "FAIL: Jermuk not highlighted"; exit 1 ;; esac

# Esc clears the selection.
# Without a window manager nothing gives the window keyboard focus: do it as a WM would.
WID=$(xdotool search --pid "$APP_PID" --onlyvisible 2>/dev/null | head -1)
[ -n "$WID" ] && xdotool windowfocus --sync "$WID" 2>/dev/null
xdotool mousemove 700 500 key Escape
wait_for "$S" "d['selected'] is None" || { echo "FAIL: Esc did not clear the selection"; exit 1; }
echo "ok: passage click highlights its places; Esc clears"
