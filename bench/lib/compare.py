#!/usr/bin/python3
"""No-regression comparison of two briefmap binaries (bench/run --compare BASE [NEW]).

  compare.py --base BIN --new BIN [--runs N] [--frames F] [--out DIR]

Measures, for each binary, the three figures issue 12 asks to keep: start to first frame (the
window on the default data), the median frame time while panning (--bench-frames F at
1920x1080) and the wall time of `briefmap export` at 3840x2160. Runs are interleaved (base,
new, then new, base, ...) so that a change in the machine's load falls on both alike. Prints
one line per figure: each binary's median, the ratio new/base and the spread (min-max) of each.
Must run under one X server (bench/run starts xvfb-run around it). Not pass/fail: the exit code
says only whether every run worked.
"""
import argparse
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

os.environ["BRIEFMAP_TIMING"] = "1"  # the window then says on stderr when its first frame is up

here = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("measure", os.path.join(here, "measure.py"))
measure = importlib.util.module_from_spec(spec)
spec.loader.exec_module(measure)


def first_frame(binary, work):
    session = os.path.join(work, "ff.session")
    measure.fresh([session])
    wall, _, _ = measure.first_frame_once([binary, "--session", session])
    return wall


def frame_time(binary, work, frames):
    session = os.path.join(work, "fr.session")
    measure.fresh([session])
    out = subprocess.run([binary, "--size", "1920x1080", "--bench-frames", str(frames),
                          "--session", session], capture_output=True, check=True)
    return json.loads(out.stdout)["frame_median_ms"]


def export_time(binary, work):
    png = os.path.join(work, "export.png")
    t0 = time.perf_counter()
    subprocess.run([binary, "export", "-o", png, "--size", "3840x2160", "--select", "Jermuk"],
                   capture_output=True, check=True)
    return 1000 * (time.perf_counter() - t0)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", required=True)
    ap.add_argument("--new", required=True)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--frames", type=int, default=200)
    ap.add_argument("--out", help="write the raw figures here (JSON)")
    a = ap.parse_args()
    bins = {"base": os.path.abspath(a.base), "new": os.path.abspath(a.new)}
    for name, b in bins.items():
        if not os.access(b, os.X_OK):
            sys.exit(f"compare: {name} binary {b} is not executable")
    figures = {
        "first frame (ms)": lambda b, w: first_frame(b, w),
        "frame median (ms)": lambda b, w: frame_time(b, w, a.frames),
        "export 3840x2160 (ms)": lambda b, w: export_time(b, w),
    }
    raw = {f: {"base": [], "new": []} for f in figures}
    with tempfile.TemporaryDirectory(prefix="briefmap-compare-") as work:
        # One untimed warm-up of each (page cache, fontconfig, Mesa's shader cache).
        for b in bins.values():
            for fn in figures.values():
                fn(b, work)
        for r in range(a.runs):
            order = ["base", "new"] if r % 2 == 0 else ["new", "base"]
            for f, fn in figures.items():
                for name in order:
                    raw[f][name].append(round(fn(bins[name], work), 3))
            print(f"[compare] round {r + 1}/{a.runs}", file=sys.stderr)
    rows = []
    for f, v in raw.items():
        mb, mn = statistics.median(v["base"]), statistics.median(v["new"])
        rows.append((f, mb, mn, mn / mb if mb else float("nan"), v))
    print(f"| figure | base median | new median | new/base | base min-max | new min-max |")
    print(f"|---|---|---|---|---|---|")
    for f, mb, mn, ratio, v in rows:
        print(f"| {f} | {mb:.1f} | {mn:.1f} | {ratio:.3f} | "
              f"{min(v['base']):.1f}-{max(v['base']):.1f} | {min(v['new']):.1f}-{max(v['new']):.1f} |")
    if a.out:
        with open(a.out, "w") as fh:
            json.dump({"bins": bins, "runs": a.runs, "frames": a.frames, "raw": raw,
                       "medians": {f: {"base": mb, "new": mn, "ratio": ratio}
                                   for f, mb, mn, ratio, _ in rows},
                       "load": open("/proc/loadavg").read().split()[:3]}, fh, indent=1)


if __name__ == "__main__":
    main()
