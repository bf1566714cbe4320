#pragma once
// Bringing files into a workspace: what `briefmap import` and File → Import articles… / Add
// layer… do. Each path is a folder (every article file under it, recursively), an article file
// (any format corpus::read knows) or an OGR data source (a layer source, checked by loading it).
// All of one call is one change (one transaction).
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
    size_t files = 0;   // article files read
    Problems problems;  // per file: what could not be read and why
    bool committed = false;
};

// Reads `paths` and applies them to `ws` as one change. Paths are stored absolute.
ImportSummary import_paths(Workspace& ws, const std::vector<std::string>& paths,
                           ImportAs as = ImportAs::Any);

// "3 articles imported, 1 updated, 2 unchanged, 1 layer added, 0 problems".
std::string describe(const ImportSummary& s);

}  // namespace bm::store
