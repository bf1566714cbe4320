#include "geo/load.h"

#include <gdal_priv.h>
#include <geos_c.h>
#include <ogr_api.h>
#include <ogrsf_frmts.h>

#include <cmath>
#include <cstring>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>

#include "common/resources.h"
#include "geo/raster.h"
#include "geo/vsi_guard.h"

namespace bm::geo {

void ensure_gdal() {
    static std::once_flag once;
    std::call_once(once, [] {
        GDALAllRegister();
        // Every file GDAL opens (siblings, VRT sources) is checked; no network unless asked.
        install_vsi_guard();
        // Quiet GDAL's own stderr chatter; we report problems ourselves.
        CPLSetErrorHandler(CPLQuietErrorHandler);
    });
}

namespace {

// Coordinates beyond this are garbage (lon/lat never exceed 180 degrees); checked after transform.
bool finite_lonlat(double x, double y) {
    return std::isfinite(x) && std::isfinite(y) && std::fabs(x) <= 360 && std::fabs(y) <= 90.0001;
}

struct Converter {
    Geometry out;
    bool bad = false;

    void ring(const OGRLinearRing* r, Polygon& poly) {
        Ring ring;
        int n = r->getNumPoints();
        ring.reserve(size_t(n));
        for (int i = 0; i < n; ++i) {
            double x = r->getX(i), y = r->getY(i);
            if (!finite_lonlat(x, y)) {
                bad = true;
                return;
            }
            ring.push_back({x, y});
            out.bbox.add(ring.back());
        }
        // Drop the closing point; see layer.h.
        if (ring.size() > 1 && ring.front().x == ring.back().x && ring.front().y == ring.back().y)
            ring.pop_back();
        if (ring.size() >= 3) poly.push_back(std::move(ring));
    }

    void add(const OGRGeometry* g) {
        switch (wkbFlatten(g->getGeometryType())) {
            case wkbPoint: {
                auto* p = g->toPoint();
                if (p->IsEmpty()) return;
                if (!finite_lonlat(p->getX(), p->getY())) {
                    bad = true;
                    return;
                }
                out.points.push_back({p->getX(), p->getY()});
                out.bbox.add(out.points.back());
                break;
            }
            case wkbLineString: {
                auto* l = g->toLineString();
                LineString line;
                for (int i = 0; i < l->getNumPoints(); ++i) {
                    if (!finite_lonlat(l->getX(i), l->getY(i))) {
                        bad = true;
                        return;
                    }
                    line.push_back({l->getX(i), l->getY(i)});
                    out.bbox.add(line.back());
                }
                if (line.size() >= 2) out.lines.push_back(std::move(line));
                break;
            }
            case wkbPolygon: {
                auto* p = g->toPolygon();
                if (p->IsEmpty()) return;
                Polygon poly;
                ring(p->getExteriorRing(), poly);
                if (poly.empty()) return;
                for (int i = 0; i < p->getNumInteriorRings(); ++i)
                    ring(p->getInteriorRing(i), poly);
                out.polygons.push_back(std::move(poly));
                break;
            }
            case wkbMultiPoint:
            case wkbMultiLineString:
            case wkbMultiPolygon:
            case wkbGeometryCollection: {
                auto* c = g->toGeometryCollection();
                for (int i = 0; i < c->getNumGeometries(); ++i) add(c->getGeometryRef(i));
                break;
            }
            default:
                // Curves and surfaces: linearise, then convert.
                if (g->hasCurveGeometry()) {
                    std::unique_ptr<OGRGeometry> lin(g->getLinearGeometry());
                    if (lin) add(lin.get());
                }
                break;
        }
    }
};

size_t vertex_count(const OGRGeometry* g) {
    switch (wkbFlatten(g->getGeometryType())) {
        case wkbPoint:
            return 1;
        case wkbLineString:
        case wkbLinearRing:
        case wkbCircularString:
            return size_t(g->toSimpleCurve()->getNumPoints());
        case wkbPolygon: {
            size_t n = 0;
            for (const OGRLinearRing* r : *g->toPolygon()) n += size_t(r->getNumPoints());
            return n;
        }
        case wkbMultiPoint:
        case wkbMultiLineString:
        case wkbMultiPolygon:
        case wkbGeometryCollection: {
            size_t n = 0;
            auto* c = g->toGeometryCollection();
            for (int i = 0; i < c->getNumGeometries(); ++i) n += vertex_count(c->getGeometryRef(i));
            return n;
        }
        default:
            return 0;  // curves: not counted (linearised later)
    }
}

bool has_unclosed_ring(const OGRGeometry* g) {
    switch (wkbFlatten(g->getGeometryType())) {
        case wkbPolygon: {
            auto* p = g->toPolygon();
            for (const OGRLinearRing* r : *p)
                if (r->getNumPoints() > 0 && !r->get_IsClosed()) return true;
            return false;
        }
        case wkbMultiPolygon:
        case wkbGeometryCollection: {
            auto* c = g->toGeometryCollection();
            for (int i = 0; i < c->getNumGeometries(); ++i)
                if (has_unclosed_ring(c->getGeometryRef(i))) return true;
            return false;
        }
        default:
            return false;
    }
}

std::string field_text(OGRFeature& f, int idx) {
    if (idx < 0 || !f.IsFieldSetAndNotNull(idx)) return {};
    return f.GetFieldAsString(idx);
}

// `aliases`: a list field (GeoJSON's ["a", "b"] arrives as one), a string holding a JSON array
// of strings (GeoPackage, CSV, KML, GPX).
void read_aliases(OGRFeature& f, int idx, std::vector<std::string>& out, const std::string& path,
                  const std::string& where, Problems& problems) {
    if (idx < 0 || !f.IsFieldSetAndNotNull(idx)) return;
    if (f.GetFieldDefnRef(idx)->GetType() == OFTStringList) {
        if (char** list = f.GetFieldAsStringList(idx))
            for (; *list; ++list)
                if (**list) out.emplace_back(*list);
        return;
    }
    const std::string a = f.GetFieldAsString(idx);
    if (a.empty()) return;
    auto j = nlohmann::json::parse(a, nullptr, false);
    if (!j.is_array()) {
        // "Shushi, Şuşa" could be one name or two: not guessed.
        problems.push_back(warning("load layer", path, where,
                                   "field aliases is not a JSON array of strings (write "
                                   "[\"Shushi\", \"Şuşa\"]); ignored"));
        return;
    }
    for (auto& v : j)
        if (v.is_string() && !v.get_ref<const std::string&>().empty())
            out.push_back(v.get<std::string>());
}

// The pole of inaccessibility of a polygonal geometry: the centre of the largest circle inside
// it (GEOS MaximumInscribedCircle, to a hundredth of its extent). A label there has room on every
// side; PointOnSurface may sit by a coast (Baku City's ended up over the sea) and the centroid
// can fall outside a concave shape. In lon/lat: a degree of longitude is shorter than one of
// latitude, which shifts the centre slightly but never outside.
std::optional<Vec2> inscribed_centre(const OGRGeometry* g) {
    OGREnvelope env;
    g->getEnvelope(&env);
    const double tolerance = std::max(env.MaxX - env.MinX, env.MaxY - env.MinY) / 100;
    if (!(tolerance > 0)) return std::nullopt;
    GEOSContextHandle_t ctx = OGRGeometry::createGEOSContext();
    if (!ctx) return std::nullopt;
    std::optional<Vec2> out;
    if (GEOSGeometry* gg = g->exportToGEOS(ctx)) {
        if (GEOSGeometry* mic = GEOSMaximumInscribedCircle_r(ctx, gg, tolerance)) {
            // A two-point line: the centre, then the nearest boundary point.
            double x = 0, y = 0;
            if (GEOSGeometry* start = GEOSGeomGetStartPoint_r(ctx, mic)) {
                if (GEOSGeomGetX_r(ctx, start, &x) == 1 && GEOSGeomGetY_r(ctx, start, &y) == 1 &&
                    std::isfinite(x) && std::isfinite(y))
                    out = Vec2{x, y};
                GEOSGeom_destroy_r(ctx, start);
            }
            GEOSGeom_destroy_r(ctx, mic);
        }
        GEOSGeom_destroy_r(ctx, gg);
    }
    OGRGeometry::freeGEOSContext(ctx);
    return out;
}

// A point inside the geometry for labels, the gazetteer and fly-to: the pole of inaccessibility
// for polygons (PointOnSurface if GEOS cannot say), the middle vertex for lines.
Vec2 representative_point(const OGRGeometry* g, const Geometry& geom) {
    if (geom.kind == GeomKind::Point) return geom.points.front();
    if (geom.kind == GeomKind::Line) {
        const LineString* longest = &geom.lines.front();
        for (auto& l : geom.lines)
            if (l.size() > longest->size()) longest = &l;
        return (*longest)[longest->size() / 2];
    }
    if (auto c = inscribed_centre(g)) return *c;
    // The largest part's surface point, so Azerbaijan's label is not placed in Nakhchivan.
    const OGRGeometry* part = g;
    if (auto t = wkbFlatten(g->getGeometryType());
        t == wkbMultiPolygon || t == wkbGeometryCollection) {
        double best = -1;
        auto* c = g->toGeometryCollection();
        for (int i = 0; i < c->getNumGeometries(); ++i) {
            auto* sub = c->getGeometryRef(i);
            if (wkbFlatten(sub->getGeometryType()) != wkbPolygon) continue;
            double a = sub->toPolygon()->get_Area();
            if (a > best) best = a, part = sub;
        }
    }
    OGRPoint pt;
    if (wkbFlatten(part->getGeometryType()) == wkbPolygon &&
        part->toPolygon()->PointOnSurface(&pt) == OGRERR_NONE)
        return {pt.getX(), pt.getY()};
    return geom.bbox.center();
}

Layer load_layer(OGRLayer& ol, const std::string& path, bool trusted, Problems& problems) {
    Layer layer;
    layer.name = ol.GetName();
    layer.source = path;
    if (const char* a = ol.GetMetadataItem("ATTRIBUTION")) layer.attribution = a;
    const std::string where_layer = "layer " + layer.name;

    OGRSpatialReference wgs84;
    wgs84.SetWellKnownGeogCS("WGS84");
    wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    std::unique_ptr<OGRCoordinateTransformation> ct;
    if (const OGRSpatialReference* src = ol.GetSpatialRef()) {
        if (!src->IsSame(&wgs84)) {
            OGRSpatialReference s(*src);
            s.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
            ct.reset(OGRCreateCoordinateTransformation(&s, &wgs84));
            if (!ct) {
                problems.push_back(
                    error("load layer", path, where_layer,
                          "cannot transform its CRS to WGS 84 lon/lat; layer skipped"));
                return layer;
            }
        }
    } else if (ol.GetGeomType() != wkbNone) {
        problems.push_back(warning("load layer", path, where_layer,
                                   "has no CRS; assuming WGS 84 longitude/latitude"));
    }

    OGRFeatureDefn* defn = ol.GetLayerDefn();
    const int i_id = defn->GetFieldIndex("id");
    const int i_name = defn->GetFieldIndex("name");
    const int i_aliases = defn->GetFieldIndex("aliases");
    const int i_kind = defn->GetFieldIndex("kind");
    std::string default_kind = layer.name;

    ol.ResetReading();
    OGRFeatureUniquePtr f;
    size_t read = 0;
    while ((f.reset(ol.GetNextFeature()), f)) {
        if (++read > kMaxFeatures) {
            problems.push_back(warning(
                "load layer", path, where_layer,
                "more than " + std::to_string(kMaxFeatures) + " features; the rest skipped"));
            break;
        }
        const std::string fid = std::to_string(f->GetFID());
        Feature feat;
        feat.id = field_text(*f, i_id);
        if (feat.id.empty()) feat.id = layer.name + ":" + fid;
        const std::string where = where_layer + ", feature " + fid + " (id=" + feat.id + ")";
        feat.name = field_text(*f, i_name);
        feat.kind = field_text(*f, i_kind);
        if (feat.kind.empty()) feat.kind = default_kind;
        read_aliases(*f, i_aliases, feat.aliases, path, where, problems);
        for (int i = 0; i < defn->GetFieldCount(); ++i) {
            if (i == i_id || i == i_name || i == i_aliases || i == i_kind) continue;
            if (f->IsFieldSetAndNotNull(i))
                feat.props[defn->GetFieldDefn(i)->GetNameRef()] = f->GetFieldAsString(i);
        }

        OGRGeometry* g = f->GetGeometryRef();
        if (!g || g->IsEmpty()) {
            problems.push_back(warning("load layer", path, where, "empty geometry; skipped"));
            continue;
        }
        if (size_t n = vertex_count(g); n > kMaxVertices) {
            problems.push_back(error("load layer", path, where,
                                     std::to_string(n) + " vertices, more than the " +
                                         std::to_string(kMaxVertices) +
                                         " a feature may have; skipped"));
            continue;
        }
        std::unique_ptr<OGRGeometry> owned;
        if (ct) {
            owned.reset(g->clone());
            if (owned->transform(ct.get()) != OGRERR_NONE) {
                problems.push_back(error("load layer", path, where,
                                         "coordinates cannot be transformed to lon/lat; skipped"));
                continue;
            }
            g = owned.get();
        }
        const auto flat = wkbFlatten(g->getGeometryType());
        const bool areal = flat == wkbPolygon || flat == wkbMultiPolygon ||
                           flat == wkbCurvePolygon || flat == wkbMultiSurface;
        if (areal && has_unclosed_ring(g)) {
            // GEOS refuses an open ring outright; closing it is the obvious repair.
            if (!owned) {
                owned.reset(g->clone());
                g = owned.get();
            }
            g->closeRings();
            problems.push_back(
                warning("load layer", path, where, "polygon ring not closed; closed it"));
        }
        // GEOS validation is most of the load time of polygon data (25-40 ms of the default
        // data); the embedded data set is valid by construction (assets/src/build_gpkg.py) and by
        // test (DataSet.DataFeaturesHaveSchemaFieldsValidGeometryAndUniqueIds), so it skips it.
        if (areal && !trusted && !g->IsValid()) {
            // MakeValid must not see NaN or infinite coordinates (it may drop them silently).
            Converter pre;
            pre.add(g);
            if (pre.bad) {
                problems.push_back(error("load layer", path, where,
                                         "non-finite or out-of-range coordinates; skipped"));
                continue;
            }
            std::unique_ptr<OGRGeometry> fixed(g->MakeValid());
            if (!fixed || fixed->IsEmpty()) {
                problems.push_back(error("load layer", path, where,
                                         "invalid polygon that MakeValid cannot repair; skipped"));
                continue;
            }
            problems.push_back(
                warning("load layer", path, where,
                        "invalid polygon (e.g. self-intersecting); repaired with MakeValid"));
            owned = std::move(fixed);
            g = owned.get();
        }
        Converter conv;
        conv.add(g);
        if (conv.bad) {
            problems.push_back(error("load layer", path, where,
                                     "non-finite or out-of-range coordinates; skipped"));
            continue;
        }
        Geometry& geom = conv.out;
        // Pick one kind per feature: polygons > lines > points (a repaired polygon may shed
        // slivers).
        if (!geom.polygons.empty()) {
            geom.kind = GeomKind::Polygon;
            geom.lines.clear();
            geom.points.clear();
        } else if (!geom.lines.empty()) {
            geom.kind = GeomKind::Line;
            geom.points.clear();
        } else if (!geom.points.empty()) {
            geom.kind = GeomKind::Point;
        } else {
            problems.push_back(warning("load layer", path, where, "degenerate geometry; skipped"));
            continue;
        }
        feat.geom = std::move(geom);
        feat.label_point = representative_point(g, feat.geom);
        layer.bbox.add(feat.geom.bbox);
        layer.features.push_back(std::move(feat));
    }
    return layer;
}

}  // namespace

std::vector<Layer> load_dataset(const std::string& path, Problems& problems) {
    return load_dataset(path, false, problems);
}

namespace {
std::vector<Layer> load_impl(const std::string& path, bool trusted, const std::string* only,
                             Problems& problems);
}

std::vector<Layer> load_dataset(const std::string& path, bool trusted, Problems& problems) {
    return load_impl(path, trusted, nullptr, problems);
}

std::vector<Layer> load_named_layer(const std::string& path, const std::string& layer,
                                    Problems& problems) {
    return load_impl(path, false, &layer, problems);
}

namespace {
std::vector<Layer> load_impl(const std::string& path, bool trusted, const std::string* only,
                             Problems& problems) {
    ensure_gdal();
    std::vector<Layer> layers;
    // Checks GDAL would not make: a FIFO blocks its open(), a device may never end, and an empty
    // file deserves a plainer word than "not recognised". Connection strings (PG:…) and /vsi
    // paths do not stat and go straight to GDAL.
    VSIStatBufL st;
    const bool exists = VSIStatL(path.c_str(), &st) == 0;
    if (exists && !VSI_ISREG(st.st_mode) && !VSI_ISDIR(st.st_mode)) {
        problems.push_back(
            error("open data", path, "", "not a regular file (a FIFO, socket or device)"));
        return layers;
    }
    if (exists && VSI_ISREG(st.st_mode) && st.st_size == 0) {
        problems.push_back(error("open data", path, "", "empty file (0 bytes)"));
        return layers;
    }
    // Collect GDAL's messages while opening: the first is the precise one ("At line 4,
    // character 1: Unterminated array"), the last only says "Failed to read GeoJSON data".
    std::vector<std::string> messages;
    // The network only when the path the user gave is itself remote (see vsi_guard.h).
    NetworkScope network(is_network_path(path));
    take_refusals();  // (earlier ones belong to another source)
    // What the guard refused (a sibling file or VRT source that is a FIFO, a kernel file or on
    // the network) is a problem of this source; when nothing opened it is the reason.
    auto refused = [&](Problem::Severity sev) {
        for (std::string& m : take_refusals())
            problems.push_back({sev, "open data", path, "", "refused to open " + m});
    };
    CPLPushErrorHandlerEx(
        [](CPLErr cls, CPLErrorNum, const char* msg) {
            auto* out = static_cast<std::vector<std::string>*>(CPLGetErrorHandlerUserData());
            if (cls >= CE_Failure && msg && *msg) out->push_back(msg);
        },
        &messages);
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY,
                                              nullptr, nullptr, nullptr));
    CPLPopErrorHandler();
    // No vector layers: perhaps a raster (a GeoTIFF, a scan with a world file, a DEM).
    if (exists && !only && (!ds || ds->GetLayerCount() == 0)) {
        Layer r;
        const RasterOpen got = open_raster(path, r, problems);
        if (got != RasterOpen::NotRaster) {
            refused(got == RasterOpen::Loaded ? Problem::Severity::Warning
                                              : Problem::Severity::Error);
            if (got == RasterOpen::Loaded) layers.push_back(std::move(r));
            return layers;
        }
    }
    if (!ds) {
        std::string why = messages.empty() ? std::string() : messages.front();
        std::string where;
        // GeoJSON syntax errors read "At line 4, character 1: Unterminated array".
        if (why.starts_with("At line ")) {
            if (size_t colon = why.find(": "); colon != std::string::npos) {
                where = "line " + why.substr(8, colon - 8);
                why = why.substr(colon + 2);
            }
        }
        if (!exists) {
            if (why.empty()) why = "no such file or directory";
        } else if (why.empty()) {
            char head[16] = {};
            if (VSILFILE* fp = VSIFOpenL(path.c_str(), "rb")) {
                VSIFReadL(head, 1, sizeof head, fp);
                VSIFCloseL(fp);
            }
            why = std::memcmp(head, "SQLite format 3", 16) == 0
                      ? "a SQLite/GeoPackage database with no vector layers"
                      : "not a vector data source GDAL can read";
        }
        problems.push_back(error("open data", path, where, why));
        for (std::string& m : take_refusals())
            if (m != why) problems.push_back(error("open data", path, "", std::move(m)));
        return layers;
    }
    if (ds->GetLayerCount() == 0) {
        problems.push_back(error("open data", path, "", "contains no vector layers"));
        return layers;
    }
    refused(Problem::Severity::Warning);  // while opening (a shapefile's .dbf)
    for (auto* ol : ds->GetLayers()) {
        if (only && *only != ol->GetName()) continue;
        Layer l = load_layer(*ol, path, trusted, problems);
        refused(Problem::Severity::Warning);  // while reading (a VRT layer's source)
        if (l.features.empty() && !only)
            problems.push_back(
                warning("load layer", path, "layer " + l.name, "no usable features"));
        layers.push_back(std::move(l));
    }
    if (only && layers.empty())
        problems.push_back(error("open data", path, "", "has no layer named " + *only));
    return layers;
}
}  // namespace

std::vector<Layer> load_sources(const std::vector<std::string>& paths, Problems& problems) {
    std::vector<Layer> layers;
    std::set<std::string> ids;
    auto add = [&](std::vector<Layer> more, bool embedded) {
        for (auto& l : more) {
            std::string id = embedded ? l.name : l.source + "#" + l.name;
            // The same source given twice, or a driver that repeats a layer name.
            for (int n = 2; !ids.insert(id).second; ++n)
                id = (embedded ? l.name : l.source + "#" + l.name) + "~" + std::to_string(n);
            l.id = std::move(id);
            layers.push_back(std::move(l));
        }
    };
    if (paths.empty()) add(load_default_dataset(problems), true);
    for (const std::string& path : paths)
        path == "default" ? add(load_default_dataset(problems), true)
                          : add(load_dataset(path, problems), false);
    return layers;
}

std::string default_dataset_path() {
    return resource_vsi_path("assets/briefmap.gpkg");
}

std::vector<Layer> load_default_dataset(Problems& problems) {
    std::string p = default_dataset_path();
    if (p.empty()) {
        problems.push_back(error("open data", "assets/briefmap.gpkg", "",
                                 "the default data set was not embedded in this build"));
        return {};
    }
    auto layers = load_dataset(p, true, problems);
    for (auto& l : layers) l.source = kDefaultDataSource;
    return layers;
}

}  // namespace bm::geo
