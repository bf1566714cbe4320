// GDAL rasters as layers (geo/raster.h): opening (kinds, extents, georeferences a scan can
// have), the clear errors (no georeference, too large, not a raster), warping into the map's
// projection (size bounds, orientation, transparency outside the footprint and on nodata), the
// DEM's hillshade, and where a raster goes among the layers.
#include "geo/raster.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>

#include "document/document.h"
#include "document/view_state.h"
#include "geo/load.h"
#include "geo/map_data.h"
#include "geo/projection.h"
#include "raster_fixtures.h"

using namespace bm;
namespace rf = raster_fixtures;

namespace {

const geo::Projection& lcc() {
    static auto p = geo::Projection::create(geo::kDefaultCrs);
    return *p;
}

std::string all(const Problems& ps) {
    std::string s;
    for (const auto& p : ps) s += p.to_string() + "\n";
    return s;
}

// RGBA of the image pixel at projected point q.
std::array<int, 4> pixel_at(const geo::RasterImage& img, geo::Vec2 q) {
    const int x = int((q.x - img.box.minx) / (img.box.maxx - img.box.minx) * img.width);
    const int y = int((img.box.maxy - q.y) / (img.box.maxy - img.box.miny) * img.height);
    if (x < 0 || y < 0 || x >= img.width || y >= img.height) return {-1, -1, -1, -1};
    const uint8_t* p = &img.rgba[(size_t(y) * size_t(img.width) + size_t(x)) * 4];
    return {p[0], p[1], p[2], p[3]};
}

}  // namespace

TEST(Raster, GeoTiffOpensAsOneLayerWithItsLonLatExtent) {
    const std::string path = rf::write_rgb("rgb.tif");
    Problems ps;
    auto layers = geo::load_dataset(path, ps);
    ASSERT_EQ(layers.size(), 1u) << all(ps);
    EXPECT_TRUE(ps.empty()) << all(ps);
    const geo::Layer& l = layers[0];
    ASSERT_TRUE(l.raster);
    EXPECT_EQ(l.name, "rgb");
    EXPECT_TRUE(l.features.empty());
    EXPECT_EQ(l.raster->kind, geo::Raster::Kind::Color);
    EXPECT_EQ(l.raster->width, 40);
    EXPECT_EQ(l.raster->bands, 3);
    EXPECT_NEAR(l.bbox.minx, 45.0, 1e-6);
    EXPECT_NEAR(l.bbox.maxx, 47.0, 1e-6);
    EXPECT_NEAR(l.bbox.miny, 40.0, 1e-6);
    EXPECT_NEAR(l.bbox.maxy, 41.5, 1e-6);
}

TEST(Raster, WarpedImageIsBoundedOrientedAndTransparentOutside) {
    const std::string path = rf::write_rgb("rgb.tif");
    Problems ps;
    auto layers = geo::load_dataset(path, ps);
    ASSERT_EQ(layers.size(), 1u) << all(ps);
    auto img = geo::warp_raster(*layers[0].raster, lcc(), ps, 64);
    ASSERT_TRUE(img) << all(ps);
    // No finer than the source (40 x 30) and at most 64 a side.
    EXPECT_LE(img->width, 64);
    EXPECT_LE(img->height, 64);
    EXPECT_GE(img->width, 30);
    EXPECT_EQ(img->rgba.size(), size_t(img->width) * size_t(img->height) * 4);
    // The quadrants where they belong: red north-west, yellow south-east.
    auto nw = pixel_at(*img, lcc().forward({45.4, 41.2}));
    auto ne = pixel_at(*img, lcc().forward({46.6, 41.2}));
    auto se = pixel_at(*img, lcc().forward({46.6, 40.3}));
    EXPECT_EQ(nw, (std::array<int, 4>{220, 30, 30, 255}));
    EXPECT_EQ(ne, (std::array<int, 4>{30, 200, 30, 255}));
    EXPECT_EQ(se, (std::array<int, 4>{230, 220, 20, 255}));
    // The conic bends a wide lon/lat rectangle: the corners of its projected box lie outside
    // the footprint, and are transparent.
    Problems wps;
    auto wide = geo::load_dataset(rf::write_rgb("wide.tif", "GTiff", true, 30, 60, 30), wps);
    ASSERT_EQ(wide.size(), 1u) << all(wps);
    auto bent = geo::warp_raster(*wide[0].raster, lcc(), wps, 256);
    ASSERT_TRUE(bent) << all(wps);
    EXPECT_EQ(bent->rgba[3], 0) << "top-left corner should lie outside the footprint";
    const size_t mid = (size_t(bent->height / 2) * size_t(bent->width) + size_t(bent->width / 2));
    EXPECT_EQ(bent->rgba[mid * 4 + 3], 255) << "the middle is inside";
    // The full-size warp is capped too.
    auto big = geo::warp_raster(*layers[0].raster, lcc(), ps, 1 << 20);
    ASSERT_TRUE(big);
    EXPECT_LE(std::max(big->width, big->height), geo::kMaxRasterSide);
}

TEST(Raster, DemBecomesAHillshadeLitFromTheNorthWest) {
    const std::string path = rf::write_dem("dem.tif");
    Problems ps;
    auto layers = geo::load_dataset(path, ps);
    ASSERT_EQ(layers.size(), 1u) << all(ps);
    ASSERT_EQ(layers[0].raster->kind, geo::Raster::Kind::Dem);
    auto img = geo::warp_raster(*layers[0].raster, lcc(), ps, 256);
    ASSERT_TRUE(img) << all(ps);
    // Grey, opaque on the cone; the cone's north-west flank brighter than its south-east one.
    auto nw = pixel_at(*img, lcc().forward({44.6, 40.4}));
    auto se = pixel_at(*img, lcc().forward({45.3, 39.7}));
    ASSERT_EQ(nw[3], 255);
    ASSERT_EQ(se[3], 255);
    EXPECT_EQ(nw[0], nw[1]);
    EXPECT_EQ(nw[1], nw[2]);
    EXPECT_GT(nw[0], se[0] + 10) << "north-west " << nw[0] << ", south-east " << se[0];
    // The nodata corner (south-east) is transparent.
    EXPECT_EQ(pixel_at(*img, lcc().forward({45.9, 39.05}))[3], 0);
}

TEST(Raster, ScanWithAWorldFileAndNoCrsIsReadAsLonLatWithAWarning) {
    const std::string png = rf::write_rgb("scan.png", "PNG", false);
    {
        std::ofstream w(rf::dir() + "/scan.pgw");
        w << 0.05 << "\n0\n0\n" << -0.05 << "\n" << 45.025 << "\n" << 41.475 << "\n";
    }
    std::remove((png + ".aux.xml").c_str());
    Problems ps;
    auto layers = geo::load_dataset(png, ps);
    ASSERT_EQ(layers.size(), 1u) << all(ps);
    ASSERT_EQ(ps.size(), 1u) << all(ps);
    EXPECT_EQ(ps[0].severity, Problem::Severity::Warning);
    EXPECT_NE(ps[0].why.find("WGS 84"), std::string::npos) << ps[0].why;
    EXPECT_EQ(ps[0].file, png);
    EXPECT_NEAR(layers[0].bbox.minx, 45.0, 1e-6);
    EXPECT_NEAR(layers[0].bbox.maxy, 41.5, 1e-6);
    EXPECT_TRUE(geo::warp_raster(*layers[0].raster, lcc(), ps, 64)) << all(ps);
}

TEST(Raster, ScanWithGroundControlPointsIsWarped) {
    geo::ensure_gdal();
    const std::string path = rf::dir() + "/gcps.tif";
    const std::string src = rf::write_rgb("gcps-src.tif", "GTiff", false);
    {
        GDALDatasetUniquePtr in(GDALDataset::Open(src.c_str(), GDAL_OF_RASTER));
        GDALDatasetUniquePtr ds(GetGDALDriverManager()->GetDriverByName("GTiff")->CreateCopy(
            path.c_str(), in.get(), FALSE, nullptr, nullptr, nullptr));
        GDAL_GCP gcps[4];
        GDALInitGCPs(4, gcps);
        const double px[4][4] = {
            {0, 0, 45, 41.5}, {40, 0, 47, 41.5}, {0, 30, 45, 40}, {40, 30, 47, 40}};
        for (int i = 0; i < 4; ++i) {
            gcps[i].dfGCPPixel = px[i][0];
            gcps[i].dfGCPLine = px[i][1];
            gcps[i].dfGCPX = px[i][2];
            gcps[i].dfGCPY = px[i][3];
        }
        ds->SetGCPs(4, gcps, rf::wgs84_wkt().c_str());
        GDALDeinitGCPs(4, gcps);
    }
    Problems ps;
    auto layers = geo::load_dataset(path, ps);
    ASSERT_EQ(layers.size(), 1u) << all(ps);
    EXPECT_NEAR(layers[0].bbox.minx, 45.0, 0.01);
    EXPECT_NEAR(layers[0].bbox.maxy, 41.5, 0.01);
    auto img = geo::warp_raster(*layers[0].raster, lcc(), ps, 64);
    ASSERT_TRUE(img) << all(ps);
    EXPECT_EQ(pixel_at(*img, lcc().forward({45.4, 41.2})), (std::array<int, 4>{220, 30, 30, 255}));
}

TEST(Raster, NoGeoreferenceIsAClearErrorNamingTheFile) {
    const std::string path = rf::write_rgb("plain.png", "PNG", false);
    std::remove((rf::dir() + "/plain.pgw").c_str());
    std::remove((path + ".aux.xml").c_str());
    Problems ps;
    auto layers = geo::load_dataset(path, ps);
    EXPECT_TRUE(layers.empty());
    ASSERT_EQ(ps.size(), 1u) << all(ps);
    EXPECT_EQ(ps[0].severity, Problem::Severity::Error);
    EXPECT_EQ(ps[0].file, path);
    EXPECT_NE(ps[0].why.find("no georeference"), std::string::npos) << ps[0].why;
}

TEST(Raster, TooLargeWithoutOverviewsIsRefused) {
    geo::ensure_gdal();
    const std::string path = rf::dir() + "/huge.tif";
    {
        char** opt = CSLSetNameValue(nullptr, "SPARSE_OK", "TRUE");
        opt = CSLSetNameValue(opt, "TILED", "YES");
        GDALDatasetUniquePtr ds(GetGDALDriverManager()->GetDriverByName("GTiff")->Create(
            path.c_str(), 40000, 40000, 1, GDT_Byte, opt));
        CSLDestroy(opt);
        double gt[6] = {44, 1e-4, 0, 41, 0, -1e-4};
        ds->SetGeoTransform(gt);
        ds->SetProjection(rf::wgs84_wkt().c_str());
    }
    Problems ps;
    EXPECT_TRUE(geo::load_dataset(path, ps).empty());
    ASSERT_EQ(ps.size(), 1u) << all(ps);
    EXPECT_NE(ps[0].why.find("too large: 40000 x 40000"), std::string::npos) << ps[0].why;
    std::remove(path.c_str());
}

TEST(Raster, TextIsStillReportedAsNotAVectorSource) {
    const std::string path = rf::dir() + "/notes.txt";
    std::ofstream(path) << "just some words\n";
    Problems ps;
    EXPECT_TRUE(geo::load_dataset(path, ps).empty());
    ASSERT_EQ(ps.size(), 1u) << all(ps);
    EXPECT_NE(ps[0].why.find("not a vector data source"), std::string::npos) << ps[0].why;
}

TEST(Raster, DocumentPutsRastersAboveTheLandAndKeepsThemById) {
    const std::string rgb = rf::write_rgb("rgb.tif"), dem = rf::write_dem("dem.tif");
    Document doc;
    DocumentOptions o;
    o.data = {"default", rgb, dem};
    ASSERT_TRUE(doc.load(o)) << all(doc.problems);
    EXPECT_TRUE(doc.problems.empty()) << all(doc.problems);
    const int r = doc.scene.find_layer(rgb + "#rgb"), d = doc.scene.find_layer(dem + "#dem");
    ASSERT_GE(r, 0);
    ASSERT_GE(d, 0);
    EXPECT_TRUE(doc.scene.layers[size_t(r)].raster);
    EXPECT_FALSE(doc.scene.layers[size_t(r)].shade);
    EXPECT_TRUE(doc.scene.layers[size_t(d)].shade);
    // Right above the countries (the land), below every other vector layer.
    ViewState vs;
    LayerTable t = resolve_layers(vs, doc.scene);
    ASSERT_GE(t.order.size(), 4u);
    EXPECT_EQ(doc.scene.layers[t.order[0]].id, "countries");
    EXPECT_TRUE(doc.scene.layers[t.order[1]].raster);
    EXPECT_TRUE(doc.scene.layers[t.order[2]].raster);
    EXPECT_FALSE(doc.scene.layers[t.order[3]].raster);
    // Warped once, into the map's projection, inside the data's extent.
    const geo::Layer* src = doc.scene.source_of(doc.scene.layers[size_t(r)], doc.map.projected);
    ASSERT_TRUE(src && src->raster && src->raster->image);
    EXPECT_TRUE(doc.map.extent.intersects(src->raster->image->box));
    // Its visibility and opacity travel by id like any layer's.
    normalise_layers(vs, doc.scene);
    vs.layer(rgb + "#rgb")->opacity = 0.25f;
    vs.layer(dem + "#dem")->visible = false;
    nlohmann::json j;
    layers_to_json(vs, j);
    ViewState back;
    layers_from_json(j, back);
    t = resolve_layers(back, doc.scene);
    EXPECT_FLOAT_EQ(t.opacity[size_t(r)], 0.25f);
    EXPECT_FALSE(t.visible[size_t(d)]);
}
