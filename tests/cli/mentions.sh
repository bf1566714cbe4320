#!/usr/bin/env bash
# `briefmap mentions --place Jermuk --json` returns the Foreign Affairs passage about Jermuk,
# with spans that slice to "Jermuk"; an unknown place exits 2 with a message.
set -u
bin=$1 src=$2 out=${3:-/tmp}
command -v python3 >/dev/null || { echo "skip: python3 not found"; exit 77; }
mkdir -p "$out"
json=$out/mentions-jermuk.json
"$bin" mentions --place Jermuk --json >"$json" 2>"$out/mentions-jermuk.err" || {
    echo "FAIL: briefmap mentions exited $?"; cat "$out/mentions-jermuk.err"; exit 1; }
python3 - "$json" <<'PY' || exit 1
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
places = doc["places"]
assert len(places) == 1 and places[0]["id"] == "jermuk", places
ps = [p for p in places[0]["passages"] if p["outlet"] == "Foreign Affairs"]
assert ps, "no Foreign Affairs passage about Jermuk"
p = ps[0]
assert p["date"] == "2023-12-08" and p["url"].startswith("https://www.foreignaffairs.com/"), p
raw = p["text"].encode("utf-8")
assert len(p["spans"]) == 2 and len(p["links"]) == 2, p
for (s, e), sp in zip(p["spans"], p["links"]):
    assert (sp["start"], sp["end"]) == (s, e), (s, e, sp)
    assert raw[s:e].decode("utf-8") == "Jermuk", (s, e, raw[s:e])
    # Every span says how sure its link is, and why; a counted one is at or over the threshold.
    assert doc["threshold"] <= sp["confidence"] <= 1 and sp["reason"], sp
print("ok: %d passage(s), spans %s" % (len(places[0]["passages"]), p["spans"]))
PY
# Case-insensitive lookup by alias, and the plain-text form marks mentions.
"$bin" mentions --place khankendi 2>/dev/null | grep -q "«Khankendi»" || { echo "FAIL: plain text for khankendi"; exit 1; }
"$bin" mentions --place Atlantis >/dev/null 2>"$out/mentions-unknown.err"
rc=$?
[ $rc -eq 2 ] || { echo "FAIL: unknown place exited $rc, want 2"; exit 1; }
grep -q 'no place named "Atlantis"' "$out/mentions-unknown.err" || { echo "FAIL: no message"; exit 1; }
echo ok
