#pragma once
// What a workspace adds to what is loaded today (`--data`, `--corpus`): the reading side that
// the window, `places`, `mentions`, `unknown-names` and `export` share.
#include <string>
#include <vector>

#include "common/problem.h"
#include "corpus/corpus.h"
#include "geo/layer.h"
#include "store/workspace.h"

namespace bm::store {

// The layers of `data` (the embedded default data when empty) and then, with a workspace, its
// layer sources and its user places (when it holds any), ids as geo::load_sources gives them.
std::vector<geo::Layer> load_layers(const std::vector<std::string>& data, Workspace* ws,
                                    Problems& problems);

// The articles of `corpus_path` (the embedded corpus when "") and then the workspace's, with
// their ids (corpus::assign_article_ids).
corpus::Corpus load_articles(const std::string& corpus_path, Workspace* ws, Problems& problems);

}  // namespace bm::store
