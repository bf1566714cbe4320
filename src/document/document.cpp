#include "document/document.h"

#include <ogr_spatialref.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <map>

#include "corpus/article_id.h"
#include "document/review.h"
#include "geo/load.h"
#include "geo/raster.h"
#include "store/content.h"

namespace bm {

bool Document::load(const DocumentOptions& opt) {
    problems.clear();
    load_timings.clear();
    options = opt;
    auto t = std::chrono::steady_clock::now();
    auto lap = [&](const char* phase) {
        const auto now = std::chrono::steady_clock::now();
        load_timings.emplace_back(phase, std::chrono::duration<double>(now - t).count());
        t = now;
    };
    Problem perr;
    projection = geo::Projection::create(opt.crs.empty() ? geo::kDefaultCrs : opt.crs, &perr);
    if (!projection) {
        problems.push_back(perr);
        return false;
    }
    // "default" among the paths stands for the embedded data, so a user can add layers to it.
    default_data = opt.data.empty() ||
                   std::find(opt.data.begin(), opt.data.end(), "default") != opt.data.end();
    lap("load: projection");
    workspace.reset();
    if (!opt.workspace.empty()) {
        Problem err;
        workspace = store::open_workspace(opt.workspace, opt.workspace_mode, &err);
        // A workspace on a read-only medium can still be read; changes then are refused.
        if (!workspace && err.code == Problem::Code::ReadOnly &&
            opt.workspace_mode != store::OpenMode::ReadOnly) {
            workspace = store::open_workspace(opt.workspace, store::OpenMode::ReadOnly, &err);
            if (workspace)
                problems.push_back(warning("open workspace", opt.workspace, "",
                                           "read-only: imports and the view will not be kept",
                                           Problem::Code::ReadOnly));
        }
        if (!workspace) problems.push_back(err);
    }
    std::vector<geo::Layer> layers = store::load_layers(opt.data, workspace.get(), problems);
    lap("load: read layers");
    map = geo::make_map_data(std::move(layers), *projection,
                             default_data ? geo::kSouthCaucasus : geo::Box{}, &problems);
    lap("load: project");
    style = render::Style::builtin(problems);
    scene = render::build_scene(map.projected, style);
    lap("load: scene");

    corpus = store::load_articles(opt.corpus, workspace.get(), problems);
    gazetteer = gazetteer::Gazetteer::build(map.lonlat, problems);
    std::vector<linker::Decision> taken;
    if (workspace) {
        review::add_aliases(gazetteer, workspace->aliases(), workspace->location(), problems);
        taken = review::decisions_of(workspace->link_decisions(), workspace->location(), problems);
    }
    decisions = linker::Decisions(std::move(taken), gazetteer);
    decision_report = {};
    linker::Options lo;
    lo.demonyms = opt.demonyms;
    linker = std::make_shared<const linker::Linker>(gazetteer, lo);
    index = linker::Index::build(*linker, corpus, &decisions, &decision_report);
    // A decision whose mention is gone is kept in the workspace; say so once.
    if (workspace)
        for (const auto& st : decision_report.stale(decisions, gazetteer))
            problems.push_back(warning("apply link decisions", workspace->location(),
                                       "decision " + std::to_string(st.decision + 1),
                                       st.why + "; kept, not applied", Problem::Code::NotFound));
    lap("load: corpus+gazetteer+links");
    place_feature.assign(gazetteer.size(), FeatureId::none());
    feature_place.assign(scene.features.size(), PlaceId::none());
    for (PlaceId i : gazetteer.ids()) {
        const auto& p = gazetteer[i];
        const int g = scene.find(int(p.layer_index), int(p.feature));
        if (g < 0) continue;
        place_feature[i.index()] = FeatureId(size_t(g));
        feature_place[size_t(g)] = i;
    }
    reset_view();
    bool raster = false;  // a raster alone is something to look at
    for (const auto& l : map.projected) raster |= l.raster && l.raster->image;
    return feature_count() > 0 || raster;
}

namespace {

// The articles with a link to `place` (counted or not).
void articles_linking(const linker::Index& index, PlaceId place, std::vector<ArticleId>& out) {
    for (const auto* list : {&index.passages_of(place), &index.uncertain_passages_of(place)})
        for (const auto& ps : *list)
            if (out.empty() || out.back() != ps.article) out.push_back(ps.article);
}

}  // namespace

bool Document::decide(const linker::Decision& d, Problems& ps, std::vector<ArticleId>* relinked) {
    const PlaceId from = gazetteer.find_id(d.place);
    if (!from) {
        ps.push_back(
            error("decide", "", d.place, "no place with this id", Problem::Code::NotFound));
        return false;
    }
    if (d.action == linker::Action::reassign && !gazetteer.find_id(d.to)) {
        ps.push_back(error("decide", "", d.to, "no place with this id", Problem::Code::NotFound));
        return false;
    }
    // The same decision as the one in force for this mention: nothing to keep or re-link.
    const auto& had = decisions.list();
    for (size_t i = had.size(); i-- > 0;)
        if (had[i].article == d.article && had[i].paragraph == d.paragraph &&
            had[i].mention == d.mention) {
            if (had[i] == d) {
                if (relinked) relinked->clear();
                return true;
            }
            break;
        }
    if (workspace && !workspace->add_link_decision(review::to_row(d), ps)) return false;
    std::vector<linker::Decision> list = decisions.list();
    list.push_back(d);
    decisions = linker::Decisions(std::move(list), gazetteer);
    std::vector<ArticleId> todo;
    if (d.scope == linker::Scope::all) {
        articles_linking(index, from, todo);
        if (d.action == linker::Action::reassign)
            articles_linking(index, gazetteer.find_id(d.to), todo);
    } else {
        todo.push_back(corpus::find_article(corpus, d.article));
    }
    decision_report = {};
    if (linker) index.relink(*linker, corpus, todo, &decisions, &decision_report);
    if (relinked) *relinked = todo;
    return true;
}

bool Document::add_alias(PlaceId place, const std::string& alias, Problems& ps,
                         std::vector<ArticleId>* relinked) {
    if (!gazetteer.contains(place) || alias.empty()) {
        ps.push_back(error("add alias", "", alias, "no such place or an empty alias",
                           Problem::Code::BadValue));
        return false;
    }
    if (workspace && !workspace->add_alias({gazetteer[place].id, alias, ""}, ps)) return false;
    if (!gazetteer.add_alias(place, alias)) {
        if (relinked) relinked->clear();
        return true;  // a name it had: nothing to link anew
    }
    // Which articles name the alias: a matcher of that one name over the text (the linker of
    // the whole gazetteer is rebuilt for the rules, but only those articles are re-linked).
    gazetteer::Gazetteer one;
    gazetteer::Place p;
    p.id = "alias";
    p.name = alias;
    one.add(p);
    linker::Options plain;
    plain.disambiguate = false;
    const linker::Linker probe(one, plain);
    std::vector<ArticleId> todo;
    std::vector<linker::Hit> hits;
    linker::Linker::Scratch scratch;
    for (ArticleId a : corpus.ids())
        for (const auto& para : corpus[a].paragraphs) {
            probe.link(para, hits, scratch);
            if (!hits.empty()) {
                todo.push_back(a);
                break;
            }
        }
    linker = std::make_shared<const linker::Linker>(gazetteer,
                                                    linker ? linker->options() : linker::Options{});
    decisions = linker::Decisions(decisions.list(), gazetteer);
    decision_report = {};
    index.relink(*linker, corpus, todo, &decisions, &decision_report);
    if (relinked) *relinked = todo;
    return true;
}

PlaceId Document::find_place(std::string_view name) const {
    auto hits = gazetteer.find(name);
    return hits.empty() ? PlaceId::none() : hits.front();
}

render::LodGeometry Document::build_lod(int level, const render::LodScope& scope) const {
    return render::build_lod(scene, map.projected, level, scope);
}

void LodWorker::start(const Document& doc, int first_done) {
    stop();
    stop_ = false;
    finished_ = false;
    const int n = int(doc.scene.lod_tolerances.size());
    thread_ = std::thread([this, &doc, first_done, n] {
        // Background work: yield the cores to the renderer (llvmpipe draws on them too).
        setpriority(PRIO_PROCESS, pid_t(syscall(SYS_gettid)), 10);
        for (int d = 1; d < n && !stop_; ++d)
            for (int level : {first_done - d, first_done + d}) {
                if (level < 0 || level >= n || stop_) continue;
                render::LodGeometry g = doc.build_lod(level);
                std::lock_guard lock(m_);
                done_.emplace_back(level, std::move(g));
            }
        finished_ = true;
    });
}

void LodWorker::stop() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
    done_.clear();
}

std::optional<std::pair<int, render::LodGeometry>> LodWorker::poll() {
    std::lock_guard lock(m_);
    if (done_.empty()) return std::nullopt;
    auto out = std::move(done_.front());
    done_.erase(done_.begin());
    return out;
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
