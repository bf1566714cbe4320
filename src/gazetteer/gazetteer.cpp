#include "gazetteer/gazetteer.h"

#include <cstdlib>
#include <unordered_map>

#include "gazetteer/unicode.h"

namespace bm::gazetteer {

std::string fold_key(std::string_view name) {
    std::string out;
    out.reserve(name.size());
    bool sep = false;
    for (size_t i = 0; i < name.size();) {
        size_t n = 0;
        char32_t cp = uni::decode(name, i, n);
        i += n;
        // Space, hyphen, en dash and no-break space are one separator, as in the linker.
        if (cp == ' ' || cp == '-' || cp == 0x2013 || cp == 0xA0 || cp == '\t') {
            sep = true;
            continue;
        }
        if (sep && !out.empty()) out += ' ';
        sep = false;
        if (cp == 0x587) {  // Armenian և is ե + վ (its capital form is ԵՎ)
            uni::append_utf8(out, 0x565);
            cp = 0x57E;
        }
        uni::append_utf8(out, uni::to_lower(cp));
    }
    return out;
}

bool Gazetteer::add_alias(PlaceId place, const std::string& alias) {
    if (!contains(place) || alias.empty()) return false;
    Place& p = places_[place.index()];
    const std::string key = fold_key(alias);
    if (fold_key(p.name) == key) return false;
    for (const auto& a : p.aliases)
        if (fold_key(a) == key) return false;
    p.aliases.push_back(alias);
    return true;
}

Gazetteer Gazetteer::build(const std::vector<geo::Layer>& layers, Problems& problems) {
    Gazetteer g;
    std::unordered_map<std::string, size_t> by_id;
    std::vector<const std::string*> source;  // per place: the file it came from
    for (size_t li = 0; li < layers.size(); ++li) {
        const geo::Layer& layer = layers[li];
        for (size_t f = 0; f < layer.features.size(); ++f) {
            const geo::Feature& ft = layer.features[f];
            if (ft.name.empty() && ft.aliases.empty()) continue;
            std::string where =
                "layer " + layer.name + ", feature " + std::to_string(f) + " (id=" + ft.id + ")";
            if (auto [it, fresh] = by_id.emplace(ft.id, g.places_.size()); !fresh) {
                problems.push_back(warning("build gazetteer", layer.source, where,
                                           "duplicate id; first one (" +
                                               g.places_[it->second].name + ", layer " +
                                               g.places_[it->second].layer + ") kept"));
                continue;
            }
            Place p;
            p.id = ft.id;
            p.name = ft.name.empty() ? ft.aliases.front() : ft.name;
            for (const auto& a : ft.aliases)
                if (!a.empty() && a != p.name) p.aliases.push_back(a);
            p.kind = ft.kind;
            p.layer = layer.name;
            p.layer_index = li;
            p.lon = ft.label_point.x;
            p.lat = ft.label_point.y;
            p.feature = f;
            if (auto it = ft.props.find("population"); it != ft.props.end())
                p.population = std::strtoll(it->second.c_str(), nullptr, 10);
            if (auto it = ft.props.find("feature_code"); it != ft.props.end())
                p.feature_code = it->second;
            if (auto it = ft.props.find("admin"); it != ft.props.end()) p.admin = it->second;
            g.places_.push_back(std::move(p));
            source.push_back(&layer.source);
        }
    }
    // A name or alias owned by two places: the linker links mentions to both; say so, unless
    // both are of the embedded default data, whose thousands of shared village names (two
    // Agaraks, many Aghdams) are by design and would bury a user's own problems.
    std::unordered_map<std::string, size_t> owner;
    for (size_t i = 0; i < g.places_.size(); ++i) {
        const Place& p = g.places_[i];
        auto check = [&](const std::string& n) {
            auto [it, fresh] = owner.emplace(fold_key(n), i);
            if (!fresh && it->second != i) {
                if (*source[i] == geo::kDefaultDataSource &&
                    *source[it->second] == geo::kDefaultDataSource)
                    return;
                const Place& q = g.places_[it->second];
                problems.push_back(warning(
                    "build gazetteer", *source[i], "layer " + p.layer + ", id=" + p.id,
                    "name \"" + n + "\" also names id=" + q.id + " (" + q.name + "): ambiguous"));
            }
        };
        check(p.name);
        for (const auto& a : p.aliases) check(a);
    }
    return g;
}

PlaceId Gazetteer::find_id(std::string_view id) const {
    for (size_t i = 0; i < places_.size(); ++i)
        if (places_[i].id == id) return PlaceId(i);
    return PlaceId::none();
}

std::vector<PlaceId> Gazetteer::find(std::string_view name) const {
    std::vector<PlaceId> out;
    std::string key = fold_key(name);
    for (size_t i = 0; i < places_.size(); ++i) {
        const Place& p = places_[i];
        bool hit = fold_key(p.id) == key || fold_key(p.name) == key;
        for (size_t a = 0; !hit && a < p.aliases.size(); ++a) hit = fold_key(p.aliases[a]) == key;
        if (hit) out.push_back(PlaceId(i));
    }
    return out;
}

}  // namespace bm::gazetteer
