#!/usr/bin/env bash
# End to end with the PDF and HTML fixtures as the corpus: click Jermuk on the map; the
# Passages panel shows the PDF report's passages with "p. N" beside the source (as the session's
# ui.passage_rects record the line drawn) and the saved web pages' without a page.
source "$(dirname "$0")/lib.bash"
start_display
S="$OUT/report_pages.session.json"
rm -f "$S"
DIR="$OUT/report_pages-corpus"
rm -rf "$DIR" && mkdir -p "$DIR"
cp "$SRC"/tests/fixtures/corpus/pdf/*.pdf "$SRC"/tests/fixtures/corpus/html/*.html "$DIR"/
start_app "$S" --corpus "$DIR"
sleep 1
read -r LON LAT < <("$BIN" places --json | "$PY" -c "import json,sys; p=[p for p in json.load(sys.stdin) if p['id']=='jermuk'][0]; print(p['lon'], p['lat'])")
read -r X Y < <(screen_of "$S" "$LON" "$LAT")
xdotool mousemove "$X" "$Y"
sleep 0.3
xdotool click 1
wait_for "$S" "d['selected']=='jermuk'" || { shot report-click-failed; echo "FAIL: Jermuk not selected"; exit 1; }
# The monitoring report names Jermuk on pages 1, 1 and 2; the Ledger's page twice, no page.
if ! wait_for "$S" "sorted(r['source'] for r in d['ui']['passage_rects'] if r['source'].startswith('South Caucasus'))==['South Caucasus Border Monitor · 2023-12-08 · p. 1']*2+['South Caucasus Border Monitor · 2023-12-08 · p. 2']"; then
    shot report-pages-failed
    echo "FAIL: report passages' source lines: $(json "$S" "[r['source'] for r in d['ui']['passage_rects']]")"
    exit 1
fi
json "$S" "all(r['source']=='Caucasus Ledger · 2023-12-08' for r in d['ui']['passage_rects'] if 'Ledger' in r['source'])" | grep -q True ||
    { echo "FAIL: a web page's passage has a page: $(json "$S" "[r['source'] for r in d['ui']['passage_rects']]")"; exit 1; }
shot report-pages
echo "ok: $(json "$S" "'; '.join(r['source'] for r in d['ui']['passage_rects'])")"
