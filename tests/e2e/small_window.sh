#!/usr/bin/env bash
# End to end in a small window (1024x700, issue 17): the status bar's parts do not overlap and
# fit the window, it names the projection briefly; both side panels fold to a strip (the map
# grows) and unfold again, and stay folded across a restart.
source "$(dirname "$0")/lib.bash"
start_display
S="$OUT/small_window.session.json"
rm -f "$S"
APP_SIZE=1024x700 start_app "$S"
sleep 1
focus_app
wait_for "$S" "d['window']['width']==1024" || { echo "FAIL: window is $(json "$S" "d['window']")"; exit 1; }
# Hover the map so the status bar shows the cursor's position too.
xdotool mousemove 500 350
sleep 0.5
shot small-01-start
check_status() {
    json "$S" "(lambda rs: '\n'.join(
        [f'{a} overlaps {b}' for i, (a, ra) in enumerate(rs) for (b, rb) in rs[i+1:]
         if ra[0] < rb[0] + rb[2] and rb[0] < ra[0] + ra[2]] +
        [f'{a} is outside the window' for a, r in rs if r[0] < 0 or r[0] + r[2] > d['window']['width'] + 0.5]) or 'ok')(
        sorted([(k, v) for k, v in d['ui']['controls'].items() if k.startswith('status:')]))"
}
R=$(check_status)
[ "$R" = ok ] || { echo "FAIL: status bar: $R"; exit 1; }
CRS=$(json "$S" "d['ui']['status_crs']")
[ "$CRS" = "LCC 40°N 46°E" ] || { echo "FAIL: the status bar names the projection '$CRS'"; exit 1; }
echo "ok: status bar parts apart and inside 1024 px; projection '$CRS'"

W0=$(json "$S" "d['viewport']['width']")
click_control "$S" "fold-left"
wait_for "$S" "d['viewport']['width'] > $W0 + 150 and d['panels']['left_collapsed']" ||
    { shot small-02-failed; echo "FAIL: folding the left panel did not widen the map ($W0 -> $(json "$S" "d['viewport']['width']"))"; exit 1; }
W1=$(json "$S" "d['viewport']['width']")
click_control "$S" "fold-right"
wait_for "$S" "d['viewport']['width'] > $W1 + 150 and d['panels']['right_collapsed']" ||
    { echo "FAIL: folding the right panel did not widen the map"; exit 1; }
sleep 0.3
shot small-02-both-folded
echo "ok: the map is $W0, $W1, then $(json "$S" "d['viewport']['width']") px wide as the panels fold"

# Folded panels stay so after a restart; then unfold.
sleep 0.4
kill "$APP_PID"; wait "$APP_PID" 2>/dev/null
APP_SIZE=1024x700 start_app "$S"
sleep 1
wait_for "$S" "'unfold-left' in d['ui']['controls'] and 'unfold-right' in d['ui']['controls']" ||
    { echo "FAIL: the panels did not stay folded across a restart"; exit 1; }
focus_app
click_control "$S" "unfold-left"
wait_for "$S" "'tab:Places' in d['ui']['controls'] and not d['panels']['left_collapsed']" ||
    { echo "FAIL: the left panel did not unfold"; exit 1; }
xdotool mousemove 500 350
sleep 0.5
R=$(check_status)
[ "$R" = ok ] || { echo "FAIL: status bar: $R"; exit 1; }
shot small-03-left-unfolded
echo "ok: folded panels are kept in the session and unfold"
