#pragma once
// Articles split into paragraphs (the passages the linker indexes). Knows nothing of maps.
//
// Inputs understood by corpus::read (one reader per format in corpus/formats/, chosen by the
// file's extension and then by sniffing its content, in formats/registry.cpp):
//   * a seed-format text file holding one or more articles: a title line, an outlet line
//     (optional), a date line ("Dec 8 2023", "Dec 8, 2023", "December 8, 2023"), optional byline
//     lines, paragraphs separated by blank lines, optionally a source URL as the last line;
//   * a .txt/.md file with YAML-ish front matter (`---`, `title: …`, `outlet: …`, `date: …`,
//     `url: …`, `byline: …`, `---`) followed by paragraphs: one article;
//   * a folder of such .txt/.md files (sorted by name);
//   * JSON Lines (.jsonl/.ndjson): {"title","outlet","date","url","text"} per line, text split
//     into paragraphs on blank lines;
//   * HTML pages as a browser saves them (.html/.htm/.xhtml, or content that starts as HTML):
//     metadata from JSON-LD, OpenGraph and meta tags, the article body without page furniture
//     (formats/html.cpp);
//   * PDF reports (.pdf, or content that starts %PDF-): paragraphs rebuilt from the text layout,
//     each with its page (formats/pdf.cpp).
// All text is UTF-8: invalid bytes and NULs are reported (file + byte offset) and replaced by
// U+FFFD. Paragraph texts are trimmed; share-button words and newsletter sign-up blocks dropped.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/id.h"
#include "common/problem.h"

namespace bm {
// An article: its position in Corpus::articles (Article::id is the stable string that
// sessions and sidecars keep). A passage is an article and a paragraph of it.
using ArticleId = Id<struct ArticleTag>;
struct PassageRef {
    ArticleId article;
    uint32_t paragraph = 0;
    bool operator==(const PassageRef&) const = default;
};
}  // namespace bm

namespace bm::corpus {

struct Article {
    std::string id;  // stable id (corpus/article_id.h); set by assign_article_ids
    std::string title;
    std::string outlet;  // "" when the source names none
    std::string date;    // ISO "YYYY-MM-DD", or "" when unknown
    std::string byline;  // "" when none
    std::string url;     // "" when none
    std::vector<std::string> paragraphs;
    // The page (1-based) each paragraph starts on, for paged sources (PDF); empty otherwise.
    // Read it through page_of: code that only knows paragraphs keeps working.
    std::vector<int> pages;
    std::string source_file;  // the file (or resource name) it was read from

    // The page paragraph `k` starts on; 0 when the source has no pages.
    int page_of(size_t k) const { return k < pages.size() ? pages[k] : 0; }
    // How citations name that page: "p. 12"; "" when the source has no pages.
    std::string page_label(size_t k) const {
        const int p = page_of(k);
        return p > 0 ? "p. " + std::to_string(p) : std::string();
    }
};

struct Corpus {
    std::vector<Article> articles;

    const Article& operator[](ArticleId a) const { return articles[a.index()]; }
    IdRange<ArticleId> ids() const { return IdRange<ArticleId>(articles.size()); }
    bool contains(ArticleId a) const { return a.valid() && a.index() < articles.size(); }
};

// Limits (README "Limits"): a folder's first kMaxCorpusFiles article files are read; each file
// is at most bm::kMaxReadBytes (256 MiB); a paragraph longer than kMaxParagraphBytes is cut there.
inline constexpr size_t kMaxCorpusFiles = 10'000;
inline constexpr size_t kMaxParagraphBytes = size_t(64) << 20;

// Reads a file or folder (see above). Problems are appended; never throws on bad input.
Corpus read(const std::string& path, Problems& problems);

// The corpus embedded into the binary (resources "corpus/*.txt").
Corpus read_default(Problems& problems);

// Parses already-loaded bytes as the format `name` and the content imply (".jsonl"/".ndjson" →
// JSON Lines; otherwise front matter, the seed format or plain text, by their headers). `name` is
// used in Problems and as Article::source_file.
std::vector<Article> parse(std::string_view bytes, const std::string& name, Problems& problems);

// Replaces invalid UTF-8 sequences, NUL bytes and other control characters by U+FFFD, reporting
// each (up to a limit) with its byte offset in `file`. Also drops a leading BOM and turns CRLF/CR
// into LF.
std::string sanitize_utf8(std::string_view bytes, const std::string& file, Problems& problems);

// "Dec 8 2023", "Dec 8, 2023", "December 8, 2023", "8 December 2023", "2023-12-08" →
// "2023-12-08"; "" when `s` is not a date.
std::string parse_date(std::string_view s);
// True when `s` is shaped like a date but names no real day ("Feb 30 2023", "2023-13-01").
bool is_impossible_date(std::string_view s);

// True for lines that are page furniture rather than reporting: share buttons, "close dialog".
bool is_boilerplate_line(std::string_view line);

}  // namespace bm::corpus
