// Reading files and folders; each file's format is chosen and read in corpus/formats/.
#include "corpus/corpus.h"

#include <algorithm>
#include <filesystem>
#include <optional>

#include "common/atomic_file.h"
#include "common/resources.h"
#include "common/utf8.h"
#include "corpus/formats/format.h"
#include "corpus/text.h"

namespace bm::corpus {

namespace fs = std::filesystem;

namespace {

// Regular files only: a FIFO or device would block or never end (see bm::read_file).
std::optional<std::string> slurp(const fs::path& p, Problems& problems) {
    std::string bytes;
    Problem pr;
    if (!read_file(p.string(), bytes, &pr)) {
        problems.push_back(error("read corpus", p.string(), "", pr.why));
        return std::nullopt;
    }
    return bytes;
}

}  // namespace

std::vector<Article> parse(std::string_view bytes, const std::string& name, Problems& problems) {
    std::vector<Article> arts;
    if (auto own = formats::read_bytes(name, bytes, problems)) {  // PDF, HTML
        arts = std::move(*own);
    } else {
        if (text::looks_binary(bytes)) {
            problems.push_back(error("read article", name, "",
                                     "not UTF-8 text (binary data or another encoding); skipped"));
            return {};
        }
        const std::string clean = sanitize_utf8(bytes, name, problems);
        arts = formats::read({name, clean, text::split_lines(clean), bytes}, problems);
    }
    for (Article& a : arts)
        for (std::string& para : a.paragraphs)
            if (para.size() > kMaxParagraphBytes) {
                const size_t n = utf8::floor_boundary(para, kMaxParagraphBytes);
                problems.push_back(warning(
                    "read article", name, "",
                    "a paragraph of " + std::to_string(para.size() >> 20) + " MiB, more than the " +
                        std::to_string(kMaxParagraphBytes >> 20) + " MiB limit; cut there"));
                para.resize(n);
            }
    return arts;
}

Corpus read(const std::string& path, Problems& problems) {
    Corpus c;
    std::error_code ec;
    fs::path p(path);
    if (fs::is_directory(p, ec)) {
        std::vector<fs::path> files;
        if (is_kernel_path(path)) {
            problems.push_back(error("read corpus", path, "",
                                     "a kernel folder (/proc, /sys or /dev), not articles"));
            return c;
        }
        // error_code forms only: a symlink loop or an unreadable entry is a problem, not an
        // exception. One level, at most kMaxCorpusFiles articles.
        size_t seen = 0;
        for (fs::directory_iterator it(p, ec), end; !ec && it != end; it.increment(ec)) {
            const fs::directory_entry& e = *it;
            if (!formats::is_article_file(e.path().filename().string())) continue;
            if (++seen > kMaxCorpusFiles) {
                problems.push_back(warning("read corpus", path, "",
                                           "more than " + std::to_string(kMaxCorpusFiles) +
                                               " article files; the rest skipped"));
                break;
            }
            std::error_code fec;
            if (e.is_regular_file(fec))
                files.push_back(e.path());
            else  // a directory (or FIFO, socket) named like an article
                problems.push_back(warning("read corpus", e.path().string(), "",
                                           e.is_directory(fec)
                                               ? "is a directory, expected an article file; skipped"
                                               : "not a regular file; skipped"));
        }
        if (ec)
            problems.push_back(
                error("read corpus", path, "", "cannot list the folder: " + ec.message()));
        std::sort(files.begin(), files.end());
        if (files.empty() && !ec)
            problems.push_back(error("read corpus", path, "",
                                     "no .txt, .md, .jsonl, .html or .pdf files in folder"));
        for (const auto& f : files) {
            auto bytes = slurp(f, problems);
            if (!bytes) continue;
            auto arts = parse(*bytes, f.string(), problems);
            // A folder holds one article per .txt/.md file; a multi-article seed file is fine too.
            for (auto& a : arts) c.articles.push_back(std::move(a));
        }
        return c;
    }
    if (!fs::exists(p, ec)) {
        problems.push_back(error("read corpus", path, "", "no such file or folder"));
        return c;
    }
    auto bytes = slurp(p, problems);
    if (bytes) c.articles = parse(*bytes, path, problems);
    return c;
}

Corpus read_default(Problems& problems) {
    Corpus c;
    auto names = resource_names("corpus/");
    for (const auto& n : names) {
        if (!formats::is_article_file(n)) continue;
        auto bytes = resource(n);
        for (auto& a : parse(*bytes, n, problems)) c.articles.push_back(std::move(a));
    }
    if (c.articles.empty())
        problems.push_back(error("read corpus", "corpus/", "", "no corpus embedded in this build"));
    return c;
}

}  // namespace bm::corpus
