// Headless render tests: EGL on Mesa's surfaceless platform (no X server, no GPU), drawing the
// default view offscreen and checking real pixels. A failing test writes its image to
// build/test-output/.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>

#include "document/document.h"
#include "export/headless.h"
#include "export/png.h"
#include "headless_fixture.h"
#include "render/map_renderer.h"

using namespace bm;

namespace {

struct Rendered {
    std::vector<uint8_t> rgba;
    int w = 0, h = 0;
    std::array<int, 3> at(geo::Vec2 s) const {
        int x = int(std::floor(s.x)), y = int(std::floor(s.y));
        if (x < 0 || y < 0 || x >= w || y >= h) return {-1, -1, -1};
        const uint8_t* p = &rgba[(size_t(y) * size_t(w) + size_t(x)) * 4];
        return {p[0], p[1], p[2]};
    }
    void save(const std::string& name) const {
        std::filesystem::create_directories(BRIEFMAP_TEST_OUTPUT_DIR);
        std::string path = std::string(BRIEFMAP_TEST_OUTPUT_DIR) + "/" + name;
        exporter::write_png(path, rgba.data(), w, h, true, {}, nullptr);
        std::fprintf(stderr, "image written to %s\n", path.c_str());
    }
};

bool near(std::array<int, 3> got, const render::Rgba& want, int tol = 6) {
    for (int i = 0; i < 3; ++i)
        if (std::abs(got[size_t(i)] - int(std::lround(want[size_t(i)] * 255))) > tol) return false;
    return true;
}

class RenderTest : public HeadlessGlTest {};

}  // namespace

TEST_F(RenderTest, DefaultViewHasArmeniaAtYerevanAndWaterInTheCaspian) {
    Document doc;
    ASSERT_TRUE(doc.load({}));
    doc.view.width = 1600;
    doc.view.height = 1000;
    doc.reset_view();

    exporter::OffscreenTarget target;
    std::string err;
    ASSERT_TRUE(target.create(1600, 1000, &err)) << err;
    target.bind();
    render::MapRenderer r;
    ASSERT_TRUE(r.init());
    r.upload(doc.scene, doc.style);
    const int level = doc.scene.lod_for(doc.view.res);
    r.upload_lod(level, doc.build_lod(level));
    // Hide point and line layers so the probe pixels see the fills underneath the symbols.
    for (size_t i = 0; i < doc.scene.layers.size(); ++i)
        if (doc.scene.layers[i].kind != geo::GeomKind::Polygon ||
            doc.scene.layers[i].name == "areas")
            r.set_layer_visible(i, false);
    r.draw(doc.view, {0, 0, 1600, 1000}, 1000, 1.0f);
    Rendered img{target.read_rgba(), 1600, 1000};

    const geo::Vec2 yerevan = doc.view.to_screen(doc.projection->forward({44.5152, 40.1872}));
    const geo::Vec2 caspian = doc.view.to_screen(doc.projection->forward({50.8, 40.0}));
    const geo::Vec2 baku_land = doc.view.to_screen(doc.projection->forward({48.0, 40.3}));
    geo::Feature arm, aze;
    arm.props["iso_a3"] = "ARM";
    aze.props["iso_a3"] = "AZE";
    const render::Rgba armenia = doc.style.resolve("countries", arm).fill;
    const render::Rgba azerbaijan = doc.style.resolve("countries", aze).fill;

    bool ok = near(img.at(yerevan), armenia) && near(img.at(caspian), doc.style.background) &&
              near(img.at(baku_land), azerbaijan);
    if (!ok) img.save("render_default_view.png");
    auto y = img.at(yerevan), c = img.at(caspian);
    EXPECT_TRUE(near(y, armenia)) << "Yerevan pixel " << y[0] << "," << y[1] << "," << y[2];
    EXPECT_TRUE(near(c, doc.style.background))
        << "Caspian pixel " << c[0] << "," << c[1] << "," << c[2];
    EXPECT_TRUE(near(img.at(baku_land), azerbaijan));
}

TEST_F(RenderTest, LinesKeepTheirPixelWidthAtAnyZoom) {
    // One horizontal line feature, drawn at two zooms: its thickness in pixels is the same.
    geo::Layer l;
    l.name = "lines";
    geo::Feature f;
    f.id = "l";
    f.geom.kind = geo::GeomKind::Line;
    f.geom.lines = {{{-1000, 0}, {1000, 0}}};
    f.geom.bbox.add(geo::Vec2{-1000, 0});
    f.geom.bbox.add(geo::Vec2{1000, 0});
    l.features.push_back(f);
    l.bbox = f.geom.bbox;
    Problems probs;
    render::Style st = render::Style::parse(
        R"({"background":"#ffffff","layers":[{"layer":"lines","stroke":"#000000","width":4}]})",
        "t", probs);
    ASSERT_TRUE(probs.empty());
    render::Scene scene = render::build_scene({l}, st);
    exporter::OffscreenTarget target;
    ASSERT_TRUE(target.create(200, 100, nullptr));
    target.bind();
    render::MapRenderer r;
    ASSERT_TRUE(r.init());
    r.upload(scene, st);
    for (size_t level = 0; level < scene.lod_tolerances.size(); ++level)
        r.upload_lod(int(level), render::build_lod(scene, {l}, int(level)));
    for (double res : {1.0, 20.0}) {
        geo::Viewport v{{0, 0}, res, 200, 100};
        r.draw(v, {0, 0, 200, 100}, 100, 1.0f);
        Rendered img{target.read_rgba(), 200, 100};
        int dark = 0;
        for (int y = 0; y < 100; ++y)
            if (img.at({100, double(y)})[0] < 128) ++dark;
        EXPECT_EQ(dark, 4) << "at resolution " << res;
    }
}

TEST_F(RenderTest, CachedPanDrawsTheSamePictureAsDirectDrawing) {
    Document doc;
    ASSERT_TRUE(doc.load({}));
    doc.view.width = 640;
    doc.view.height = 400;
    doc.reset_view();
    exporter::OffscreenTarget target;
    ASSERT_TRUE(target.create(640, 400, nullptr));
    target.bind();
    render::MapRenderer r;
    ASSERT_TRUE(r.init());
    r.upload(doc.scene, doc.style);
    const int level = doc.scene.lod_for(doc.view.res);
    r.upload_lod(level, doc.build_lod(level));
    r.set_highlight(
        -1, doc.scene.find(doc.scene.layers[size_t(doc.scene.find_layer("countries"))].source, 0),
        {});
    geo::Viewport v = r.draw_cached(doc.view, {0, 0, 640, 400}, 400, 1.0f);  // fills the cache
    v.pan_pixels(37, -21);
    geo::Viewport drawn = r.draw_cached(v, {0, 0, 640, 400}, 400, 1.0f);  // a shifted copy
    EXPECT_EQ(r.cache_renders(), 1);
    Rendered cached{target.read_rgba(), 640, 400};
    r.draw(drawn, {0, 0, 640, 400}, 400, 1.0f);
    Rendered direct{target.read_rgba(), 640, 400};
    size_t differ = 0;
    for (size_t i = 0; i < cached.rgba.size(); i += 4)
        for (size_t c = 0; c < 3; ++c)
            if (std::abs(int(cached.rgba[i + c]) - int(direct.rgba[i + c])) > 8) {
                ++differ;
                break;
            }
    if (differ > 640 * 400 / 200) {
        cached.save("render_cached.png");
        direct.save("render_direct.png");
    }
    EXPECT_LE(differ, size_t(640 * 400 / 200))
        << "pixels differing between cached and direct drawing";
}

// Issue 17: a layer's opacity applies to the layer as a whole (as QGIS does): a zigzag line's
// joins and a polygon's stroke over its own fill do not come out darker than the rest.
TEST_F(RenderTest, LayerOpacityFadesTheLayerAsAWholeWithoutDarkJoins) {
    geo::Layer l;
    l.name = "lines";
    geo::Feature zig;
    zig.id = "zig";
    zig.geom.kind = geo::GeomKind::Line;
    geo::LineString line;
    for (int i = 0; i <= 16; ++i) line.push_back({-90.0 + i * 10, i % 2 ? 20.0 : -20.0});
    zig.geom.lines = {line};
    for (const auto& p : line) zig.geom.bbox.add(p);
    l.features.push_back(zig);
    l.bbox = zig.geom.bbox;
    Problems probs;
    render::Style st = render::Style::parse(
        R"({"background":"#ffffff","layers":[{"layer":"lines","stroke":"#000000","width":8}]})",
        "t", probs);
    ASSERT_TRUE(probs.empty());
    render::Scene scene = render::build_scene({l}, st);
    exporter::OffscreenTarget target;
    ASSERT_TRUE(target.create(200, 100, nullptr));
    target.bind();
    render::MapRenderer r;
    ASSERT_TRUE(r.init());
    r.upload(scene, st);
    r.upload_lod(0, render::build_lod(scene, {l}, 0));
    const geo::Viewport v{{0, 0}, 1.0, 200, 100};
    r.draw(v, {0, 0, 200, 100}, 100, 1.0f);
    const Rendered solid{target.read_rgba(), 200, 100};

    r.set_layer_opacity(0, 0.5f);
    r.draw(v, {0, 0, 200, 100}, 100, 1.0f);
    const Rendered half{target.read_rgba(), 200, 100};
    int covered = 0, even = 0, darker = 0;
    for (int y = 0; y < 100; ++y)
        for (int x = 0; x < 200; ++x) {
            const int s = solid.at({double(x), double(y)})[0],
                      h = half.at({double(x), double(y)})[0];
            if (h < 118) ++darker;  // a second coat: what the old per-vertex blending drew
            if (s < 10) {
                ++covered;
                if (h >= 118 && h <= 138) ++even;
            }
        }
    ASSERT_GT(covered, 1000);
    EXPECT_EQ(darker, 0);
    EXPECT_EQ(even, covered);
    if (darker || even != covered) half.save("layer-opacity.png");

    // In a sub-rectangle of the framebuffer (the window's map beside its panels) the faded
    // layer lands where the opaque one does and nowhere else.
    glDisable(GL_SCISSOR_TEST);
    glClearColor(1, 0, 0, 1);
    glClear(GL_COLOR_BUFFER_BIT);
    r.draw(geo::Viewport{{0, 0}, 1.0, 100, 60}, {60, 30, 100, 60}, 100, 1.0f);
    const Rendered sub{target.read_rgba(), 200, 100};
    EXPECT_EQ(sub.at({10, 10})[0], 255);  // outside: untouched (red)
    EXPECT_EQ(sub.at({10, 10})[1], 0);
    int mid = 0;
    for (int y = 30; y < 90; ++y)
        for (int x = 60; x < 160; ++x) {
            const auto p = sub.at({double(x), double(y)});
            if (p[0] >= 118 && p[0] <= 138 && p[0] == p[1]) ++mid;
            // Inside the map every pixel is background or a shade of grey, never red.
            EXPECT_EQ(p[0], p[1]) << x << "," << y;
        }
    EXPECT_GT(mid, 300);
}

// Issue 17: a place selected from the list shows its highlight even when its layer is hidden.
TEST_F(RenderTest, ASelectedPlaceIsHighlightedThoughItsLayerIsHidden) {
    Document doc;
    ASSERT_TRUE(doc.load({}));
    doc.view.width = 800;
    doc.view.height = 500;
    doc.reset_view();
    exporter::OffscreenTarget target;
    ASSERT_TRUE(target.create(800, 500, nullptr));
    target.bind();
    render::MapRenderer r;
    ASSERT_TRUE(r.init());
    r.upload(doc.scene, doc.style);
    const int level = doc.scene.lod_for(doc.view.res);
    r.upload_lod(level, doc.build_lod(level));
    const PlaceId jermuk = doc.find_place("Jermuk");
    ASSERT_TRUE(doc.feature_of_place(jermuk));
    const int f = int(doc.feature_of_place(jermuk).index());  // as the renderer counts
    r.set_layer_visible(size_t(doc.scene.features[size_t(f)].layer), false);
    const geo::Vec2 at = doc.view.to_screen(
        doc.projection->forward({doc.gazetteer[jermuk].lon, doc.gazetteer[jermuk].lat}));
    r.draw(doc.view, {0, 0, 800, 500}, 500, 1.0f);
    const Rendered plain{target.read_rgba(), 800, 500};
    r.set_highlight(-1, f);
    r.draw(doc.view, {0, 0, 800, 500}, 500, 1.0f);
    const Rendered lit{target.read_rgba(), 800, 500};
    EXPECT_TRUE(near(lit.at(at), doc.style.highlight.selected_fill, 40) ||
                near(lit.at(at), doc.style.highlight.selected_stroke, 40))
        << lit.at(at)[0] << "," << lit.at(at)[1] << "," << lit.at(at)[2];
    EXPECT_NE(plain.at(at), lit.at(at));
}
