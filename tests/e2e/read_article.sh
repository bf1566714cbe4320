#!/usr/bin/env bash
# End to end (issue 17): "Read article" on a passage far down its article opens the Article tab
# scrolled to that passage and highlighted; the copy buttons put the citation (outlet, date,
# title, URL), the quoted passage and the URL on the clipboard; a row of Sources opens its
# article at the top in the Article tab.
source "$(dirname "$0")/lib.bash"
command -v xclip >/dev/null || { echo "SKIP: xclip not installed (run .ci/deps)"; exit 77; }
start_display
S="$OUT/read_article.session.json"
rm -f "$S"
start_app "$S"
sleep 1
focus_app

# A passage deep in a long article, of a place with few passages (its row is on screen).
# Its name is in no other place's name or aliases, so the search lists it first.
read -r NAME ART PARA < <("$BIN" mentions --json | "$PY" -c "
import json, sys, subprocess
d = json.load(sys.stdin)
places = json.loads(subprocess.run(['$BIN', 'places', '--json'], capture_output=True, text=True).stdout)
words = [(p['name'] + ' ' + ' '.join(p.get('aliases', [])) + ' ' + p['id']).lower() for p in places]
unique = lambda n: sum(n.lower() in w for w in words) == 1
c = [(p['paragraph'], pl['name'], p['article']) for pl in d['places'] if 1 <= len(pl['passages']) <= 3
     for p in pl['passages'] if ' ' not in pl['name'] and unique(pl['name'])]
c.sort(reverse=True)
print(c[0][1], c[0][2], c[0][0])")
echo "$NAME: article $ART, paragraph $PARA"
[ "$PARA" -ge 6 ] || { echo "FAIL: no passage deep enough in an article to test scrolling"; exit 1; }
xdotool key --delay 1 ctrl+f
xdotool type --delay 1 "$NAME"
xdotool key Return
wait_for "$S" "d['selected'] is not None" || { echo "FAIL: $NAME not selected"; exit 1; }

click_control "$S" "read:$ART:$PARA"
if ! wait_for "$S" "d['ui']['right_tab']=='article' and d['ui']['reader']=='$ART:$PARA' and 'reader-passage' in d['ui']['controls']"; then
    shot read-01-failed; echo "FAIL: Read article did not open article $ART at paragraph $PARA"; exit 1
fi
# The passage is inside the visible part of the article (it would be far below at the top).
wait_for "$S" "(lambda p, v: p[1] >= v[1] - 1 and p[1] + min(p[3], 40) <= v[1] + v[3] + 1)(d['ui']['controls']['reader-passage'], d['ui']['controls']['reader-view'])" ||
    { shot read-01-not-scrolled; echo "FAIL: the passage is not scrolled into view: $(json "$S" "d['ui']['controls']['reader-passage'], d['ui']['controls']['reader-view']")"; exit 1; }
sleep 0.3
shot read-01-article-at-passage
echo "ok: Read article opens article $ART scrolled to paragraph $PARA"

# Copy buttons (back on the Passages tab).
click_control "$S" "tab:Passages"
INFO=$("$BIN" mentions --json | "$PY" -c "
import json, sys
d = json.load(sys.stdin)
p = [p for pl in d['places'] for p in pl['passages'] if p['article'] == $ART and p['paragraph'] == $PARA][0]
print(json.dumps(p))")
field() { "$PY" -c "import json,sys; print(json.loads(sys.argv[1]).get('$1', ''))" "$INFO"; }
clip() { xclip -o -selection clipboard 2>/dev/null; }
click_control "$S" "copy-citation:$ART:$PARA"
sleep 0.5
C=$(clip)
echo "citation: $C"
for part in "$(field outlet)" "$(field date)" "$(field title)" "$(field url)"; do
    [ -z "$part" ] && continue
    case "$C" in *"$part"*) ;; *) echo "FAIL: the citation lacks '$part'"; exit 1 ;; esac
done
click_control "$S" "copy-quote:$ART:$PARA"
sleep 0.5
Q=$(clip)
echo "quote: ${Q:0:100}…"
TEXT=$(field text)
[ -n "$TEXT" ] || TEXT=$(field paragraph_text)
case "$Q" in "“"*"”"*"$(field outlet)"*) ;; *) echo "FAIL: the quote is not “text” (outlet…): $Q"; exit 1 ;; esac
if [ -n "$TEXT" ]; then
    case "$Q" in *"${TEXT:0:40}"*) ;; *) echo "FAIL: the quote does not hold the paragraph"; exit 1 ;; esac
fi
URL=$(field url)
if [ -n "$URL" ]; then
    click_control "$S" "copy-url:$ART:$PARA"
    sleep 0.5
    [ "$(clip)" = "$URL" ] || { echo "FAIL: Copy URL gave '$(clip)', not $URL"; exit 1; }
fi
echo "ok: citation, quote and URL copied"

# A row of Sources opens its article, at the top, in the Article tab.
click_control "$S" "tab:Sources"
OTHER=$(( ART == 0 ? 1 : 0 ))
click_control "$S" "source:$OTHER"
wait_for "$S" "d['ui']['right_tab']=='article' and d['ui']['reader']=='$OTHER:top'" ||
    { shot read-02-source-failed; echo "FAIL: a Sources row did not open article $OTHER: $(json "$S" "d['ui']['reader'], d['ui']['right_tab']")"; exit 1; }
sleep 0.3
shot read-02-source-row
echo "ok: a Sources row opens article $OTHER in the Article tab"
