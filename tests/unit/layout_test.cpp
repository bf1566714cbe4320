// The briefing layout without GL: every box inside the image, the boxes of each group
// disjoint, runs inside their boxes, the selection inside the visible map, at small and huge
// sizes, with very long titles, subtitles, URLs and outlet names. Text is measured by a fake
// (each code point half as wide as the size, plus wider capitals) and by the real FreeType
// measurer (render::Fonts, which needs no GL context).
#include "export/layout.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "render/text.h"

namespace bm::exporter {
namespace {

TextSize fake_measure(std::string_view t, float px, bool bold) {
    float w = 0;
    for (size_t i = 0; i < t.size(); ++i) {
        const auto c = static_cast<unsigned char>(t[i]);
        if ((c & 0xC0) == 0x80) continue;  // UTF-8 continuation
        w += (c >= 'A' && c <= 'Z' ? 0.68f : 0.52f) * px * (bold ? 1.06f : 1.0f);
    }
    return {w, 0.9f * px, 0.25f * px};
}

MeasureText real_measure() {
    static render::Fonts fonts;
    return [](std::string_view t, float px, bool bold) {
        const render::TextMetrics m =
            fonts.measure(t, px, bold ? render::FontWeight::Bold : render::FontWeight::Regular);
        return TextSize{m.width, m.ascent, m.descent};
    };
}

std::string repeat(const std::string& s, int n) {
    std::string out;
    for (int i = 0; i < n; ++i) out += s;
    return out;
}

const std::string kLongTitle =
    "\u201cShelling reported near Lachin corridor checkpoint as talks on the border "
    "delimitation commission stall for the third consecutive week, officials in Yerevan and "
    "Baku trade accusations over the humanitarian situation in the region";
const std::string kLongUrl = "https://www.example-news-outlet.org/" + repeat("segment-", 33);

LayoutInput input(int w, int h, float scale, bool selection) {
    LayoutInput in;
    in.width = w;
    in.height = h;
    in.scale = scale;
    in.title = kLongTitle;
    in.subtitle = repeat("Situation as of 24 April 2024, compiled from open sources; ", 4);
    in.attribution =
        "Borders \u00a9 OpenStreetMap contributors; provinces Natural Earth; places GeoNames "
        "(CC BY 4.0)";
    in.legend = {"Armenia",
                 "Azerbaijan",
                 "Other country",
                 "Province boundary",
                 "Nagorno-Karabakh (approximate)",
                 "Corridor",
                 "National capital",
                 "Provincial capital",
                 "Town or village"};
    in.meters_per_pixel = 420 / scale;
    in.selection = selection;
    if (selection) {
        in.heading = "Lachin (Laçın) \u2014 " + repeat("a very long place heading ", 6);
        in.count = "12 passages in the sources \u00b7 town";
        for (int k = 1; k <= 6; ++k) {
            CitationText c;
            c.number = k;
            c.outlet = repeat("The Extremely Long Named International Outlet ", 3);
            c.date = "2024-04-24";
            c.title = "\u201cA headline that quotes someone at great length " +
                      repeat("and goes on ", 10) + "\u201d";
            c.url = kLongUrl.substr(0, 300);
            c.excerpts = {repeat("Residents of the town said the road was closed again. ", 7)};
            in.citations.push_back(c);
        }
        // Under the title box: the layout must move it out.
        in.selection_box = Rect{40 * scale, 30 * scale, 20 * scale, 20 * scale};
    }
    return in;
}

void expect_disjoint(const std::vector<Rect>& boxes, const std::string& what) {
    for (size_t i = 0; i < boxes.size(); ++i)
        for (size_t j = i + 1; j < boxes.size(); ++j)
            EXPECT_FALSE(boxes[i].overlaps(boxes[j]))
                << what << " boxes " << i << " and " << j << " overlap";
}

void expect_sound(const BriefingLayout& L, const LayoutInput& in, const std::string& what) {
    SCOPED_TRACE(what);
    EXPECT_TRUE(L.image.contains(L.map));
    EXPECT_TRUE(L.image.contains(L.panel));
    EXPECT_FALSE(L.map.overlaps(L.panel));
    for (const Rect& r : L.furniture()) {
        EXPECT_FALSE(r.empty());
        EXPECT_TRUE(L.map.contains(r)) << r.x << "," << r.y << " " << r.w << "x" << r.h;
    }
    expect_disjoint(L.furniture(), "map furniture");
    for (const Rect& r : L.panel_boxes()) EXPECT_TRUE(L.panel.contains(r));
    expect_disjoint(L.panel_boxes(), "panel");
    auto inside = [&](const Rect& box, const std::vector<TextRun>& runs, const char* name) {
        for (const TextRun& t : runs)
            EXPECT_TRUE(box.contains(t.box()))
                << name << " run '" << t.text << "' at " << t.x << "," << t.y << " w " << t.width;
    };
    inside(L.title_box, L.title_runs, "title");
    inside(L.attribution_box, L.attribution_runs, "attribution");
    inside(L.scale_bar.box, L.scale_bar.runs, "scale bar");
    inside(L.arrow_box, {L.north_label}, "north");
    EXPECT_TRUE(L.scale_bar.box.contains(
        {L.scale_bar.x0, L.scale_bar.y, float(L.scale_bar.length), L.scale_bar.h}));
    EXPECT_GT(L.scale_bar.length, 0);
    inside(L.heading_box, L.heading_runs, "heading");
    for (const CitationLayout& c : L.citations) inside(c.box, c.runs, "citation");
    for (const LegendRow& r : L.legend) {
        EXPECT_TRUE(L.legend_box.contains(r.swatch));
        EXPECT_TRUE(L.legend_box.contains(r.label.box())) << r.label.text;
    }
    EXPECT_FALSE(L.title_runs.empty());
    if (!in.legend.empty()) {
        EXPECT_FALSE(L.legend.empty());
    }
    if (in.selection) {
        EXPECT_FALSE(L.heading_runs.empty());
        EXPECT_FALSE(L.citations.empty());
        ASSERT_TRUE(in.selection_box);
        Rect moved = *in.selection_box;
        moved.x += L.shift_x;
        moved.y += L.shift_y;
        EXPECT_TRUE(L.visible_map.contains(moved))
            << "selection at " << moved.x << "," << moved.y << " visible from " << L.visible_map.y
            << " to " << L.visible_map.bottom();
        for (const Rect& r : L.furniture()) EXPECT_FALSE(r.overlaps(moved));
    }
}

struct Size {
    int w, h;
    float scale;
};
const Size kSizes[] = {{640, 400, 1},   {640, 400, 2}, {7680, 4320, 1},
                       {7680, 4320, 2}, {960, 600, 1}, {3840, 2160, 2}};

TEST(Layout, EveryBoxFitsAndNoneOverlapWithTheFakeMeasurer) {
    for (const Size& z : kSizes)
        for (bool sel : {false, true}) {
            const LayoutInput in = input(z.w, z.h, z.scale, sel);
            expect_sound(layout_briefing(in, fake_measure), in,
                         std::to_string(z.w) + "x" + std::to_string(z.h) + "@" +
                             std::to_string(z.scale) + (sel ? " selected" : ""));
        }
}

TEST(Layout, EveryBoxFitsAndNoneOverlapWithTheRealFonts) {
    const MeasureText m = real_measure();
    for (const Size& z : kSizes)
        for (bool sel : {false, true}) {
            const LayoutInput in = input(z.w, z.h, z.scale, sel);
            expect_sound(layout_briefing(in, m), in,
                         std::to_string(z.w) + "x" + std::to_string(z.h) + "@" +
                             std::to_string(z.scale) + (sel ? " selected" : ""));
        }
}

TEST(Layout, ALongTitleWrapsLeftOfTheNorthArrow) {
    const LayoutInput in = input(1280, 800, 1, false);
    const BriefingLayout L = layout_briefing(in, real_measure());
    EXPECT_LE(L.title_box.right(), L.arrow_box.x);
    size_t title_lines = 0;
    for (const TextRun& t : L.title_runs) title_lines += t.bold;
    EXPECT_GT(title_lines, 1u);
}

TEST(Layout, AShortTitleIsOneLineAtFullSize) {
    LayoutInput in = input(960, 600, 1, false);
    in.title = "Lachin corridor";
    in.subtitle = "24 April 2024";
    const BriefingLayout L = layout_briefing(in, fake_measure);
    ASSERT_EQ(L.title_runs.size(), 2u);
    EXPECT_FLOAT_EQ(L.title_runs[0].px, 26);
    EXPECT_FLOAT_EQ(L.title_runs[1].px, 15);
    EXPECT_EQ(L.shift_x, 0);
    EXPECT_EQ(L.shift_y, 0);
}

TEST(Layout, DatesAndUrlsAreWrappedWholeNotCut) {
    const LayoutInput in = input(1280, 800, 1, true);
    const BriefingLayout L = layout_briefing(in, real_measure());
    ASSERT_FALSE(L.citations.empty());
    std::string head, url;
    for (const TextRun& t : L.citations[0].runs) {
        if (t.bold) head += t.text + " ";
        if (t.ink == Ink::Link) url += t.text;
    }
    EXPECT_NE(head.find("2024-04-24"), std::string::npos) << head;
    EXPECT_EQ(url, in.citations[0].url);
}

TEST(Layout, ACitationTitleInQuotesGetsOnePairOfQuotes) {
    EXPECT_EQ(quote_title("\u201cPeace talks\u201d"), "\u201cPeace talks\u201d");
    EXPECT_EQ(quote_title("\"Peace talks\""), "\u201cPeace talks\u201d");
    EXPECT_EQ(quote_title("\u201cWe will return,\u201d says mayor"),
              "\u201cWe will return,\u201d says mayor");
    EXPECT_EQ(quote_title("Peace talks"), "\u201cPeace talks\u201d");
    const LayoutInput in = input(1280, 800, 1, true);
    const BriefingLayout L = layout_briefing(in, fake_measure);
    ASSERT_FALSE(L.citations.empty());
    std::string title;
    for (const TextRun& t : L.citations[0].runs)
        if (!t.bold && t.ink == Ink::Text) title += t.text;
    EXPECT_EQ(title.find("\u201c\u201c"), std::string::npos) << title;
    EXPECT_EQ(title.rfind("\u201c"), 0u) << title;
}

TEST(Layout, WrapBreaksWordsWiderThanTheLine) {
    const std::vector<std::string> lines = wrap_text("a " + kLongUrl, 10, false, 100, fake_measure);
    ASSERT_GT(lines.size(), 3u);
    std::string joined;
    for (const std::string& l : lines) {
        EXPECT_LE(fake_measure(l, 10, false).width, 100.01f) << l;
        joined += l;
    }
    EXPECT_EQ(joined, "a" + kLongUrl);  // the break after "a" is its space
}

TEST(Layout, ASelectionAlreadyVisibleIsNotMoved) {
    LayoutInput in = input(1280, 800, 1, true);
    in.selection_box = Rect{400, 400, 20, 20};
    const BriefingLayout L = layout_briefing(in, fake_measure);
    EXPECT_EQ(L.shift_x, 0);
    EXPECT_EQ(L.shift_y, 0);
}

TEST(MapLegend, RowsInsideTheBoxAndLeftOutWhenTooShort) {
    const std::vector<std::string> texts{
        "Armenia",          "Azerbaijan",      "Province boundary",  "Corridor",
        "Proposed network", "Town or village", "Provincial capital", "Selected place"};
    const MapLegendLayout L = layout_map_legend(texts, 10, 590, 400, 580, 1, fake_measure);
    ASSERT_EQ(L.rows.size(), texts.size());
    ASSERT_TRUE(L.heading.has_value());
    EXPECT_NEAR(L.box.x, 10, 1e-3);
    EXPECT_NEAR(L.box.bottom(), 590, 1e-3);
    EXPECT_TRUE(L.box.contains(L.heading->box()));
    for (size_t i = 0; i < L.rows.size(); ++i) {
        EXPECT_TRUE(L.box.contains(L.rows[i].swatch)) << i;
        EXPECT_TRUE(L.box.contains(L.rows[i].label.box())) << i;
        EXPECT_EQ(L.rows[i].label.text, texts[i]);
        if (i > 0) EXPECT_FALSE(L.rows[i].swatch.overlaps(L.rows[i - 1].swatch));
    }
    // Half the height: fewer rows, the box within it; narrower: texts cut, still inside.
    const MapLegendLayout S = layout_map_legend(texts, 10, 590, 120, 120, 1, fake_measure);
    EXPECT_LT(S.rows.size(), texts.size());
    EXPECT_GT(S.rows.size(), 0u);
    EXPECT_LE(S.box.h, 120 + 1e-3);
    EXPECT_LE(S.box.w, 120 + 1e-3);
    for (const LegendRow& r : S.rows) EXPECT_TRUE(S.box.contains(r.label.box()));
    EXPECT_TRUE(layout_map_legend({}, 10, 590, 400, 580, 1, fake_measure).rows.empty());
}

TEST(ScaleBar, TheSameBarForTheExportAndTheWindow) {
    // layout_briefing's bar is layout_scale_bar's: same length for the same map and scale.
    LayoutInput in;
    in.width = 1200;
    in.height = 700;
    in.meters_per_pixel = 250;
    const BriefingLayout L = layout_briefing(in, fake_measure);
    const ScaleBarLayout b = layout_scale_bar(250, L.map.w, L.map.w - 32, L.map.w - 16,
                                              L.scale_bar.box.bottom(), L.map_scale, fake_measure);
    EXPECT_DOUBLE_EQ(b.meters, L.scale_bar.meters);
    EXPECT_DOUBLE_EQ(b.length, L.scale_bar.length);
    // A round length (1, 2 or 5 times a power of ten) about a sixth of the map, right aligned.
    const double lead = b.meters / std::pow(10, std::floor(std::log10(b.meters)));
    EXPECT_TRUE(std::fabs(lead - 1) < 1e-9 || std::fabs(lead - 2) < 1e-9 ||
                std::fabs(lead - 5) < 1e-9)
        << b.meters;
    EXPECT_NEAR(b.box.right(), L.map.w - 16, 1e-3);
    for (const TextRun& r : b.runs) EXPECT_TRUE(b.box.contains(r.box())) << r.text;
    // A narrow window: the bar halves until its box fits.
    const ScaleBarLayout n = layout_scale_bar(250, 2000, 150, 300, 300, 1, fake_measure);
    EXPECT_LE(n.box.w, 150 + 1e-3);
}

}  // namespace
}  // namespace bm::exporter
