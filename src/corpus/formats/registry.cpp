// The one place that chooses a reader: by the file's extension, then by sniffing the content.
#include <algorithm>
#include <cctype>

#include "corpus/formats/format.h"

namespace bm::corpus::formats {

namespace {

std::string lower_extension(std::string_view name) {
    const size_t slash = name.find_last_of('/');
    const size_t dot = name.find_last_of('.');
    if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash) ||
        dot == (slash == std::string_view::npos ? 0 : slash + 1))  // ".bashrc" has none
        return {};
    std::string e(name.substr(dot));
    std::transform(e.begin(), e.end(), e.begin(),
                   [](char c) { return char(std::tolower((unsigned char)c)); });
    return e;
}

bool lists(const Format& f, std::string_view ext) {
    const auto exts = f.extensions();
    return std::find(exts.begin(), exts.end(), ext) != exts.end();
}

}  // namespace

const std::vector<const Format*>& registry() {
    // Order matters among formats of one extension: front matter and the seed format are
    // recognised by their headers; plain text takes whatever is left. The bytes readers come
    // first: a PDF is known by its magic bytes whatever its name, then an HTML page by its tags.
    static const std::vector<const Format*> kAll = {&pdf(),          &html(),      &jsonl(),
                                                    &front_matter(), &seed_text(), &plain_text()};
    return kAll;
}

std::vector<const Format*> candidates(std::string_view file_name) {
    const std::string ext = lower_extension(file_name);
    std::vector<const Format*> out;
    for (const Format* f : registry())
        if (lists(*f, ext) && !f->reads_bytes()) out.push_back(f);
    if (out.empty())
        for (const Format* f : registry())
            if (lists(*f, ".txt")) out.push_back(f);
    return out;
}

std::optional<std::vector<Article>> read_bytes(const std::string& name, std::string_view bytes,
                                               Problems& problems) {
    const Input in{name, {}, {}, bytes};
    for (const Format* f : registry())
        if (f->reads_bytes() && f->sniff(in))
            if (auto arts = f->read(in, problems)) return arts;
    const std::string ext = lower_extension(name);
    for (const Format* f : registry())
        if (f->reads_bytes() && lists(*f, ext)) return f->read(in, problems);
    return std::nullopt;
}

bool is_article_file(std::string_view file_name) {
    const std::string ext = lower_extension(file_name);
    return std::any_of(registry().begin(), registry().end(),
                       [&](const Format* f) { return lists(*f, ext); });
}

std::vector<Article> read(const Input& in, Problems& problems) {
    for (const Format* f : candidates(in.name)) {
        if (!f->sniff(in)) continue;
        if (auto arts = f->read(in, problems)) return std::move(*arts);
    }
    return {};
}

}  // namespace bm::corpus::formats
