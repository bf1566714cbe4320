#pragma once
// One reader per input format, behind one interface (as tangram-es's data/formats/): a format
// says which file names it reads and whether content looks like it, and parses the file's
// (already UTF-8-sanitised) text into articles. corpus::parse asks the formats in registry
// order; adding a format (HTML, PDF) is one file plus one line in registry.cpp.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/problem.h"
#include "corpus/corpus.h"

namespace bm::corpus::formats {

// A file as the readers see it: UTF-8 without NULs, BOM or CR (corpus::sanitize_utf8). The
// formats that decode the file themselves (reads_bytes: PDF, HTML with its declared charset)
// read `bytes`, the file as it is, and get empty `text` and `lines`.
struct Input {
    const std::string& name;  // file or resource name: for Problems and Article::source_file
    std::string_view text;
    std::vector<std::string_view> lines;  // text split on '\n'
    std::string_view bytes = {};          // the file's bytes, undecoded
};

class Format {
  public:
    virtual ~Format() = default;
    virtual std::string_view name() const = 0;
    // Lower-case extensions with the dot (".jsonl") of the files this format reads; a folder
    // lists the files some format names.
    virtual std::vector<std::string_view> extensions() const = 0;
    // Whether the content looks like this format (cheap: the first lines or bytes).
    virtual bool sniff(const Input& in) const = 0;
    // True for formats that read Input::bytes (binary or in a charset of their own) and are
    // asked before the file is checked and decoded as UTF-8 text.
    virtual bool reads_bytes() const { return false; }
    // The articles; nullopt when the content turned out not to be this format after all, so the
    // next format is asked (problems already reported stay).
    virtual std::optional<std::vector<Article>> read(const Input& in, Problems& problems) const = 0;
};

// Every format, in the order they are asked.
const std::vector<const Format*>& registry();

// The formats that may read a file of this name, in registry order: those listing its
// extension or, for an extension no format lists, the plain-text formats (those listing ".txt").
std::vector<const Format*> candidates(std::string_view file_name);

// True when some format lists the file's extension (what a folder reads).
bool is_article_file(std::string_view file_name);

// The articles of one sanitised file: the first candidate that sniffs the content as its own
// and reads it. Never throws on bad input.
std::vector<Article> read(const Input& in, Problems& problems);

// The articles of a file that a bytes-reading format takes: the first of them (registry order)
// that sniffs its content as its own (a PDF named .html is read as a PDF), else the one its
// extension names (which then says why the file is not what its name claims). nullopt when no
// such format takes it: the file is text.
std::optional<std::vector<Article>> read_bytes(const std::string& name, std::string_view bytes,
                                               Problems& problems);

// Each format's one instance (one file each: pdf.cpp, html.cpp, jsonl.cpp, front_matter.cpp,
// seed_text.cpp, plain_text.cpp).
const Format& pdf();
const Format& html();
const Format& jsonl();
const Format& front_matter();
const Format& seed_text();
const Format& plain_text();

}  // namespace bm::corpus::formats
