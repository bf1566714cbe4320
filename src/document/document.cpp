#include "document/document.h"

#include <ogr_spatialref.h>

#include "geo/load.h"

namespace bm {

bool Document::load(const DocumentOptions& opt) {
    problems.clear();
    Problem perr;
    projection = geo::Projection::create(opt.crs.empty() ? geo::kDefaultCrs : opt.crs, &perr);
    if (!projection) {
        problems.push_back(perr);
        return false;
    }
    std::vector<geo::Layer> layers;
    default_data = opt.data.empty();
    if (default_data) {
        layers = geo::load_default_dataset(problems);
    } else {
        for (const std::string& path : opt.data) {
            auto more = geo::load_dataset(path, problems);
            for (auto& l : more) layers.push_back(std::move(l));
        }
    }
    map = geo::make_map_data(std::move(layers), *projection,
                             default_data ? geo::kSouthCaucasus : geo::Box{});
    style = render::Style::builtin(problems);
    scene = render::build_scene(map.projected, style);
    if (scene.tessellation_failures)
        problems.push_back(
            warning("tessellate", "", "",
                    std::to_string(scene.tessellation_failures) +
                        " polygon(s) could not be triangulated and are drawn as outlines only"));
    reset_view();
    return feature_count() > 0;
}

double Document::scale_denominator(float pixel_ratio) const {
    if (!projection) return 0;
    const double ground_per_px = view.res * projection->ground_scale(view.center, view.res * 100);
    const double metres_per_px = 0.0254 / (96.0 * pixel_ratio);
    return ground_per_px / metres_per_px;
}

size_t Document::feature_count() const {
    size_t n = 0;
    for (auto& l : map.lonlat) n += l.features.size();
    return n;
}

std::string Document::crs_name() const {
    if (!projection) return "";
    OGRSpatialReference s;
    if (s.SetFromUserInput(projection->definition().c_str()) == OGRERR_NONE && s.GetName() &&
        std::string(s.GetName()) != "unknown")
        return s.GetName();
    return projection->definition();
}

}  // namespace bm
