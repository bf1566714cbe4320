#include "document/session.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "common/atomic_file.h"
#include "common/json_number.h"

namespace bm {

using nlohmann::json;

std::string session_to_json(const Session& s) {
    json j;
    j["version"] = s.version;
    j["crs"] = s.crs;
    const geo::Box& view = s.state.view;
    if (view.empty())
        j["view"] = nullptr;
    else
        j["view"] = {
            {"minx", view.minx}, {"miny", view.miny}, {"maxx", view.maxx}, {"maxy", view.maxy}};
    j["window"] = {{"width", s.window_width}, {"height", s.window_height}};
    j["viewport"] = {{"x", s.viewport_x},
                     {"y", s.viewport_y},
                     {"width", s.viewport_width},
                     {"height", s.viewport_height}};
    j["selected"] = s.state.selected.empty() ? json(nullptr) : json(s.state.selected);
    j["passages"] = json::array();
    for (auto& p : s.passages)
        j["passages"].push_back(
            {{"article", p.article}, {"article_id", p.article_id}, {"paragraph", p.paragraph}});
    layers_to_json(s.state, j["layers"]);
    filter_to_json(s.state.filter, j["filter"]);
    export_settings_to_json(s.state.output, j["export"]);
    j["data"] = s.data;
    j["corpus"] = s.corpus;
    j["active_passage"] = s.active_passage ? json{{"article", s.active_passage->article},
                                                  {"article_id", s.active_passage->article_id},
                                                  {"paragraph", s.active_passage->paragraph}}
                                           : json(nullptr);
    j["search"] = s.search;
    if (!s.recent_workspaces.empty()) j["recent_workspaces"] = s.recent_workspaces;
    if (s.left_panel > 0 || s.right_panel > 0 || s.left_collapsed || s.right_collapsed)
        j["panels"] = {{"left", s.left_panel},
                       {"right", s.right_panel},
                       {"left_collapsed", s.left_collapsed},
                       {"right_collapsed", s.right_collapsed}};
    j["legend"] = s.legend;
    j["ui"]["passage_rects"] = json::array();
    for (const auto& r : s.passage_rects)
        j["ui"]["passage_rects"].push_back({{"article", r.article},
                                            {"paragraph", r.paragraph},
                                            {"x", r.x},
                                            {"y", r.y},
                                            {"width", r.width},
                                            {"height", r.height},
                                            {"source", r.source}});
    j["highlighted"] = s.highlighted;
    j["ui"]["controls"] = json::object();
    for (const auto& [name, r] : s.controls) j["ui"]["controls"][name] = r;
    for (const auto& [key, value] : s.facts) j["ui"][key] = value;
    return j.dump(2) + "\n";
}

bool session_from_json(std::string_view text, const std::string& file, Session& out,
                       Problem* problem) {
    auto fail = [&](const std::string& where, const std::string& why,
                    Problem::Code code = Problem::Code::BadValue) {
        if (problem) *problem = error("read session", file, where, why, code);
        return false;
    };
    json j;
    try {
        j = json::parse(text);
    } catch (const json::parse_error& e) {
        return fail("byte " + std::to_string(e.byte), "not valid JSON", Problem::Code::Syntax);
    } catch (const json::exception& e) {  // e.g. out_of_range: a number like 1E400 (fuzz)
        return fail("", std::string("not valid JSON: ") + e.what());
    }
    if (!j.is_object()) return fail("", "not a JSON object");
    Session s;
    try {
        if (!j.contains("version") || !j["version"].is_number_integer())
            return fail("version", "missing or not an integer");
        s.version = json_int(j["version"], "version");
        if (s.version > Session::kVersion)
            return fail("version",
                        "written by a newer briefmap (session version " +
                            std::to_string(s.version) + ", this one reads up to " +
                            std::to_string(Session::kVersion) + "); not loaded and left unchanged",
                        Problem::Code::NewerVersion);
        if (s.version < 1) return fail("version", "invalid version " + std::to_string(s.version));
        if (j.contains("crs") && j["crs"].is_string()) s.crs = j["crs"].get<std::string>();
        if (j.contains("view") && !j["view"].is_null()) {
            const json& v = j["view"];
            geo::Box& b = s.state.view;
            b = {v.at("minx").get<double>(), v.at("miny").get<double>(), v.at("maxx").get<double>(),
                 v.at("maxy").get<double>()};
            if (!(b.minx < b.maxx && b.miny < b.maxy) || !std::isfinite(b.minx) ||
                !std::isfinite(b.maxx) || !std::isfinite(b.miny) || !std::isfinite(b.maxy))
                return fail("view", "empty or non-finite extent");
        }
        if (j.contains("window")) {
            s.window_width = json_field(j["window"], "width", 0, "window");
            s.window_height = json_field(j["window"], "height", 0, "window");
        }
        if (j.contains("viewport")) {
            const json& v = j["viewport"];
            s.viewport_x = json_field(v, "x", 0, "viewport");
            s.viewport_y = json_field(v, "y", 0, "viewport");
            s.viewport_width = json_field(v, "width", 0, "viewport");
            s.viewport_height = json_field(v, "height", 0, "viewport");
        }
        if (j.contains("selected") && j["selected"].is_string())
            s.state.selected = j["selected"].get<std::string>();
        if (j.contains("passages") && j["passages"].is_array())
            for (const json& p : j["passages"])
                s.passages.push_back({json_int(p.at("article"), "passages[].article"),
                                      json_int(p.at("paragraph"), "passages[].paragraph"),
                                      p.contains("article_id") && p["article_id"].is_string()
                                          ? p["article_id"].get<std::string>()
                                          : std::string()});
        if (j.contains("layers") && j["layers"].is_object()) layers_from_json(j["layers"], s.state);
        if (j.contains("filter") && !j["filter"].is_null())
            filter_from_json(j["filter"], s.state.filter);
        if (j.contains("export") && !j["export"].is_null())
            export_settings_from_json(j["export"], s.state.output);
        if (j.contains("data") && j["data"].is_array())
            for (const json& d : j["data"])
                if (d.is_string()) s.data.push_back(d.get<std::string>());
        if (j.contains("corpus") && j["corpus"].is_string())
            s.corpus = j["corpus"].get<std::string>();
        if (j.contains("active_passage") && j["active_passage"].is_object())
            s.active_passage = Session::PassageRef{
                json_field(j["active_passage"], "article", 0, "active_passage"),
                json_field(j["active_passage"], "paragraph", 0, "active_passage")};
        if (s.active_passage && j["active_passage"].contains("article_id") &&
            j["active_passage"]["article_id"].is_string())
            s.active_passage->article_id = j["active_passage"]["article_id"].get<std::string>();
        if (j.contains("search") && j["search"].is_string())
            s.search = j["search"].get<std::string>();
        if (j.contains("legend") && j["legend"].is_boolean()) s.legend = j["legend"].get<bool>();
        if (j.contains("recent_workspaces") && j["recent_workspaces"].is_array())
            for (const auto& w : j["recent_workspaces"])
                if (w.is_string()) s.recent_workspaces.push_back(w.get<std::string>());
        if (j.contains("panels") && j["panels"].is_object()) {
            s.left_panel = json_field(j["panels"], "left", 0.0f, "panels");
            s.right_panel = json_field(j["panels"], "right", 0.0f, "panels");
            for (auto [key, out] : {std::pair{"left_collapsed", &s.left_collapsed},
                                    std::pair{"right_collapsed", &s.right_collapsed}})
                if (j["panels"].contains(key)) {
                    if (!j["panels"][key].is_boolean())
                        return fail(std::string("panels.") + key, "not true or false");
                    *out = j["panels"][key].get<bool>();
                }
        }
    } catch (const json::exception& e) {
        return fail("", std::string("unexpected field type: ") + e.what());
    } catch (const JsonNumberError& e) {
        return fail("", e.what());
    } catch (const std::invalid_argument& e) {
        return fail("", e.what());
    }
    out = std::move(s);
    return true;
}

bool load_session(const std::string& path, Session& out, Problem* problem) {
    std::string text;
    if (!read_file(path, text, problem)) return false;
    return session_from_json(text, path, out, problem);
}

bool save_session(const std::string& path, const Session& s, Problem* problem) {
    if (!make_parent_dirs(path, problem)) return false;
    return write_file_atomic(path, session_to_json(s), problem);
}

std::string default_session_path() {
    if (const char* x = std::getenv("XDG_STATE_HOME"); x && *x)
        return std::string(x) + "/briefmap/session.json";
    if (const char* h = std::getenv("HOME"); h && *h)
        return std::string(h) + "/.local/state/briefmap/session.json";
    return "briefmap-session.json";
}

}  // namespace bm
