# Shared helpers for the end-to-end tests (sourced, not run): an Xvfb display, the app with a
# session file, screen positions from the session, screenshots kept as artefacts.
set -u
BIN=$1
SRC=$2
OUT=$3/e2e
mkdir -p "$OUT"
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
for tool in Xvfb xdotool import gdaltransform; do
    command -v "$tool" >/dev/null || { echo "SKIP: $tool not installed (run .ci/deps)"; exit 77; }
done

start_display() {
    local n
    for n in $(seq 91 120); do
        [ -e "/tmp/.X11-unix/X$n" ] && continue
        Xvfb ":$n" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 &
        XVFB_PID=$!
        export DISPLAY=":$n"
        for _ in $(seq 50); do xdotool getmouselocation >/dev/null 2>&1 && return 0; sleep 0.1; done
        kill $XVFB_PID 2>/dev/null
    done
    echo "FAIL: could not start Xvfb"; exit 1
}

start_app() {  # start_app SESSION [args...]
    SESSION=$1; shift
    "$BIN" --session "$SESSION" --size "${APP_SIZE:-1600x1000}" "$@" >"$OUT/app.log" 2>&1 &
    APP_PID=$!
    for _ in $(seq 300); do [ -s "$SESSION" ] && return 0; sleep 0.1; done
    echo "FAIL: the app wrote no session file"; cat "$OUT/app.log"; exit 1
}

cleanup() {
    [ -n "${APP_PID:-}" ] && kill "$APP_PID" 2>/dev/null
    [ -n "${XVFB_PID:-}" ] && kill "$XVFB_PID" 2>/dev/null
    wait 2>/dev/null
}
trap cleanup EXIT

json() {  # json FILE PYTHON-EXPRESSION-ON-d
    "$PY" -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1"
}

# Window position of a lon/lat point, from the session's CRS, view extent and viewport.
screen_of() {  # screen_of SESSION LON LAT -> "X Y"
    local crs xy
    crs=$(json "$1" "d['crs']")
    xy=$(echo "$2 $3" | gdaltransform -s_srs EPSG:4326 -t_srs "$crs" | awk '{print $1, $2}')
    "$PY" - "$1" $xy <<'PYEOF'
import json, sys
d = json.load(open(sys.argv[1])); X, Y = float(sys.argv[2]), float(sys.argv[3])
v, p = d["view"], d["viewport"]
x = p["x"] + (X - v["minx"]) / (v["maxx"] - v["minx"]) * p["width"]
y = p["y"] + (v["maxy"] - Y) / (v["maxy"] - v["miny"]) * p["height"]
print(round(x), round(y))
PYEOF
}

shot() { import -window root "$OUT/$1.png" 2>/dev/null; }

wait_for() {  # wait_for SESSION PYTHON-CONDITION-ON-d  (up to 15 s)
    for _ in $(seq 150); do
        [ "$(json "$1" "bool($2)" 2>/dev/null)" = "True" ] && return 0
        sleep 0.1
    done
    return 1
}

# Named controls (the session's ui.controls: window pixels x, y, width, height).
control_center() {  # control_center SESSION NAME -> "X Y"
    json "$1" "' '.join(str(round(v)) for v in (lambda r: (r[0]+r[2]/2, r[1]+r[3]/2))(d['ui']['controls']['$2']))"
}
click_control() {  # click_control SESSION NAME: waits up to 15 s for it, then clicks its centre
    wait_for "$1" "'$2' in d['ui']['controls']" || { shot "no-control"; echo "FAIL: control $2 not shown"; exit 1; }
    local x y
    read -r x y < <(control_center "$1" "$2")
    xdotool mousemove "$x" "$y"
    sleep 0.15
    xdotool click 1
}
# Without a window manager nothing gives the window keyboard focus: do it as a WM would.
focus_app() {
    local wid
    wid=$(xdotool search --pid "$APP_PID" --onlyvisible 2>/dev/null | head -1)
    [ -n "$wid" ] && xdotool windowfocus --sync "$wid" 2>/dev/null
    return 0
}

# Clicks Goris on the map of the running app (session SESSION) and waits until it is selected.
# Goris is in the default data and in every fixture article: the tests that import articles
# start from it.
click_goris() {  # click_goris SESSION
    local lon lat x y
    read -r lon lat < <("$BIN" places --json | "$PY" -c "import json,sys; g=[p for p in json.load(sys.stdin) if p['name']=='Goris'][0]; print(g['lon'], g['lat'])")
    wait_for "$1" "'viewport' in d" || { echo "FAIL: no viewport in the session"; exit 1; }
    sleep 1
    read -r x y < <(screen_of "$1" "$lon" "$lat")
    xdotool mousemove "$x" "$y"; sleep 0.3; xdotool click 1
    wait_for "$1" "d['selected'].startswith('goris')" || { shot goris-not-selected; echo "FAIL: Goris not selected"; exit 1; }
    sleep 0.5
}
