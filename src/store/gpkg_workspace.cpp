// The GeoPackage workspace: GDAL's GPKG driver opens and creates the file (so it is a GeoPackage
// QGIS reads, with `user_places` a real point layer); the briefmap tables are plain SQL on the
// driver's own SQLite connection (GetInternalHandle("SQLITE_HANDLE")), with prepared statements
// and explicit transactions. Tables (each registered in gpkg_contents as 'attributes'):
//   briefmap_meta(key, value)                 schema_version, created_at, created_by
//   briefmap_sources(kind, path, style, added_at)
//   briefmap_articles(article_id, title, outlet, date, byline, url, paragraphs (JSON array),
//                     content_hash, origin, origin_index, imported_at, updated_at)
//   briefmap_link_decisions(passage_id, mention, place_id, action, decided_at,
//                           to_place_id, scope)            (the last two from schema 2)
//   briefmap_aliases(place_id, alias, added_at)            (schema 2)
//   briefmap_views(name, state, saved_at)     named views
//   briefmap_view_state(state, saved_at)      the one current ViewState (one row)
#include <fcntl.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>
#include <openssl/evp.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "corpus/article_id.h"
#include "store/workspace.h"

namespace bm::store {

namespace {

constexpr const char* kWhat = "open workspace";
constexpr int kBusyWaitMs = 3000;

std::string now_utc() {
    char buf[32];
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

// A prepared statement; text is bound as copies (SQLITE_TRANSIENT).
class Stmt {
  public:
    Stmt(sqlite3* db, const char* sql) : db_(db) {
        if (sqlite3_prepare_v2(db, sql, -1, &s_, nullptr) != SQLITE_OK) s_ = nullptr;
    }
    ~Stmt() { sqlite3_finalize(s_); }
    Stmt(const Stmt&) = delete;
    Stmt& operator=(const Stmt&) = delete;
    bool ok() const { return s_ != nullptr; }
    Stmt& bind(int i, const std::string& v) {
        sqlite3_bind_text(s_, i, v.data(), int(v.size()), SQLITE_TRANSIENT);
        return *this;
    }
    Stmt& bind(int i, long long v) {
        sqlite3_bind_int64(s_, i, v);
        return *this;
    }
    Stmt& bind_null(int i) {
        sqlite3_bind_null(s_, i);
        return *this;
    }
    int step() { return s_ ? sqlite3_step(s_) : SQLITE_MISUSE; }
    void reset() {
        sqlite3_reset(s_);
        sqlite3_clear_bindings(s_);
    }
    std::string text(int col) const {
        const auto* p = sqlite3_column_text(s_, col);
        return p ? std::string(reinterpret_cast<const char*>(p),
                               size_t(sqlite3_column_bytes(s_, col)))
                 : std::string();
    }
    long long integer(int col) const { return sqlite3_column_int64(s_, col); }
    const char* error() const { return sqlite3_errmsg(db_); }

  private:
    sqlite3* db_;
    sqlite3_stmt* s_ = nullptr;
};

const char* kSchema[] = {
    "CREATE TABLE briefmap_meta (fid INTEGER PRIMARY KEY AUTOINCREMENT, key TEXT NOT NULL "
    "UNIQUE, value TEXT NOT NULL)",
    "CREATE TABLE briefmap_sources (fid INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL "
    "CHECK (kind IN ('layer', 'articles', 'watched')), path TEXT NOT NULL, style TEXT, added_at "
    "TEXT NOT NULL, UNIQUE (kind, path))",
    "CREATE TABLE briefmap_articles (fid INTEGER PRIMARY KEY AUTOINCREMENT, article_id TEXT NOT "
    "NULL UNIQUE, title TEXT NOT NULL, outlet TEXT NOT NULL, date TEXT NOT NULL, byline TEXT NOT "
    "NULL, url TEXT NOT NULL, paragraphs TEXT NOT NULL, content_hash TEXT NOT NULL, origin TEXT "
    "NOT NULL, origin_index INTEGER NOT NULL, imported_at TEXT NOT NULL, updated_at TEXT)",
    "CREATE INDEX briefmap_articles_origin ON briefmap_articles (origin, origin_index)",
    "CREATE TABLE briefmap_link_decisions (fid INTEGER PRIMARY KEY AUTOINCREMENT, passage_id "
    "TEXT NOT NULL, mention TEXT NOT NULL, place_id TEXT, action TEXT NOT NULL CHECK (action IN "
    "('confirm', 'reject', 'relink')), decided_at TEXT NOT NULL)",
    "CREATE TABLE briefmap_views (fid INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL "
    "UNIQUE, state TEXT NOT NULL, saved_at TEXT NOT NULL)",
    "CREATE TABLE briefmap_view_state (fid INTEGER PRIMARY KEY AUTOINCREMENT CHECK (fid = 1), "
    "state TEXT NOT NULL, saved_at TEXT NOT NULL)",
};
const char* kTables[] = {"briefmap_meta",           "briefmap_sources", "briefmap_articles",
                         "briefmap_link_decisions", "briefmap_views",   "briefmap_view_state"};
// Schema 1 → 2 (also run on a new file, after kSchema).
const char* kSchema2[] = {
    "ALTER TABLE briefmap_link_decisions ADD COLUMN to_place_id TEXT",
    "ALTER TABLE briefmap_link_decisions ADD COLUMN scope TEXT NOT NULL DEFAULT 'passage' CHECK "
    "(scope IN ('passage', 'article', 'all'))",
    "CREATE TABLE briefmap_aliases (fid INTEGER PRIMARY KEY AUTOINCREMENT, place_id TEXT NOT "
    "NULL, alias TEXT NOT NULL, added_at TEXT NOT NULL, UNIQUE (place_id, alias))",
    "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change) "
    "VALUES ('briefmap_aliases', 'attributes', 'briefmap_aliases', 'briefmap workspace', "
    "strftime('%Y-%m-%dT%H:%M:%fZ','now'))",
};

// Runs the statements of schema 2 (inside the caller's transaction).
bool migrate_to_2(sqlite3* db) {
    for (const char* sql : kSchema2)
        if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK) return false;
    return true;
}

std::string paragraphs_json(const std::vector<std::string>& ps) {
    return nlohmann::json(ps).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

class GpkgWorkspace final : public Workspace {
  public:
    GpkgWorkspace(std::string path, GDALDatasetUniquePtr ds, bool read_only)
        : path_(std::move(path)), ds_(std::move(ds)), read_only_(read_only) {
        db_ = static_cast<sqlite3*>(ds_->GetInternalHandle("SQLITE_HANDLE"));
    }
    sqlite3* db() const { return db_; }

    const std::string& location() const override { return path_; }
    bool read_only() const override { return read_only_; }

    bool apply(const Change& change, ChangeResult& r, Problems& problems) override;
    std::vector<Source> sources(Problems& problems) override;
    std::vector<StoredArticle> articles(Problems& problems) override;
    size_t article_count() override {
        Stmt s(db_, "SELECT count(*) FROM briefmap_articles");
        return s.step() == SQLITE_ROW ? size_t(s.integer(0)) : 0;
    }
    std::optional<std::string> view_state() override {
        Stmt s(db_, "SELECT state FROM briefmap_view_state WHERE fid = 1");
        if (s.step() == SQLITE_ROW) return s.text(0);
        return std::nullopt;
    }
    bool save_view_state(const std::string& json, Problems& problems) override {
        return write(problems, "save view state", [&] {
            Stmt s(db_,
                   "INSERT INTO briefmap_view_state (fid, state, saved_at) VALUES (1, ?, ?) "
                   "ON CONFLICT (fid) DO UPDATE SET state = excluded.state, saved_at = "
                   "excluded.saved_at");
            return s.bind(1, json).bind(2, now_utc()).step() == SQLITE_DONE;
        });
    }
    bool save_view(const std::string& name, const std::string& json, Problems& problems) override {
        return write(problems, "save view", [&] {
            Stmt s(db_,
                   "INSERT INTO briefmap_views (name, state, saved_at) VALUES (?, ?, ?) ON "
                   "CONFLICT (name) DO UPDATE SET state = excluded.state, saved_at = "
                   "excluded.saved_at");
            return s.bind(1, name).bind(2, json).bind(3, now_utc()).step() == SQLITE_DONE;
        });
    }
    std::vector<std::pair<std::string, std::string>> views() override {
        std::vector<std::pair<std::string, std::string>> out;
        Stmt s(db_, "SELECT name, state FROM briefmap_views ORDER BY name");
        while (s.step() == SQLITE_ROW) out.emplace_back(s.text(0), s.text(1));
        return out;
    }
    bool add_link_decision(const LinkDecision& d, Problems& problems) override {
        return write(problems, "save link decision", [&] {
            Stmt s(db_,
                   "INSERT INTO briefmap_link_decisions (passage_id, mention, place_id, action, "
                   "decided_at, to_place_id, scope) VALUES (?, ?, ?, ?, ?, ?, ?)");
            s.bind(1, d.passage_id).bind(2, d.mention);
            if (d.place_id.empty())
                s.bind_null(3);
            else
                s.bind(3, d.place_id);
            s.bind(4, d.action).bind(5, d.decided_at.empty() ? now_utc() : d.decided_at);
            if (d.to_place_id.empty())
                s.bind_null(6);
            else
                s.bind(6, d.to_place_id);
            s.bind(7, d.scope.empty() ? std::string("passage") : d.scope);
            return s.step() == SQLITE_DONE;
        });
    }
    std::vector<LinkDecision> link_decisions() override {
        std::vector<LinkDecision> out;
        // A version-1 file opened read-only has no to_place_id and scope.
        Stmt s(db_, schema_ >= 2
                        ? "SELECT passage_id, mention, place_id, action, decided_at, to_place_id, "
                          "scope FROM briefmap_link_decisions ORDER BY fid"
                        : "SELECT passage_id, mention, place_id, action, decided_at, '', "
                          "'passage' FROM briefmap_link_decisions ORDER BY fid");
        while (s.step() == SQLITE_ROW)
            out.push_back(
                {s.text(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5), s.text(6)});
        return out;
    }
    bool add_user_place(const UserPlace& p, Problems& problems) override;
    bool save_copy(const std::string& path, Problems& problems) override {
        const char* what = "save workspace as";
        std::error_code ec;
        if (std::filesystem::exists(path, ec)) {
            problems.push_back(error(what, path, "", "exists already; choose a new file name"));
            return false;
        }
        const auto dir = std::filesystem::path(path).parent_path();
        if (!dir.empty()) std::filesystem::create_directories(dir, ec);
        // One consistent snapshot (a read transaction), compacted; this file stays open.
        Stmt s(db_, "VACUUM INTO ?");
        if (!s.ok() || s.bind(1, path).step() != SQLITE_DONE) {
            problems.push_back(error(what, path, "", std::string("cannot write it: ") + s.error()));
            std::filesystem::remove(path, ec);  // no half-written copy left behind
            return false;
        }
        return true;
    }
    bool update_user_place(const UserPlace& p, Problems& problems) override;
    bool remove_user_place(const std::string& id, Problems& problems) override;
    std::vector<UserPlace> user_places() override;
    bool add_alias(const PlaceAlias& a, Problems& problems) override {
        if (a.place_id.empty() || a.alias.empty())
            return fail(problems, "add alias", "a place id and an alias are needed",
                        Problem::Code::BadValue);
        return write(problems, "add alias", [&] {
            Stmt s(db_,
                   "INSERT INTO briefmap_aliases (place_id, alias, added_at) VALUES (?, ?, ?) ON "
                   "CONFLICT (place_id, alias) DO NOTHING");
            return s.bind(1, a.place_id).bind(2, a.alias).bind(3, now_utc()).step() == SQLITE_DONE;
        });
    }
    bool remove_alias(const PlaceAlias& a, Problems& problems) override {
        bool found = false;
        const bool ok = write(problems, "remove alias", [&] {
            Stmt s(db_, "DELETE FROM briefmap_aliases WHERE place_id = ? AND alias = ?");
            if (s.bind(1, a.place_id).bind(2, a.alias).step() != SQLITE_DONE) return false;
            found = sqlite3_changes(db_) > 0;
            return true;
        });
        if (ok && !found)
            return fail(problems, "remove alias",
                        "place " + a.place_id + " has no alias '" + a.alias + "' of the user's",
                        Problem::Code::NotFound);
        return ok;
    }
    std::vector<PlaceAlias> aliases() override {
        std::vector<PlaceAlias> out;
        if (schema_ < 2) return out;
        Stmt s(db_, "SELECT place_id, alias, added_at FROM briefmap_aliases ORDER BY fid");
        while (s.step() == SQLITE_ROW) out.push_back({s.text(0), s.text(1), s.text(2)});
        return out;
    }
    void set_schema(int v) { schema_ = v; }
    std::pair<std::string, std::string> user_places_layer() const override {
        return {path_, "user_places"};
    }

  private:
    // Runs `body` in one IMMEDIATE transaction (the write lock taken up front, so a second
    // writer waits or fails before it has done anything); rolls back when body fails.
    template <class F>
    bool write(Problems& problems, const char* what, F&& body);
    bool fail(Problems& problems, const char* what, const std::string& why,
              Problem::Code code = Problem::Code::Other) {
        problems.push_back(error(what, path_, "", why, code));
        return false;
    }

    std::string path_;
    GDALDatasetUniquePtr ds_;
    bool read_only_;
    sqlite3* db_ = nullptr;
    int schema_ = kSchemaVersion;
};

template <class F>
bool GpkgWorkspace::write(Problems& problems, const char* what, F&& body) {
    if (read_only_)
        return fail(problems, what, "the workspace is open read-only", Problem::Code::ReadOnly);
    int rc = sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        return fail(problems, what,
                    "locked: another process is writing to the workspace (waited " +
                        std::to_string(kBusyWaitMs / 1000) + " s)",
                    Problem::Code::Busy);
    if (rc != SQLITE_OK) return fail(problems, what, sqlite3_errmsg(db_));
    bool ok = false;
    try {
        ok = body();
    } catch (const std::exception& e) {
        problems.push_back(error(what, path_, "", e.what()));
        sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
        return false;
    }
    if (!ok) {
        std::string why = sqlite3_errmsg(db_);
        if (why == "not an error") why = "the change could not be made";
        sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
        return fail(problems, what, why);
    }
    rc = sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) {
        std::string why = sqlite3_errmsg(db_);
        sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
        return fail(problems, what, why,
                    rc == SQLITE_BUSY ? Problem::Code::Busy : Problem::Code::Other);
    }
    return true;
}

bool GpkgWorkspace::apply(const Change& change, ChangeResult& r, Problems& problems) {
    ChangeResult res;
    const std::string now = now_utc();
    const bool ok = write(problems, "import into workspace", [&] {
        Stmt by_id(db_, "SELECT fid, content_hash FROM briefmap_articles WHERE article_id = ?");
        Stmt by_origin(db_,
                       "SELECT fid, content_hash, article_id FROM briefmap_articles WHERE "
                       "origin = ? AND origin_index = ?");
        Stmt insert(db_,
                    "INSERT INTO briefmap_articles (article_id, title, outlet, date, byline, "
                    "url, paragraphs, content_hash, origin, origin_index, imported_at) VALUES "
                    "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        Stmt update(db_,
                    "UPDATE briefmap_articles SET article_id = ?, title = ?, outlet = ?, date = "
                    "?, byline = ?, url = ?, paragraphs = ?, content_hash = ?, origin = ?, "
                    "origin_index = ?, updated_at = ? WHERE fid = ?");
        if (!by_id.ok() || !by_origin.ok() || !insert.ok() || !update.ok()) return false;
        // The same article twice in one change (one URL saved in two files): the first is
        // kept, so importing both again finds it unchanged instead of swapping versions.
        std::set<std::string> seen;
        for (const ArticleInput& in : change.articles) {
            const corpus::Article& a = in.article;
            const std::string id = a.id.empty() ? corpus::article_key(a) : a.id;
            if (!seen.insert(id).second) {
                ++res.unchanged;
                continue;
            }
            const std::string hash = content_hash(a);
            long long fid = -1;
            std::string old_hash;
            by_id.bind(1, id);
            if (by_id.step() == SQLITE_ROW) fid = by_id.integer(0), old_hash = by_id.text(1);
            by_id.reset();
            // A file edited in place: same file and position, other text (so another id when
            // the article has no URL). Its row is updated, not a second one added.
            if (fid < 0) {
                by_origin.bind(1, in.origin).bind(2, (long long)in.origin_index);
                if (by_origin.step() == SQLITE_ROW)
                    fid = by_origin.integer(0), old_hash = by_origin.text(1);
                by_origin.reset();
            }
            if (fid >= 0 && old_hash == hash) {
                ++res.unchanged;
                continue;
            }
            Stmt& s = fid >= 0 ? update : insert;
            s.bind(1, id)
                .bind(2, a.title)
                .bind(3, a.outlet)
                .bind(4, a.date)
                .bind(5, a.byline)
                .bind(6, a.url)
                .bind(7, paragraphs_json(a.paragraphs))
                .bind(8, hash)
                .bind(9, in.origin)
                .bind(10, (long long)in.origin_index)
                .bind(11, now);
            if (fid >= 0) s.bind(12, fid);
            if (s.step() != SQLITE_DONE) return false;
            s.reset();
            (fid >= 0 ? res.updated : res.imported)++;
        }
        // A file read whole holds only what it holds now.
        for (const std::string& file : change.replaces) {
            long long n = 0;
            for (const auto& in : change.articles)
                if (in.origin == file) n = std::max<long long>(n, in.origin_index + 1);
            Stmt del(db_, "DELETE FROM briefmap_articles WHERE origin = ? AND origin_index >= ?");
            if (del.bind(1, file).bind(2, n).step() != SQLITE_DONE) return false;
            res.removed += size_t(sqlite3_changes(db_));
        }
        Stmt src(db_,
                 "INSERT INTO briefmap_sources (kind, path, style, added_at) VALUES (?, ?, ?, ?) "
                 "ON CONFLICT (kind, path) DO NOTHING");
        for (const Source& s : change.sources) {
            src.bind(1, std::string(s.kind == Source::Kind::Layer     ? "layer"
                                    : s.kind == Source::Kind::Watched ? "watched"
                                                                      : "articles"))
                .bind(2, s.path)
                .bind(3, s.style)
                .bind(4, now);
            if (src.step() != SQLITE_DONE) return false;
            src.reset();
            const bool added = sqlite3_changes(db_) > 0;
            (added ? res.sources_added : res.sources_known)++;
            if (added && s.kind == Source::Kind::Layer) ++res.layers_added;
        }
        return true;
    });
    if (ok) r = res;
    return ok;
}

std::vector<Source> GpkgWorkspace::sources(Problems& problems) {
    std::vector<Source> out;
    Stmt s(db_, "SELECT kind, path, style, added_at FROM briefmap_sources ORDER BY fid");
    if (!s.ok()) {
        fail(problems, "read workspace", s.error());
        return out;
    }
    while (s.step() == SQLITE_ROW)
        out.push_back({s.text(0) == "layer"     ? Source::Kind::Layer
                       : s.text(0) == "watched" ? Source::Kind::Watched
                                                : Source::Kind::Articles,
                       s.text(1), s.text(2), s.text(3)});
    return out;
}

std::vector<StoredArticle> GpkgWorkspace::articles(Problems& problems) {
    std::vector<StoredArticle> out;
    Stmt s(db_,
           "SELECT article_id, title, outlet, date, byline, url, paragraphs, content_hash, "
           "origin, origin_index, imported_at, updated_at FROM briefmap_articles ORDER BY fid");
    if (!s.ok()) {
        fail(problems, "read workspace", s.error());
        return out;
    }
    while (s.step() == SQLITE_ROW) {
        StoredArticle a;
        a.article.id = s.text(0);
        a.article.title = s.text(1);
        a.article.outlet = s.text(2);
        a.article.date = s.text(3);
        a.article.byline = s.text(4);
        a.article.url = s.text(5);
        const std::string ps = s.text(6);
        auto j = nlohmann::json::parse(ps, nullptr, false);
        if (!j.is_array()) {
            problems.push_back(error("read workspace", path_, "article " + a.article.id,
                                     "its paragraphs are not a JSON array; article skipped",
                                     Problem::Code::Syntax));
            continue;
        }
        for (const auto& p : j)
            if (p.is_string()) a.article.paragraphs.push_back(p.get<std::string>());
        a.content_hash = s.text(7);
        a.origin = s.text(8);
        a.origin_index = int(s.integer(9));
        a.imported_at = s.text(10);
        a.updated_at = s.text(11);
        a.article.source_file = a.origin;
        out.push_back(std::move(a));
    }
    return out;
}

namespace {

// The user place with this id in `l` (attribute filter left cleared), or null.
OGRFeatureUniquePtr find_user_place(OGRLayer* l, const std::string& id) {
    std::string quoted = "'";
    for (char c : id) quoted += c == '\'' ? std::string("''") : std::string(1, c);
    quoted += "'";
    l->SetAttributeFilter(("id = " + quoted).c_str());
    l->ResetReading();
    OGRFeatureUniquePtr f(l->GetNextFeature());
    l->SetAttributeFilter(nullptr);
    return f;
}

void fill(OGRFeature& f, const UserPlace& p) {
    f.SetField("id", p.id.c_str());
    f.SetField("name", p.name.c_str());
    f.SetField("kind", p.kind.c_str());
    f.SetField("aliases", nlohmann::json(p.aliases).dump().c_str());
    f.SetGeometry(std::make_unique<OGRPoint>(p.lon, p.lat).get());
}

}  // namespace

// The user_places layer through OGR (so it stays a valid GeoPackage feature table with its
// spatial index), each change in one transaction on the same SQLite connection.
template <class F>
bool with_user_places(GDALDataset& ds, bool read_only, const std::string& path, const char* what,
                      Problems& problems, F&& body) {
    auto fail = [&](const std::string& why, Problem::Code code = Problem::Code::Other) {
        problems.push_back(error(what, path, "", why, code));
        return false;
    };
    if (read_only) return fail("the workspace is open read-only", Problem::Code::ReadOnly);
    OGRLayer* l = ds.GetLayerByName("user_places");
    if (!l) return fail("the workspace has no user_places layer");
    if (ds.StartTransaction() != OGRERR_NONE)
        return fail("locked: cannot start a transaction", Problem::Code::Busy);
    std::string why;
    Problem::Code code = Problem::Code::Other;
    if (!body(l, why, code) || ds.CommitTransaction() != OGRERR_NONE) {
        ds.RollbackTransaction();
        return fail(why.empty() ? std::string(CPLGetLastErrorMsg()) : why, code);
    }
    return true;
}

bool GpkgWorkspace::add_user_place(const UserPlace& p, Problems& problems) {
    if (p.id.empty() || p.name.empty())
        return fail(problems, "add place", "a place needs an id and a name",
                    Problem::Code::BadValue);
    return with_user_places(*ds_, read_only_, path_, "add place", problems,
                            [&](OGRLayer* l, std::string& why, Problem::Code& code) {
                                if (find_user_place(l, p.id)) {
                                    why = "a user place with id '" + p.id + "' exists already";
                                    code = Problem::Code::BadValue;
                                    return false;
                                }
                                OGRFeature f(l->GetLayerDefn());
                                fill(f, p);
                                f.SetField("created_at", now_utc().c_str());
                                return l->CreateFeature(&f) == OGRERR_NONE;
                            });
}

bool GpkgWorkspace::update_user_place(const UserPlace& p, Problems& problems) {
    return with_user_places(*ds_, read_only_, path_, "edit place", problems,
                            [&](OGRLayer* l, std::string& why, Problem::Code& code) {
                                auto f = find_user_place(l, p.id);
                                if (!f) {
                                    why = "no user place with id '" + p.id + "'";
                                    code = Problem::Code::NotFound;
                                    return false;
                                }
                                fill(*f, p);
                                return l->SetFeature(f.get()) == OGRERR_NONE;
                            });
}

bool GpkgWorkspace::remove_user_place(const std::string& id, Problems& problems) {
    return with_user_places(*ds_, read_only_, path_, "delete place", problems,
                            [&](OGRLayer* l, std::string& why, Problem::Code& code) {
                                auto f = find_user_place(l, id);
                                if (!f) {
                                    why = "no user place with id '" + id + "'";
                                    code = Problem::Code::NotFound;
                                    return false;
                                }
                                return l->DeleteFeature(f->GetFID()) == OGRERR_NONE;
                            });
}

std::vector<UserPlace> GpkgWorkspace::user_places() {
    std::vector<UserPlace> out;
    OGRLayer* l = ds_->GetLayerByName("user_places");
    if (!l) return out;
    l->SetAttributeFilter(nullptr);
    l->ResetReading();
    while (OGRFeatureUniquePtr f{l->GetNextFeature()}) {
        UserPlace p;
        p.id = f->GetFieldAsString("id");
        p.name = f->GetFieldAsString("name");
        p.kind = f->GetFieldAsString("kind");
        p.created_at = f->GetFieldAsString("created_at");
        auto j = nlohmann::json::parse(f->GetFieldAsString("aliases"), nullptr, false);
        if (j.is_array())
            for (const auto& a : j)
                if (a.is_string()) p.aliases.push_back(a.get<std::string>());
        if (const OGRGeometry* g = f->GetGeometryRef();
            g && wkbFlatten(g->getGeometryType()) == wkbPoint) {
            p.lon = g->toPoint()->getX();
            p.lat = g->toPoint()->getY();
        }
        out.push_back(std::move(p));
    }
    return out;
}

// GDAL's messages while opening, collected so the Problem can say what SQLite said.
struct Messages {
    std::vector<std::string> list;
    Messages() {
        CPLPushErrorHandlerEx(
            [](CPLErr cls, CPLErrorNum, const char* msg) {
                auto* out = static_cast<std::vector<std::string>*>(CPLGetErrorHandlerUserData());
                if (cls >= CE_Warning && msg && *msg) out->push_back(msg);
            },
            &list);
    }
    ~Messages() { CPLPopErrorHandler(); }
    bool mention(const char* word) const {
        for (const auto& m : list)
            if (m.find(word) != std::string::npos) return true;
        return false;
    }
};

GDALDatasetUniquePtr open_gpkg(const std::string& path, bool update) {
    const char* drivers[] = {"GPKG", nullptr};
    return GDALDatasetUniquePtr(GDALDataset::Open(
        path.c_str(), GDAL_OF_VECTOR | (update ? GDAL_OF_UPDATE : GDAL_OF_READONLY), drivers,
        nullptr, nullptr));
}

// Creates the workspace at `path` from a temporary file in the same folder, linked into place
// only when complete: a kill during creation leaves no half-made workspace.
bool create(const std::string& path, Problem* err) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path dir = fs::path(path).parent_path();
    if (!dir.empty()) fs::create_directories(dir, ec);
    if (ec) {
        *err = error(kWhat, path, "", "cannot create its folder: " + ec.message());
        return false;
    }
    const std::string tmp = path + ".creating-" + std::to_string(getpid()) + ".gpkg";
    unlink(tmp.c_str());
    GDALDriver* drv = GetGDALDriverManager()->GetDriverByName("GPKG");
    if (!drv) {
        *err = error(kWhat, path, "", "this GDAL has no GeoPackage driver");
        return false;
    }
    Messages msgs;
    bool ok = false;
    {
        GDALDatasetUniquePtr ds(drv->Create(tmp.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
        if (!ds) {
            *err =
                error(kWhat, path, "",
                      "cannot create it: " + (msgs.list.empty() ? std::string(std::strerror(errno))
                                                                : msgs.list.front()),
                      access(dir.empty() ? "." : dir.c_str(), W_OK) ? Problem::Code::ReadOnly
                                                                    : Problem::Code::Other);
            return false;
        }
        OGRSpatialReference wgs84;
        wgs84.importFromEPSG(4326);
        wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        const char* lopts[] = {"IDENTIFIER=briefmap user places",
                               "DESCRIPTION=Places the user added in briefmap", nullptr};
        OGRLayer* l = ds->CreateLayer("user_places", &wgs84, wkbPoint, const_cast<char**>(lopts));
        if (l) {
            for (const char* f : {"id", "name", "aliases", "kind", "note", "created_at"}) {
                OGRFieldDefn fd(f, OFTString);
                l->CreateField(&fd);
            }
        }
        auto* db = static_cast<sqlite3*>(ds->GetInternalHandle("SQLITE_HANDLE"));
        ok = l && db && sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr) == SQLITE_OK;
        for (const char* sql : kSchema)
            ok = ok && sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK;
        ok = ok && migrate_to_2(db);
        for (const char* t : kTables) {
            Stmt s(db,
                   "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, "
                   "last_change) VALUES (?, 'attributes', ?, 'briefmap workspace', "
                   "strftime('%Y-%m-%dT%H:%M:%fZ','now'))");
            ok = ok && s.bind(1, std::string(t)).bind(2, std::string(t)).step() == SQLITE_DONE;
        }
        Stmt meta(db, "INSERT INTO briefmap_meta (key, value) VALUES (?, ?)");
        for (auto [k, v] :
             {std::pair<std::string, std::string>{"schema_version", std::to_string(kSchemaVersion)},
              {"created_at", now_utc()},
              {"created_by", std::string("briefmap ") + BRIEFMAP_VERSION}}) {
            ok = ok && meta.bind(1, k).bind(2, v).step() == SQLITE_DONE;
            meta.reset();
        }
        if (ok) ok = sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr) == SQLITE_OK;
        if (!ok) {
            *err = error(kWhat, path, "",
                         std::string("cannot create its tables: ") +
                             (db ? sqlite3_errmsg(db) : "no SQLite connection"));
        }
    }
    if (ok && link(tmp.c_str(), path.c_str()) != 0 && errno != EEXIST) {
        *err = error(kWhat, path, "", std::string("cannot put it in place: ") + strerror(errno));
        ok = false;
    }
    unlink(tmp.c_str());
    return ok;
}

// Schema 1 to 2, the sources' part: they may be of kind 'watched'. SQLite cannot change a
// CHECK constraint, so the table is rebuilt under the same name (GeoPackage's gpkg_contents keeps
// naming it), inside the caller's transaction.
bool migrate_sources_to_2(sqlite3* db) {
    const char* steps[] = {
        "CREATE TABLE briefmap_sources_2 (fid INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT "
        "NULL CHECK (kind IN ('layer', 'articles', 'watched')), path TEXT NOT NULL, style TEXT, "
        "added_at TEXT NOT NULL, UNIQUE (kind, path))",
        "INSERT INTO briefmap_sources_2 (fid, kind, path, style, added_at) SELECT fid, kind, "
        "path, style, added_at FROM briefmap_sources",
        "DROP TABLE briefmap_sources",
        "ALTER TABLE briefmap_sources_2 RENAME TO briefmap_sources",
    };
    for (const char* sql : steps)
        if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK) return false;
    return true;
}

}  // namespace

std::unique_ptr<Workspace> open_workspace(const std::string& path, OpenMode mode, Problem* err) {
    GDALAllRegister();
    Problem dummy;
    if (!err) err = &dummy;
    struct stat st {};
    if (stat(path.c_str(), &st) != 0) {
        if (errno != ENOENT || mode != OpenMode::Create) {
            *err = error(kWhat, path, "", errno == ENOENT ? "no such file" : strerror(errno),
                         errno == ENOENT ? Problem::Code::NotFound : Problem::Code::Other);
            return nullptr;
        }
        if (!create(path, err)) return nullptr;
        if (stat(path.c_str(), &st) != 0) {
            *err = error(kWhat, path, "", strerror(errno));
            return nullptr;
        }
    }
    if (!S_ISREG(st.st_mode)) {
        *err = error(kWhat, path, "", "not a regular file", Problem::Code::NotRegular);
        return nullptr;
    }
    char head[16] = {};
    {
        const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            *err = error(kWhat, path, "", std::string("cannot read it: ") + strerror(errno),
                         errno == EACCES ? Problem::Code::ReadOnly : Problem::Code::Other);
            return nullptr;
        }
        const ssize_t n = ::read(fd, head, sizeof head);
        ::close(fd);
        if (n == 0) {
            *err = error(kWhat, path, "", "empty file (0 bytes), not a GeoPackage",
                         Problem::Code::Empty);
            return nullptr;
        }
    }
    if (std::memcmp(head, "SQLite format 3", 16) != 0) {
        *err = error(kWhat, path, "", "not a GeoPackage (not an SQLite database file)",
                     Problem::Code::Unsupported);
        return nullptr;
    }
    bool update = mode != OpenMode::ReadOnly;
    // A process killed inside a transaction leaves a hot journal that only a writer can roll
    // back (a read-only connection gets "attempt to write a readonly database"): a reader that
    // may write opens for writing, which recovers the file, and still writes nothing itself.
    const bool hot_journal = access((path + "-journal").c_str(), F_OK) == 0;
    const std::string folder = std::filesystem::path(path).parent_path().string();
    const bool recover = !update && hot_journal && access(path.c_str(), W_OK) == 0 &&
                         access(folder.empty() ? "." : folder.c_str(), W_OK) == 0;
    if (update) {
        // SQLite writes its journal beside the file: the folder must be writable too.
        const std::string dir = std::filesystem::path(path).parent_path().string();
        if (access(path.c_str(), W_OK) != 0 || access(dir.empty() ? "." : dir.c_str(), W_OK) != 0) {
            *err = error(kWhat, path, "",
                         access(path.c_str(), W_OK) != 0
                             ? "read-only: no permission to write the file"
                             : "read-only: no permission to write its folder (SQLite keeps its "
                               "journal there)",
                         Problem::Code::ReadOnly);
            return nullptr;
        }
    }
    Messages msgs;
    GDALDatasetUniquePtr ds = open_gpkg(path, update || recover);
    if (!ds) {
        if (msgs.mention("locked"))
            *err = error(kWhat, path, "", "locked by another process", Problem::Code::Busy);
        else
            *err = error(kWhat, path, "",
                         "an SQLite database but not a GeoPackage" +
                             (msgs.list.empty() ? std::string() : " (" + msgs.list.front() + ")"),
                         Problem::Code::Unsupported);
        return nullptr;
    }
    auto ws = std::make_unique<GpkgWorkspace>(path, std::move(ds), !update);
    sqlite3* db = ws->db();
    if (!db) {
        *err = error(kWhat, path, "", "GDAL gave no SQLite connection for it");
        return nullptr;
    }
    sqlite3_busy_timeout(db, kBusyWaitMs);
    Stmt v(db, "SELECT value FROM briefmap_meta WHERE key = 'schema_version'");
    if (!v.ok()) {
        const std::string why = v.error();
        *err = why.find("locked") != std::string::npos
                   ? error(kWhat, path, "", "locked by another process", Problem::Code::Busy)
                   : error(kWhat, path, "",
                           "a GeoPackage but not a briefmap workspace (no briefmap_meta table)",
                           Problem::Code::Unsupported);
        return nullptr;
    }
    const int rc = v.step();
    if (rc == SQLITE_BUSY) {
        *err = error(kWhat, path, "", "locked by another process", Problem::Code::Busy);
        return nullptr;
    }
    if (rc != SQLITE_ROW) {
        *err = error(kWhat, path, "", "a briefmap workspace without a schema version",
                     Problem::Code::Unsupported);
        return nullptr;
    }
    const std::string text = v.text(0);
    char* end = nullptr;
    const long version = std::strtol(text.c_str(), &end, 10);
    if (text.empty() || *end || version < 1) {
        *err = error(kWhat, path, "", "schema version '" + text + "' is not a number",
                     Problem::Code::BadValue);
        return nullptr;
    }
    if (version > kSchemaVersion) {
        *err = error(kWhat, path, "",
                     "made by a newer briefmap (schema " + text + ", this one reads up to " +
                         std::to_string(kSchemaVersion) + "); left untouched",
                     Problem::Code::NewerVersion);
        return nullptr;
    }
    v.reset();
    ws->set_schema(int(version));
    if (version < 2 && update) {
        // One transaction: a kill leaves the file at schema 1, whole, to migrate next time.
        bool ok = sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) == SQLITE_OK;
        ok = ok && migrate_sources_to_2(db) && migrate_to_2(db);
        ok = ok && sqlite3_exec(db,
                                "UPDATE briefmap_meta SET value = '2' WHERE key = "
                                "'schema_version'",
                                nullptr, nullptr, nullptr) == SQLITE_OK;
        ok = ok && sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr) == SQLITE_OK;
        if (!ok) {
            const std::string why = sqlite3_errmsg(db);
            sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
            *err = error(kWhat, path, "", "cannot bring schema 1 up to 2: " + why,
                         why.find("locked") != std::string::npos ? Problem::Code::Busy
                                                                 : Problem::Code::Other);
            return nullptr;
        }
        ws->set_schema(2);
    }
    return ws;
}

std::string default_workspace_path() {
    const char* xdg = std::getenv("XDG_DATA_HOME");
    if (xdg && *xdg == '/') return std::string(xdg) + "/briefmap/workspace.gpkg";
    const char* home = std::getenv("HOME");
    return std::string(home && *home ? home : ".") + "/.local/share/briefmap/workspace.gpkg";
}

std::string content_hash(const corpus::Article& a) {
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr);
    // Each field followed by a NUL (which sanitised text never holds): no two articles hash
    // the same by moving text between fields.
    auto add = [&](const std::string& s) {
        EVP_DigestUpdate(ctx, s.data(), s.size());
        EVP_DigestUpdate(ctx, "", 1);
    };
    for (const std::string* s : {&a.title, &a.outlet, &a.date, &a.byline, &a.url}) add(*s);
    for (const auto& p : a.paragraphs) add(p);
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned n = 0;
    EVP_DigestFinal_ex(ctx, md, &n);
    EVP_MD_CTX_free(ctx);
    static const char* hex = "0123456789abcdef";
    std::string out;
    for (unsigned i = 0; i < n; ++i) out += hex[md[i] >> 4], out += hex[md[i] & 15];
    return out;
}

}  // namespace bm::store
