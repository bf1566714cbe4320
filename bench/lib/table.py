#!/usr/bin/python3
"""Reads the raw results bench/run left in RESULTS_DIR, checks that each peer's output is
comparable with briefmap's, and prints one Markdown table (then the checks and the context).
Exit status 1 when a comparability check fails. Usage: table.py RESULTS_DIR"""
import json
import os
import re
import statistics
import sys

res = sys.argv[1]


def load(name):
    path = os.path.join(res, name)
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return json.load(f)


def mb(kb):
    return f"{kb / 1024:.0f}" if kb else "–"


env = load("env.json") or {}
rows = []  # figure, target, briefmap, met, peer, peer value, ratio, bm MB, peer MB, check
checks = []  # (ok, row label, what)


def check(label, ok, what):
    checks.append((bool(ok), label, what))
    return bool(ok)


def ratio(label, b, p):
    """briefmap time / peer time, or n/c when a check of this row failed."""
    if any(not ok for ok, lbl, _ in checks if lbl == label):
        return "n/c"
    if not (b and p):
        return "–"
    r = b / p
    return f"{r:.2f}" if r >= 0.1 else f"{r:.2g}"


def met(ok):
    return "**yes**" if ok else "no"


def session_layers(name):
    s = load(name)
    if not s:
        return [], None
    return sorted(s.get("layers", {})), s.get("window", {})


# --- start to first frame ---------------------------------------------------------------
ff, qf = load("first_frame.json"), load("qgis_first.json")
if ff and qf:
    lbl = "first frame"
    layers, _ = session_layers("ff.session")
    qo = qf["stdout"][-1]
    check(lbl, sorted(qo["layers"]) == layers,
          f"QGIS loaded the same layers as the window: {sorted(qo['layers'])}")
    check(lbl, qo["size"] == "1920x1080", f"QGIS image is {qo['size']}")
    b = ff["median_ms"]
    rows.append(["Start to first frame, default data (whole process, window 1600x1000)",
                 "< 300 ms", f"{b:.0f} ms (in-process {ff['median_internal_ms']:.0f} ms)",
                 met(b < 300), "QGIS: start to a 1920x1080 PNG of the same view",
                 f"{qf['median_ms']:.0f} ms", ratio(lbl, b, qf["median_ms"]),
                 mb(ff["median_peak_rss_kb"]), mb(qf["median_peak_rss_kb"])])

# --- frame time -------------------------------------------------------------------------
for key, sess, qname, target, what in [
        ("frames_default", "fd.session", "qgis_default", 8, "default data"),
        ("frames_world", "fw.session", "qgis_world", 16,
         f"+ world admin-1 ({env.get('world_admin1', '?')} provinces)")]:
    fr, q = load(key + ".json"), load(qname + ".json")
    if not (fr and q):
        continue
    lbl = f"frames {what}"
    layers, window = session_layers(sess)
    qo = q["stdout"][0]
    check(lbl, window == {"width": 1920, "height": 1080}, f"briefmap window {window}")
    check(lbl, qo["size"] == "1920x1080", f"QGIS image is {qo['size']}")
    check(lbl, sorted(qo["layers"]) == layers, f"QGIS loaded the same layers: {layers}")
    meds = [r["frame_median_ms"] for r in fr["stdout"]]
    p90 = statistics.median(r["frame_p90_ms"] for r in fr["stdout"])
    n = sum(r["frames"] for r in fr["stdout"])
    b = statistics.median(meds)
    rows.append([f"Frame while panning at 1920x1080, {what}", f"< {target} ms",
                 f"{b:.2f} ms (p90 {p90:.1f}; {n} frames)", met(b < target),
                 "QGIS: full re-render of the same view at 1920x1080",
                 f"{qo['rerender_median_ms']:.0f} ms", ratio(lbl, b, qo["rerender_median_ms"]),
                 mb(fr["median_peak_rss_kb"]), mb(q["median_peak_rss_kb"])])

# --- pick -------------------------------------------------------------------------------
pb, po = load("pick_briefmap.json"), load("pick_ogr.json")
if pb and po:
    lbl = "pick"
    b, o = pb["stdout"][0], po["stdout"][0]
    check(lbl, o["agree"] >= 0.99 * o["queries"],
          f"briefmap (restricted to world_admin1) and OGR name the same province for "
          f"{o['agree']}/{o['queries']} points")
    check(lbl, abs(o["hits"] - b["layer_hits"]) <= 0.01 * o["queries"],
          f"points inside a province: briefmap {b['layer_hits']}, OGR {o['hits']}")
    rows.append([f"Pick under the cursor, world admin-1 loaded ({b['features']} features)",
                 "< 50 µs", f"{b['median_us']:.1f} µs (p90 {b['p90_us']:.1f})",
                 met(b["median_us"] < 50), "OGR: GPKG R-tree spatial filter + GEOS Contains",
                 f"{o['median_us']:.1f} µs", ratio(lbl, b["median_us"], o["median_us"]),
                 mb(pb["median_peak_rss_kb"]), mb(po["median_peak_rss_kb"])])

# --- export -----------------------------------------------------------------------------
ex = load("export.json")
if ex:
    lbl = "export"
    for ok_, what in ((c["ok"], c["what"]) for c in ex["checks"]):
        check(lbl, ok_, what)
    b = ex["briefmap"]["median_ms"]
    m = ex["mapnik"]["median_ms"]
    enc = re.search(r"encode_png\s+[0-9.]+ ms\s+([0-9.]+)%", ex.get("phases", ""))
    rows.append([f"Export {ex['size']} PNG, whole process",
                 "ratio < 1.0 vs Mapnik (aim 0.5)",
                 f"{b / 1000:.3f} s (PNG {enc.group(1) if enc else '?'}%)",
                 met(b < m), "Mapnik: polygon layers, no labels", f"{m / 1000:.3f} s",
                 ratio(lbl, b, m), mb(ex["briefmap"]["median_peak_rss_kb"]),
                 mb(ex["mapnik"]["median_peak_rss_kb"])])
    if "qgis" in ex:
        q = ex["qgis"]["median_ms"]
        rows.append([f"Export {ex['size']} PNG, whole process", "–", f"{b / 1000:.3f} s", "",
                     "QGIS: every layer, place labels", f"{q / 1000:.3f} s", ratio(lbl, b, q),
                     mb(ex["briefmap"]["median_peak_rss_kb"]),
                     mb(ex["qgis"]["median_peak_rss_kb"])])

# --- linking ----------------------------------------------------------------------------
link_txt = os.path.join(res, "link.txt")
if os.path.exists(link_txt):
    t = open(link_txt).read()
    lbl = "link"
    bm = re.search(r"^briefmap [^:]*: median ([0-9.]+) MB/s.*?(\d+) matches.*?peak RSS ([0-9.]+) MB",
                   t, re.M)
    cpu = re.search(r"^briefmap [^:]*: median [0-9.]+ MB/s \(by CPU time ([0-9.]+) MB/s\)", t, re.M)
    corpus = re.search(r"corpus: ([0-9.]+) MB", t)
    g = r"\s*: median(?: of \d+)?: ([0-9.]+) s on ([0-9.]+) MB = ([0-9.]+) MB/s, (\d+) matches"
    g1 = re.search(r"grep -F -o" + g, t)
    g2 = re.search(r"grep -F -w -o" + g, t)
    idx = re.search(r"index build\s+median ([0-9.]+) ms", t)
    grep_kb = {}  # the largest peak of each kind of grep run (the shim's log)
    for line in open(os.path.join(res, "grep.log")):
        parts = line.split()
        if len(parts) > 3 and "-F" in parts and "-f" in parts:
            kind = "-w" if "-w" in parts else "-F"
            grep_kb[kind] = max(grep_kb.get(kind, 0), int(parts[0]))
    if bm and g1 and g2 and corpus:
        bmbps, bmatch, brss = float(bm.group(1)), int(bm.group(2)), float(bm.group(3))
        cmb = float(corpus.group(1))
        dens_b = bmatch / cmb
        dens_w = int(g2.group(4)) / float(g2.group(2))
        check(lbl, abs(dens_b / dens_w - 1) <= 0.15,
              f"word matches per MB agree within 15%: briefmap {dens_b:.0f}/MB, "
              f"grep -F -w {dens_w:.0f}/MB (its slice)")
        check(lbl, bmatch <= 1.05 * int(g1.group(4)),
              f"briefmap's {bmatch} matches are no more than grep -F -o's {g1.group(4)} "
              f"(every substring)")
        rows.append([f"Linking throughput, {cmb:.0f} MB corpus, 119k names, one core",
                     "≥ 500 MB/s",
                     f"{bmbps:.0f} MB/s" + (f" (by CPU time {cpu.group(1)})" if cpu else ""),
                     met(bmbps >= 500),
                     "grep -F -o -f names (substrings, LC_ALL=C)", f"{float(g1.group(3)):.0f} MB/s",
                     ratio(lbl, 1 / bmbps, 1 / float(g1.group(3))), f"{brss:.0f}",
                     mb(grep_kb.get("-F"))])
        rows.append([f"Linking throughput (grep -w on a {g2.group(2)} MB slice)", "–",
                     f"{bmbps:.0f} MB/s", "", "grep -F -w -o -f names (words)",
                     f"{float(g2.group(3)):.3f} MB/s",
                     ratio(lbl, 1 / bmbps, 1 / float(g2.group(3))), f"{brss:.0f}",
                     mb(grep_kb.get("-w"))])
    else:
        check(lbl, False, "bench/link/run.sh output not understood (see link.txt)")
    if idx:
        b = float(idx.group(1))
        rows.append(["Linker index of the default data + corpus", "< 20 ms", f"{b:.2f} ms",
                     met(b < 20), "–", "–", "–", "–", "–"])

head = ["figure", "target", "briefmap (median)", "met", "peer (same session)", "peer (median)",
        "ratio b/p", "briefmap peak MB", "peer peak MB"]
print("| " + " | ".join(head) + " |")
print("|" + "|".join("---" for _ in head) + "|")
for r in rows:
    print("| " + " | ".join(r) + " |")
print()
print("ratio b/p: briefmap's time divided by the peer's (per MB for linking): under 1 means "
      "briefmap is faster; n/c: not comparable, a check below failed.")
print()
print("Comparability checks:")
for ok, lbl, what in checks:
    print(f"- {'ok  ' if ok else 'FAIL'} [{lbl}] {what}")
print()
print(f"Mode {env.get('mode')}, {env.get('cpu')}, Mesa llvmpipe; load average "
      f"{env.get('load_start')} at start, {env.get('load_end')} at the end; "
      f"{env.get('seconds')} s in all, of which {env.get('setup_seconds')} s checking packages, "
      f"building and making inputs.")
sys.exit(0 if all(ok for ok, _, _ in checks) else 1)
