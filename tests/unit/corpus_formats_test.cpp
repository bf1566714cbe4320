// The corpus readers, one per format (src/corpus/formats/): which format reads which file, and
// the bad-input fixtures of every format as one table (issue 12: a parameterised test, not
// copies of one test). Each row names the fixture, the format that must read it, how many
// articles still come out, and the problem it must report (severity, where, why).
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <ostream>
#include <string>
#include <vector>

#include "common/atomic_file.h"
#include "common/problem.h"
#include "corpus/corpus.h"
#include "corpus/formats/format.h"
#include "corpus/text.h"

using namespace bm;

namespace {

const std::string kBad = std::string(BRIEFMAP_SOURCE_DIR) + "/tests/fixtures/bad/corpus";

std::vector<std::string> names(const std::vector<const corpus::formats::Format*>& fs) {
    std::vector<std::string> out;
    for (const auto* f : fs) out.emplace_back(f->name());
    return out;
}

TEST(CorpusFormats, ChosenByExtension) {
    using V = std::vector<std::string>;
    using corpus::formats::candidates;
    EXPECT_EQ(names(candidates("a.jsonl")), V{"jsonl"});
    EXPECT_EQ(names(candidates("dir/A.NDJSON")), V{"jsonl"});
    const V text{"front_matter", "seed_text", "plain_text"};
    EXPECT_EQ(names(candidates("a.txt")), text);
    EXPECT_EQ(names(candidates("a.md")), text);
    // No or an unknown extension: text, as before the split.
    EXPECT_EQ(names(candidates("README")), text);
    EXPECT_EQ(names(candidates("dir.jsonl/article")), text);
    EXPECT_EQ(names(candidates(".jsonl")), text);  // a dot file has no extension
    EXPECT_TRUE(corpus::formats::is_article_file("x.md"));
    EXPECT_TRUE(corpus::formats::is_article_file("x.ndjson"));
    EXPECT_TRUE(corpus::formats::is_article_file("x.pdf"));
    EXPECT_TRUE(corpus::formats::is_article_file("saved/Page.HTML"));
    EXPECT_TRUE(corpus::formats::is_article_file("x.htm"));
    // The bytes readers are not text candidates: they are asked first, by content
    // (corpus::formats::read_bytes), so an .html name falls back to the text readers.
    EXPECT_EQ(names(candidates("a.html")), text);
    EXPECT_FALSE(corpus::formats::is_article_file("notes"));
}

// Every format of the registry lists at least one extension and has a unique name.
TEST(CorpusFormats, RegistryIsConsistent) {
    std::vector<std::string> seen;
    for (const auto* f : corpus::formats::registry()) {
        EXPECT_FALSE(f->extensions().empty()) << f->name();
        for (auto e : f->extensions()) EXPECT_TRUE(e.starts_with(".")) << f->name() << " " << e;
        EXPECT_EQ(std::count(seen.begin(), seen.end(), f->name()), 0) << f->name();
        seen.emplace_back(f->name());
    }
}

TEST(CorpusFormats, SniffingPicksTheTextReader) {
    const std::string name = "x.md";
    auto read = [&](const std::string& text) {
        Problems ps;
        return corpus::formats::read({name, text, corpus::text::split_lines(text)}, ps);
    };
    // Front matter: one article with its fields.
    auto fm = read("---\ntitle: T\ndate: 2023-12-08\n---\n\nBody about Goris.\n");
    ASSERT_EQ(fm.size(), 1u);
    EXPECT_EQ(fm[0].title, "T");
    EXPECT_EQ(fm[0].date, "2023-12-08");
    // Two seed-format headers: two articles.
    auto seed = read("One\n\nWire\nDec 8 2023\n\nGoris.\n\nTwo\n\nWire\nDec 9 2023\n\nKapan.\n");
    ASSERT_EQ(seed.size(), 2u);
    EXPECT_EQ(seed[1].date, "2023-12-09");
    // No header: plain text, the first line is the title.
    auto plain = read("Just a title\n\nA paragraph about Goris.\n");
    ASSERT_EQ(plain.size(), 1u);
    EXPECT_EQ(plain[0].title, "Just a title");
    EXPECT_EQ(plain[0].paragraphs, std::vector<std::string>{"A paragraph about Goris."});
}

struct BadCase {
    const char* format;  // the reader that reads it ("" = before any reader: bytes refused)
    const char* file;    // under tests/fixtures/bad/corpus/
    size_t articles;     // what still loads
    Problem::Severity severity;
    const char* where;  // substring of Problem::where ("" = any)
    const char* why;    // substring of Problem::why
};

// What gtest prints for a row: its fixture, not 48 bytes.
void PrintTo(const BadCase& c, std::ostream* os) {
    *os << c.file << " (" << (*c.format ? c.format : "bytes") << ")";
}

constexpr auto E = Problem::Severity::Error;
constexpr auto W = Problem::Severity::Warning;

const BadCase kCases[] = {
    // JSON Lines
    {"jsonl", "broken.jsonl", 4, E, "line 2", "bad JSON"},
    {"jsonl", "broken.jsonl", 4, E, "line 3", "not a JSON object"},
    {"jsonl", "formats/not-object.jsonl", 1, E, "line 2", "not a JSON object"},
    {"jsonl", "formats/no-text.jsonl", 1, W, "line 1", "no \"text\""},
    {"jsonl", "formats/undated.jsonl", 2, W, "line 1", "unrecognised date \"the eighth\""},
    {"jsonl", "formats/undated.jsonl", 2, W, "line 2", "no \"date\""},
    {"jsonl", "impossible-date.jsonl", 3, W, "line 2", "impossible date \"2023-13-01\""},
    {"jsonl", "fuzz-escaped-controls.jsonl", 1, W, "line 1", "NUL characters"},
    // Front matter
    {"front_matter", "unclosed-front-matter.md", 1, E, "line 1", "front matter not closed"},
    {"front_matter", "no-date.md", 1, W, "line 1", "has no date"},
    {"front_matter", "empty-title.md", 1, W, "", "empty title"},
    {"front_matter", "formats/line-without-key.md", 1, W, "line 3", "without 'key:'"},
    {"front_matter", "formats/unrecognised-date.md", 1, W, "line 3",
     "unrecognised date \"next Tuesday\""},
    // Seed format
    {"seed_text", "formats/text-before-header.txt", 1, W, "line 1", "text before the first"},
    {"seed_text", "formats/no-paragraphs.txt", 1, W, "line 1", "has no paragraphs"},
    {"seed_text", "invalid-utf8.txt", 1, W, "byte 50", "invalid UTF-8"},
    {"seed_text", "nul-bytes.txt", 1, W, "byte 47", "NUL byte"},
    // Plain text
    {"plain_text", "no-date.txt", 1, W, "line 1", "has no date"},
    {"plain_text", "impossible-date.txt", 1, W, "line 4", "impossible date \"Feb 30 2023\""},
    {"plain_text", "empty.txt", 0, W, "", "empty file"},
    {"plain_text", "formats/only-blank-lines.txt", 0, W, "", "empty file"},
    // PDF (tests/fixtures/corpus/pdf/make.py makes them)
    {"pdf", "pdf/truncated.pdf", 0, E, "", "cannot open the PDF"},
    {"pdf", "pdf/encrypted.pdf", 0, E, "", "encrypted and needs a password"},
    {"pdf", "pdf/no-text.pdf", 0, E, "", "no text in the PDF"},
    // HTML
    {"html", "html/no-body.html", 0, E, "", "no <body> in the page"},
    {"html", "html/only-furniture.html", 0, E, "", "no article text in the page"},
    {"html", "html/empty.html", 0, W, "", "empty file"},
    {"html", "html/binary.html", 0, E, "", "not an HTML page (binary data)"},
    // Refused before any reader
    {"", "garbage.txt", 0, E, "", "not UTF-8 text"},
};

class BadCorpusFile : public ::testing::TestWithParam<BadCase> {};

std::string all(const Problems& ps) {
    std::string s;
    for (const auto& p : ps) s += "  " + p.to_string() + "\n";
    return s.empty() ? "  (no problems)\n" : s;
}

bool has(const Problems& ps, const BadCase& c, const std::string& file) {
    for (const auto& p : ps)
        if (p.severity == c.severity && p.file == file &&
            p.where.find(c.where) != std::string::npos && p.why.find(c.why) != std::string::npos)
            return true;
    return false;
}

TEST_P(BadCorpusFile, ReportsFileWhereAndWhyAndKeepsTheRest) {
    const BadCase& c = GetParam();
    const std::string f = kBad + "/" + c.file;
    Problems ps;
    auto corpus = corpus::read(f, ps);
    EXPECT_EQ(corpus.articles.size(), c.articles) << all(ps);
    EXPECT_TRUE(has(ps, c, f)) << "want " << c.why << " at '" << c.where << "' in:\n" << all(ps);
    for (const auto& a : corpus.articles) EXPECT_EQ(a.source_file, f);
    if (*c.format == 0) return;
    // The row's format is the one that read it: asked alone, it gives the same articles and
    // reports the same problem.
    std::string bytes;
    ASSERT_TRUE(read_file(f, bytes, nullptr));
    Problems ignored, direct;
    const std::string clean = corpus::sanitize_utf8(bytes, f, ignored);
    const corpus::formats::Format* fmt = nullptr;
    for (const auto* x : corpus::formats::registry())
        if (x->name() == c.format) fmt = x;
    ASSERT_NE(fmt, nullptr) << c.format;
    const corpus::formats::Input in{f, clean, corpus::text::split_lines(clean), bytes};
    // A bytes reader also takes what its extension names and then says why it is not that.
    ASSERT_TRUE(fmt->sniff(in) || fmt->reads_bytes());
    auto arts = fmt->read(in, direct);
    if (!arts) {  // declined (unclosed front matter): only after reporting why
        EXPECT_TRUE(has(direct, c, f)) << c.format << " declined " << c.file << all(direct);
        return;
    }
    EXPECT_EQ(arts->size(), c.articles);
    if (std::string(c.why).find("UTF-8") == std::string::npos &&
        std::string(c.why).find("NUL byte") == std::string::npos)
        EXPECT_TRUE(has(direct, c, f)) << all(direct);
}

std::string case_name(const ::testing::TestParamInfo<BadCase>& info) {
    std::string n = std::string(*info.param.format ? info.param.format : "bytes") + "_" +
                    info.param.file + "_" + std::to_string(info.index);
    for (char& ch : n)
        if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
    return n;
}

INSTANTIATE_TEST_SUITE_P(Table, BadCorpusFile, ::testing::ValuesIn(kCases), case_name);

}  // namespace
