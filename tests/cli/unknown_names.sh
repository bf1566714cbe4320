#!/usr/bin/env bash
# `briefmap unknown-names`: names the articles use as places that the map does not have, by
# count, with passages whose spans slice to the name; known places, people and months stay out.
# The fixture's village names are invented, so no gazetteer will ever know them.
set -u
bin=$1 src=$2 out=${3:-/tmp}
command -v python3 >/dev/null || { echo "skip: python3 not found"; exit 77; }
mkdir -p "$out"
corpus=$src/tests/fixtures/corpus/unknown-names.jsonl
json=$out/unknown-names.json
"$bin" unknown-names --json --corpus "$corpus" >"$json" 2>"$out/unknown-names.err" || {
    echo "FAIL: briefmap unknown-names exited $?"; cat "$out/unknown-names.err"; exit 1; }
python3 - "$json" <<'PY' || exit 1
import json, sys
names = json.load(open(sys.argv[1], encoding="utf-8"))["unknown_names"]
by = {n["name"]: n for n in names}
assert names and names[0]["name"] == "Testavan", [n["name"] for n in names]
t = by["Testavan"]
assert t["count"] == 4, t["count"]
assert {"village of", "village", "in"} <= set(t["cues"]), t["cues"]
# Scraped text with one paragraph per line: the mentions are in paragraphs 0, 1, 2 of article 0.
assert [(p["article"], p["paragraph"]) for p in t["passages"]] == [(0, 0), (0, 1), (0, 2), (1, 0)], t["passages"]
for n in names:
    for p in n["passages"]:
        raw = p["text"].encode("utf-8")
        for s, e in p["spans"]:
            assert raw[s:e].decode("utf-8") == n["name"], (n["name"], raw[s:e])
assert "Fixturashen" in by and "checkpoint" in by["Fixturashen"]["cues"], by.keys()
assert "Samplekend" in by, by.keys()
for gone in ["Goris", "Kapan", "Jermuk", "January", "Friday", "Fixturyan", "Samvel Fixturyan", "Residents", "Later"]:
    assert gone not in by, gone
print("ok: %s" % ", ".join("%s %d" % (n["name"], n["count"]) for n in names))
PY
# The plain form lists the same names with their counts and passages.
"$bin" unknown-names --corpus "$corpus" 2>/dev/null | grep -Eq '^ +4  Testavan  \(4 passages; ' || {
    echo "FAIL: plain text"; "$bin" unknown-names --corpus "$corpus"; exit 1; }
"$bin" unknown-names --bogus >/dev/null 2>&1
rc=$?
[ $rc -eq 2 ] || { echo "FAIL: a bad argument exited $rc, want 2"; exit 1; }
"$bin" unknown-names --corpus "$out/no-such-corpus" >/dev/null 2>"$out/unknown-names-missing.err"
rc=$?
[ $rc -eq 1 ] || { echo "FAIL: a missing corpus exited $rc, want 1"; exit 1; }
grep -q "no such file or folder" "$out/unknown-names-missing.err" || { echo "FAIL: no message"; exit 1; }
echo ok
