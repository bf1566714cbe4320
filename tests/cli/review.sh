#!/usr/bin/env bash
# The review commands (issue 16): `review` lists both queues sorted by passages touched;
# `links reject|confirm|reassign` hold for `mentions --workspace` and again after a re-import;
# `places add|alias|edit|remove` put new names on the map, linked in articles imported later;
# bad passage and place ids are refused with the id and the reason.
set -u
bin=$1 src=$2 out=${3:-/tmp}
command -v python3 >/dev/null || { echo "skip: python3 not found"; exit 77; }
fx=$src/tests/fixtures/workspace
dir=$out/cli-review
rm -rf "$dir"; mkdir -p "$dir"
cp -r "$fx/news" "$dir/news"
ws=$dir/review.gpkg
fail() { echo "FAIL: $*"; exit 1; }
"$bin" import --workspace "$ws" "$dir/news" >/dev/null 2>&1 || fail "import exited $?"

# Both queues, as JSON, each sorted by the passages it touches.
"$bin" review --workspace "$ws" --json >"$dir/r.json" 2>"$dir/r.err" || fail "review exited $?: $(cat "$dir/r.err")"
python3 - "$dir/r.json" <<'PY' || exit 1
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
links, names = d["links_to_check"], d["unknown_names"]
assert names, "no unknown names"
n = [len(x["passages"]) for x in names]
assert n == sorted(n, reverse=True), n
l = [len(x["passages"]) for x in links]
assert l == sorted(l, reverse=True), l
ararat = [x for x in links if x["mention"] == "Ararat" and x["place"]["id"] == "ararat-town"]
assert ararat and ararat[0]["kind"] == "not_a_place", links
assert ":" in ararat[0]["passages"][0]["passage_id"]
print("ok: %d links to check, %d unknown names" % (len(links), len(names)))
PY
"$bin" review --workspace "$ws" | grep -q "^Names the map does not know: " || fail "text review lacks the unknown names"

# Helper: passage ids of a place through the workspace.
pids() { "$bin" mentions --workspace "$ws" --place "$1" --json 2>/dev/null |
    python3 -c "import json,sys; d=json.load(sys.stdin); print(' '.join(p['passage_id'] for p in d['places'][0]['passages']))"; }
goris=($(pids Goris)); kapan=($(pids Kapan))
[ ${#goris[@]} -ge 3 ] || fail "Goris has ${#goris[@]} passages"
rej=${goris[0]} moved=${goris[1]}

"$bin" links reject --workspace "$ws" --passage "$rej" --place goris >"$dir/o" 2>&1 || fail "reject: $(cat "$dir/o")"
grep -q "Rejected goris" "$dir/o" || fail "reject said: $(cat "$dir/o")"
now=($(pids Goris))
[ ${#now[@]} -eq $(( ${#goris[@]} - 1 )) ] || fail "after reject Goris has ${#now[@]} passages, want $(( ${#goris[@]} - 1 ))"
[[ " ${now[*]} " != *" $rej "* ]] || fail "the rejected passage $rej is still Goris's"
# The same decision again changes nothing.
"$bin" links reject --workspace "$ws" --passage "$rej" --place goris >"$dir/o" 2>&1
now2=($(pids Goris)); [ ${#now2[@]} -eq ${#now[@]} ] || fail "a second reject changed the count"
# Without the workspace nothing changed.
"$bin" mentions --place Goris --json 2>/dev/null | grep -q "\"$rej\"" && fail "the default corpus has a workspace passage"

"$bin" links reassign --workspace "$ws" --passage "$moved" --from goris --to kapan >"$dir/o" 2>&1 || fail "reassign: $(cat "$dir/o")"
k2=($(pids Kapan))
[[ " ${k2[*]} " == *" $moved "* ]] || fail "the reassigned passage $moved is not Kapan's: ${k2[*]}"
[[ " $(pids Goris) " != *" $moved "* ]] || fail "the reassigned passage $moved is still Goris's"

# A link under the threshold, confirmed, counts.
ap=$(python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print([x for x in d['links_to_check'] if x['mention']=='Ararat'][0]['passages'][0]['passage_id'])" "$dir/r.json")
"$bin" links confirm --workspace "$ws" --passage "$ap" --place ararat-town >"$dir/o" 2>&1 || fail "confirm: $(cat "$dir/o")"
[[ " $(pids ararat-town) " == *" $ap "* ]] || fail "the confirmed Ararat passage does not count"
"$bin" review --workspace "$ws" --json 2>/dev/null | python3 -c "
import json,sys; d=json.load(sys.stdin)
assert not [x for x in d['links_to_check'] if x['mention']=='Ararat'], 'a confirmed link is still to check'
assert d['decisions'] == 3 and not d['stale_decisions'], d['stale_decisions']" || fail "review after the decisions"

# Re-importing (the same and a changed file) keeps every decision.
sed -i 's/on Saturday/on Sunday/' "$dir/news/border-talks.md"
"$bin" import --workspace "$ws" "$dir/news" >/dev/null 2>&1
[[ " $(pids Kapan) " == *" $moved "* || " $(pids Goris) " != *" $rej "* ]] || fail "decisions lost on re-import"

# Bad ids: named, with the reason, exit 2, nothing written.
check() {  # WORDS... -- ARGS...
    local want=$1; shift
    "$bin" links "$@" --workspace "$ws" >"$dir/o" 2>&1; local rc=$?
    [ $rc -eq 2 ] || fail "links $* exited $rc, want 2: $(cat "$dir/o")"
    grep -qF -- "$want" "$dir/o" || fail "links $*: $(cat "$dir/o"), want '$want'"
}
art=${rej%%:*}
check "'12' is not a passage id" reject --passage 12 --place goris
check "no article with id 'nope'" reject --passage nope:1 --place goris
check "article '$art' has" reject --passage "$art:9999" --place goris
check "--place nowhere: no place with this id" reject --passage "$rej" --place nowhere
check "has no link to yerevan" reject --passage "$rej" --place yerevan
check "--to nowhere: no place with this id" reassign --passage "$ap" --from ararat-town --to nowhere
check "unknown action 'accept'" accept --passage "$rej" --place goris
"$bin" review --workspace "$ws" --json 2>/dev/null | grep -q '"decisions": 3' || fail "a refused decision was written"

# A place of one's own and an alias: linked in every article, also ones imported later.
"$bin" places add --workspace "$ws" --name Kornakhbyur --lon 46.51 --lat 39.36 --kind village --alias "Korakhpyur" >"$dir/o" 2>&1 || fail "places add: $(cat "$dir/o")"
grep -q "Added user:kornakhbyur (Kornakhbyur, village)" "$dir/o" || fail "places add said: $(cat "$dir/o")"
"$bin" places add --workspace "$ws" --name X --lon 200 --lat 39 >"$dir/o" 2>&1; [ $? -eq 2 ] || fail "lon 200 accepted"
grep -q -- "--lon '200': not a longitude" "$dir/o" || fail "lon 200: $(cat "$dir/o")"
"$bin" places alias --workspace "$ws" --place goris --alias "Gorisi" >"$dir/o" 2>&1 || fail "places alias: $(cat "$dir/o")"
"$bin" places alias --workspace "$ws" --place nowhere --alias "X" >"$dir/o" 2>&1; [ $? -eq 2 ] || fail "alias of a missing place accepted"
"$bin" places --workspace "$ws" 2>/dev/null | grep "^goris " | grep -q "Gorisi" || fail "places lacks the alias Gorisi"
"$bin" places --workspace "$ws" 2>/dev/null | grep -q "^user:kornakhbyur " || fail "places lacks the user place"
mkdir -p "$dir/later"
cat >"$dir/later/new.md" <<'MD'
---
title: A later report
outlet: Test Wire
date: 2024-01-10
url: https://example.org/test-wire/later
---

A fictional test article: shelling was reported near the village of Korakhpyur on Tuesday.

Residents of Gorisi said the road was open.
MD
"$bin" import --workspace "$ws" "$dir/later" >/dev/null 2>&1 || fail "import later"
"$bin" mentions --workspace "$ws" --place user:kornakhbyur 2>/dev/null | grep -q "village of .*Korakhpyur" || fail "the later article is not linked to the user place"
"$bin" mentions --workspace "$ws" --place goris 2>/dev/null | grep -q "Residents of .*Gorisi" || fail "the alias Gorisi is not linked"
"$bin" review --workspace "$ws" --json 2>/dev/null | python3 -c "
import json,sys; d=json.load(sys.stdin)
assert not [x for x in d['unknown_names'] if x['name'] in ('Korakhpyur', 'Kornakhbyur')], 'the pinned name is still unknown'" || fail "review after the place"

# Edit and delete a place of one's own.
"$bin" places edit --workspace "$ws" --id user:kornakhbyur --kind town >"$dir/o" 2>&1 || fail "places edit: $(cat "$dir/o")"
"$bin" places --workspace "$ws" --json 2>/dev/null | python3 -c "
import json,sys; p=[x for x in json.load(sys.stdin) if x['id']=='user:kornakhbyur']
assert p and p[0]['kind']=='town', p" || fail "the edit did not hold"
"$bin" places remove --workspace "$ws" --id goris >"$dir/o" 2>&1; [ $? -eq 2 ] || fail "removing a default place was accepted"
grep -q "no place of yours has this id" "$dir/o" || fail "remove goris: $(cat "$dir/o")"
"$bin" places remove --workspace "$ws" --id user:kornakhbyur >"$dir/o" 2>&1 || fail "places remove: $(cat "$dir/o")"
"$bin" places --workspace "$ws" 2>/dev/null | grep -q "^user:kornakhbyur " && fail "the removed place is still listed"
echo "ok: review, links and places hold in the workspace"
exit 0
