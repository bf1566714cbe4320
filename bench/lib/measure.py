#!/usr/bin/python3
"""Process timing for bench/run: wall time and peak memory of whole processes.

  measure.py run [--runs N] [--warmup K] [--stdout FILE] -- CMD...
      Runs CMD K times untimed, then N times. Wall time from just before the spawn to the
      child's exit; peak memory is the child's ru_maxrss from wait4() (the figure GNU time's
      %M prints; it covers the child and descendants it waited for).
      --json-stdout: every run's stdout is one JSON object; the list of them is kept.
  measure.py first-frame [--runs N] [--warmup K] -- CMD...
      Runs CMD (briefmap's window, with BRIEFMAP_TIMING=1) until it prints "first frame after
      X ms" on stderr, then ends it with SIGTERM. Wall time from just before the spawn (so the
      dynamic loader and static initialisers count) to that line; peak memory is VmHWM from
      /proc/PID/status at that moment.

--rm PATH (repeatable) deletes PATH before every run (a session file, so that no run restores
the state another one left).
Prints one JSON object: the per-run lists and their medians.
"""
import argparse
import json
import os
import re
import signal
import statistics
import subprocess
import sys
import time


def fresh(paths):
    for p in paths:
        try:
            os.unlink(p)
        except FileNotFoundError:
            pass


def run_once(cmd, stdout_path, stderr_path=None):
    out = open(stdout_path, "wb") if stdout_path else subprocess.DEVNULL
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=out, stderr=subprocess.PIPE)
    err = p.stderr.read()
    _, status, ru = os.wait4(p.pid, 0)
    t1 = time.perf_counter()
    p.returncode = os.waitstatus_to_exitcode(status)
    if stdout_path:
        out.close()
    if stderr_path:
        with open(stderr_path, "wb") as f:
            f.write(err)
    if p.returncode != 0:
        sys.stderr.write(err.decode(errors="replace"))
        sys.exit(f"measure: {' '.join(cmd)} exited with {p.returncode}")
    return 1000 * (t1 - t0), ru.ru_maxrss


FIRST = re.compile(rb"first frame after ([0-9.]+) ms")


def first_frame_once(cmd):
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    internal = None
    lines = []
    for line in p.stderr:
        m = FIRST.search(line)
        if m:
            t1 = time.perf_counter()
            internal = float(m.group(1))
            hwm = 0
            with open(f"/proc/{p.pid}/status") as f:
                for s in f:
                    if s.startswith("VmHWM:"):
                        hwm = int(s.split()[1])
            break
        lines.append(line)
    p.send_signal(signal.SIGTERM)
    p.stderr.close()
    p.wait()
    if internal is None:
        sys.stderr.write(b"".join(lines).decode(errors="replace"))
        sys.exit(f"measure: {' '.join(cmd)} printed no first frame")
    return 1000 * (t1 - t0), internal, hwm


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["run", "first-frame"])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--warmup", type=int, default=1)
    ap.add_argument("--stdout", help="keep the last run's stdout here (run mode)")
    ap.add_argument("--stderr", help="keep the last run's stderr here (run mode)")
    ap.add_argument("--json-stdout", action="store_true")
    ap.add_argument("--rm", action="append", default=[])
    argv = sys.argv[1:]
    if "--" not in argv:
        ap.error("the command follows --")
    cut = argv.index("--")
    a = ap.parse_args(argv[:cut])
    cmd = argv[cut + 1:]
    res = {}
    if a.mode == "run":
        for _ in range(a.warmup):
            fresh(a.rm)
            run_once(cmd, None)
        wall, rss, outs = [], [], []
        keep = a.stdout or ("/tmp/measure-%d.out" % os.getpid() if a.json_stdout else None)
        for _ in range(a.runs):
            fresh(a.rm)
            w, r = run_once(cmd, keep, a.stderr)
            wall.append(round(w, 2))
            rss.append(r)
            if a.json_stdout:
                with open(keep) as f:
                    outs.append(json.load(f))
        if keep and not a.stdout:
            os.unlink(keep)
        res = {"wall_ms": wall, "median_ms": round(statistics.median(wall), 2),
               "peak_rss_kb": rss, "median_peak_rss_kb": int(statistics.median(rss))}
        if a.json_stdout:
            res["stdout"] = outs
    else:
        for _ in range(a.warmup):
            fresh(a.rm)
            first_frame_once(cmd)
        ext, internal, hwm = [], [], []
        for _ in range(a.runs):
            fresh(a.rm)
            e, i, h = first_frame_once(cmd)
            ext.append(round(e, 2))
            internal.append(i)
            hwm.append(h)
        res = {"wall_ms": ext, "median_ms": round(statistics.median(ext), 2),
               "internal_ms": internal, "median_internal_ms": statistics.median(internal),
               "peak_rss_kb": hwm, "median_peak_rss_kb": int(statistics.median(hwm))}
    print(json.dumps(res))


if __name__ == "__main__":
    main()
