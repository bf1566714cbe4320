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
