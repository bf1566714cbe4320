// Stable article ids: the same article keeps its id when other sources are added before it or
// the corpus is read again; an id comes from the URL when there is one, else from the text.
#include "corpus/article_id.h"

#include <gtest/gtest.h>

#include "common/problem.h"
#include "document/session.h"

using namespace bm;

namespace {
corpus::Article article(std::string title, std::string url, std::vector<std::string> paras) {
    corpus::Article a;
    a.title = std::move(title);
    a.url = std::move(url);
    a.paragraphs = std::move(paras);
    return a;
}
}  // namespace

TEST(ArticleId, SurvivesOtherSourcesAndRereading) {
    corpus::Corpus one;
    one.articles = {article("Lachin", "https://example.org/lachin", {"Lachin corridor."}),
                    article("Untitled", "", {"Jermuk was shelled."})};
    corpus::assign_article_ids(one);
    corpus::Corpus more;
    more.articles = {article("Other", "https://example.org/other", {"Goris."})};
    more.articles.insert(more.articles.end(), one.articles.begin(), one.articles.end());
    for (auto& a : more.articles) a.id.clear();
    corpus::assign_article_ids(more);
    EXPECT_EQ(more.articles[1].id, one.articles[0].id);
    EXPECT_EQ(more.articles[2].id, one.articles[1].id);
    EXPECT_EQ(corpus::find_article(more, one.articles[1].id), ArticleId(2));
    EXPECT_FALSE(corpus::find_article(more, "nope"));
    EXPECT_EQ(one.articles[0].id[0], 'u');  // from the URL
    EXPECT_EQ(one.articles[1].id[0], 't');  // from the text
    EXPECT_EQ(one.articles[0].id.size(), 17u);
}

TEST(ArticleId, TheUrlDecidesAndRepeatsAreNumbered) {
    corpus::Corpus c;
    // The same report saved twice (title edited) is the same article; the second copy gets
    // a suffix so both stay addressable.
    c.articles = {article("A", "https://x.test/1", {"one"}),
                  article("A (2)", "https://x.test/1", {"two"}), article("B", "", {"one"}),
                  article("B", "", {"two"})};
    corpus::assign_article_ids(c);
    EXPECT_EQ(c.articles[1].id, c.articles[0].id + "~2");
    EXPECT_NE(c.articles[2].id, c.articles[3].id);  // same title, other text
}

TEST(ArticleId, TheSessionKeepsThePassageByArticleId) {
    Session s;
    s.active_passage = Session::PassageRef{3, 4, "u0123456789abcdef"};
    s.passages = {{1, 2, "t00000000000000aa"}};
    Session back;
    Problem p;
    ASSERT_TRUE(session_from_json(session_to_json(s), "s.json", back, &p)) << p.to_string();
    ASSERT_TRUE(back.active_passage);
    EXPECT_EQ(back.active_passage->article_id, "u0123456789abcdef");
    EXPECT_EQ(back.active_passage->paragraph, 4);
    ASSERT_EQ(back.passages.size(), 1u);
    EXPECT_EQ(back.passages[0].article_id, "t00000000000000aa");
}
