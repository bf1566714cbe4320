// Label placement without GL: no two placed labels overlap, higher priority wins, points try
// right, left, above, below; plus the data-driven second names.
#include "render/labels.h"

#include <gtest/gtest.h>

#include <random>

using namespace bm;
using render::LabelBox;
using render::LabelCandidate;
using render::LabelPosition;
using render::place_labels;

namespace {
LabelCandidate point(double x, double y, float w, float h, double prio) {
    LabelCandidate c;
    c.anchor = {x, y};
    c.width = w;
    c.height = h;
    c.offset = 5;
    c.priority = prio;
    return c;
}
}  // namespace

TEST(Labels, NoTwoPlacedLabelsOverlapAndAllStayOnScreen) {
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> x(0, 800), y(0, 500);
    std::uniform_real_distribution<float> w(20, 140);
    std::vector<LabelCandidate> c;
    for (int i = 0; i < 400; ++i) {
        c.push_back(point(x(rng), y(rng), w(rng), 16, double(i % 37)));
        if (i % 5 == 0) c.back().offset = -1;  // some polygon labels, centred
    }
    auto placed = place_labels(c, 800, 500, 2);
    ASSERT_GT(placed.size(), 20u);
    ASSERT_LT(placed.size(), c.size());
    for (size_t i = 0; i < placed.size(); ++i) {
        const LabelBox& a = placed[i].box;
        EXPECT_GE(a.x0, 0);
        EXPECT_GE(a.y0, 0);
        EXPECT_LE(a.x1, 800);
        EXPECT_LE(a.y1, 500);
        for (size_t j = i + 1; j < placed.size(); ++j)
            EXPECT_FALSE(a.overlaps(placed[j].box)) << i << " overlaps " << j;
    }
}

TEST(Labels, HigherPriorityWinsTheSpot) {
    // Two centred labels on the same spot: the more important one gets the centre, whatever
    // the input order; the other is nudged off it without overlapping.
    LabelCandidate a = point(100, 100, 80, 16, 1), b = point(100, 100, 80, 16, 5);
    a.offset = b.offset = -1;
    auto centred = [](const bm::render::PlacedLabel& p) {
        return p.box.x0 == 60 && p.box.y0 == 92;
    };
    auto p1 = place_labels({a, b}, 400, 300, 2);
    ASSERT_EQ(p1.size(), 2u);
    EXPECT_EQ(p1[0].candidate, 1u);
    EXPECT_TRUE(centred(p1[0]));
    EXPECT_FALSE(centred(p1[1]));
    EXPECT_FALSE(p1[0].box.overlaps(p1[1].box));
    auto p2 = place_labels({b, a}, 400, 300, 2);
    ASSERT_EQ(p2.size(), 2u);
    EXPECT_EQ(p2[0].candidate, 0u);
    EXPECT_TRUE(centred(p2[0]));
    // With no room around the spot, only the winner is placed.
    auto tight = place_labels({a, b}, 84, 20, 0);
    ASSERT_EQ(tight.size(), 0u);  // 80x16 centred at (100,100) does not fit an 84x20 screen
    LabelCandidate c = point(42, 10, 80, 16, 1), d = point(42, 10, 80, 16, 5);
    c.offset = d.offset = -1;
    auto one = place_labels({c, d}, 84, 20, 0);
    ASSERT_EQ(one.size(), 1u);
    EXPECT_EQ(one[0].candidate, 1u);
}

TEST(Labels, PointLabelsFallBackRightLeftAboveBelow) {
    // The first label takes the right of its point; a second point just left of it gets its
    // label on the left; one at the right edge goes left too.
    auto p = place_labels({point(200, 100, 60, 14, 10), point(150, 100, 60, 14, 5)}, 400, 300, 2);
    ASSERT_EQ(p.size(), 2u);
    EXPECT_EQ(p[0].position, LabelPosition::Right);
    EXPECT_EQ(p[1].position, LabelPosition::Left);
    auto edge = place_labels({point(390, 100, 60, 14, 1)}, 400, 300, 2);
    ASSERT_EQ(edge.size(), 1u);
    EXPECT_EQ(edge[0].position, LabelPosition::Left);
    // Right and left blocked by obstacles: above.
    std::vector<LabelBox> walls = {{0, 96, 190, 104}, {210, 96, 400, 104}};
    auto up = place_labels({point(200, 100, 60, 14, 1)}, 400, 300, 2, walls);
    ASSERT_EQ(up.size(), 1u);
    EXPECT_EQ(up[0].position, LabelPosition::Above);
    EXPECT_LE(up[0].box.y1, 95);
}

TEST(Labels, ObstaclesAreNeverCovered) {
    std::vector<LabelBox> legend = {{0, 0, 200, 200}};
    LabelCandidate c = point(100, 100, 60, 14, 1);
    c.offset = -1;
    EXPECT_TRUE(place_labels({c}, 400, 300, 2, legend).empty());
}

TEST(Labels, SecondNameComesFromTheConfigAndMustBeAnAlias) {
    Problems probs;
    auto cfg = render::LabelConfig::parse(
        R"({"labels": {"province_max_res": 123, "second_name": {"stepanakert": "Khankendi",
            "shusha": "Nowhere"}}})",
        "t", probs);
    EXPECT_TRUE(probs.empty());
    EXPECT_EQ(cfg.province_max_res, 123);
    geo::Feature f;
    f.id = "stepanakert";
    f.name = "Stepanakert";
    f.aliases = {"Khankendi", "Xankəndi"};
    EXPECT_EQ(render::place_label_text(f, cfg), "Stepanakert / Khankendi");
    geo::Feature s;
    s.id = "shusha";
    s.name = "Shusha";
    s.aliases = {"Shushi"};
    EXPECT_EQ(render::place_label_text(s, cfg), "Shusha");  // not an alias: ignored
    s.props["alt_name"] = "Shushi";
    EXPECT_EQ(render::place_label_text(s, cfg), "Shusha / Shushi");  // the data wins
}

TEST(Labels, BuiltinStyleNamesStepanakertBothWays) {
    Problems probs;
    auto cfg = render::LabelConfig::builtin(probs);
    EXPECT_TRUE(probs.empty());
    ASSERT_TRUE(cfg.second_name.count("stepanakert"));
    EXPECT_EQ(cfg.second_name.at("stepanakert"), "Khankendi");
}

TEST(Labels, BadConfigEntriesAreReported) {
    Problems probs;
    auto cfg = render::LabelConfig::parse(R"({"labels": {"padding": "wide", "second_name": 3}})",
                                          "style.json", probs);
    EXPECT_EQ(probs.size(), 2u);
    EXPECT_EQ(cfg.padding, render::LabelConfig{}.padding);
}

// --- Labels along lines (routes).

namespace {
std::vector<float> advances(size_t n, float a) {
    return std::vector<float>(n, a);
}
}  // namespace

TEST(RouteLabels, FollowAStraightLineUprightWhicheverWayItRuns) {
    const std::vector<float> adv = advances(10, 8);  // an 80 px label
    for (bool leftwards : {false, true}) {
        std::vector<geo::Vec2> line{{100, 200}, {300, 200}};
        if (leftwards) std::swap(line[0], line[1]);
        const auto paths = render::route_label_paths(line, adv, 10, 3, 800, 500);
        ASSERT_FALSE(paths.empty()) << "leftwards " << leftwards;
        const render::LabelPath& p = paths.front();
        ASSERT_EQ(p.glyphs.size(), adv.size());
        // Upright: the baseline runs to the right, glyph after glyph, centred on the line
        // (baseline below it by half of ascent minus descent).
        for (size_t i = 0; i < p.glyphs.size(); ++i) {
            EXPECT_NEAR(p.glyphs[i].angle, 0, 1e-6);
            EXPECT_NEAR(p.glyphs[i].y, 200 + 3.5, 1e-3);
            if (i > 0) {
                EXPECT_NEAR(p.glyphs[i].x - p.glyphs[i - 1].x, 8, 1e-3);
            }
        }
        // The first try is centred on the line's middle.
        EXPECT_NEAR(p.glyphs.front().x, 200 - 40, 1e-3);
        for (const LabelBox& b : p.boxes) {
            EXPECT_GE(b.y0, 200 - 6.5 - 1e-3);
            EXPECT_LE(b.y1, 200 + 6.5 + 1e-3);
        }
    }
}

TEST(RouteLabels, TurnWithADiagonalLineAndStayUpright) {
    // Down and to the left on screen: read from the left end, going up to the right.
    const std::vector<geo::Vec2> line{{400, 100}, {200, 300}};
    const auto paths = render::route_label_paths(line, advances(8, 9), 10, 3, 800, 500);
    ASSERT_FALSE(paths.empty());
    for (const render::GlyphPlace& g : paths.front().glyphs)
        EXPECT_NEAR(g.angle, -M_PI / 4, 1e-6);  // up to the right (screen y is down)
}

TEST(RouteLabels, NotOnSharpBendsNorOnLinesShorterThanTheLabel) {
    // A zigzag turning 90 degrees every 10 px: no stretch is smooth enough for 60 px of text.
    std::vector<geo::Vec2> zig;
    for (int i = 0; i < 30; ++i) zig.push_back({100.0 + 10 * i, 200.0 + (i % 2) * 10});
    EXPECT_TRUE(render::route_label_paths(zig, advances(6, 10), 10, 3, 800, 500).empty());
    const std::vector<geo::Vec2> shorty{{100, 100}, {150, 100}};
    EXPECT_TRUE(render::route_label_paths(shorty, advances(6, 10), 10, 3, 800, 500).empty());
    // Off screen: nothing either.
    const std::vector<geo::Vec2> off{{-500, 100}, {-100, 100}};
    EXPECT_TRUE(render::route_label_paths(off, advances(6, 10), 10, 3, 800, 500).empty());
}

TEST(RouteLabels, MoveAlongTheLineAroundWhatIsTaken) {
    // A long line whose middle is taken by a more important label: the route label moves
    // along the line instead of giving up, and none of its glyphs overlaps that label.
    const std::vector<geo::Vec2> line{{50, 250}, {750, 250}};
    const auto paths = render::route_label_paths(line, advances(10, 8), 10, 3, 800, 500);
    ASSERT_GT(paths.size(), 2u);
    std::vector<LabelCandidate> cands;
    cands.push_back(point(400, 250, 60, 14, 10));
    cands.back().offset = -1;  // an area label centred there
    LabelCandidate route;
    route.offset = -1;
    route.priority = 5;
    for (const auto& p : paths) route.paths.push_back(p.boxes);
    cands.push_back(route);
    const auto placed = place_labels(cands, 800, 500, 2);
    ASSERT_EQ(placed.size(), 2u);
    const render::PlacedLabel& r = placed[1];
    EXPECT_EQ(r.candidate, 1u);
    EXPECT_EQ(r.position, LabelPosition::Path);
    ASSERT_GE(r.path, 1) << "the middle was taken";
    for (const LabelBox& b : cands[1].paths[size_t(r.path)])
        EXPECT_FALSE(b.overlaps(placed[0].box));
}
