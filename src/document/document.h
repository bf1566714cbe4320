#pragma once
// The working set the window and the export share: loaded layers, their projection, the style,
// the tessellated scene and the view. Loading never throws: what could not be loaded is listed
// in `problems` and the rest stays usable.
#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "common/problem.h"
#include "corpus/corpus.h"
#include "gazetteer/gazetteer.h"
#include "geo/map_data.h"
#include "geo/projection.h"
#include "geo/viewport.h"
#include "linker/decisions.h"
#include "linker/linker.h"
#include "render/scene.h"
#include "render/style.h"
#include "store/workspace.h"

namespace bm {

struct DocumentOptions {
    std::vector<std::string> data;  // OGR data sources; empty = the embedded default GeoPackage
    std::string crs;                // empty = geo::kDefaultCrs
    std::string corpus;             // articles; empty = the embedded default corpus
    bool demonyms = false;          // count "Armenian" etc. as mentions of the country
    // A workspace (store/workspace.h): its layers and articles on top of `data` and `corpus`,
    // its view state in place of the session's. "" = none.
    std::string workspace;
    store::OpenMode workspace_mode = store::OpenMode::ReadWrite;
};

class Document {
  public:
    // Returns false when nothing usable loaded (no layer with features, or a bad CRS).
    bool load(const DocumentOptions& opt);

    Problems problems;
    std::optional<geo::Projection> projection;
    geo::MapData map;
    render::Style style;
    render::Scene scene;
    geo::Viewport view;  // width/height are set by whoever draws
    bool default_data = true;
    DocumentOptions options;  // what it was loaded from (for the session and sidecars)
    // Seconds per phase of the last load() ("load: read layers", ...), for --timings.
    std::vector<std::pair<std::string, double>> load_timings;

    // The open workspace (null without one, or when it could not be opened: see problems).
    // Shared so that the window keeps it while a reload builds the next Document.
    std::shared_ptr<store::Workspace> workspace;

    corpus::Corpus corpus;
    gazetteer::Gazetteer gazetteer;  // with the workspace's aliases added to their places
    linker::Index index;             // with the workspace's decisions applied
    // The user's link decisions in force (the workspace's, then those taken since loading) and
    // what each changed; the linker the index was built with, kept for re-linking.
    linker::Decisions decisions;
    linker::DecisionReport decision_report;
    std::shared_ptr<const linker::Linker> linker;

    // Takes a decision: written to the workspace first (when there is one; nothing changes
    // when that fails), then applied by re-linking only the articles it can touch. Returns
    // the articles re-linked (empty and false on failure, with a Problem).
    bool decide(const linker::Decision& d, Problems& problems,
                std::vector<ArticleId>* relinked = nullptr);
    // Adds an alias to a place (kept in the workspace when there is one) and links it in every
    // article that names it.
    bool add_alias(PlaceId place, const std::string& alias, Problems& problems,
                   std::vector<ArticleId>* relinked = nullptr);
    // Gazetteer place <-> scene feature; none where there is none.
    std::vector<FeatureId> place_feature;
    std::vector<PlaceId> feature_place;
    FeatureId feature_of_place(PlaceId place) const {
        return place && place.index() < place_feature.size() ? place_feature[place.index()]
                                                             : FeatureId::none();
    }
    PlaceId place_of_feature(FeatureId feature) const {
        return feature && feature.index() < feature_place.size() ? feature_place[feature.index()]
                                                                 : PlaceId::none();
    }
    // The place for a user's NAME (id, name or alias, case-insensitive); none if none.
    PlaceId find_place(std::string_view name) const;
    // The scene feature's box (projected); only for a valid feature.
    const geo::Box& feature_box(FeatureId f) const { return scene.features[f.index()].bbox; }

    void reset_view() { view.fit(map.home, 8); }
    // Geometry of one level of detail (see render/scene.h); thread-safe, const.
    render::LodGeometry build_lod(int level, const render::LodScope& scope = {}) const;
    // Map scale 1:N at the view centre for a display of 96 logical dpi times pixel_ratio.
    double scale_denominator(float pixel_ratio) const;
    size_t feature_count() const;
    std::string crs_name() const;  // short name of the projection for the status bar
};

// Builds the remaining levels of detail on a background thread, nearest to `first` first, so
// the first frame shows after one level and zooming later never waits for tessellation.
class LodWorker {
  public:
    LodWorker() = default;
    LodWorker(const LodWorker&) = delete;
    LodWorker& operator=(const LodWorker&) = delete;
    ~LodWorker() { stop(); }
    // `doc` must stay unchanged until stop() (or destruction).
    void start(const Document& doc, int first_done);
    void stop();
    // A finished level, if any, to upload on the GL thread.
    std::optional<std::pair<int, render::LodGeometry>> poll();
    bool finished() const { return finished_; }

  private:
    std::thread thread_;
    std::atomic<bool> stop_{false};
    std::atomic<bool> finished_{false};
    std::mutex m_;
    std::vector<std::pair<int, render::LodGeometry>> done_;
};

}  // namespace bm
