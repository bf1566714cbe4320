#!/usr/bin/python3
"""QGIS peer for bench/run and bench/export/run.sh (Debian python3-qgis, QT_QPA_PLATFORM=offscreen).

Loads the layers of one or more GeoPackages, renders one map image of the given extent and size
with QgsMapRendererParallelJob (what a QGIS map canvas uses), and writes it as PNG. With
--renders N it renders the same extent N more times in the same process: the median of those is
what a QGIS canvas costs to redraw that view (the peer of briefmap's frame time).

Usage: qgis_render.py --gpkg FILE[:layer,layer...] [--gpkg ...] --crs PROJ --extent minx,miny,maxx,maxy
                      --size WxH --out OUT.png [--renders N] [--labels] [--dpi 96]
Prints one JSON object on stdout: layers, size, phase times in ms.
"""
import argparse
import json
import os
import statistics
import sys
import time

t_start = time.perf_counter()
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qgis.core import (QgsApplication, QgsCoordinateReferenceSystem, QgsFillSymbol,  # noqa: E402
                       QgsLineSymbol, QgsMapRendererParallelJob, QgsMapSettings, QgsMarkerSymbol,
                       QgsPalLayerSettings, QgsRectangle, QgsSingleSymbolRenderer,
                       QgsTextFormat, QgsVectorLayer, QgsVectorLayerSimpleLabeling, QgsWkbTypes)
from qgis.PyQt.QtCore import QSize  # noqa: E402
from qgis.PyQt.QtGui import QColor  # noqa: E402

ap = argparse.ArgumentParser()
ap.add_argument("--gpkg", action="append", required=True)
ap.add_argument("--crs", required=True)
ap.add_argument("--extent", required=True)
ap.add_argument("--size", required=True)
ap.add_argument("--out", required=True)
ap.add_argument("--renders", type=int, default=0)
ap.add_argument("--dpi", type=float, default=96, help="192 for a 2x image (line widths, text)")
ap.add_argument("--labels", action="store_true", help="label the points layer by `name`")
a = ap.parse_args()

qgs = QgsApplication([], False)
QgsApplication.setPrefixPath("/usr", True)
qgs.initQgis()
t_init = time.perf_counter()

# Colours as in assets/style.json (one rule per layer, as the Mapnik peer).
FILLS = {"countries": ("#ebe6da", "#4d4d4d", "0.42"), "admin1": (None, "#8c8577", "0.2"),
         "areas": ("176,58,46,64", "#b03a2e", "0.42")}
layers = []  # bottom first
for spec in a.gpkg:
    path, _, names = spec.partition(":")
    if names:
        names = names.split(",")
    else:
        probe = QgsVectorLayer(path, "probe", "ogr")
        names = [s.split("!!::!!")[1] for s in probe.dataProvider().subLayers()]
    for name in names:
        lyr = QgsVectorLayer(f"{path}|layername={name}", name, "ogr")
        if not lyr.isValid():
            sys.exit(f"qgis_render: cannot load {path}:{name}")
        geom = lyr.geometryType()
        if geom == QgsWkbTypes.PolygonGeometry:
            fill, stroke, width = FILLS.get(name, (None, "#8c8577", "0.2"))
            sym = QgsFillSymbol.createSimple({"color": fill or "0,0,0,0",
                                              "style": "solid" if fill else "no",
                                              "outline_color": stroke, "outline_width": width})
        elif geom == QgsWkbTypes.LineGeometry:
            sym = QgsLineSymbol.createSimple({"line_color": "#b03a2e", "line_width": "0.5",
                                              "line_style": "dash"})
        else:
            sym = QgsMarkerSymbol.createSimple({"name": "circle", "color": "#333333",
                                                "size": "1.6", "outline_color": "#ffffff"})
        lyr.setRenderer(QgsSingleSymbolRenderer(sym))
        if a.labels and geom == QgsWkbTypes.PointGeometry and "name" in lyr.fields().names():
            pal = QgsPalLayerSettings()
            pal.fieldName = "name"
            fmt = QgsTextFormat()
            fmt.setSize(9)
            fmt.setColor(QColor("#222222"))
            fmt.buffer().setEnabled(True)  # halo, as briefmap's labels
            pal.setFormat(fmt)
            lyr.setLabeling(QgsVectorLayerSimpleLabeling(pal))
            lyr.setLabelsEnabled(True)
        layers.append(lyr)
# Polygons under lines under points, as briefmap draws them.
rank = {QgsWkbTypes.PolygonGeometry: 0, QgsWkbTypes.LineGeometry: 1}
layers.sort(key=lambda lyr: rank.get(lyr.geometryType(), 2))
t_load = time.perf_counter()

w, h = (int(v) for v in a.size.lower().split("x"))
minx, miny, maxx, maxy = (float(v) for v in a.extent.split(","))
settings = QgsMapSettings()
settings.setLayers(list(reversed(layers)))  # QGIS lists the top layer first
settings.setDestinationCrs(QgsCoordinateReferenceSystem.fromProj(a.crs))
settings.setOutputSize(QSize(w, h))
settings.setOutputDpi(a.dpi)
settings.setBackgroundColor(QColor("#a9cbe3"))
settings.setExtent(QgsRectangle(minx, miny, maxx, maxy))


def render():
    job = QgsMapRendererParallelJob(settings)
    job.start()
    job.waitForFinished()
    return job.renderedImage()


t0 = time.perf_counter()
img = render()
t_first = time.perf_counter()
img.save(a.out, "PNG")
t_save = time.perf_counter()
again = []
for _ in range(a.renders):
    r0 = time.perf_counter()
    render()
    again.append(1000 * (time.perf_counter() - r0))
out = {
    "layers": [lyr.name() for lyr in layers],
    "features": sum(lyr.featureCount() for lyr in layers),
    "size": f"{img.width()}x{img.height()}",
    "init_ms": round(1000 * (t_init - t_start), 1),
    "load_ms": round(1000 * (t_load - t_init), 1),
    "first_render_ms": round(1000 * (t_first - t0), 1),
    "png_ms": round(1000 * (t_save - t_first), 1),
    "to_image_ms": round(1000 * (t_save - t_start), 1),
}
if again:
    out["rerender_median_ms"] = round(statistics.median(again), 2)
    out["rerenders"] = len(again)
print(json.dumps(out))
sys.stdout.flush()
os._exit(0)  # skip exitQgis(): its teardown is not part of making the image
