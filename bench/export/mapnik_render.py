#!/usr/bin/python3
"""Mapnik peer for bench/export: renders the polygon layers (countries, admin1, areas) of the
same GeoPackage, in the same projection and extent as a briefmap export sidecar, to a PNG of
the same size. Usage: mapnik_render.py GPKG SIDECAR.json OUT.png"""
import json
import sys
import time

import mapnik

t0 = time.perf_counter()
gpkg, sidecar, out = sys.argv[1:4]
side = json.load(open(sidecar))
w, h = side["size"]["width"], side["size"]["height"]
e = side["view"]["extent"]
m = mapnik.Map(w, h, side["crs"])
m.background = mapnik.Color("#a9cbe3")
# Colours as in assets/style.json; one rule per layer (no per-country fills) keeps the peer simple.
looks = {"countries": ("#ebe6da", "#4d4d4d", 1.6), "admin1": (None, "#8c8577", 0.7),
         "areas": ("#b03a2e40", "#b03a2e", 1.6)}
for name, (fill, stroke, width) in looks.items():
    s = mapnik.Style()
    r = mapnik.Rule()
    if fill:
        r.symbols.append(mapnik.PolygonSymbolizer())
        r.symbols[-1].fill = mapnik.Color(fill)
    ls = mapnik.LineSymbolizer()
    ls.stroke = mapnik.Color(stroke)
    ls.stroke_width = width * side["scale"]
    r.symbols.append(ls)
    s.rules.append(r)
    m.append_style(name, s)
    lyr = mapnik.Layer(name, "+proj=longlat +datum=WGS84 +no_defs")
    lyr.datasource = mapnik.Ogr(file=gpkg, layer=name)
    lyr.styles.append(name)
    m.layers.append(lyr)
# The export's map rectangle is the whole image when nothing is selected.
m.zoom_to_box(mapnik.Box2d(e["minx"], e["miny"], e["maxx"], e["maxy"]))
t1 = time.perf_counter()
im = mapnik.Image(w, h)
mapnik.render(m, im)
t2 = time.perf_counter()
im.save(out, "png")
t3 = time.perf_counter()
print(f"mapnik setup {1000*(t1-t0):.1f} ms render {1000*(t2-t1):.1f} ms png {1000*(t3-t2):.1f} ms",
      file=sys.stderr)
