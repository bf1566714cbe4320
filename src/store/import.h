#pragma once
// Bringing files into a workspace: what `briefmap import` and File → Import articles… / Add
// layer… do. Each path is a folder (every article file under it, recursively), an article file
// (any format corpus::read knows) or an OGR data source (a layer source, checked by loading it).
// All of one call is one change (one transaction).
#include <atomic>
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "common/problem.h"
#include "store/workspace.h"

namespace bm::store {

enum class ImportAs {
    Any,       // folders and article files as articles, anything OGR opens as a layer
    Articles,  // only articles (File → Import articles…)
    Layers,    // only layers (File → Add layer…)
};

struct ImportSummary {
    ChangeResult result;
    size_t files = 0;        // article files read
    size_t items = 0;        // files and paths to read in all (the progress bar's total)
    Problems problems;       // per file: what could not be read and why
    bool committed = false;  // every change applied (at least one)
    bool cancelled = false;  // stopped by ImportControl::cancel before the last item
};

// For a long import (the window's, store/import_job.h): progress, Cancel, and commits in
// batches, so that what was read before a Cancel or a kill stays and the rest is not begun.
struct ImportControl {
    // Called before each item with the items done, their total and the one starting now.
    std::function<void(size_t done, size_t total, const std::string& current)> progress;
    // Called with each problem as it is found (the Problems tab fills while importing).
    std::function<void(const Problem&)> problem;
    const std::atomic<bool>* cancel = nullptr;  // checked between items
    size_t batch_files = 20;                    // a transaction at least this often
    bool empty_folder_ok = false;  // a folder without article files is no problem (watched)
};

// Reads `paths` and applies them to `ws`: as one change without `control`; with it, in batches
// of whole files (a folder's source is recorded with its last batch, not when cancelled).
// Paths are stored absolute.
ImportSummary import_paths(Workspace& ws, const std::vector<std::string>& paths,
                           ImportAs as = ImportAs::Any, const ImportControl* control = nullptr);

// Applies articles given whole (a pasted one): their ids set, the change committed.
ImportSummary import_articles(Workspace& ws, std::vector<ArticleInput> articles);

// "3 articles imported, 1 updated, 2 unchanged, 1 layer added, 0 problems".
std::string describe(const ImportSummary& s);

}  // namespace bm::store
