// Raster layers on screen (headless EGL): a GeoTIFF and a DEM's hillshade over the default
// map, checked against a golden image (tests/fixtures/golden/raster_layers.png;
// BRIEFMAP_UPDATE_GOLDEN=1 rewrites it) and by pixels: the image's colours where its
// georeference puts them, opacity mixing it with the land below, the hillshade darkening the
// land's colour rather than covering it, a hidden raster not drawn, and each raster uploaded
// once however many frames and pans are drawn.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>

#include "../unit/raster_fixtures.h"
#include "document/document.h"
#include "document/view_state.h"
#include "export/headless.h"
#include "export/png.h"
#include "headless_fixture.h"
#include "render/map_renderer.h"

using namespace bm;
namespace fs = std::filesystem;
namespace rf = raster_fixtures;

namespace {

constexpr int kW = 480, kH = 360;

const Document& doc() {
    static Document* d = [] {
        auto* x = new Document;
        DocumentOptions o;
        o.data = {"default", rf::write_rgb("rgb.tif"), rf::write_dem("dem.tif")};
        EXPECT_TRUE(x->load(o));
        x->view.width = kW;
        x->view.height = kH;
        x->view.fit(geo::project_box(*x->projection, geo::Box{43.8, 38.8, 47.4, 41.8}), 0);
        return x;
    }();
    return *d;
}

struct Frame {
    std::vector<uint8_t> rgba;
    std::array<int, 3> at(geo::Vec2 lonlat) const {
        const geo::Vec2 s = doc().view.to_screen(doc().projection->forward(lonlat));
        const int x = int(s.x), y = int(s.y);
        if (x < 0 || y < 0 || x >= kW || y >= kH) return {-1, -1, -1};
        const uint8_t* p = &rgba[(size_t(y) * kW + size_t(x)) * 4];
        return {p[0], p[1], p[2]};
    }
};

class RasterRenderTest : public HeadlessGlTest {
  protected:
    void SetUp() override {
        HeadlessGlTest::SetUp();
        if (HasFatalFailure()) return;
        std::string err;
        ASSERT_TRUE(target_.create(kW, kH, &err)) << err;
        target_.bind();
        ASSERT_TRUE(r_.init());
        const Document& d = doc();
        r_.upload(d.scene, d.style, &d.map.projected);
        const int level = d.scene.lod_for(d.view.res);
        r_.upload_lod(level, d.build_lod(level));
        rgb_ = size_t(d.scene.find_layer(rf::dir() + "/rgb.tif#rgb"));
        dem_ = size_t(d.scene.find_layer(rf::dir() + "/dem.tif#dem"));
        ASSERT_LT(rgb_, d.scene.layers.size());
        ASSERT_LT(dem_, d.scene.layers.size());
        r_.set_layer_order(resolve_layers(ViewState{}, d.scene).order);
    }
    Frame draw() {
        r_.draw(doc().view, {0, 0, kW, kH}, kH, 1.0f);
        return {target_.read_rgba()};
    }
    exporter::OffscreenTarget target_;
    render::MapRenderer r_;
    size_t rgb_ = 0, dem_ = 0;
};

double mean(const std::array<int, 3>& c) {
    return (c[0] + c[1] + c[2]) / 3.0;
}

bool near(const std::array<int, 3>& a, const std::array<int, 3>& b, int tol = 6) {
    for (size_t i = 0; i < 3; ++i)
        if (std::abs(a[i] - b[i]) > tol) return false;
    return true;
}

}  // namespace

TEST_F(RasterRenderTest, ImageAndHillshadeMatchGolden) {
    const Frame f = draw();
    const std::string golden =
        std::string(BRIEFMAP_SOURCE_DIR) + "/tests/fixtures/golden/raster_layers.png";
    if (std::getenv("BRIEFMAP_UPDATE_GOLDEN")) {
        ASSERT_TRUE(exporter::write_png(golden, f.rgba.data(), kW, kH, true, {}, nullptr));
        return;
    }
    std::vector<uint8_t> want;
    int w = 0, h = 0;
    ASSERT_TRUE(exporter::read_png(golden, want, w, h)) << golden << " missing";
    ASSERT_EQ(w, kW);
    ASSERT_EQ(h, kH);
    size_t differ = 0;
    for (size_t i = 0; i < want.size(); i += 4)
        for (size_t c = 0; c < 3; ++c)
            if (std::abs(int(want[i + c]) - int(f.rgba[i + c])) > 40) {
                ++differ;
                break;
            }
    const double frac = double(differ) / double(size_t(kW) * kH);
    if (frac > 0.004) {
        const std::string out = std::string(BRIEFMAP_TEST_OUTPUT_DIR) + "/raster_layers.actual.png";
        exporter::write_png(out, f.rgba.data(), kW, kH, true, {}, nullptr);
    }
    EXPECT_LE(frac, 0.004) << frac * 100 << "% of pixels differ";
}

TEST_F(RasterRenderTest, ColoursWhereTheGeoreferencePutsThemAndOpacityMixes) {
    // Inside each quadrant, away from borders.
    const geo::Vec2 nw{45.25, 41.3}, se{46.7, 40.2};
    Frame f = draw();
    EXPECT_TRUE(near(f.at(nw), {220, 30, 30})) << f.at(nw)[0] << "," << f.at(nw)[1];
    EXPECT_TRUE(near(f.at(se), {230, 220, 20})) << f.at(se)[0] << "," << f.at(se)[1];
    r_.set_layer_visible(rgb_, false);
    const auto land = draw().at(se);
    EXPECT_FALSE(near(land, {230, 220, 20}, 40)) << "hidden: the land shows";
    r_.set_layer_visible(rgb_, true);
    r_.set_layer_opacity(rgb_, 0.5f);
    const auto half = draw().at(se);
    for (size_t c = 0; c < 3; ++c)
        EXPECT_NEAR(half[c], (land[c] + std::array<int, 3>{230, 220, 20}[c]) / 2.0, 6) << c;
}

TEST_F(RasterRenderTest, HillshadeDarkensTheLandItLiesOn) {
    const geo::Vec2 flank{45.3, 39.7};  // the cone's south-east flank, in Armenia or Nakhchivan
    const auto shaded = draw().at(flank);
    r_.set_layer_visible(dem_, false);
    const auto land = draw().at(flank);
    EXPECT_LT(mean(shaded), mean(land) - 20);
    // Multiplied: the land's hue survives (its brightest channel stays the brightest).
    const auto top = [](const std::array<int, 3>& c) {
        return std::max_element(c.begin(), c.end()) - c.begin();
    };
    EXPECT_EQ(top(shaded), top(land));
}

TEST_F(RasterRenderTest, EachRasterIsUploadedOnceWhateverIsDrawn) {
    const size_t before = r_.raster_uploads();
    draw();
    EXPECT_EQ(r_.raster_uploads(), before + 2);
    geo::Viewport v = doc().view;
    for (int i = 0; i < 5; ++i) {
        v.center.x += v.res * 40;
        r_.draw_cached(v, {0, 0, kW, kH}, kH, 1.0f);
        r_.draw(v, {0, 0, kW, kH}, kH, 1.0f);
    }
    EXPECT_EQ(r_.raster_uploads(), before + 2);
}
