#pragma once
// Places, their names and aliases, taken from every named feature of the loaded layers
// (countries, provinces, places, areas, routes). Knows nothing of articles.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/id.h"
#include "common/problem.h"
#include "geo/layer.h"

namespace bm {
// A place: its position in the Gazetteer (stable while the gazetteer lives; sessions and
// sidecars keep Place::id, the string).
using PlaceId = Id<struct PlaceTag>;
}  // namespace bm

namespace bm::gazetteer {

struct Place {
    std::string id;
    std::string name;
    std::vector<std::string> aliases;
    std::string kind;         // country, province, city, town, area, route, …
    std::string layer;        // name of the layer the feature came from (for display)
    double lon = 0, lat = 0;  // representative point (Feature::label_point)
    size_t feature = 0;       // index of the feature in its layer
    size_t layer_index = 0;   // index of that layer in the layers Gazetteer::build was given
    // From the feature's attributes when it has them (the default data's places do; a user's
    // layer may not), for disambiguation and for what the map shows at which zoom:
    int64_t population = 0;    // `population`: 0 = unknown
    std::string feature_code;  // `feature_code`: GeoNames code (PPLC, PPLA, PPL, ADM1, ADM2…)
    std::string admin;         // `admin`: id of the province (admin-1 place) it lies in
};

class Gazetteer {
  public:
    Gazetteer() = default;
    // Every feature with a name or an alias becomes a Place, in layer then feature order.
    // Duplicate ids (the later one is dropped) and names/aliases shared by two places
    // (ambiguous: both keep them) are reported as warnings; names shared within the embedded
    // default data (geo::kDefaultDataSource) are not.
    static Gazetteer build(const std::vector<geo::Layer>& layers, Problems& problems);
    void add(Place p) { places_.push_back(std::move(p)); }
    // A user's alias of an existing place (a workspace's); false when the place already has
    // that name or alias (ignoring case and separators).
    bool add_alias(PlaceId place, const std::string& alias);

    const std::vector<Place>& places() const { return places_; }
    size_t size() const { return places_.size(); }
    const Place& operator[](PlaceId i) const { return places_[i.index()]; }
    IdRange<PlaceId> ids() const { return IdRange<PlaceId>(places_.size()); }
    bool contains(PlaceId i) const { return i.valid() && i.index() < places_.size(); }

    // The place with this id, or none.
    PlaceId find_id(std::string_view id) const;
    // Places whose id, name or one of whose aliases equals `name`, ignoring case (ASCII letters
    // and the common Latin/Cyrillic/Armenian capitals) and treating space, hyphen, en dash and
    // U+00A0 alike.
    std::vector<PlaceId> find(std::string_view name) const;

  private:
    std::vector<Place> places_;
};

// Case- and separator-folded key used by Gazetteer::find and by the ambiguity report.
std::string fold_key(std::string_view name);

}  // namespace bm::gazetteer
