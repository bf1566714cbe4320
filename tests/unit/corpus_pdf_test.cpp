// The PDF reader (src/corpus/formats/pdf.cpp) on reports made by
// tests/fixtures/corpus/pdf/make.py: metadata from the info dictionary, paragraphs rebuilt from
// the layout with their page numbers, running headers and page numbers dropped, hyphenated
// line ends rejoined, two columns in reading order.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/atomic_file.h"
#include "common/problem.h"
#include "corpus/corpus.h"

using namespace bm;

namespace {

const std::string kDir = std::string(BRIEFMAP_SOURCE_DIR) + "/tests/fixtures/corpus/pdf/";

std::string all(const Problems& ps) {
    std::string s;
    for (const auto& p : ps) s += "  " + p.to_string() + "\n";
    return s;
}

corpus::Article read_one(const std::string& file) {
    Problems ps;
    auto c = corpus::read(kDir + file, ps);
    EXPECT_EQ(c.articles.size(), 1u) << all(ps);
    EXPECT_TRUE(ps.empty()) << all(ps);
    return c.articles.empty() ? corpus::Article{} : c.articles[0];
}

TEST(PdfReader, InfoDictionary) {
    const corpus::Article a = read_one("one-column.pdf");
    EXPECT_EQ(a.title, "Monitoring report: the Jermuk heights, December 2023");
    EXPECT_EQ(a.outlet, "South Caucasus Border Monitor");
    EXPECT_EQ(a.byline, "South Caucasus Border Monitor");
    EXPECT_EQ(a.date, "2023-12-08");
    EXPECT_EQ(a.source_file, kDir + "one-column.pdf");
}

TEST(PdfReader, ParagraphsWithPagesOneColumn) {
    const corpus::Article a = read_one("one-column.pdf");
    const std::vector<std::string> want = {
        "The Jermuk heights after fourteen months",
        "Our observers returned to the spa town of Jermuk in Vayots Dzor province in the first "
        "week of December. Residents said that the Azerbaijani positions on the ridges above the "
        "gorge had not moved since the fighting of September 2022.",
        "The road that climbs from the gorge toward Nakhchivan stays closed to civilian traffic. "
        "Shepherds who used the summer pastures on the slopes told us that they no longer take "
        "their flocks past the last bend, where soldiers on both sides can see each other. "
        "Families who left in 2022 have mostly come back to the town itself.",
        // Runs on from page 1 to page 2: one paragraph, cited by the page it starts on.
        "In Syunik province, farther south, the villages along the border road between Goris and "
        "Kapan report quieter nights than a year ago, though gunfire is still heard near Tegh. "
        "Local officials in Goris asked for the road lighting that was promised in spring and "
        "for a second bus line to Kapan before the winter closes the passes.",
        "Traffic through the Lachin corridor ended when the last residents of Nagorno-Karabakh "
        "left in the autumn; the checkpoint at the Hakari bridge is now an ordinary crossing "
        "point on the Azerbaijani side.",
        "We will return to Jermuk and to the Syunik border villages in the spring.",
    };
    EXPECT_EQ(a.paragraphs, want);
    EXPECT_EQ(a.pages, (std::vector<int>{1, 1, 1, 1, 2, 2}));
    EXPECT_EQ(a.page_of(4), 2);
    EXPECT_EQ(a.page_of(99), 0);
    for (const std::string& p : a.paragraphs) {  // running header, footer, page numbers
        EXPECT_EQ(p.find("Monitoring report No. 14"), std::string::npos) << p;
        EXPECT_EQ(p.find("South Caucasus Border Monitor"), std::string::npos) << p;
        EXPECT_NE(p, "1");
        EXPECT_NE(p, "2");
    }
}

// pdftotext (poppler's own order) interleaves the two columns' paragraphs on page 1.
TEST(PdfReader, TwoColumnsInReadingOrder) {
    const corpus::Article a = read_one("two-column.pdf");
    EXPECT_EQ(a.title, "Roads and crossings of southern Armenia");
    EXPECT_EQ(a.date, "2023-12-07");
    const std::vector<std::string> want = {
        "Column one begins here. The main road south from Yerevan reaches Goris after about five "
        "hours and then runs along the border toward Kapan.",
        "Drivers said that the stretch near Davit Bek is the one they fear most, because it "
        "passes within sight of Azerbaijani posts.",
        "Column two begins here. In Syunik the authorities are building a bypass that keeps "
        "traffic away from the border, but its western section is not finished.",
        "The Lachin road, once the only link to Stepanakert, is closed to Armenian traffic since "
        "the autumn.",
        "Column three begins here. Trucks bound for Iran cross at Agarak, where customs officers "
        "counted more vehicles this year.",
        "Column four begins here. The Meghri pass is kept open in winter by crews based in "
        "Kajaran.",
        "1. Distances are by road, measured with the odometers of the monitors' vehicles between "
        "the town centres named in the text.",
    };
    // The heading repeats the info dictionary's title: dropped, as a repeated title is.
    EXPECT_EQ(a.paragraphs, want);
    EXPECT_EQ(a.pages, (std::vector<int>{1, 1, 1, 1, 2, 2, 2}));
}

TEST(PdfReader, TitleFromFileName) {
    const corpus::Article a = read_one("field_note-jermuk.pdf");
    EXPECT_EQ(a.title, "field note jermuk");
    EXPECT_EQ(a.date, "2023-12-06");
    EXPECT_EQ(
        a.paragraphs,
        (std::vector<std::string>{"A short note: the Jermuk road stayed closed on 6 December."}));
    EXPECT_EQ(a.pages, std::vector<int>{1});
}

// A PDF under another name is still a PDF (sniffed by %PDF-).
TEST(PdfReader, ChosenByContent) {
    std::string bytes;
    ASSERT_TRUE(read_file(kDir + "one-column.pdf", bytes, nullptr));
    Problems ps;
    auto arts = corpus::parse(bytes, "saved/jermuk_report-2023.html", ps);
    ASSERT_EQ(arts.size(), 1u) << all(ps);
    EXPECT_EQ(arts[0].pages.size(), arts[0].paragraphs.size());
    EXPECT_EQ(arts[0].title, "Monitoring report: the Jermuk heights, December 2023");
}

}  // namespace

// fuzz_pdf and fuzz_html found control characters in metadata (a \x1a in a PDF Title, a DEL in
// an HTML <title>): they are replaced as in the text (tests/fixtures/bad/corpus/fuzz/).
TEST(FuzzRegression, ControlCharactersInMetadataAreReplaced) {
    const std::string dir = std::string(BRIEFMAP_SOURCE_DIR) + "/tests/fixtures/bad/corpus/fuzz/";
    for (const char* f : {"pdf-control-in-title.pdf", "html-control-in-title.html"}) {
        Problems ps;
        auto c = corpus::read(dir + f, ps);
        ASSERT_EQ(c.articles.size(), 1u) << f << all(ps);
        const std::string& t = c.articles[0].title;
        EXPECT_NE(t.find("\uFFFD"), std::string::npos) << f << " " << t;
        for (char ch : t) EXPECT_FALSE((unsigned char)ch < 0x20 || ch == 0x7f) << f;
    }
}
