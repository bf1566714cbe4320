#!/usr/bin/env bash
# How long Ctrl+Q takes to end the window app (issue 17: under 200 ms), after some use of the
# panels (tabs, a search, a selection, the Sources tab), N runs. Time from just before xdotool
# sends the key to the process's exit, measured here (bash's EPOCHREALTIME); prints each run
# and the median. A figure, not a test: the machine's load moves it.
#   bench/ui/quit.sh BUILD/briefmap [RUNS]
set -u
BIN=$(realpath "$1"); RUNS=${2:-5}
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/../../tests/e2e/lib.bash" "$BIN" "$HERE/../.." "$(mktemp -d)"
start_display
times=()
for r in $(seq "$RUNS"); do
    S="$OUT/quit.session.json"; rm -f "$S"
    BRIEFMAP_TIMING=1 start_app "$S"
    sleep 1
    focus_app
    click_control "$S" "tab:Sources"; sleep 0.3
    click_control "$S" "tab:Layers"; sleep 0.3
    xdotool key --delay 1 ctrl+f; xdotool type --delay 1 "Goris"; xdotool key Return
    wait_for "$S" "d['selected'] is not None" >/dev/null
    click_control "$S" "tab:Article"; sleep 1
    t0=$EPOCHREALTIME
    xdotool key ctrl+q
    wait "$APP_PID"
    t1=$EPOCHREALTIME
    APP_PID=
    ms=$(echo "($t1 - $t0) * 1000" | bc -l)
    printf 'run %d: quit in %.0f ms (%s)\n' "$r" "$ms" "$(grep 'quit:' "$OUT/app.log" | sed 's/briefmap: quit: //' | tr '\n' ';')"
    times+=("$ms")
done
printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "median %.0f ms over %d runs\n", a[int((NR+1)/2)], NR}'
