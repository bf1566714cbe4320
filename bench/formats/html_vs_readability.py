#!/usr/bin/python3
"""briefmap's HTML reader beside python3-readability on the saved-page fixtures.

    bench/formats/html_vs_readability.py BUILD/bench/read_articles [REPEAT=200]

For each tests/fixtures/corpus/html/*.html with its .expected file (the article's paragraphs
under "## body", text of the page furniture under "## furniture") it reports, for both readers:
  body kept       paragraphs of the article found whole in the output / all of them
  body words      words of the article found in the output (multiset) / all of them
  furniture lines furniture lines found in the output (fewer is better)
  extra words     output words that are not the article's (multiset) / output words
  pages/s         pages read per CPU second (one thread, CPU time: the machine is shared),
                  each page read REPEAT times in one process
Not a pass/fail test (DESIGN.md): it prints a table and exits 0 unless a step breaks.
Needs python3-readability (Debian).
"""
import collections
import glob
import json
import os
import re
import subprocess
import sys
import time

import lxml.html
from readability import Document

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "..", "..", "tests", "fixtures", "corpus", "html")


def norm(s):
    return re.sub(r"\s+", " ", s.replace("\u00a0", " ")).strip()


def words(s):
    return re.findall(r"\w+", s.lower())


def expected(path):
    body, furn, into = [], [], None
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line == "## body":
            into = body
        elif line == "## furniture":
            into = furn
        elif into is not None and line:
            into.append(line)
    return body, furn


def score(text, body, furn):
    t = norm(text)
    want = collections.Counter(w for p in body for w in words(p))
    got = collections.Counter(words(t))
    kept = sum((want & got).values())
    extra = sum((got - want).values())
    return {
        "body_kept": sum(norm(p) in t for p in body) / len(body),
        "body_words": kept / max(1, sum(want.values())),
        "furniture_lines": sum(norm(f) in t for f in furn),
        "furniture_total": len(furn),
        "extra_words": extra / max(1, sum(got.values())),
    }


def readability_text(raw):
    summary = Document(raw).summary(html_partial=True)
    tree = lxml.html.fromstring(summary)
    # One paragraph per block, as briefmap gives them.
    for el in tree.iter("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "div", "br"):
        el.tail = (el.tail or "") + "\n"
    return tree.text_content()


def main():
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    reader = sys.argv[1]
    repeat = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    rows = []
    for page in sorted(glob.glob(os.path.join(FIXTURES, "*.html"))):
        exp = page + ".expected"
        if not os.path.exists(exp):
            continue
        body, furn = expected(exp)
        out = subprocess.run([reader, "--repeat", str(repeat), page], check=True,
                             capture_output=True, text=True).stdout
        rec = json.loads(out.splitlines()[0])
        b_text = "\n".join(p for a in rec["articles"] for p in a["paragraphs"])
        raw = open(page, "rb").read()
        t0 = time.process_time()
        for _ in range(repeat):
            r_text = readability_text(raw)
        r_secs = (time.process_time() - t0) / repeat
        rows.append((os.path.basename(page), score(b_text, body, furn), 1 / rec["seconds"],
                     score(r_text, body, furn), 1 / r_secs))
    print("| page | reader | body kept | body words | furniture lines kept | extra words | pages/s |")
    print("|---|---|---|---|---|---|---|")
    for name, b, bps, r, rps in rows:
        for who, s, ps in (("briefmap", b, bps), ("readability", r, rps)):
            print(f"| {name} | {who} | {s['body_kept']:.0%} | {s['body_words']:.0%} | "
                  f"{s['furniture_lines']}/{s['furniture_total']} | {s['extra_words']:.0%} | "
                  f"{ps:,.0f} |")
    bt = sum(r[2] for r in rows) / len(rows)
    rt = sum(r[4] for r in rows) / len(rows)
    print(f"\nmean pages/s: briefmap {bt:,.0f}, readability {rt:,.0f} ({bt / rt:.1f}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
