#pragma once
// The workspace: what a user brings in and keeps (issue 15). One file holds the sources (layer
// data sources with their style; the article files and folders imported), the imported articles
// (metadata, paragraphs, content hash, where from, when), the user's places, link decisions,
// saved views and the view state. `Workspace` is the interface the app talks to; the
// GeoPackage implementation (gpkg_workspace.cpp) is the only one today, a PostGIS one can serve
// a team later behind the same calls.
//
// Every change is one transaction: a process killed at any moment leaves the workspace as it
// was before the change in flight or after it, never between.
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/problem.h"
#include "corpus/corpus.h"

namespace bm::store {

// The schema this briefmap writes; a workspace with a higher number is refused (NewerVersion).
// 2: sources of kind 'watched'; link decisions carry the place reassigned to and a scope;
// aliases of existing places. A version-1 file is migrated when first opened for writing (one
// transaction).
inline constexpr int kSchemaVersion = 2;

struct Source {
    // Watched: a folder whose new and changed files are imported while the window runs.
    enum class Kind { Layer, Articles, Watched };
    Kind kind = Kind::Layer;
    std::string path;      // absolute path, or a connection string / URL as given
    std::string style;     // JSON style overrides for a layer ("" = the default style)
    std::string added_at;  // ISO 8601 UTC, set by the store
};

// An article to import and where it came from.
struct ArticleInput {
    corpus::Article article;  // article.id: corpus::article_key (set by the store when empty)
    std::string origin;       // the file it was read from (absolute)
    int origin_index = 0;     // its position in that file (a JSON Lines file holds many)
};

struct StoredArticle {
    corpus::Article article;  // id and source_file (= origin) filled in
    std::string content_hash;
    std::string origin;
    int origin_index = 0;
    std::string imported_at, updated_at;  // ISO 8601 UTC; updated_at "" when never updated
};

// What one change did.
struct ChangeResult {
    size_t imported = 0;   // new articles
    size_t updated = 0;    // same id or same file and position, other content
    size_t unchanged = 0;  // same id and content hash: nothing written
    size_t removed = 0;    // articles of a re-imported file that the file no longer holds
    size_t sources_added = 0, sources_known = 0;  // article files/folders and layers
    size_t layers_added = 0;                      // of sources_added, the layers
};

// One change: articles and sources, committed together or not at all. `replaces` lists the
// files read whole in this change: their stored articles past the positions imported are
// removed (a file that shrank).
struct Change {
    std::vector<ArticleInput> articles;
    std::vector<Source> sources;
    std::vector<std::string> replaces;
};

// A user's decision on one mention (linker/decisions.h applies them): by stable ids and the
// mention's text, never positions.
struct LinkDecision {
    std::string passage_id;         // "<article id>:<paragraph>"
    std::string mention;            // the text as written
    std::string place_id;           // the place the link has (confirm, reject) or had (relink)
    std::string action;             // "confirm", "reject", "relink"
    std::string decided_at;         // set by the store when empty
    std::string to_place_id;        // relink: the place it goes to
    std::string scope = "passage";  // "passage", "article" (this name in the article), "all"
};

struct UserPlace {
    std::string id, name, kind;
    std::vector<std::string> aliases;
    double lon = 0, lat = 0;
    std::string created_at;  // set by the store
};

// A name the user added to a place of any layer ("Akhavno" for Aghavno).
struct PlaceAlias {
    std::string place_id, alias, added_at;
};

class Workspace {
  public:
    virtual ~Workspace() = default;
    // The file (or connection) as opened.
    virtual const std::string& location() const = 0;
    virtual bool read_only() const = 0;

    // Applies `change` in one transaction. False (with a Problem, nothing written) when the
    // store is read-only, locked by another writer past the wait, or the write failed.
    virtual bool apply(const Change& change, ChangeResult& result, Problems& problems) = 0;

    virtual std::vector<Source> sources(Problems& problems) = 0;
    virtual std::vector<StoredArticle> articles(Problems& problems) = 0;
    virtual size_t article_count() = 0;

    // The window's ViewState as JSON (document::view_state_to_json's shape); nullopt if none.
    virtual std::optional<std::string> view_state() = 0;
    virtual bool save_view_state(const std::string& json, Problems& problems) = 0;
    // Named views.
    virtual bool save_view(const std::string& name, const std::string& json,
                           Problems& problems) = 0;
    virtual std::vector<std::pair<std::string, std::string>> views() = 0;

    virtual bool add_link_decision(const LinkDecision& d, Problems& problems) = 0;
    virtual std::vector<LinkDecision> link_decisions() = 0;

    // Each one transaction. add: false when the id is taken; update/remove: when no user place
    // has the id (the Problem says which).
    virtual bool add_user_place(const UserPlace& p, Problems& problems) = 0;
    // Writes a consistent copy of the whole workspace to `path` (which must not exist), as
    // SQLite's VACUUM INTO does, while this one stays open. False with a Problem otherwise.
    virtual bool save_copy(const std::string& path, Problems& problems) = 0;

    virtual bool update_user_place(const UserPlace& p, Problems& problems) = 0;
    virtual bool remove_user_place(const std::string& id, Problems& problems) = 0;
    virtual std::vector<UserPlace> user_places() = 0;

    // Aliases of existing places (any layer's), by place id. Adding one twice keeps one.
    virtual bool add_alias(const PlaceAlias& a, Problems& problems) = 0;
    virtual bool remove_alias(const PlaceAlias& a, Problems& problems) = 0;
    virtual std::vector<PlaceAlias> aliases() = 0;
    // Where the user's places are as an OGR source: the data source and the layer's name.
    virtual std::pair<std::string, std::string> user_places_layer() const = 0;
};

enum class OpenMode {
    ReadOnly,   // reading commands: `mentions --workspace`
    ReadWrite,  // the window; falls back to nothing: a read-only file is an error
    Create,     // ReadWrite, creating the file (and its folder) when missing
};

// Opens a GeoPackage workspace. nullptr with *error (file, reason, code) when the file is
// missing (NotFound), not an SQLite/GeoPackage file or not a briefmap workspace
// (Unsupported), of a newer schema (NewerVersion), read-only for a writing mode (ReadOnly) or
// locked by another process past a short wait (Busy).
std::unique_ptr<Workspace> open_workspace(const std::string& path, OpenMode mode, Problem* error);

// $XDG_DATA_HOME/briefmap/workspace.gpkg, or ~/.local/share/briefmap/workspace.gpkg.
std::string default_workspace_path();

// SHA-256 (hex) of what an article says: title, outlet, date, byline, URL and paragraphs.
std::string content_hash(const corpus::Article& a);

}  // namespace bm::store
