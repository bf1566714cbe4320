#include "document/reading.h"

#include <ogr_spatialref.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>

namespace bm {

namespace {
bool place_matches(const gazetteer::Place& p, const std::string& needle) {
    if (needle.empty()) return true;
    if (gazetteer::fold_key(p.name).find(needle) != std::string::npos) return true;
    for (const auto& a : p.aliases)
        if (gazetteer::fold_key(a).find(needle) != std::string::npos) return true;
    return p.id.find(needle) != std::string::npos;
}
}  // namespace

std::vector<PlaceId> search_places(const gazetteer::Gazetteer& g, std::string_view search,
                                   const std::vector<int>& counts, int sort) {
    const std::string needle = gazetteer::fold_key(search);
    std::vector<PlaceId> rows;
    for (PlaceId i : g.ids())
        if (place_matches(g[i], needle)) rows.push_back(i);
    auto by_name = [&](PlaceId a, PlaceId b) { return g[a].name < g[b].name; };
    auto count = [&](PlaceId i) { return i.index() < counts.size() ? counts[i.index()] : 0; };
    if (sort == 0)
        std::stable_sort(rows.begin(), rows.end(), by_name);
    else
        std::stable_sort(rows.begin(), rows.end(), [&](PlaceId a, PlaceId b) {
            if (count(a) != count(b)) return count(a) > count(b);
            return by_name(a, b);
        });
    return rows;
}

std::string citation(const corpus::Article& a) {
    std::vector<std::string> parts;
    if (!a.outlet.empty()) parts.push_back(a.outlet);
    if (!a.date.empty()) parts.push_back(a.date);
    if (!a.title.empty()) parts.push_back("\u201c" + a.title + "\u201d");
    if (!a.url.empty()) parts.push_back(a.url);
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : ", ") + p;
    return out;
}

std::string quote(const corpus::Article& a, size_t paragraph) {
    std::string text = paragraph < a.paragraphs.size() ? a.paragraphs[paragraph] : "";
    std::string src = a.outlet.empty() ? "unknown outlet" : a.outlet;
    if (!a.date.empty()) src += ", " + a.date;
    return "\u201c" + text + "\u201d (" + src + ")";
}

std::string FilterSummary::text() const {
    return std::to_string(shown) + " of " + std::to_string(total) + " article" +
           (total == 1 ? "" : "s");
}

FilterSummary summarise_filter(const corpus::Corpus& c, const SourceFilter& f) {
    FilterSummary s;
    s.total = c.articles.size();
    s.active = f.active();
    for (const auto& a : c.articles) s.shown += f.accepts(a) ? 1 : 0;
    return s;
}

std::vector<std::string> corpus_dates(const corpus::Corpus& c) {
    std::set<std::string> d;
    for (const auto& a : c.articles)
        if (!a.date.empty()) d.insert(a.date);
    return {d.begin(), d.end()};
}

namespace {
// Days since 1970-01-01 of a civil date and back (H. Hinnant's algorithms).
long days_from_civil(int y, unsigned m, unsigned d) {
    y -= m <= 2;
    const long era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = unsigned(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + long(doe) - 719468;
}
void civil_from_days(long z, int& y, unsigned& m, unsigned& d) {
    z += 719468;
    const long era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = unsigned(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y = int(yoe) + int(era) * 400 + (m <= 2);
}
}  // namespace

bool is_iso_date(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (s[i] < '0' || s[i] > '9') return false;
    const int y = std::stoi(std::string(s.substr(0, 4)));
    const unsigned m = unsigned(std::stoi(std::string(s.substr(5, 2))));
    const unsigned d = unsigned(std::stoi(std::string(s.substr(8, 2))));
    if (m < 1 || m > 12 || d < 1) return false;
    int y2;
    unsigned m2, d2;
    civil_from_days(days_from_civil(y, m, d), y2, m2, d2);
    return y2 == y && m2 == m && d2 == d;
}

std::string add_days(const std::string& date, int days) {
    if (!is_iso_date(date)) return "";
    int y = std::stoi(date.substr(0, 4));
    unsigned m = unsigned(std::stoi(date.substr(5, 2))), d = unsigned(std::stoi(date.substr(8, 2)));
    civil_from_days(days_from_civil(y, m, d) + days, y, m, d);
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, d);
    return buf;
}

void filter_last_days(const corpus::Corpus& c, int days, SourceFilter& f) {
    const auto dates = corpus_dates(c);
    if (dates.empty() || days < 1) return;
    f.to = dates.back();
    f.from = add_days(f.to, -(days - 1));
}

namespace {
std::string degrees(double v, char pos, char neg) {
    char buf[32];
    const double a = std::fabs(v);
    if (std::fabs(a - std::round(a)) < 1e-9)
        std::snprintf(buf, sizeof buf, "%.0f\u00b0%c", a, v < 0 ? neg : pos);
    else
        std::snprintf(buf, sizeof buf, "%.2f\u00b0%c", a, v < 0 ? neg : pos);
    return buf;
}
}  // namespace

std::string crs_brief(const std::string& definition) {
    OGRSpatialReference s;
    if (definition.empty() || s.SetFromUserInput(definition.c_str()) != OGRERR_NONE)
        return definition;
    if (s.IsGeographic()) {
        const char* n = s.GetName();
        return std::string(n && *n && std::string(n) != "unknown" ? n : "Geographic") + " lon/lat";
    }
    char* p4 = nullptr;
    std::map<std::string, std::string> kv;
    if (s.exportToProj4(&p4) == OGRERR_NONE && p4) {
        std::istringstream in(p4);
        std::string tok;
        while (in >> tok) {
            if (tok.empty() || tok[0] != '+') continue;
            const size_t eq = tok.find('=');
            kv[tok.substr(1, eq == std::string::npos ? std::string::npos : eq - 1)] =
                eq == std::string::npos ? "" : tok.substr(eq + 1);
        }
    }
    CPLFree(p4);
    const std::string proj = kv.count("proj") ? kv["proj"] : "";
    if (proj.empty()) return definition;
    if (proj == "utm") return "UTM " + kv["zone"] + (kv.count("south") ? "S" : "N");
    static const std::map<std::string, std::string> names = {{"lcc", "LCC"},
                                                             {"laea", "LAEA"},
                                                             {"aea", "Albers"},
                                                             {"aeqd", "AEQD"},
                                                             {"tmerc", "TM"},
                                                             {"merc", "Mercator"},
                                                             {"stere", "Stereo"},
                                                             {"sterea", "Stereo"},
                                                             {"eqc", "Plate carr\u00e9e"},
                                                             {"ortho", "Orthographic"},
                                                             {"robin", "Robinson"}};
    auto it = names.find(proj);
    std::string out = it != names.end() ? it->second : proj;
    auto num = [&](const char* k) { return kv.count(k) ? std::atof(kv[k].c_str()) : 0.0; };
    if (kv.count("lat_0") || kv.count("lat_ts"))
        out += " " + degrees(num(kv.count("lat_0") ? "lat_0" : "lat_ts"), 'N', 'S');
    if (kv.count("lon_0")) out += " " + degrees(num("lon_0"), 'E', 'W');
    return out;
}

const std::vector<SizePreset>& export_size_presets() {
    static const std::vector<SizePreset> presets = {
        {"Map view", 0, 0},
        {"16:9 slide (1920 \u00d7 1080)", 1920, 1080},
        {"4K (3840 \u00d7 2160)", 3840, 2160},
        {"Square (2048 \u00d7 2048)", 2048, 2048},
        {"A4 landscape, 300 dpi (3508 \u00d7 2480)", 3508, 2480},
        {"Custom", 0, 0}};
    return presets;
}

size_t size_preset_for(int width, int height) {
    const auto& p = export_size_presets();
    for (size_t i = 1; i + 1 < p.size(); ++i)
        if (p[i].width == width && p[i].height == height) return i;
    return p.size() - 1;
}

std::string default_export_dir() {
    const char* home_env = std::getenv("HOME");
    const std::string home = home_env && *home_env ? home_env : "";
    std::error_code ec;
    const std::string cwd = std::filesystem::current_path(ec).string();
    const bool root_not_home = cwd == "/root" && home != "/root";
    if (!ec && !cwd.empty() && cwd != "/" && !root_not_home && ::access(cwd.c_str(), W_OK) == 0)
        return cwd;
    if (!home.empty()) return home;
    return ".";
}

}  // namespace bm
