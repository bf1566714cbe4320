#!/usr/bin/env bash
# `briefmap mentions --json` gives every span its confidence and reason and, for a shared name,
# the other candidates; links under the threshold are listed apart (uncertain_passages). On an
# invented fixture (tests/fixtures/linker): two Martunis decided by the article, a person's name.
set -u
bin=$1 src=$2 out=${3:-/tmp}
command -v python3 >/dev/null || { echo "skip: python3 not found"; exit 77; }
mkdir -p "$out"
fx=$src/tests/fixtures/linker
json=$out/mentions-confidence.json
"$bin" mentions --json --data "$fx/places.geojson" --corpus "$fx/articles.jsonl" >"$json" \
    2>"$out/mentions-confidence.err" || {
    echo "FAIL: briefmap mentions exited $?"; cat "$out/mentions-confidence.err"; exit 1; }
python3 - "$json" <<'PY' || exit 1
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
th = doc["threshold"]
places = {p["id"]: p for p in doc["places"]}
def spans(pid, key="passages"):
    return [(p["article"], p["paragraph"], s) for p in places.get(pid, {}).get(key, []) for s in p["links"]]
for pid in places:
    for key in ("passages", "uncertain_passages"):
        for a, q, s in spans(pid, key):
            assert 0 <= s["confidence"] <= 1 and s["reason"], (pid, s)
            assert (s["confidence"] >= th) == (key == "passages"), (pid, key, s)
# Martuni next to Stepanakert is Nagorno-Karabakh's; next to Gegharkunik, Armenia's.
nk = [s for a, q, s in spans("martuni-nk") if a == 0]
am = [s for a, q, s in spans("martuni-am") if a == 1]
assert nk and nk[0]["reason"] == "nearby_places" and nk[0]["candidates"] == ["martuni-am"], nk
assert am and am[0]["reason"] == "province" and am[0]["candidates"] == ["martuni-nk"], am
assert not [1 for a, q, s in spans("martuni-am") if a == 0], "martuni-am linked in article 0"
# "Foreign Minister Ararat Mirzoyan": reported, not counted; "the town of Ararat" counts.
assert [(a, q) for a, q, s in spans("ararat")] == [(0, 3)], spans("ararat")
un = spans("ararat", "uncertain_passages")
assert [(a, q, s["reason"]) for a, q, s in un] == [(0, 2, "person")], un
# "the Lachin district": the district, with the town as the other candidate.
ld = spans("lachin-district")
assert ld and ld[0][2]["reason"] == "words_around" and ld[0][2]["candidates"] == ["lachin-town"], ld
# A hashtag and capitals: "#LachinCorridor" names no place here (no corridor in the data),
# "ŞUŞA" is Shusha.
assert [(a, q) for a, q, s in spans("shusha")] == [(0, 1), (1, 2)], spans("shusha")
print("ok: confidence, reason and candidates on every span")
PY
echo ok
