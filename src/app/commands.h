#pragma once
// Command-line subcommands. argv[0] is the subcommand name ("places", "mentions"); each returns
// the process exit code: 0 ok, 1 nothing usable loaded, 2 usage error or unknown place, 3 with
// --strict: something loaded but problems were reported. Problems always go to stderr.

#include <memory>
#include <string>
#include <vector>

#include "common/problem.h"
#include "corpus/corpus.h"
#include "gazetteer/gazetteer.h"
#include "linker/decisions.h"
#include "store/workspace.h"

// What `mentions` and `unknown-names` both read: the places of the data sources (the default
// data when `data` is empty) and the articles of `corpus_path` (the embedded corpus when ""),
// with their ids, and with a workspace (`workspace` non-empty) its layers and articles on top.
// Problems are appended, not printed; false when the workspace cannot be opened (reported).
// With a workspace, the gazetteer has its aliases and `decisions` are its link decisions (for
// Index::build), so the commands show what the window shows.
struct PlacesAndArticles {
    bm::gazetteer::Gazetteer gazetteer;
    bm::corpus::Corpus corpus;
    std::vector<bm::linker::Decision> decisions;
};
bool load_places_and_articles(const char* command, const std::vector<std::string>& data,
                              const std::string& corpus_path, const std::string& workspace,
                              PlacesAndArticles& out, bm::Problems& problems);
// Opens `path` read-only for a reading command; null with the reason on stderr.
std::unique_ptr<bm::store::Workspace> open_for_reading(const char* command,
                                                       const std::string& path);

int cmd_places(int argc, char** argv);
int cmd_mentions(int argc, char** argv);
int cmd_export(int argc, char** argv);
int cmd_unknown_names(int argc, char** argv);
int cmd_import(int argc, char** argv);
// `briefmap review` (both review queues), `briefmap links confirm|reject|reassign`, and
// `briefmap places add|alias|remove` (cmd_places hands those on): cmd_review.cpp.
int cmd_review(int argc, char** argv);
int cmd_links(int argc, char** argv);
int cmd_places_edit(int argc, char** argv);
