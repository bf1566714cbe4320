// Page furniture stays out of the passages (corpus/furniture.*), and real reporting stays in.
// Fixtures in tests/fixtures/corpus/pages/ are shaped like saved and scraped news pages; their
// text is written for the tests.
#include "corpus/furniture.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/problem.h"
#include "corpus/corpus.h"

using namespace bm;
using corpus::Furniture;

namespace {

const std::string kPages = std::string(BRIEFMAP_SOURCE_DIR) + "/tests/fixtures/corpus/pages";

using Paras = std::vector<std::string>;

TEST(Furniture, LinesOfPageFurniture) {
    for (const char* l :
         {"Skip to main content",
          "Menu",
          "Share on Facebook",
          "Copy link",
          "Share this article:",
          "Photo: Reuters",
          "© Reuters",
          "(c) AFP 2024",
          "Photo credit: Example Press",
          "Region: Syunik",
          "Tags: Armenia, Azerbaijan, Lachin corridor",
          "Topics: border",
          "This text is available in Armenian and Russian.",
          "Follow us on Telegram",
          "Follow us on Telegram for the latest news from Stepanakert",
          "We use cookies to improve your experience. By continuing to browse, you agree.",
          "Subscribe to our newsletter",
          "By Anna Example",
          "By Ragip Soylu in Ankara",
          "By A. Sample and B. Example",
          "Reporting by Jane Doe; Editing by John Roe",
          "Updated: 17 May 2024, 10:02",
          "© 2024 Example Media. All rights reserved."})
        EXPECT_EQ(corpus::classify_line(l), Furniture::Line) << l;
    for (const char* h : {"Read also", "Read also:", "Related", "RELATED ARTICLES", "Most read",
                          "You may also like"})
        EXPECT_EQ(corpus::classify_line(h), Furniture::RelatedHeading) << h;
}

// Reporting that names a place and reads as a sentence stays, even with a furniture word in it.
TEST(Furniture, RealReportingIsNotFurniture) {
    for (const char* l : {
             "The defence ministry said on its Telegram channel that shelling hit Sotk.",
             "By Tuesday evening, Azerbaijani troops had reached the outskirts of Shusha.",
             "By then the road from Goris to Stepanakert was closed.",
             "Photographs published by the ministry showed damaged houses in Jermuk.",
             "Related talks in Brussels ended without a deal on the Zangezur corridor.",
             "Region officials in Syunik said the school in Kapan would reopen on Monday.",
             "Tags on the trucks showed they had come from Yerevan through the Lachin corridor.",
             "Menu prices in Stepanakert doubled during the blockade, residents said.",
             "Share prices of the mine near Kajaran fell after the shelling, traders said.",
             "Photo: Residents of Tegh gather outside the village school after a night of "
             "shelling that damaged several houses.",
             "Readers of the text available in Armenian said the villages of Tegh and Kornidzor "
             "were named.",
         })
        EXPECT_EQ(corpus::classify_line(l), Furniture::None) << l;
    EXPECT_TRUE(corpus::reads_as_sentence("Shelling hit the village of Sotk on Friday."));
    EXPECT_FALSE(corpus::reads_as_sentence("Kapan residents protest over mine"));
    EXPECT_TRUE(corpus::is_nav_like("Politics"));
    EXPECT_FALSE(corpus::is_nav_like("Goris, Kapan."));
}

TEST(Furniture, CreditsAreCutFromCaptions) {
    EXPECT_EQ(corpus::strip_credit("Soldiers near Tegh on Friday. Photo: Example Press"),
              "Soldiers near Tegh on Friday.");
    EXPECT_EQ(corpus::strip_credit("The bridge at Hakari (Photo: Example Press)"),
              "The bridge at Hakari");
    EXPECT_EQ(corpus::strip_credit("A view of Jermuk © Example Media"), "A view of Jermuk");
    // Not a credit: a long tail is reporting.
    const std::string keep =
        "The ministry released a statement. Photo: officials said later that the image showed "
        "the road between Goris and Kapan before the shelling began.";
    EXPECT_EQ(corpus::strip_credit(keep), keep);
    EXPECT_TRUE(
        corpus::is_repeated_title("Shelling near Sotk | Border Monitor", "Shelling near Sotk"));
    EXPECT_FALSE(corpus::is_repeated_title("Shelling near Sotk went on all night, residents said.",
                                           "Shelling near Sotk"));
}

TEST(Furniture, SavedPageKeepsOnlyTheReporting) {
    Problems ps;
    auto c = corpus::read(kPages + "/saved-page.txt", ps);
    ASSERT_EQ(c.articles.size(), 1u);
    const auto& a = c.articles[0];
    EXPECT_EQ(a.title, "Shelling reported near Sotk as talks stall");
    EXPECT_EQ(a.outlet, "Border Monitor");
    EXPECT_EQ(a.date, "2024-05-17");
    EXPECT_EQ(a.byline, "By Anna Example and Karen Sample");
    EXPECT_EQ(a.paragraphs,
              (Paras{"Residents of Sotk, a village in Gegharkunik province, said mortar rounds "
                     "landed near the school early on Friday, damaging two houses.",
                     "Local officials photographed the damaged roof in Sotk on Friday morning.",
                     "The defence ministry said on its Telegram channel that Azerbaijani units had "
                     "fired from positions near Kalbajar, an account Baku denied.",
                     "By Friday evening, villagers in Norabak said the firing had stopped and the "
                     "road to Vardenis was open again."}));
}

TEST(Furniture, ScrapedJsonLinesSplitIntoParagraphsWithoutFurniture) {
    Problems ps;
    auto c = corpus::read(kPages + "/scraped.jsonl", ps);
    EXPECT_TRUE(ps.empty());
    ASSERT_EQ(c.articles.size(), 1u);
    const auto& a = c.articles[0];
    EXPECT_EQ(a.url, "https://example.org/kirants");
    EXPECT_EQ(a.byline, "By Example Staff");
    EXPECT_EQ(a.paragraphs,
              (Paras{"People from the village of Kirants, Tavush region, closed the interstate "
                     "road at the stretch beside their village on Saturday.",
                     "They oppose the border delimitation with Azerbaijan that the government "
                     "announced a day earlier.",
                     "A resident said two houses and part of the road into the village from "
                     "Ijevan would pass under Azerbaijani control.",
                     "The governor of Tavush offered to meet residents in Ijevan, but only without "
                     "cameras, she said."}));
}

// One paragraph per line when the lines are whole paragraphs; a hard-wrapped paragraph stays
// one paragraph.
TEST(Furniture, SingleLineParagraphsOnlyWhereLinesArePargraphs) {
    auto parse = [](const std::string& text) {
        Problems ps;
        const std::string line =
            "{\"title\": \"T\", \"date\": \"2024-05-18\", \"text\": \"" + text + "\"}\n";
        auto arts = corpus::parse(line, "x.jsonl", ps);
        return arts.empty() ? Paras{} : arts[0].paragraphs;
    };
    EXPECT_EQ(parse("Shells fell on Sotk.\\nThe road to Vardenis closed.\\nSchools shut."),
              (Paras{"Shells fell on Sotk.", "The road to Vardenis closed.", "Schools shut."}));
    EXPECT_EQ(parse("Shells fell on the village of\\nSotk in the night and the road\\nclosed."),
              (Paras{"Shells fell on the village of Sotk in the night and the road closed."}));
    // Blank lines still separate paragraphs, lines of a wrapped one still join.
    EXPECT_EQ(parse("First about\\nGoris.\\n\\nSecond about Kapan."),
              (Paras{"First about Goris.", "Second about Kapan."}));
}

// A related-articles list ends at the first paragraph that reads as a sentence.
TEST(Furniture, RelatedListEndsAtReporting) {
    Problems ps;
    const std::string text =
        "Talks stall\n\nWire\nDec 8 2023\n\nShelling hit Sotk overnight, officials said.\n\n"
        "Related\n\nKapan residents protest over mine\n\nYerevan hosts regional forum\n\n"
        "Later in the day residents of Norabak said the shelling had stopped near the village.\n";
    auto arts = corpus::parse(text, "x.txt", ps);
    ASSERT_EQ(arts.size(), 1u);
    EXPECT_EQ(arts[0].paragraphs,
              (Paras{"Shelling hit Sotk overnight, officials said.",
                     "Later in the day residents of Norabak said the shelling had stopped near "
                     "the village."}));
}

}  // namespace
