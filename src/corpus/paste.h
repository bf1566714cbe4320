#pragma once
// An article pasted from the clipboard (Ctrl+V in the window): the form's first guesses from
// the text as copied out of a browser or a mail, and the article the form's fields make.
#include <string>
#include <string_view>

#include "corpus/corpus.h"

namespace bm::corpus {

struct PastedFields {
    std::string title, outlet, date, url;  // date ISO, or "" when none was found
    std::string text;                      // the body: what follows the title line
};

// Title: the first non-blank line (cut to 200 bytes at a character boundary); URL: the first
// http(s) URL in the text; outlet: that URL's host without "www."; date: the first date the
// text writes ("2023-12-08", "8 December 2023", "Dec 8, 2023"); text: the rest after the title.
PastedFields guess_pasted(std::string_view clipboard);

// The article the fields describe: paragraphs from the text as corpus/body.h splits a file's
// body (blank lines between paragraphs; a text with none, one paragraph a line), a bare URL
// line kept as the URL when the field is empty. Nothing to import when it has no paragraph.
Article pasted_article(const PastedFields& f);

}  // namespace bm::corpus
