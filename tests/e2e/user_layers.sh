#!/usr/bin/env bash
# End to end: the window with the default data plus a user's layers named like every default
# layer (places, routes, countries, admin1, areas) and a second source with a "routes" layer.
# It must not crash (it segfaulted when layers were matched by name), must restore the view
# state (layer order and visibility by layer id, source filter) from the session, keep it when
# it writes the session back, and a click on a user's place selects it.
source "$(dirname "$0")/lib.bash"
start_display
L="$SRC/tests/fixtures/layers"
DATA=(--data default)
for n in places routes countries admin1 areas; do DATA+=(--data "$L/same-names/$n.geojson"); done
DATA+=(--data "$L/other/routes.geojson")
S="$OUT/user_layers.session.json"
AREAS="$L/same-names/areas.geojson#areas"
# A passage saved by its article's stable id, with a stale position: the id decides.
read -r ART AID PARA < <("$BIN" mentions --place Jermuk --json | "$PY" -c "
import json,sys
p=json.load(sys.stdin)['places'][0]['passages'][-1]
print(p['article'], p['article_id'], p['paragraph'])")
STALE=$(( ART == 0 ? 1 : 0 ))
cat >"$S" <<JSON
{"version": 1, "selected": null,
 "active_passage": {"article": $STALE, "article_id": "$AID", "paragraph": $PARA},
 "layers": {"places": {"visible": true, "opacity": 1, "order": 0},
            "admin1": {"visible": true, "opacity": 0.5, "order": 1},
            "$AREAS": {"visible": false, "opacity": 1, "order": 2}},
 "filter": {"hidden_outlets": ["Eurasianet"], "from": "2023-01-01", "to": ""}}
JSON
BEFORE=$(stat -c %Y "$S")
"$BIN" --session "$S" --size 1600x1000 "${DATA[@]}" >"$OUT/app.log" 2>&1 &
APP_PID=$!
# The app rewrites the session once it has drawn (window, viewport, every layer by id).
if ! wait_for "$S" "'viewport' in d"; then
    echo "FAIL: the session was not written back"; cat "$OUT/app.log"; exit 1
fi
sleep 1
kill -0 "$APP_PID" 2>/dev/null || { echo "FAIL: the app died"; cat "$OUT/app.log"; exit 1; }
shot user-layers-01-start
CHECK=$("$PY" - "$S" "$AREAS" "$L" "$ART" "$AID" <<'PYEOF'
import json, sys
d = json.load(open(sys.argv[1])); areas = sys.argv[2]; L = sys.argv[3]
lay = d["layers"]
bad = []
want = [L + "/same-names/" + n + ".geojson#" + n for n in ("places", "routes", "countries", "admin1", "areas")]
want += [L + "/other/routes.geojson#routes", "places", "routes", "countries", "admin1", "areas"]
for w in want:
    if w not in lay: bad.append("missing layer " + w)
if not bad:
    if not lay["places"]["order"] < lay["admin1"]["order"] < lay[areas]["order"]: bad.append("order not kept")
    if lay[areas]["visible"]: bad.append("hidden user layer shown")
    if abs(lay["admin1"]["opacity"] - 0.5) > 1e-6: bad.append("opacity not kept")
ap = d.get("active_passage") or {}
if ap.get("article") != int(sys.argv[4]) or ap.get("article_id") != sys.argv[5]: bad.append("passage not restored by article id: %r" % ap)
f = d.get("filter", {})
if f.get("hidden_outlets") != ["Eurasianet"] or f.get("from") != "2023-01-01": bad.append("filter not kept: %r" % f)
print("; ".join(bad) or "ok")
PYEOF
)
[ "$CHECK" = ok ] || { echo "FAIL: $CHECK"; cat "$S"; exit 1; }
echo "ok: layers by id, order, opacity, filter and the passage (by article id) restored and written back"

# Click the user's own place (a layer called "places" from another source).
read -r X Y < <(screen_of "$S" 45.30 40.10)
echo "Zorakert Test at window ($X, $Y)"
xdotool mousemove "$X" "$Y"
sleep 0.3
xdotool click 1
if ! wait_for "$S" "d['selected']=='user-zorakert'"; then
    shot user-layers-02-click-failed
    echo "FAIL: the user's place was not selected; selected=$(json "$S" "d['selected']")"; exit 1
fi
sleep 0.5
shot user-layers-02-selected
kill -0 "$APP_PID" 2>/dev/null || { echo "FAIL: the app died"; exit 1; }
echo "ok: a user's place in a layer named like a default one is selected by a click"
