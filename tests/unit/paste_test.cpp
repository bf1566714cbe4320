// Ctrl+V's first guesses (corpus/paste.h) on text as it comes out of a browser or a mail, and
// the article the form's fields make.
#include "corpus/paste.h"

#include <gtest/gtest.h>

using namespace bm::corpus;

TEST(Paste, GuessesTitleUrlOutletAndDateFromABrowserCopy) {
    const auto f = guess_pasted(
        "\n  Border   talks resume in Goris  \n\nBy A. Reporter | 8 December 2023\n"
        "Officials met in Goris on Friday.\n\nThey will meet again in Kapan.\n"
        "Read more: https://www.example-news.am/en/article/123?ref=x.\n");
    EXPECT_EQ(f.title, "Border talks resume in Goris");
    EXPECT_EQ(f.url, "https://www.example-news.am/en/article/123?ref=x");
    EXPECT_EQ(f.outlet, "example-news.am");
    EXPECT_EQ(f.date, "2023-12-08");
    EXPECT_EQ(f.text.rfind("By A. Reporter", 0), 0u) << f.text;
    EXPECT_EQ(f.text.find("Border talks"), std::string::npos);
}

TEST(Paste, DatesInOtherSpellingsAndNoneWhenThereIsNone) {
    EXPECT_EQ(guess_pasted("T\nPublished Dec 8, 2023 at 10:00").date, "2023-12-08");
    EXPECT_EQ(guess_pasted("T\nUpdated 2024-02-29.").date, "2024-02-29");
    EXPECT_EQ(guess_pasted("T\nOn 2023-02-30 nothing happened; then March 3, 2023.").date,
              "2023-03-03");  // an impossible day is passed over
    const auto f = guess_pasted("Only a title and text\nno date, no link here.");
    EXPECT_EQ(f.date, "");
    EXPECT_EQ(f.url, "");
    EXPECT_EQ(f.outlet, "");
    EXPECT_EQ(guess_pasted("").title, "");
}

TEST(Paste, ALongFirstLineIsCutAtACharacterBoundary) {
    std::string line;
    for (int i = 0; i < 150; ++i) line += "ё";  // two bytes each
    const auto f = guess_pasted(line + "x\nbody");
    EXPECT_LE(f.title.size(), 200u + 3);
    EXPECT_EQ(f.title.substr(f.title.size() - 3), "…");
    EXPECT_EQ(f.title.size() % 2, 1u) << "cut inside a character";
}

TEST(Paste, TheFieldsMakeAnArticleWithParagraphs) {
    PastedFields f;
    f.title = "  Road works near Sisian ";
    f.outlet = "Test Daily";
    f.date = "Dec 10 2023";
    f.url = "https://example.org/road";
    f.text = "Crews repaired the road\noutside Sisian.\n\nTraffic resumed in the evening.";
    const Article a = pasted_article(f);
    EXPECT_EQ(a.title, "Road works near Sisian");
    EXPECT_EQ(a.date, "2023-12-10");
    EXPECT_EQ(a.url, "https://example.org/road");
    ASSERT_EQ(a.paragraphs.size(), 2u);
    EXPECT_EQ(a.paragraphs[0], "Crews repaired the road outside Sisian.");
    // Without blank lines (a copy from a web page), each line is a paragraph.
    f.text = "First paragraph near Goris.\nSecond paragraph near Kapan.";
    EXPECT_EQ(pasted_article(f).paragraphs.size(), 2u);
    f.text = "  \n ";
    EXPECT_TRUE(pasted_article(f).paragraphs.empty());
}
