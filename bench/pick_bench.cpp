// Pick latency with an extra layer loaded (the world admin-1), side by side with OGR.
//
//   pick_bench briefmap EXTRA.gpkg LAYER POINTS.txt [PICKS=20000] [SEED=1] [WIDTH=1920]
//   [HEIGHT=1080] pick_bench ogr EXTRA.gpkg LAYER POINTS.txt
//
// Two processes, so that each one's peak memory is its own.
// Loads the embedded default data plus EXTRA.gpkg the way the window does (bm::Document), builds
// geo::PickIndex over the projected layers and picks PICKS uniform random points of the home view
// (the South Caucasus) with the window's tolerances at that view (7 px for points, 5 px for
// lines) and a layer filter, as App::feature_at does. Each pick is timed on its own.
//
// Peer: OGR on the same GeoPackage layer: SetSpatialFilter(point) (the GeoPackage R-tree), then
// every candidate's geometry is tested with Contains (GEOS). The same points, converted back to
// lon/lat through the map projection.
//
// The briefmap run writes POINTS.txt: per pick the lon/lat (through the map projection's inverse)
// and the FID that briefmap picks when restricted to LAYER (-1: none). The OGR run queries the
// same points and counts how often it finds the same feature: the comparability check.
//
// Each run prints one JSON object on stdout.
#include <gdal_priv.h>
#include <ogrsf_frmts.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "document/document.h"
#include "geo/pick.h"

namespace {

using Clock = std::chrono::steady_clock;

double us_between(Clock::time_point a, Clock::time_point b) {
    return std::chrono::duration<double, std::micro>(b - a).count();
}

double quantile(std::vector<double> v, double q) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, size_t(q * double(v.size())))];
}

long peak_rss_kb() {
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

}  // namespace

int run_briefmap(const std::string& gpkg, const std::string& layer_name,
                 const std::string& points_out, int picks, unsigned seed, int width, int height) {
    bm::Document doc;
    const auto t_load = Clock::now();
    if (!doc.load(bm::DocumentOptions{{"default", gpkg}, "", "", false})) {
        std::fprintf(stderr, "pick_bench: nothing could be loaded\n");
        return 1;
    }
    const double load_ms = us_between(t_load, Clock::now()) / 1000;
    int extra = -1;
    size_t features = 0, extra_features = 0;
    for (size_t i = 0; i < doc.map.projected.size(); ++i) {
        features += doc.map.projected[i].features.size();
        if (doc.map.projected[i].name == layer_name) {
            extra = int(i);
            extra_features = doc.map.projected[i].features.size();
        }
    }
    if (extra < 0) {
        std::fprintf(stderr, "pick_bench: layer %s not loaded from %s\n", layer_name.c_str(),
                     gpkg.c_str());
        return 1;
    }

    bm::geo::PickIndex index;
    const auto t_build = Clock::now();
    index.build(doc.map.projected);
    const double build_ms = us_between(t_build, Clock::now()) / 1000;

    // The window's view of the home extent and its pick tolerances (App::feature_at).
    doc.view.width = width;
    doc.view.height = height;
    doc.reset_view();
    const double px = doc.view.res;
    const bm::geo::Box region = doc.map.home;  // the South Caucasus

    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> ux(region.minx, region.maxx),
        uy(region.miny, region.maxy);
    std::vector<bm::geo::Vec2> pts(static_cast<size_t>(picks));
    for (auto& p : pts) p = {ux(rng), uy(rng)};

    // Every layer visible, as the app's filter (a std::function call per candidate).
    std::vector<char> visible(doc.map.projected.size(), 1);
    const std::function<bool(bm::geo::FeatureRef)> all = [&](bm::geo::FeatureRef r) {
        return visible[size_t(r.layer)] != 0;
    };
    const std::function<bool(bm::geo::FeatureRef)> only_extra = [&](bm::geo::FeatureRef r) {
        return r.layer == extra;
    };

    std::vector<double> t_all, t_extra;
    t_all.reserve(pts.size());
    t_extra.reserve(pts.size());
    size_t hits_all = 0, hits_extra = 0;
    std::vector<long> fid(pts.size(), -1);
    for (int pass = 0; pass < 2; ++pass) {  // pass 0 warms the caches
        for (size_t i = 0; i < pts.size(); ++i) {
            const auto t0 = Clock::now();
            auto h = index.pick(pts[i], 7 * px, 5 * px, all);
            const auto t1 = Clock::now();
            auto he = index.pick(pts[i], 7 * px, 5 * px, only_extra);
            const auto t2 = Clock::now();
            if (pass == 0) continue;
            t_all.push_back(us_between(t0, t1));
            t_extra.push_back(us_between(t1, t2));
            if (h) ++hits_all;
            if (he) {
                ++hits_extra;
                // Feature ids of a layer without an `id` field are "<layer>:<fid>".
                const std::string& id =
                    doc.map.projected[size_t(extra)].features[size_t(he->feature)].id;
                const auto colon = id.rfind(':');
                fid[i] = colon == std::string::npos ? -2 : std::atol(id.c_str() + colon + 1);
            }
        }
    }

    std::FILE* out = std::fopen(points_out.c_str(), "w");
    if (!out) {
        std::fprintf(stderr, "pick_bench: cannot write %s\n", points_out.c_str());
        return 1;
    }
    for (size_t i = 0; i < pts.size(); ++i) {
        const bm::geo::Vec2 ll = doc.projection->inverse(pts[i]);
        std::fprintf(out, "%.10f %.10f %ld\n", ll.x, ll.y, fid[i]);
    }
    std::fclose(out);

    std::printf(
        "{\"picks\": %d, \"features\": %zu, \"layer_features\": %zu, \"load_ms\": %.1f, "
        "\"index_build_ms\": %.2f, \"res_m_per_px\": %.1f, \"median_us\": %.3f, "
        "\"p90_us\": %.3f, \"max_us\": %.1f, \"hits\": %zu, \"layer_median_us\": %.3f, "
        "\"layer_p90_us\": %.3f, \"layer_hits\": %zu, \"peak_rss_kb\": %ld}\n",
        picks, features, extra_features, load_ms, build_ms, px, quantile(t_all, 0.5),
        quantile(t_all, 0.9), quantile(t_all, 1.0), hits_all, quantile(t_extra, 0.5),
        quantile(t_extra, 0.9), hits_extra, peak_rss_kb());
    return 0;
}

int run_ogr(const std::string& gpkg, const std::string& layer_name, const std::string& points_in) {
    struct Pt {
        double lon, lat;
        long fid;
    };
    std::vector<Pt> pts;
    if (std::FILE* in = std::fopen(points_in.c_str(), "r")) {
        Pt p{};
        while (std::fscanf(in, "%lf %lf %ld", &p.lon, &p.lat, &p.fid) == 3) pts.push_back(p);
        std::fclose(in);
    }
    if (pts.empty()) {
        std::fprintf(stderr, "pick_bench: no points in %s\n", points_in.c_str());
        return 1;
    }
    GDALAllRegister();
    const auto t_open = Clock::now();
    GDALDatasetUniquePtr ds(GDALDataset::Open(gpkg.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    OGRLayer* layer = ds ? ds->GetLayerByName(layer_name.c_str()) : nullptr;
    if (!layer) {
        std::fprintf(stderr, "pick_bench: OGR cannot open %s:%s\n", gpkg.c_str(),
                     layer_name.c_str());
        return 1;
    }
    const double open_ms = us_between(t_open, Clock::now()) / 1000;
    std::vector<double> t;
    t.reserve(pts.size());
    size_t candidates = 0, hits = 0, agree = 0;
    for (int pass = 0; pass < 2; ++pass) {  // pass 0 warms the caches
        for (const Pt& q : pts) {
            const auto t0 = Clock::now();
            OGRPoint pt(q.lon, q.lat);
            layer->SetSpatialFilter(&pt);  // R-tree of the GeoPackage
            layer->ResetReading();
            long found = -1;
            double found_area = 0;
            while (OGRFeature* f = layer->GetNextFeature()) {
                ++candidates;
                const OGRGeometry* g = f->GetGeometryRef();
                if (g && g->Contains(&pt)) {  // GEOS
                    // Smallest containing polygon, as the pick does.
                    const auto* s = dynamic_cast<const OGRSurface*>(g);
                    const auto* ms = dynamic_cast<const OGRMultiSurface*>(g);
                    const double a = s ? s->get_Area() : ms ? ms->get_Area() : 0;
                    if (found < 0 || a < found_area) {
                        found = long(f->GetFID());
                        found_area = a;
                    }
                }
                OGRFeature::DestroyFeature(f);
            }
            const auto t1 = Clock::now();
            if (pass == 0) continue;
            t.push_back(us_between(t0, t1));
            hits += found >= 0;
            agree += found == q.fid;
        }
    }
    layer->SetSpatialFilter(nullptr);
    std::printf(
        "{\"queries\": %zu, \"open_ms\": %.1f, \"median_us\": %.3f, \"p90_us\": %.3f, "
        "\"max_us\": %.1f, \"hits\": %zu, \"candidates_per_query\": %.2f, \"agree\": %zu, "
        "\"peak_rss_kb\": %ld}\n",
        pts.size(), open_ms, quantile(t, 0.5), quantile(t, 0.9), quantile(t, 1.0), hits,
        double(candidates) / double(2 * pts.size()), agree, peak_rss_kb());
    return 0;
}

int main(int argc, char** argv) {
    const std::string mode = argc > 1 ? argv[1] : "";
    if (mode == "briefmap" && argc >= 5)
        return run_briefmap(argv[2], argv[3], argv[4], argc > 5 ? std::atoi(argv[5]) : 20000,
                            argc > 6 ? unsigned(std::atoi(argv[6])) : 1u,
                            argc > 7 ? std::atoi(argv[7]) : 1920,
                            argc > 8 ? std::atoi(argv[8]) : 1080);
    if (mode == "ogr" && argc >= 5) return run_ogr(argv[2], argv[3], argv[4]);
    std::fprintf(stderr,
                 "usage: pick_bench briefmap EXTRA.gpkg LAYER POINTS.txt [PICKS] [SEED] [W] [H]\n"
                 "       pick_bench ogr EXTRA.gpkg LAYER POINTS.txt\n");
    return 2;
}
