// Export: golden images with tolerance (default view; Jermuk selected), the scale bar against
// a geodesic computed here with OSR and PROJ's geodesic, the sidecar round trip, PNG text.
//   Golden images live in tests/fixtures/golden/; BRIEFMAP_UPDATE_GOLDEN=1 rewrites them.
//   A failing comparison writes <name>.actual.png and <name>.diff.png to the test output dir.
#include <geodesic.h>
#include <gtest/gtest.h>
#include <ogr_spatialref.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>

#include "common/atomic_file.h"
#include "document/document.h"
#include "export/compose.h"
#include "export/headless.h"
#include "export/png.h"
#include "headless_fixture.h"
#include "render/labels.h"

using namespace bm;
namespace fs = std::filesystem;

namespace {

const std::string kOut = BRIEFMAP_TEST_OUTPUT_DIR;
const std::string kGolden = std::string(BRIEFMAP_SOURCE_DIR) + "/tests/fixtures/golden/";

const Document& doc() {
    static Document* d = [] {
        auto* x = new Document;
        x->load({});
        return x;
    }();
    return *d;
}

exporter::ExportOptions small(const std::string& select = {}) {
    exporter::ExportOptions o;
    o.state.output.width = 960;
    o.state.output.height = 600;
    o.state.output.scale = 1;
    o.state.output.subtitle =
        "Golden image";  // never today's date: the image must not change daily
    o.state.selected = select;
    return o;
}

// Pixels whose largest channel difference exceeds `threshold`, as a fraction of all pixels.
double differing(const std::vector<uint8_t>& a, const std::vector<uint8_t>& b, int threshold,
                 std::vector<uint8_t>* diff = nullptr) {
    if (a.size() != b.size()) return 1;
    size_t n = 0;
    if (diff) diff->assign(a.size(), 255);
    for (size_t i = 0; i < a.size(); i += 4) {
        int d = 0;
        for (size_t c = 0; c < 3; ++c) d = std::max(d, std::abs(int(a[i + c]) - int(b[i + c])));
        if (d > threshold) {
            ++n;
            if (diff) (*diff)[i + 1] = (*diff)[i + 2] = 0;  // red where they differ
        } else if (diff) {
            for (size_t c = 0; c < 3; ++c) (*diff)[i + c] = uint8_t(191 + a[i + c] / 4);
        }
    }
    return double(n) / double(a.size() / 4);
}

void expect_golden(const std::string& name, const exporter::Image& img) {
    constexpr int kThreshold = 40;      // per pixel, per channel
    constexpr double kAllowed = 0.004;  // fraction of pixels allowed to differ
    const std::string golden = kGolden + name + ".png";
    if (std::getenv("BRIEFMAP_UPDATE_GOLDEN")) {
        fs::create_directories(kGolden);
        ASSERT_TRUE(
            exporter::write_png(golden, img.rgba.data(), img.width, img.height, true, {}, nullptr));
        std::fprintf(stderr, "updated %s\n", golden.c_str());
        return;
    }
    std::vector<uint8_t> want;
    int w = 0, h = 0;
    ASSERT_TRUE(exporter::read_png(golden, want, w, h))
        << golden << " missing: run with BRIEFMAP_UPDATE_GOLDEN=1 to create it";
    ASSERT_EQ(w, img.width);
    ASSERT_EQ(h, img.height);
    std::vector<uint8_t> diff;
    const double frac = differing(img.rgba, want, kThreshold, &diff);
    if (frac > kAllowed) {
        fs::create_directories(kOut);
        exporter::write_png(kOut + "/" + name + ".actual.png", img.rgba.data(), w, h, true, {},
                            nullptr);
        exporter::write_png(kOut + "/" + name + ".diff.png", diff.data(), w, h, true, {}, nullptr);
    }
    EXPECT_LE(frac, kAllowed) << name << ": " << frac * 100 << "% of pixels differ; see " << kOut;
}

class ExportTest : public HeadlessGlTest {
  protected:
    void SetUp() override {
        HeadlessGlTest::SetUp();
        if (HasFatalFailure()) return;
        ASSERT_TRUE(doc().projection);
    }
};

}  // namespace

TEST_F(ExportTest, DefaultViewMatchesGolden) {
    exporter::Image img;
    exporter::ExportInfo info;
    Problem p;
    ASSERT_TRUE(exporter::render_export(doc(), small(), img, &info, &p)) << p.to_string();
    expect_golden("export_default", img);
    // What the image must carry, independent of pixels.
    EXPECT_FALSE(info.legend.empty());
    auto has = [&](const std::string& t) {
        return std::find(info.labels.begin(), info.labels.end(), t) != info.labels.end();
    };
    EXPECT_TRUE(has("Ganja"));
    EXPECT_TRUE(has("Baku"));
    EXPECT_TRUE(has("Stepanakert / Khankendi"));
    EXPECT_TRUE(info.citations.empty());
}

TEST_F(ExportTest, SelectedPlaceMatchesGoldenAndCitesItsPassage) {
    exporter::Image img;
    exporter::ExportInfo info;
    Problem p;
    ASSERT_TRUE(exporter::render_export(doc(), small("Jermuk"), img, &info, &p)) << p.to_string();
    expect_golden("export_jermuk", img);
    EXPECT_EQ(info.selected_id, "jermuk");
    ASSERT_FALSE(info.citations.empty());
    EXPECT_EQ(info.citations[0].number, 1);
    EXPECT_EQ(info.citations[0].outlet, "Foreign Affairs");
    EXPECT_FALSE(info.citations[0].url.empty());
    EXPECT_FALSE(info.citations[0].date.empty());
    // The selection is highlighted at Jermuk's symbol: the style's selected fill is there.
    const geo::Vec2 j = info.view.to_screen(doc().projection->forward({45.6886, 39.8414}));
    const render::Rgba sel = doc().style.highlight.selected_fill;
    bool found = false;
    for (int dy = -3; dy <= 3; ++dy)
        for (int dx = -3; dx <= 3; ++dx) {
            const int x = int(j.x) + dx, y = int(j.y) + dy;
            const uint8_t* px = &img.rgba[(size_t(y) * size_t(img.width) + size_t(x)) * 4];
            bool ok = true;
            for (int c = 0; c < 3; ++c)
                ok = ok && std::abs(int(px[c]) - int(std::lround(sel[size_t(c)] * 255))) < 20;
            found = found || ok;
        }
    EXPECT_TRUE(found) << "no selected-fill pixel at Jermuk";
}

TEST_F(ExportTest, ScaleBarMatchesAnIndependentGeodesicWithinOnePercent) {
    for (const char* bbox : {"", "45.0,39.2,46.5,40.2"}) {
        exporter::ExportOptions o = small();
        o.state.output.width = 1600;
        o.state.output.height = 900;
        if (*bbox) o.bbox_lonlat = geo::Box{45.0, 39.2, 46.5, 40.2};
        exporter::Image img;
        exporter::ExportInfo info;
        ASSERT_TRUE(exporter::render_export(doc(), o, img, &info, nullptr));
        const auto& bar = info.scale_bar;
        ASSERT_GT(bar.pixels, 50);
        EXPECT_NEAR(bar.x1 - bar.x0, bar.pixels, 1e-6);
        // The bar's pixels, laid horizontally through the map centre, inverse-projected with
        // OSR and measured with PROJ's geodesic on the CRS's own ellipsoid.
        OGRSpatialReference map, wgs;
        ASSERT_EQ(map.SetFromUserInput(doc().projection->definition().c_str()), OGRERR_NONE);
        wgs.SetWellKnownGeogCS("WGS84");
        wgs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        map.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        std::unique_ptr<OGRCoordinateTransformation> inv(
            OGRCreateCoordinateTransformation(&map, &wgs));
        ASSERT_TRUE(inv);
        const geo::Vec2 c = info.view.center;
        double x[2] = {c.x - bar.pixels / 2 * info.view.res, c.x + bar.pixels / 2 * info.view.res};
        double y[2] = {c.y, c.y};
        ASSERT_TRUE(inv->Transform(2, x, y));
        geod_geodesic g;
        geod_init(&g, map.GetSemiMajor(), 1 / map.GetInvFlattening());
        double s12 = 0;
        geod_inverse(&g, y[0], x[0], y[1], x[1], &s12, nullptr, nullptr);
        EXPECT_NEAR(s12 / bar.meters, 1.0, 0.01) << "bbox '" << bbox << "'";
        // 1, 2 or 5 times a power of ten.
        const double mant = bar.meters / std::pow(10.0, std::floor(std::log10(bar.meters)));
        EXPECT_TRUE(std::abs(mant - 1) < 1e-9 || std::abs(mant - 2) < 1e-9 ||
                    std::abs(mant - 5) < 1e-9)
            << bar.meters;
    }
}

TEST_F(ExportTest, NorthArrowFollowsTheMeridians) {
    // On the central meridian (46°E) north is straight up; west of it, LCC meridians lean so
    // north points right of up (clockwise), east of it left.
    auto north_at = [&](double lon) {
        exporter::ExportOptions o = small();
        o.bbox_lonlat = geo::Box{lon - 0.5, 39.5, lon + 0.5, 40.5};
        exporter::Image img;
        exporter::ExportInfo info;
        EXPECT_TRUE(exporter::render_export(doc(), o, img, &info, nullptr));
        return info.north_degrees;
    };
    EXPECT_NEAR(north_at(46.0), 0, 0.05);
    EXPECT_GT(north_at(43.0), 1.0);
    EXPECT_LT(north_at(49.0), -1.0);
}

TEST_F(ExportTest, SidecarRoundTripReproducesTheImageAndPngCarriesText) {
    fs::create_directories(kOut);
    const std::string a = kOut + "/roundtrip_a.png", b = kOut + "/roundtrip_b.png";
    exporter::ExportOptions o = small("Stepanakert");
    o.state.output.subtitle.reset();  // today's date: the sidecar must pin it
    ASSERT_TRUE(exporter::export_image(doc(), o, a, nullptr, nullptr));
    ASSERT_TRUE(fs::exists(exporter::sidecar_path(a)));
    exporter::ExportOptions from;
    Problems warns;
    Problem p;
    ASSERT_TRUE(exporter::options_from_sidecar(exporter::sidecar_path(a), from, warns, &p))
        << p.to_string();
    EXPECT_TRUE(warns.empty());
    EXPECT_EQ(from.state.selected, "stepanakert");
    ASSERT_TRUE(exporter::export_image(doc(), from, b, nullptr, nullptr));
    std::vector<uint8_t> pa, pb;
    int wa, ha, wb, hb;
    std::vector<exporter::PngText> text;
    ASSERT_TRUE(exporter::read_png(a, pa, wa, ha, &text));
    ASSERT_TRUE(exporter::read_png(b, pb, wb, hb));
    ASSERT_EQ(wa, wb);
    ASSERT_EQ(ha, hb);
    EXPECT_LE(differing(pa, pb, 8), 0.0005);
    std::map<std::string, std::string> kv;
    for (const auto& t : text) kv[t.key] = t.value;
    for (const char* k : {"Title", "Source", "Software", "Creation Time"})
        EXPECT_FALSE(kv[k].empty()) << k;
    EXPECT_NE(kv["Source"].find("OpenStreetMap"), std::string::npos);
}

TEST_F(ExportTest, CitationsTheImageHasNoRoomForAreStillWholeInTheInfo) {
    // A small image shows fewer citations than Stepanakert has; the rest go to the sidecar
    // with their article, outlet, date, title and url each in its own field.
    exporter::ExportOptions o = small("Stepanakert");
    o.state.output.width = 640;
    o.state.output.height = 400;
    exporter::Image img;
    exporter::ExportInfo info;
    Problem p;
    ASSERT_TRUE(exporter::render_export(doc(), o, img, &info, &p)) << p.to_string();
    ASSERT_GE(info.citations.size(), 2u);
    for (const exporter::Citation& c : info.citations) {
        const corpus::Article* a = nullptr;
        for (const corpus::Article& x : doc().corpus.articles)
            if (x.id == c.article_id) a = &x;
        ASSERT_NE(a, nullptr) << c.number << " " << c.article_id;
        EXPECT_EQ(c.outlet, a->outlet);
        EXPECT_EQ(c.date, a->date);
        EXPECT_EQ(c.title, a->title);
        EXPECT_EQ(c.url, a->url);
    }
}

TEST_F(ExportTest, BadOptionsAreRefusedWithAMessage) {
    Problem p;
    exporter::ExportOptions o = small();
    o.state.output.width = 0;
    EXPECT_FALSE(exporter::validate(doc(), o, &p));
    o.state.output.width = 16385;
    EXPECT_FALSE(exporter::validate(doc(), o, &p));
    EXPECT_NE(p.why.find("16384"), std::string::npos);
    o = small("Atlantis");
    EXPECT_FALSE(exporter::validate(doc(), o, &p));
    EXPECT_NE(p.why.find("Atlantis"), std::string::npos);
    o = small();
    o.bbox_lonlat = geo::Box{46, 40, 45, 41};
    EXPECT_FALSE(exporter::validate(doc(), o, &p));
}

TEST_F(ExportTest, AFailedExportLeavesTheOldFileAlone) {
    fs::create_directories(kOut);
    const std::string path = kOut + "/keep.png";
    ASSERT_TRUE(write_file_atomic(path, "old"));
    exporter::ExportOptions o = small();
    o.state.output.height = 20000;
    EXPECT_FALSE(exporter::export_image(doc(), o, path, nullptr, nullptr));
    std::string s;
    ASSERT_TRUE(read_file(path, s));
    EXPECT_EQ(s, "old");
}

TEST_F(ExportTest, PreparedAndStreamedExportsWriteTheSameImage) {
    // The CLI path: renderers and framebuffer prepared ahead, the pixels read band by band
    // straight into the encoder. Same PNG pixels as rendering into memory first, at a height
    // that is not a multiple of the encoder's bands.
    fs::create_directories(kOut);
    exporter::ExportOptions o = small("Jermuk");
    o.state.output.height = 333;
    const std::string a = kOut + "/streamed.png", b = kOut + "/in_memory.png";
    for (bool stream : {true, false}) {
        exporter::ExportRenderers r;
        Problem p;
        ASSERT_TRUE(r.init(&p)) << p.to_string();
        ASSERT_TRUE(r.prepare(o.state.output.width, o.state.output.height, stream, &p))
            << p.to_string();
        exporter::Image img;
        exporter::ExportInfo info;
        ASSERT_TRUE(exporter::render_export(doc(), o, img, &info, &p, &r)) << p.to_string();
        EXPECT_EQ(img.rgba.empty(), stream);
        EXPECT_EQ(bool(img.rows), stream);
        ASSERT_TRUE(exporter::write_export(doc(), o, img, info, stream ? a : b, &p))
            << p.to_string();
    }
    std::vector<uint8_t> pa, pb;
    int wa, ha, wb, hb;
    ASSERT_TRUE(exporter::read_png(a, pa, wa, ha));
    ASSERT_TRUE(exporter::read_png(b, pb, wb, hb));
    ASSERT_EQ(wa, wb);
    ASSERT_EQ(ha, 333);
    ASSERT_EQ(hb, 333);
    EXPECT_TRUE(pa == pb);
}

TEST_F(ExportTest, ASelectedProvinceIsOutlinedAllRoundThoughItSharesItsBorders) {
    // Provinces leave the borders they share with an earlier neighbour to it in the base pass;
    // the selection's outline is built whole on demand. The province (bordered by others all
    // round) must show the selection colour near each side of its box.
    std::string name;
    int feature = -1;
    for (const char* n : {"Vayots Dzor", "Kalbajar District", "Lachin District", "Gegharkunik",
                          "Kotayk", "Syunik"}) {
        const PlaceId place = doc().find_place(n);
        if (!place) continue;
        const FeatureId f = doc().feature_of_place(place);
        if (f && !doc().scene.features[f.index()].edges_drawn.empty()) {
            name = n;
            feature = int(f.index());
            break;
        }
    }
    ASSERT_GE(feature, 0) << "no province leaving a shared border to a neighbour";
    SCOPED_TRACE(name);
    exporter::ExportOptions o = small(name);
    o.view_place = name;
    exporter::Image img;
    exporter::ExportInfo info;
    Problem p;
    ASSERT_TRUE(exporter::render_export(doc(), o, img, &info, &p)) << p.to_string();
    const geo::Box b = doc().scene.features[size_t(feature)].bbox;
    const geo::Vec2 lo = info.view.to_screen({b.minx, b.maxy}),
                    hi = info.view.to_screen({b.maxx, b.miny});
    const render::Rgba want = doc().style.highlight.selected_stroke;
    auto orange_near = [&](double x0, double y0, double x1, double y1) {
        int n = 0;
        for (int y = std::max(0, int(y0)); y <= std::min(img.height - 1, int(y1)); ++y)
            for (int x = std::max(0, int(x0)); x <= std::min(int(info.view.width) - 1, int(x1));
                 ++x) {
                const uint8_t* px = &img.rgba[(size_t(y) * size_t(img.width) + size_t(x)) * 4];
                bool close = true;
                for (int c = 0; c < 3; ++c)
                    close = close && std::abs(px[c] - int(want[size_t(c)] * 255)) < 30;
                n += close;
            }
        return n;
    };
    const double m = 6;  // pixels around each side of the box
    EXPECT_GT(orange_near(lo.x - m, lo.y, lo.x + m, hi.y), 0) << "west";
    EXPECT_GT(orange_near(hi.x - m, lo.y, hi.x + m, hi.y), 0) << "east";
    EXPECT_GT(orange_near(lo.x, lo.y - m, hi.x, lo.y + m), 0) << "north";
    EXPECT_GT(orange_near(lo.x, hi.y - m, hi.x, hi.y + m), 0) << "south";
}

// The briefing is about the selected place: a small village (rank 4, no passage) framed with
// its province is labelled though its neighbours' labels compete for the room.
TEST_F(ExportTest, TheSelectedPlaceIsAlwaysLabelled) {
    exporter::ExportOptions o = small("Kirants");
    o.view_place = "Tavush";
    exporter::Image img;
    exporter::ExportInfo info;
    Problem p;
    ASSERT_TRUE(exporter::render_export(doc(), o, img, &info, &p)) << p.to_string();
    EXPECT_EQ(info.selected_id, "kirants");
    EXPECT_NE(std::find(info.labels.begin(), info.labels.end(), "Kirants"), info.labels.end());
    // Zoomed out to the whole region, too.
    exporter::ExportOptions far = small("Kirants");
    ASSERT_TRUE(exporter::render_export(doc(), far, img, &info, &p)) << p.to_string();
    EXPECT_NE(std::find(info.labels.begin(), info.labels.end(), "Kirants"), info.labels.end());
}

// The areas and routes are labelled: framed on Syunik and Karabakh (at the home view their
// places' labels come first), Nagorno-Karabakh inside its area and the two corridors along
// their lines, each label box inside the view, in the export too.
TEST_F(ExportTest, AreasAndRoutesAreLabelledInsideTheView) {
    exporter::ExportOptions o = small();
    o.state.output.width = 1600;
    o.state.output.height = 1000;
    o.bbox_lonlat = geo::Box{45.6, 38.8, 47.2, 40.3};
    exporter::Image img;
    exporter::ExportInfo info;
    Problem p;
    ASSERT_TRUE(exporter::render_export(doc(), o, img, &info, &p)) << p.to_string();
    for (const char* name : {"Nagorno-Karabakh", "Lachin corridor", "Zangezur corridor"})
        EXPECT_NE(std::find(info.labels.begin(), info.labels.end(), name), info.labels.end())
            << name << " not labelled in the export";

    Problems lp;
    render::LabelRenderer labels;  // layout needs no GL context
    const render::LabelConfig conf = render::LabelConfig::builtin(lp);
    labels.set_labels(render::collect_labels(doc().scene, doc().map.projected, conf,
                                             exporter::mention_counts(doc())),
                      doc().style, conf);
    geo::Viewport view = info.view;
    const std::vector<render::PlacedLabel> placed = labels.layout(view, 1);
    const std::vector<render::LabelPath>& paths = labels.placed_paths();
    ASSERT_EQ(paths.size(), placed.size());
    int found = 0;
    for (size_t k = 0; k < placed.size(); ++k) {
        const render::LabelFeature& l = labels.labels()[placed[k].candidate];
        if (l.text != "Nagorno-Karabakh" && l.text != "Lachin corridor" &&
            l.text != "Zangezur corridor")
            continue;
        ++found;
        const render::LabelBox& b = placed[k].box;
        EXPECT_GE(b.x0, 0) << l.text;
        EXPECT_GE(b.y0, 0) << l.text;
        EXPECT_LE(b.x1, view.width) << l.text;
        EXPECT_LE(b.y1, view.height) << l.text;
        if (l.kind == render::LabelKind::Route) {
            // Along the line: one place per glyph, every glyph upright (within 90 degrees).
            EXPECT_EQ(placed[k].position, render::LabelPosition::Path) << l.text;
            EXPECT_FALSE(paths[k].glyphs.empty()) << l.text;
            for (const render::GlyphPlace& g : paths[k].glyphs)
                EXPECT_LT(std::fabs(g.angle), M_PI / 2) << l.text;
        } else {
            EXPECT_EQ(l.kind, render::LabelKind::Area);
            // The label's middle lies inside the area it names.
            const geo::Vec2 mid = view.to_map({(b.x0 + b.x1) / 2.0, (b.y0 + b.y1) / 2.0});
            bool in = false;
            for (const geo::Ring& r : l.area)
                for (size_t i = 0, j = r.size() - 1; i < r.size(); j = i++)
                    if ((r[i].y > mid.y) != (r[j].y > mid.y) &&
                        mid.x < (r[j].x - r[i].x) * (mid.y - r[i].y) / (r[j].y - r[i].y) + r[i].x)
                        in = !in;
            EXPECT_TRUE(in) << l.text;
        }
    }
    EXPECT_EQ(found, 3);
}

// The legend tells towns from provincial capitals and the proposed network from the corridors,
// and a selected place has its own entry.
TEST_F(ExportTest, LegendNamesSymbolsRoutesAndTheSelection) {
    exporter::ExportOptions o = small("Goris");
    o.view_place = "Syunik";
    exporter::Image img;
    exporter::ExportInfo info;
    Problem p;
    ASSERT_TRUE(exporter::render_export(doc(), o, img, &info, &p)) << p.to_string();
    auto has = [&](const char* t) {
        return std::find(info.legend.begin(), info.legend.end(), t) != info.legend.end();
    };
    EXPECT_TRUE(has("Selected place"));
    EXPECT_TRUE(has("Provincial capital"));
    EXPECT_TRUE(has("Town or village"));
    exporter::ExportOptions wide = small();
    ASSERT_TRUE(exporter::render_export(doc(), wide, img, &info, &p)) << p.to_string();
    EXPECT_TRUE(has("Proposed network"));
    EXPECT_TRUE(has("Corridor"));
    EXPECT_FALSE(has("Selected place"));
    // Their symbols differ: the provincial capital's ring and the town's dot, the proposed
    // network's colour and the corridor's.
    const render::Style& st = doc().style;
    geo::Feature town, capital, network, corridor;
    town.kind = "town";
    capital.kind = "town";
    capital.props["capital"] = "provincial";
    network.kind = "proposed network";
    corridor.kind = "corridor";
    const render::FeatureStyle t = st.resolve("places", town), c = st.resolve("places", capital);
    EXPECT_NE(t.symbol, c.symbol);
    const render::FeatureStyle n = st.resolve("routes", network),
                               r = st.resolve("routes", corridor);
    EXPECT_NE(n.stroke, r.stroke);
}

// The window's labels (LabelRenderer::set_selected): a village hidden at the whole-region view
// is labelled there once selected, and first.
TEST_F(ExportTest, TheWindowLabelsTheSelectedPlaceAtEveryZoom) {
    Problems lp;
    render::LabelRenderer labels;
    const render::LabelConfig conf = render::LabelConfig::builtin(lp);
    labels.set_labels(render::collect_labels(doc().scene, doc().map.projected, conf,
                                             exporter::mention_counts(doc())),
                      doc().style, conf);
    int kirants = -1;
    for (const render::LabelFeature& l : labels.labels())
        if (l.text == "Kirants") kirants = l.feature;
    ASSERT_GE(kirants, 0);
    exporter::ExportOptions o = small();
    exporter::Image img;
    exporter::ExportInfo info;
    Problem p;
    ASSERT_TRUE(exporter::render_export(doc(), o, img, &info, &p)) << p.to_string();
    auto placed_text = [&](const std::vector<render::PlacedLabel>& placed) {
        std::vector<std::string> out;
        for (const render::PlacedLabel& pl : placed)
            out.push_back(labels.labels()[pl.candidate].text);
        return out;
    };
    const auto before = placed_text(labels.layout(info.view, 1));
    EXPECT_EQ(std::find(before.begin(), before.end(), "Kirants"), before.end());
    labels.set_selected(kirants);
    const auto after = placed_text(labels.layout(info.view, 1));
    ASSERT_FALSE(after.empty());
    EXPECT_EQ(after.front(), "Kirants");
}

// A PDF report's passages are cited with their pages: "p. N: " before each excerpt, and the
// sidecar's "pages" beside "paragraphs" (tests/fixtures/corpus/pdf).
TEST_F(ExportTest, ReportCitationsSayTheirPage) {
    static Document* d = [] {
        auto* x = new Document;
        DocumentOptions o;
        o.corpus = std::string(BRIEFMAP_SOURCE_DIR) + "/tests/fixtures/corpus/pdf";
        x->load(o);
        return x;
    }();
    exporter::ExportOptions o = small("Jermuk");
    o.state.output.width = 1600;
    o.state.output.height = 1000;
    exporter::Image img;
    exporter::ExportInfo info;
    Problem p;
    ASSERT_TRUE(exporter::render_export(*d, o, img, &info, &p)) << p.to_string();
    const exporter::Citation* report = nullptr;
    for (const exporter::Citation& c : info.citations)
        if (c.title == "Monitoring report: the Jermuk heights, December 2023") report = &c;
    ASSERT_NE(report, nullptr);
    EXPECT_EQ(report->pages, (std::vector<int>{1, 1, 2}));
    ASSERT_EQ(report->excerpts.size(), 3u);
    EXPECT_TRUE(report->excerpts[0].starts_with("p. 1: ")) << report->excerpts[0];
    EXPECT_TRUE(report->excerpts[2].starts_with("p. 2: ")) << report->excerpts[2];
    const auto j = nlohmann::json::parse(exporter::sidecar_json(*d, o, info, "x.png"));
    bool found = false;
    for (const auto& c : j["citations"])
        if (c["title"] == report->title) {
            found = true;
            EXPECT_EQ(c["pages"], nlohmann::json::array({1, 1, 2}));
            EXPECT_EQ(c["paragraphs"].size(), 3u);
        }
    EXPECT_TRUE(found);
}
