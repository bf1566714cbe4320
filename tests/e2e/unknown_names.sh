#!/usr/bin/env bash
# End to end: Ctrl+U opens the Unknown names panel; it lists the invented village of the
# fixture corpus with its passages; clicking the first passage activates it (the session says
# so) and highlights the known places it names (Goris). Screenshots in test-output/e2e/.
source "$(dirname "$0")/lib.bash"
start_display
S="$OUT/unknown_names.session.json"
CORPUS="$SRC/tests/fixtures/corpus/unknown-names.jsonl"
rm -f "$S"
start_app "$S" --corpus "$CORPUS"
sleep 1
# The passage the panel must show first: the top name's first passage, as the CLI says.
read -r NAME ART PARA < <("$BIN" unknown-names --json --corpus "$CORPUS" 2>/dev/null | "$PY" -c "
import json,sys
n=json.load(sys.stdin)['unknown_names'][0]
print(n['name'], n['passages'][0]['article'], n['passages'][0]['paragraph'])")
[ "$NAME" = "Testavan" ] || { echo "FAIL: the CLI's top unknown name is '$NAME'"; exit 1; }
[ "$(json "$S" "len(d['ui']['passage_rects'])")" = 0 ] || {
    echo "FAIL: passages on screen before the panel was opened"; exit 1; }
WID=$(xdotool search --pid "$APP_PID" --onlyvisible 2>/dev/null | head -1)
[ -n "$WID" ] && xdotool windowfocus --sync "$WID" 2>/dev/null
xdotool mousemove 800 500 key ctrl+u
if ! wait_for "$S" "any(r['article']==$ART and r['paragraph']==$PARA for r in d['ui']['passage_rects'])"; then
    shot unknown-01-not-open
    echo "FAIL: Ctrl+U did not show the Unknown names panel with passage $ART/$PARA"; exit 1
fi
shot unknown-01-panel
echo "ok: Unknown names panel shows $NAME's passage $ART/$PARA"
read -r PX PY_ < <(json "$S" "[(round(r['x']+r['width']*0.5), round(r['y']+r['height']*0.7)) for r in d['ui']['passage_rects'] if r['article']==$ART and r['paragraph']==$PARA][0]" | tr -d '(),')
xdotool mousemove "$PX" "$PY_"
sleep 0.2
xdotool click 1
if ! wait_for "$S" "(d['active_passage'] or {}).get('article')==$ART and d['active_passage']['paragraph']==$PARA"; then
    shot unknown-02-click-failed
    echo "FAIL: clicking the passage at ($PX, $PY_) did not activate it"; exit 1
fi
sleep 0.5
shot unknown-02-passage-active
case " $(json "$S" "' '.join(d['highlighted'])") " in
    *" goris "*) ;;
    *) echo "FAIL: Goris, named in the passage, is not highlighted: $(json "$S" "d['highlighted']")"; exit 1 ;;
esac
echo "ok: the passage is active and Goris highlighted"
