#include "store/import.h"

#include <sys/stat.h>

#include <filesystem>

#include "common/file_walk.h"
#include "corpus/article_id.h"
#include "corpus/corpus.h"
#include "corpus/formats/format.h"
#include "geo/load.h"

namespace bm::store {

namespace {

// Connection strings, URLs and GDAL's virtual paths: no file to stat, OGR is asked as given.
bool is_remote(const std::string& p) {
    return p.find("://") != std::string::npos || p.starts_with("PG:") || p.starts_with("/vsi");
}

std::string absolute(const std::string& p) {
    if (is_remote(p)) return p;
    std::error_code ec;
    auto a = std::filesystem::absolute(p, ec);
    return ec ? p : a.lexically_normal().string();
}

// The articles of one file, each with its position in the file.
void add_file(const std::string& file, Change& change, ImportSummary& s) {
    Problems ps;
    corpus::Corpus c = corpus::read(file, ps);
    s.problems.insert(s.problems.end(), ps.begin(), ps.end());
    ++s.files;
    int k = 0;
    for (auto& a : c.articles) {
        a.id = corpus::article_key(a);
        a.source_file = file;
        change.articles.push_back({std::move(a), file, k++});
    }
    // A file that read without a single error holds what it holds now; one that failed may
    // only be unreadable for the moment, so its stored articles stay.
    bool failed = false;
    for (const auto& p : ps) failed |= p.severity == Problem::Severity::Error && c.articles.empty();
    if (!failed) change.replaces.push_back(file);
}

bool is_layer(const std::string& path, Problems& problems, bool report) {
    Problems ps;
    auto layers = geo::load_dataset(path, ps);
    size_t n = 0;
    for (const auto& l : layers) n += l.features.size() + (l.raster ? 1 : 0);
    if (report || n > 0) problems.insert(problems.end(), ps.begin(), ps.end());
    return n > 0;
}

}  // namespace

ImportSummary import_paths(Workspace& ws, const std::vector<std::string>& paths, ImportAs as) {
    ImportSummary s;
    Change change;
    for (const std::string& given : paths) {
        const std::string path = absolute(given);
        struct stat st {};
        const bool exists = stat(path.c_str(), &st) == 0;
        if (exists && S_ISDIR(st.st_mode) && as != ImportAs::Layers) {
            std::vector<std::string> files;
            std::string why;
            if (!list_files(path, files, &why))
                s.problems.push_back(warning("import", given, "", why));
            size_t n = 0;
            for (const auto& f : files)
                if (corpus::formats::is_article_file(f)) {
                    add_file((std::filesystem::path(path) / f).string(), change, s);
                    ++n;
                }
            if (n == 0)
                s.problems.push_back(error("import", given, "", "holds no article files"));
            else
                change.sources.push_back({Source::Kind::Articles, path, "", ""});
            continue;
        }
        if (!exists && !is_remote(given)) {
            s.problems.push_back(
                error("import", given, "", "no such file or folder", Problem::Code::NotFound));
            continue;
        }
        // An article file by its name; anything else is asked of OGR first, then read as text.
        const bool article_name = corpus::formats::is_article_file(path);
        if (as == ImportAs::Layers || (as == ImportAs::Any && !article_name)) {
            if (is_layer(path, s.problems, as == ImportAs::Layers)) {
                change.sources.push_back({Source::Kind::Layer, path, "", ""});
                continue;
            }
            if (as == ImportAs::Layers) continue;
        }
        const size_t before = change.articles.size();
        add_file(path, change, s);
        if (change.articles.size() > before)
            change.sources.push_back({Source::Kind::Articles, path, "", ""});
        else if (!article_name)
            s.problems.push_back(
                error("import", given, "", "neither articles nor a GIS layer briefmap can read"));
    }
    if (change.articles.empty() && change.sources.empty() && change.replaces.empty()) return s;
    s.committed = ws.apply(change, s.result, s.problems);
    return s;
}

std::string describe(const ImportSummary& s) {
    auto n = [](size_t k, const char* one, const char* many) {
        return std::to_string(k) + " " + (k == 1 ? one : many);
    };
    const ChangeResult& r = s.result;
    std::string out = n(r.imported, "article", "articles") + " imported, " +
                      std::to_string(r.updated) + " updated, " + std::to_string(r.unchanged) +
                      " unchanged";
    if (r.removed) out += ", " + std::to_string(r.removed) + " removed";
    out += ", " + n(r.layers_added, "layer", "layers") + " added, " +
           n(s.problems.size(), "problem", "problems");
    return out;
}

}  // namespace bm::store
