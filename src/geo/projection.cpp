#include "geo/projection.h"

#include <geodesic.h>
#include <ogr_spatialref.h>

#include <cmath>

namespace bm::geo {

std::optional<Projection> Projection::create(const std::string& crs, Problem* problem) {
    Projection p;
    p.def_ = crs;
    p.srs_ = std::make_unique<OGRSpatialReference>();
    CPLErrorReset();
    if (p.srs_->SetFromUserInput(crs.c_str()) != OGRERR_NONE) {
        if (problem)
            *problem = error("set projection", "", "",
                             "unknown CRS '" + crs + "': " + CPLGetLastErrorMsg());
        return std::nullopt;
    }
    if (p.srs_->IsGeographic() && !p.srs_->IsProjected()) {
        // Geographic CRSs are allowed (plate carrée-like display), but keep lon as x.
    }
    p.srs_->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    OGRSpatialReference wgs84;
    wgs84.SetWellKnownGeogCS("WGS84");
    wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    p.fwd_.reset(OGRCreateCoordinateTransformation(&wgs84, p.srs_.get()));
    p.inv_.reset(OGRCreateCoordinateTransformation(p.srs_.get(), &wgs84));
    if (!p.fwd_ || !p.inv_) {
        if (problem)
            *problem = error("set projection", "", "",
                             "no transformation between WGS 84 and '" + crs + "'");
        return std::nullopt;
    }
    return p;
}

Projection::Projection(Projection&&) noexcept = default;
Projection& Projection::operator=(Projection&&) noexcept = default;
Projection::~Projection() = default;

std::string Projection::wkt() const {
    char* w = nullptr;
    const char* opts[] = {"FORMAT=WKT2_2019", "MULTILINE=NO", nullptr};
    srs_->exportToWkt(&w, opts);
    std::string s = w ? w : "";
    CPLFree(w);
    return s;
}

static bool run(OGRCoordinateTransformation* ct, double* x, double* y, size_t n) {
    if (n == 0) return true;
    std::vector<int> ok(n, 0);
    bool all = ct->Transform(n, x, y, nullptr, nullptr, ok.data()) != 0;
    for (size_t i = 0; i < n; ++i)
        if (!ok[i]) x[i] = y[i] = NAN, all = false;
    return all;
}

bool Projection::forward(double* x, double* y, size_t n) const {
    return run(fwd_.get(), x, y, n);
}
bool Projection::inverse(double* x, double* y, size_t n) const {
    return run(inv_.get(), x, y, n);
}

Vec2 Projection::forward(Vec2 p) const {
    forward(&p.x, &p.y, 1);
    return p;
}
Vec2 Projection::inverse(Vec2 p) const {
    inverse(&p.x, &p.y, 1);
    return p;
}

namespace {
// Projects a vector of points in one batch call (PROJ is much faster per batch than per point).
void project_points(const Projection& pr, std::vector<Vec2>& pts, Box& bbox) {
    std::vector<double> xs(pts.size()), ys(pts.size());
    for (size_t i = 0; i < pts.size(); ++i) xs[i] = pts[i].x, ys[i] = pts[i].y;
    pr.forward(xs.data(), ys.data(), pts.size());
    for (size_t i = 0; i < pts.size(); ++i) {
        pts[i] = {xs[i], ys[i]};
        if (std::isfinite(xs[i]) && std::isfinite(ys[i])) bbox.add(pts[i]);
    }
}
}  // namespace

Layer Projection::project(const Layer& in) const {
    Layer out = in;
    out.bbox = Box{};
    // Parts the projection cannot take whole (a ring through the pole opposite a conic's
    // apex) are dropped rather than drawn or picked as garbage spanning the map.
    auto finite = [](const std::vector<Vec2>& pts) {
        for (const Vec2& p : pts)
            if (!std::isfinite(p.x) || !std::isfinite(p.y)) return false;
        return true;
    };
    for (auto& f : out.features) {
        Box b;
        project_points(*this, f.geom.points, b);
        std::erase_if(f.geom.points, [&](const Vec2& p) { return !finite({p}); });
        for (auto& l : f.geom.lines) project_points(*this, l, b);
        std::erase_if(f.geom.lines, [&](const LineString& l) { return !finite(l); });
        for (auto& poly : f.geom.polygons) {
            for (auto& r : poly) project_points(*this, r, b);
            if (!poly.empty() && !finite(poly[0])) poly.clear();  // exterior lost: whole polygon
            std::erase_if(poly, [&](const Ring& r) { return !finite(r); });
        }
        std::erase_if(f.geom.polygons, [](const Polygon& p) { return p.empty(); });
        b = Box{};  // of what is left
        for (const Vec2& p : f.geom.points) b.add(p);
        for (const auto& l : f.geom.lines)
            for (const Vec2& p : l) b.add(p);
        for (const auto& poly : f.geom.polygons)
            for (const Vec2& p : poly[0]) b.add(p);
        f.geom.bbox = b;
        f.label_point = forward(f.label_point);
        out.bbox.add(b);
    }
    return out;
}

double Projection::geodesic_distance(Vec2 a, Vec2 b) {
    static const geod_geodesic g = [] {
        geod_geodesic gg;
        geod_init(&gg, 6378137.0, 1 / 298.257223563);
        return gg;
    }();
    double s12 = 0;
    geod_inverse(&g, a.y, a.x, b.y, b.x, &s12, nullptr, nullptr);
    return s12;
}

double Projection::ground_scale(Vec2 p, double step) const {
    Vec2 a = inverse(Vec2{p.x - step / 2, p.y});
    Vec2 b = inverse(Vec2{p.x + step / 2, p.y});
    return geodesic_distance(a, b) / step;
}

}  // namespace bm::geo
