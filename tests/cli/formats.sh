#!/usr/bin/env bash
# `briefmap mentions --corpus DIR --json` on a folder of saved HTML pages and PDF reports
# (tests/fixtures/corpus/html, .../pdf): Jermuk, Syunik and the Lachin corridor are linked in both kinds,
# PDF passages carry the page they start on ("page", and "p. N" in the plain-text form), HTML
# passages carry none, and no page furniture is a passage.
set -u
bin=$1 src=$2 out=${3:-/tmp}
command -v python3 >/dev/null || { echo "skip: python3 not found"; exit 77; }
dir=$out/formats-corpus
rm -rf "$dir" && mkdir -p "$dir"
cp "$src"/tests/fixtures/corpus/html/*.html "$src"/tests/fixtures/corpus/pdf/*.pdf "$dir"/
json=$out/formats-mentions.json
"$bin" mentions --json --corpus "$dir" >"$json" 2>"$out/formats-mentions.err" || {
    echo "FAIL: briefmap mentions exited $?"; cat "$out/formats-mentions.err"; exit 1; }
[ -s "$out/formats-mentions.err" ] && { echo "FAIL: problems reported"; cat "$out/formats-mentions.err"; exit 1; }
python3 - "$json" <<'PY' || exit 1
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
by_id = {p["id"]: p for p in doc["places"]}
def passages(pid):
    assert pid in by_id, pid
    return by_id[pid]["passages"]
def is_pdf(p):
    return p["title"].startswith(("Monitoring report", "Roads and crossings", "field note"))
# Jermuk, the Lachin corridor and Syunik (province am-su) are named in pages and reports alike.
for pid in ("jermuk", "lachin-corridor", "am-su"):
    ps = passages(pid)
    pdf = [p for p in ps if is_pdf(p)]
    html = [p for p in ps if not is_pdf(p)]
    assert pdf and html, (pid, [(p["title"], p["page"]) for p in ps])
    assert all(isinstance(p["page"], int) and p["page"] >= 1 for p in pdf), pdf
    assert all(p["page"] is None for p in html), html
    for p in ps:  # every span slices to a name of the place
        raw = p["text"].encode("utf-8")
        for s, e in p["spans"]:
            assert raw[s:e].decode("utf-8"), (s, e)
# The one-column report: the Lachin corridor on page 2, Jermuk on pages 1, 1 and 2.
monitor = [p["page"] for p in passages("lachin-corridor") if p["title"].startswith("Monitoring")]
assert monitor == [2], monitor
pages = sorted(p["page"] for p in passages("jermuk") if p["title"].startswith("Monitoring"))
assert pages == [1, 1, 2], pages
# The two-column report: Kapan in its first column (page 1), Agarak in its third (page 2).
assert [p["page"] for p in passages("kapan") if p["title"].startswith("Roads")] == [1], \
    [(p["title"], p["page"]) for p in passages("kapan")]
assert [p["page"] for p in passages("agarak") if p["title"].startswith("Roads")] == [2]
# Syunik in the windows-1252 page as well as in both reports.
titles = {p["title"] for p in passages("am-su")}
assert "Syunik villages wait for the new road" in titles, titles
# Furniture stayed out: footers and "most read" lists also name these places.
for place in doc["places"]:
    for p in place["passages"]:
        t = p["text"]
        for furn in ("All rights reserved", "Most read", "Lachin checkpoint quiet",
                     "Reprinting our reports", "Reporting from Syunik", "Subscribe"):
            assert furn not in t, (furn, t)
print("ok: jermuk %d, lachin-corridor %d, syunik %d passages" %
      tuple(len(passages(x)) for x in ("jermuk", "lachin-corridor", "am-su")))
PY
# The plain-text form says the page beside the source.
"$bin" mentions --place "Lachin corridor" --corpus "$dir" 2>/dev/null |
    grep -q "South Caucasus Border Monitor, 2023-12-08, p. 2" ||
    { echo "FAIL: no 'p. 2' in the plain-text passages"; "$bin" mentions --place "Lachin corridor" --corpus "$dir"; exit 1; }
echo ok
