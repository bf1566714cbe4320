#!/usr/bin/python3
"""Inputs at briefmap's README limits, for bench/limits/run.sh.

  make_inputs.py DIR

Writes into DIR (skipping files already there):
  corpus_256mib.jsonl   JSON Lines articles, 256 MiB less 4 KiB (the corpus file limit is 256 MiB)
  paragraph_64mib.md    one article whose one paragraph is 64 MiB less 4 KiB (the paragraph limit)
  features_1m.geojsonl  1,000,000 named points in the region, one GeoJSON feature a line
  vertices_5m.geojson   one route (LineString) of 5,000,000 vertices
The texts name places of the default data (Jermuk, Goris, Stepanakert, ...) in sentences written
for this benchmark, so the linker does the work a real corpus gives it.
"""
import json
import math
import os
import sys

MIB = 1 << 20
PLACES = ["Jermuk", "Goris", "Stepanakert", "Lachin", "Syunik", "Meghri", "Kalbajar", "Baku",
          "Yerevan", "Shusha", "Nakhchivan", "Agdam", "Tegh", "Kornidzor", "Sotk", "Vardenis"]


def sentence(i):
    a, b = PLACES[i % len(PLACES)], PLACES[(i * 7 + 3) % len(PLACES)]
    return (f"Report {i}: residents of {a} said the road toward {b} stayed closed on the "
            f"third day, and officials in {b} promised talks with the villages near {a}.")


def paragraph(i, n):
    return " ".join(sentence(i * n + k) for k in range(n))


def corpus(path, size):
    with open(path, "w") as f:
        written, i = 0, 0
        while True:
            art = {"title": f"Benchmark article {i}", "outlet": f"Outlet {i % 40}",
                   "date": f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}",
                   "url": f"https://example.org/bench/{i}",
                   "text": "\n\n".join(paragraph(i * 8 + p, 4) for p in range(8))}
            line = json.dumps(art, ensure_ascii=False) + "\n"
            if written + len(line.encode()) > size:
                break
            f.write(line)
            written += len(line.encode())
            i += 1


def one_paragraph(path, size):
    with open(path, "w") as f:
        head = ("---\ntitle: One long paragraph\noutlet: Benchmark\ndate: 2024-05-01\n"
                "url: https://example.org/bench/long\n---\n\n")
        f.write(head)
        written, i = len(head), 0
        while True:
            s = sentence(i) + " "
            if written + len(s) > size:
                break
            f.write(s)
            written += len(s)
            i += 1
        f.write("\n")


def points(path, n):
    with open(path, "w") as f:
        for i in range(n):
            lon = 43.5 + (i % 1000) * 0.0065
            lat = 38.5 + (i // 1000) * 0.0035
            f.write(json.dumps({"type": "Feature", "properties": {
                "id": f"bench-{i}", "name": f"Benchpoint {i}", "kind": "village"},
                "geometry": {"type": "Point", "coordinates": [round(lon, 5), round(lat, 5)]}})
                + "\n")


def route(path, n):
    with open(path, "w") as f:
        f.write('{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": '
                '{"id": "bench-route", "name": "Benchroute", "kind": "route"}, "geometry": '
                '{"type": "LineString", "coordinates": [')
        for i in range(n):
            t = i / n * 2 * math.pi * 40  # forty turns of a spiral over the region
            r = 0.05 + 1.6 * i / n
            f.write(("," if i else "") + f"[{46 + r * math.cos(t):.6f},{40 + r * math.sin(t) * 0.7:.6f}]")
        f.write("]}}]}\n")


def main():
    d = sys.argv[1]
    os.makedirs(d, exist_ok=True)
    jobs = [("corpus_256mib.jsonl", lambda p: corpus(p, 256 * MIB - 4096)),
            ("paragraph_64mib.md", lambda p: one_paragraph(p, 64 * MIB - 4096)),
            ("features_1m.geojsonl", lambda p: points(p, 1_000_000)),
            ("vertices_5m.geojson", lambda p: route(p, 5_000_000))]
    for name, make in jobs:
        p = os.path.join(d, name)
        if not os.path.exists(p):
            make(p + ".tmp")
            os.replace(p + ".tmp", p)
        print(f"{name}: {os.path.getsize(p) / MIB:.1f} MiB", file=sys.stderr)


if __name__ == "__main__":
    main()
