#include "store/import.h"

#include <sys/stat.h>

#include <algorithm>
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

namespace {

// One thing to read: a file found in a folder, or a path as given.
struct Item {
    std::string path;   // absolute
    std::string given;  // as the user wrote it (for messages)
    int folder = -1;    // the folder it was found in (index into `folders`), or -1
};
struct Folder {
    std::string path;
    size_t left = 0;  // its files not yet read
};

void add(ChangeResult& to, const ChangeResult& r) {
    to.imported += r.imported;
    to.updated += r.updated;
    to.unchanged += r.unchanged;
    to.removed += r.removed;
    to.sources_added += r.sources_added;
    to.sources_known += r.sources_known;
    to.layers_added += r.layers_added;
}

// A path as given: a layer, an article file, or an error; into `change`.
void read_path(const Item& it, ImportAs as, Change& change, ImportSummary& s) {
    const std::string& path = it.path;
    // An article file by its name; anything else is asked of OGR first, then read as text.
    const bool article_name = corpus::formats::is_article_file(path);
    if (as == ImportAs::Layers || (as == ImportAs::Any && !article_name)) {
        if (is_layer(path, s.problems, as == ImportAs::Layers)) {
            change.sources.push_back({Source::Kind::Layer, path, "", ""});
            return;
        }
        if (as == ImportAs::Layers) return;
    }
    const size_t before = change.articles.size();
    add_file(path, change, s);
    if (change.articles.size() > before)
        change.sources.push_back({Source::Kind::Articles, path, "", ""});
    else if (!article_name)
        s.problems.push_back(
            error("import", it.given, "", "neither articles nor a GIS layer briefmap can read"));
}

}  // namespace

ImportSummary import_paths(Workspace& ws, const std::vector<std::string>& paths, ImportAs as,
                           const ImportControl* control) {
    ImportSummary s;
    // First what there is to read (listing folders is quick), so progress has a total.
    std::vector<Item> items;
    std::vector<Folder> folders;
    for (const std::string& given : paths) {
        const std::string path = absolute(given);
        struct stat st {};
        const bool exists = stat(path.c_str(), &st) == 0;
        if (exists && S_ISDIR(st.st_mode) && as != ImportAs::Layers) {
            std::vector<std::string> files;
            std::string why;
            if (!list_files(path, files, &why))
                s.problems.push_back(warning("import", given, "", why));
            const int folder = int(folders.size());
            size_t n = 0;
            for (const auto& f : files)
                if (corpus::formats::is_article_file(f)) {
                    const std::string file = (std::filesystem::path(path) / f).string();
                    items.push_back({file, file, folder});
                    ++n;
                }
            if (n == 0 && !(control && control->empty_folder_ok))
                s.problems.push_back(error("import", given, "", "holds no article files"));
            else
                folders.push_back({path, n});
            continue;
        }
        if (!exists && !is_remote(given)) {
            s.problems.push_back(
                error("import", given, "", "no such file or folder", Problem::Code::NotFound));
            continue;
        }
        items.push_back({path, given, -1});
    }
    s.items = items.size();

    size_t reported = 0;  // problems handed to control->problem so far
    auto report = [&] {
        if (control && control->problem)
            for (; reported < s.problems.size(); ++reported) control->problem(s.problems[reported]);
    };
    report();
    Change change;
    size_t batch_files = 0;
    bool applied = false, failed = false;
    auto commit = [&] {
        if (change.articles.empty() && change.sources.empty() && change.replaces.empty()) return;
        ChangeResult r;
        if (ws.apply(change, r, s.problems)) {
            applied = true;
            add(s.result, r);
        } else {
            failed = true;
        }
        report();
        change = {};
        batch_files = 0;
    };
    for (size_t i = 0; i < items.size(); ++i) {
        if (control && control->cancel && control->cancel->load()) {
            s.cancelled = true;
            break;
        }
        const Item& it = items[i];
        if (control && control->progress) control->progress(i, items.size(), it.path);
        if (it.folder >= 0) {
            add_file(it.path, change, s);
            // The folder becomes a source once all its files are in.
            if (--folders[size_t(it.folder)].left == 0)
                change.sources.push_back(
                    {Source::Kind::Articles, folders[size_t(it.folder)].path, "", ""});
        } else {
            read_path(it, as, change, s);
        }
        report();
        if (control && ++batch_files >= std::max<size_t>(1, control->batch_files)) commit();
    }
    if (control && control->progress && !s.cancelled)
        control->progress(items.size(), items.size(), "");
    commit();
    s.committed = applied && !failed;
    return s;
}

ImportSummary import_articles(Workspace& ws, std::vector<ArticleInput> articles) {
    ImportSummary s;
    Change change;
    for (auto& in : articles) {
        if (in.article.id.empty()) in.article.id = corpus::article_key(in.article);
        in.article.source_file = in.origin;
        change.articles.push_back(std::move(in));
    }
    s.items = change.articles.size();
    if (!change.articles.empty()) s.committed = ws.apply(change, s.result, s.problems);
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
