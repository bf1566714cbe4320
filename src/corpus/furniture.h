#pragma once
// Page furniture on saved news pages (internal to src/corpus): menus, share widgets, bylines and
// photo credits, tag lines, related-article lists, cookie notices, language switches,
// newsletter and channel boxes. The words are data (corpus/furniture_vocabulary.h); this is
// how they are applied. Real reporting stays: no rule but an exact menu word drops a line that
// reads as a long sentence, except the few phrases no report uses ("we use cookies").
#include <string>
#include <string_view>

namespace bm::corpus {

enum class Furniture {
    None,            // reporting (as far as these rules know)
    Line,            // a furniture line: drop it
    RelatedHeading,  // "Read also", "Related": drop it and the titles listed under it
};
Furniture classify_line(std::string_view line);

// Six words or more, lower-case letters, and a sentence's end (. ! ? …, perhaps before a
// closing quote or bracket).
bool reads_as_sentence(std::string_view s);
// Ends with . ! ? or …, perhaps followed by closing quotes or brackets.
bool ends_sentence(std::string_view s);
// A menu entry: at most three words, no sentence punctuation, no digits.
bool is_nav_like(std::string_view s);
// A byline alone on its line: "By Anna Smith", "By Ragip Soylu in Ankara".
bool is_body_byline(std::string_view s);
// The line without a trailing credit ("… near Tegh. Photo: AFP" → "… near Tegh.").
std::string_view strip_credit(std::string_view line);
// The article's title again, alone or with its outlet ("Title | Outlet", "Title - Outlet").
bool is_repeated_title(std::string_view para, std::string_view title);

}  // namespace bm::corpus
