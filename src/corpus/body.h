#pragma once
// What every text format shares (internal to src/corpus): recognising header lines (bylines,
// dateline stubs, URLs) and turning body lines into paragraphs without page furniture.
#include <string>
#include <string_view>
#include <vector>

#include "common/problem.h"
#include "corpus/corpus.h"

namespace bm::corpus {

// A block of lines (between blank lines) that is a newsletter sign-up box.
bool is_newsletter_block(const std::vector<std::string_view>& block);
// An http(s) URL alone on its line.
bool is_url(std::string_view s);
bool has_lower(std::string_view s);
// Byline-ish header lines right after the date: "By Ragip Soylu in Ankara", "SWARAJYA STAFF".
bool is_byline(std::string_view l);
// A dateline stub such as "CNN —" (the wire's place/outlet tag before the first paragraph).
bool is_dateline_stub(std::string_view l);
bool blank(std::string_view l);
// "# Heading" → "Heading", spaces normalised.
std::string heading_text(std::string_view l);

// Turns body lines [begin, end) into paragraphs of `a`: blank lines separate paragraphs, lines
// inside a paragraph are joined with a space, boilerplate is dropped, a bare URL becomes the
// article's url; page furniture is dropped (corpus/furniture.h). With `split_lines`, a block whose
// lines are whole paragraphs (scraped pages: "\n" between paragraphs, not "\n\n") gives one
// paragraph per line.
void add_body(Article& a, const std::vector<std::string_view>& lines, size_t begin, size_t end,
              bool split_lines = false);

// "the article has no date" warning, naming the article by its line, not its text.
void report_undated(size_t title_line, const std::string& name, Problems& problems);

}  // namespace bm::corpus
