#pragma once
// Command-line subcommands. argv[0] is the subcommand name ("places", "mentions"); each returns
// the process exit code: 0 ok, 1 nothing usable loaded, 2 usage error or unknown place, 3 with
// --strict: something loaded but problems were reported. Problems always go to stderr.

#include <string>
#include <vector>

#include "common/problem.h"
#include "corpus/corpus.h"
#include "gazetteer/gazetteer.h"

// What `mentions` and `unknown-names` both read: the places of the data sources (the default
// data when `data` is empty) and the articles of `corpus_path` (the embedded corpus when ""),
// with their ids. Problems are appended, not printed.
struct PlacesAndArticles {
    bm::gazetteer::Gazetteer gazetteer;
    bm::corpus::Corpus corpus;
};
PlacesAndArticles load_places_and_articles(const std::vector<std::string>& data,
                                           const std::string& corpus_path, bm::Problems& problems);

int cmd_places(int argc, char** argv);
int cmd_mentions(int argc, char** argv);
int cmd_export(int argc, char** argv);
int cmd_unknown_names(int argc, char** argv);
