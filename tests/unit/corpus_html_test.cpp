// The HTML reader (src/corpus/formats/html.cpp) on saved pages shaped like real news sites'
// (tests/fixtures/corpus/html): metadata precedence, the body without page furniture, one
// paragraph per <p>/<li>/heading, character sets, and the choice of reader by content.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "common/problem.h"
#include "corpus/corpus.h"

using namespace bm;

namespace {

const std::string kDir = std::string(BRIEFMAP_SOURCE_DIR) + "/tests/fixtures/corpus/html/";

std::string all(const Problems& ps) {
    std::string s;
    for (const auto& p : ps) s += "  " + p.to_string() + "\n";
    return s;
}

corpus::Article read_one(const std::string& file, Problems* out = nullptr) {
    Problems ps;
    auto c = corpus::read(kDir + file, ps);
    EXPECT_EQ(c.articles.size(), 1u) << file << "\n" << all(ps);
    if (out) *out = ps;
    return c.articles.empty() ? corpus::Article{} : c.articles[0];
}

// The fixture's NAME.expected: "## body" lines (the paragraphs, in order) and "## furniture"
// lines (text on the page that no paragraph may hold).
struct Expected {
    std::vector<std::string> body, furniture;
};
Expected expected(const std::string& file) {
    std::ifstream in(kDir + file + ".expected");
    Expected e;
    std::vector<std::string>* into = nullptr;
    for (std::string line; std::getline(in, line);) {
        if (line == "## body")
            into = &e.body;
        else if (line == "## furniture")
            into = &e.furniture;
        else if (into && !line.empty())
            into->push_back(line);
    }
    return e;
}

class HtmlFixture : public ::testing::TestWithParam<const char*> {};

TEST_P(HtmlFixture, KeepsTheArticleAndDropsTheFurniture) {
    const std::string f = GetParam();
    const Expected want = expected(f);
    ASSERT_FALSE(want.body.empty()) << f << ".expected";
    const corpus::Article a = read_one(f);
    EXPECT_EQ(a.paragraphs, want.body);
    for (const std::string& furn : want.furniture)
        for (const std::string& p : a.paragraphs)
            EXPECT_EQ(p.find(furn), std::string::npos)
                << "furniture \"" << furn << "\" kept in: " << p;
    EXPECT_TRUE(a.pages.empty());  // web pages have no page numbers
    EXPECT_EQ(a.page_of(0), 0);
}

INSTANTIATE_TEST_SUITE_P(Pages, HtmlFixture,
                         ::testing::Values("wordpress-jermuk.html", "newsroom-syunik.html",
                                           "wire-lachin.html", "minimal-goris.html"),
                         [](const auto& info) {
                             std::string n = info.param;
                             for (char& c : n)
                                 if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                             return n;
                         });

// JSON-LD outranks OpenGraph, which outranks <meta name=author>, <link rel=canonical> and
// <time datetime>; @id references in a JSON-LD @graph are followed.
TEST(HtmlReader, JsonLdFirst) {
    const corpus::Article a = read_one("wordpress-jermuk.html");
    EXPECT_EQ(a.title, "Shepherds near Jermuk keep away from the ridge");
    EXPECT_EQ(a.outlet, "Caucasus Ledger");  // the publisher's @id, not og:site_name
    EXPECT_EQ(a.date, "2023-12-08");         // datePublished, not article:published_time
    EXPECT_EQ(a.byline, "Anna Petrosyan");   // the author's @id, not <meta name=author>
    EXPECT_EQ(a.url, "https://caucasusledger.example/2023/12/08/jermuk-shepherds/");

    const corpus::Article w = read_one("wire-lachin.html");
    EXPECT_EQ(w.title, "Last convoy crosses the Lachin corridor");
    EXPECT_EQ(w.outlet, "Wire Desk");
    EXPECT_EQ(w.date, "2023-12-08");
    EXPECT_EQ(w.byline, "Lilit Sargsyan, Tom Reyes");
    EXPECT_EQ(w.url, "https://wiredesk.example/world/lachin-convoy");
}

TEST(HtmlReader, OpenGraphThenMetaTags) {
    const corpus::Article a = read_one("newsroom-syunik.html");
    EXPECT_EQ(a.title, "Syunik villages wait for the new road");
    EXPECT_EQ(a.outlet, "Regional Courier");
    EXPECT_EQ(a.date, "2023-12-08");
    EXPECT_EQ(a.byline, "Gohar Hakobyan");  // article:author is a URL: not a name
    EXPECT_EQ(a.url, "https://courier.example/news/syunik-road-20231208");

    // Nothing but <title>, <time datetime> and the canonical link.
    const corpus::Article m = read_one("minimal-goris.html");
    EXPECT_EQ(m.title, "Kapan and Goris after the winter storm");  // " | Valley Weekly" cut
    EXPECT_EQ(m.date, "2023-12-06");
    EXPECT_EQ(m.url, "http://valleyweekly.example/kapan-goris-storm.html");
    EXPECT_EQ(m.outlet, "valleyweekly.example");  // no outlet named: the site's host
}

TEST(HtmlReader, CharacterSets) {
    Problems ps;
    // windows-1252 bytes (0x93/0x94 quotes, 0xE9) declared by http-equiv.
    const corpus::Article a = read_one("newsroom-syunik.html", &ps);
    ASSERT_GE(a.paragraphs.size(), 3u);
    EXPECT_TRUE(a.paragraphs[1].starts_with("\u201cWe drive")) << a.paragraphs[1];
    EXPECT_NE(a.paragraphs[2].find("caf\u00e9s"), std::string::npos);
    EXPECT_TRUE(ps.empty()) << all(ps);
    // Declared ISO-8859-1 with windows-1252 quotes: read as browsers do, quotes and all.
    const corpus::Article m = read_one("minimal-goris.html");
    ASSERT_FALSE(m.paragraphs.empty());
    EXPECT_NE(m.paragraphs[0].find("\u201cThe crews"), std::string::npos) << m.paragraphs[0];
    // Entities and &nbsp; in a UTF-8 page.
    const corpus::Article w = read_one("wordpress-jermuk.html");
    ASSERT_FALSE(w.paragraphs.empty());
    EXPECT_NE(w.paragraphs[0].find("September 2022"), std::string::npos);
    EXPECT_TRUE(w.paragraphs[1].starts_with("\u201cThe grass"));
}

// No charset declared and not UTF-8: windows-1252, said once.
TEST(HtmlReader, UndeclaredLegacyBytes) {
    Problems ps;
    const std::string page =
        "<html><body><p>Caf\xe9 owners in Goris said the \x93winter\x94 trade was poor this year "
        "again.</p></body></html>";
    auto arts = corpus::parse(page, "legacy.html", ps);
    ASSERT_EQ(arts.size(), 1u) << all(ps);
    EXPECT_EQ(
        arts[0].paragraphs.at(0),
        "Caf\u00e9 owners in Goris said the \u201cwinter\u201d trade was poor this year again.");
    ASSERT_EQ(ps.size(), 2u) << all(ps);  // the charset and the missing date
    EXPECT_NE(all(ps).find("no charset declared and not UTF-8"), std::string::npos) << all(ps);
}

// The reader is chosen by content as well as by name: an HTML page saved as .txt is HTML, a PDF
// named .html is a PDF; text named .html is still read (as an HTML fragment).
TEST(HtmlReader, ChosenByContent) {
    Problems ps;
    auto arts = corpus::parse(
        "<!DOCTYPE html><html><head><title>Jermuk notes</title></head><body><p>The spa town of "
        "Jermuk reopened its pump room to visitors this week.</p></body></html>",
        "page.txt", ps);
    ASSERT_EQ(arts.size(), 1u);
    EXPECT_EQ(arts[0].title, "Jermuk notes");
    EXPECT_EQ(arts[0].paragraphs,
              std::vector<std::string>{
                  "The spa town of Jermuk reopened its pump room to visitors this week."});
}

}  // namespace
