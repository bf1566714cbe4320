// Corpus reader: the seed file splits into its nine articles with the right metadata and
// without page furniture; folders, JSON Lines and broken UTF-8 are read or reported.
#include "corpus/corpus.h"

#include <gtest/gtest.h>

#include <string>

using namespace bm;

namespace {

const std::string kSeed = BRIEFMAP_SOURCE_DIR "/assets/corpus/seed-2023-12-07.txt";
const std::string kFixtures = BRIEFMAP_SOURCE_DIR "/tests/fixtures/corpus";

bool has_error(const Problems& ps) {
    for (const auto& p : ps)
        if (p.severity == Problem::Severity::Error) return true;
    return false;
}

struct Expected {
    const char* title;
    const char* outlet;
    const char* date;
    const char* url;
    size_t paragraphs;
};

// Read by hand from the seed file.
const Expected kSeedArticles[] = {
    {"Welcoming the Release of Armenian and Azerbaijani Soldiers", "U.S. Department of State",
     "2023-12-07", "", 2},
    {"Armenia Under the Gun: Azerbaijan\u2019s Territorial Ambitions Extend Beyond "
     "Nagorno-Karabakh",
     "Foreign Affairs", "2023-12-08", "https://www.foreignaffairs.com/armenia/armenia-under-gun",
     22},
    {"Azerbaijan and Armenia agree to prisoner swap and to work towards peace deal", "CNN",
     "2023-12-08",
     "https://edition.cnn.com/2023/12/08/europe/azerbaijan-armenia-conflict-prisoner-swap-cop28-"
     "climate-intl/index.html",
     16},
    {"Armenia and Azerbaijan announce deal to exchange POWs and work toward peace treaty",
     "FOX News", "2023-12-08", "", 14},
    {"Russia Welcomes Armenia, Azerbaijan Normalisation Efforts: Statement", "BARRON'S",
     "2023-12-08", "", 2},
    {"Azerbaijan President Accuses India And France Of Fuelling Armenia\u2019s Fire Of "
     "\u2018Revenge\u2019 For Loss In Nagorno-Karabakh War",
     "Swarajya Magazine, India", "2023-12-08", "", 8},
    {"France\u2019s arms sales are a \u2018provocation\u2019, says Turkey\u2019s Erdogan", "",
     "2023-12-08", "", 16},
    {"As India & France Arm Armenia, Turkey Slams Military Powers That Are Supporting Yerevan",
     "Eurasian Times", "2023-12-08", "", 22},
    {"U.S. diplomat visits Azerbaijan as bilateral tensions subside", "eurasianet", "2023-12-08",
     "", 23},
};

}  // namespace

TEST(Corpus, SeedFileSplitsIntoNineArticles) {
    Problems ps;
    auto c = corpus::read(kSeed, ps);
    EXPECT_FALSE(has_error(ps));
    ASSERT_EQ(c.articles.size(), 9u);
    for (size_t i = 0; i < 9; ++i) {
        const auto& a = c.articles[i];
        const auto& e = kSeedArticles[i];
        SCOPED_TRACE("article " + std::to_string(i));
        EXPECT_EQ(a.title, e.title);
        EXPECT_EQ(a.outlet, e.outlet);
        EXPECT_EQ(a.date, e.date);
        EXPECT_EQ(a.url, e.url);
        EXPECT_EQ(a.paragraphs.size(), e.paragraphs);
        EXPECT_EQ(a.source_file, kSeed);
    }
    EXPECT_EQ(c.articles[4].byline, "FROM AFP News");
    EXPECT_EQ(c.articles[5].byline, "SWARAJYA STAFF");
    EXPECT_EQ(c.articles[6].byline, "By Ragip Soylu in Ankara");
}

TEST(Corpus, SeedParagraphsCarryNoBoilerplate) {
    Problems ps;
    auto c = corpus::read(kSeed, ps);
    ASSERT_EQ(c.articles.size(), 9u);
    for (const auto& a : c.articles) {
        for (const auto& p : a.paragraphs) {
            SCOPED_TRACE(a.title + ": " + p.substr(0, 60));
            EXPECT_FALSE(p.empty());
            EXPECT_FALSE(corpus::is_boilerplate_line(p));
            for (const char* bad : {"Facebook", "Twitter", "WhatsApp", "ReddIt", "close dialog",
                                    "By subscribing", "privacy policy", "Newsletter", "bur-jbr",
                                    "https://", "Dec 8 2023", "Dec 8, 2023"})
                EXPECT_EQ(p.find(bad), std::string::npos) << bad;
            // Trimmed: no leading/trailing spaces or NBSPs.
            EXPECT_NE(p.front(), ' ');
            EXPECT_NE(p.back(), ' ');
            EXPECT_FALSE(p.ends_with("\xC2\xA0"));
        }
    }
    // First paragraphs, exactly where they start.
    EXPECT_TRUE(c.articles[2].paragraphs[0].starts_with("Azerbaijan and Armenia have agreed"));
    EXPECT_TRUE(c.articles[6].paragraphs[0].starts_with("Turkish president expressed anger"));
    EXPECT_TRUE(
        c.articles[6].paragraphs[1].starts_with("Turkish\u00A0President Recep Tayyip Erdogan"));
    EXPECT_TRUE(c.articles[7].paragraphs[0].starts_with("In a strong rebuttal"));
    EXPECT_TRUE(c.articles[8].paragraphs[0].starts_with("On December 6 a top U.S. diplomat"));
    // The CNN newsletter box is gone; the paragraph after it is kept.
    EXPECT_TRUE(c.articles[2].paragraphs[11].starts_with("The latest breakthrough"));
}

TEST(Corpus, DefaultCorpusIsEmbedded) {
    Problems ps;
    auto c = corpus::read_default(ps);
    EXPECT_FALSE(has_error(ps));
    ASSERT_EQ(c.articles.size(), 9u);
    EXPECT_EQ(c.articles[1].outlet, "Foreign Affairs");
    EXPECT_EQ(c.articles[1].source_file, "corpus/seed-2023-12-07.txt");
}

TEST(Corpus, Dates) {
    EXPECT_EQ(corpus::parse_date("Dec 8 2023"), "2023-12-08");
    EXPECT_EQ(corpus::parse_date("Dec 8, 2023"), "2023-12-08");
    EXPECT_EQ(corpus::parse_date("December 8, 2023"), "2023-12-08");
    EXPECT_EQ(corpus::parse_date("8 December 2023"), "2023-12-08");
    EXPECT_EQ(corpus::parse_date("Sept. 30, 2023"), "2023-09-30");
    EXPECT_EQ(corpus::parse_date("2023-12-08"), "2023-12-08");
    EXPECT_EQ(corpus::parse_date("May 2023"), "");
    EXPECT_EQ(corpus::parse_date("Decent 8 2023"), "");
    EXPECT_EQ(corpus::parse_date("Dec 8 2023 was a Friday"), "");
}

TEST(Corpus, FolderOfArticles) {
    Problems ps;
    auto c = corpus::read(kFixtures + "/folder", ps);
    EXPECT_FALSE(has_error(ps));
    ASSERT_EQ(c.articles.size(), 2u);
    const auto& a = c.articles[0];
    EXPECT_EQ(a.title, "Border talks resume");
    EXPECT_EQ(a.outlet, "Test Wire");
    EXPECT_EQ(a.date, "2023-12-08");
    EXPECT_EQ(a.url, "https://example.org/border-talks");
    EXPECT_EQ(a.byline, "By A. Reporter");
    ASSERT_EQ(a.paragraphs.size(), 2u);
    EXPECT_EQ(a.paragraphs[0], "Officials from Yerevan and Baku met near Jermuk.");
    EXPECT_EQ(a.paragraphs[1], "The talks will continue next month in Tbilisi.");
    const auto& b = c.articles[1];
    EXPECT_EQ(b.title, "A plain article");
    EXPECT_EQ(b.outlet, "Example Outlet");
    EXPECT_EQ(b.date, "2023-12-07");
    ASSERT_EQ(b.paragraphs.size(), 1u);
}

TEST(Corpus, JsonLines) {
    Problems ps;
    auto c = corpus::read(kFixtures + "/articles.jsonl", ps);
    ASSERT_EQ(c.articles.size(), 2u);
    EXPECT_EQ(c.articles[0].title, "JSONL one");
    EXPECT_EQ(c.articles[0].url, "https://example.org/1");
    ASSERT_EQ(c.articles[0].paragraphs.size(), 2u);
    EXPECT_EQ(c.articles[0].paragraphs[1], "Second paragraph about Meghri.");
    EXPECT_EQ(c.articles[1].date, "2023-12-08");
    // The third line is not JSON: one error naming the line.
    ASSERT_EQ(ps.size(), 1u);
    EXPECT_EQ(ps[0].where, "line 3");
    EXPECT_EQ(ps[0].severity, Problem::Severity::Error);
}

TEST(Corpus, InvalidUtf8IsReportedAndReplaced) {
    Problems ps;
    auto c = corpus::read(kFixtures + "/bad-utf8.txt", ps);
    ASSERT_EQ(c.articles.size(), 1u);
    ASSERT_EQ(c.articles[0].paragraphs.size(), 2u);
    EXPECT_EQ(c.articles[0].paragraphs[0], "Abc\uFFFD\uFFFDdef and a NUL\uFFFD here.");
    EXPECT_EQ(c.articles[0].paragraphs[1], "Truncated \uFFFD\uFFFD");
    ASSERT_EQ(ps.size(), 5u);
    EXPECT_EQ(ps[0].where, "byte 36");
    EXPECT_EQ(ps[0].file, kFixtures + "/bad-utf8.txt");
    EXPECT_NE(ps[2].why.find("NUL"), std::string::npos);
}

TEST(Corpus, Utf8EdgeCases) {
    Problems ps;
    // Overlong '/', a surrogate, a code point above U+10FFFF, CRLF, BOM.
    std::string in =
        "\xEF\xBB\xBF"
        "a\xC0\xAFz\r\n\xED\xA0\x80|\xF4\x90\x80\x80|\xE2\x80\x94";
    std::string out = corpus::sanitize_utf8(in, "x", ps);
    EXPECT_EQ(out, "a\uFFFD\uFFFDz\n\uFFFD\uFFFD\uFFFD|\uFFFD\uFFFD\uFFFD\uFFFD|\u2014");
    EXPECT_EQ(ps.size(), 9u);
    // Many bad bytes: ten listed, then one summary.
    ps.clear();
    corpus::sanitize_utf8(std::string(100, '\xFF'), "y", ps);
    EXPECT_EQ(ps.size(), 11u);
}

TEST(Corpus, MissingPathIsAnError) {
    Problems ps;
    auto c = corpus::read("/nonexistent/corpus", ps);
    EXPECT_TRUE(c.articles.empty());
    EXPECT_TRUE(has_error(ps));
}
