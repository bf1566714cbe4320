#include "document/controller.h"

#include <algorithm>
#include <cmath>

#include "corpus/article_id.h"

namespace bm {

geo::Viewport interpolate_view(const geo::Viewport& from, const geo::Viewport& to, double e) {
    geo::Viewport v = to;
    v.center = {from.center.x + (to.center.x - from.center.x) * e,
                from.center.y + (to.center.y - from.center.y) * e};
    v.res = std::exp(std::log(from.res) + (std::log(to.res) - std::log(from.res)) * e);
    return v;
}

geo::Viewport flight_view(const Flight& f, double now) {
    const double t = std::clamp((now - f.start) / f.duration, 0.0, 1.0);
    const double e = t * t * (3 - 2 * t);  // ease in-out
    return interpolate_view(f.from, f.to, e);
}

std::vector<const linker::Passage*> visible_passages(const Document& doc,
                                                     const SourceFilter& filter, PlaceId place) {
    std::vector<const linker::Passage*> out;
    for (const linker::Passage& p : doc.index.passages_of(place))
        if (doc.corpus.contains(p.article) && filter.accepts(doc.corpus[p.article]))
            out.push_back(&p);
    return out;
}

Controller::Controller(Document& doc, Interaction& st) : doc_(doc), st_(st) {
    pick_.build(doc_.map.projected);
    for (size_t li = 0; li < doc_.map.projected.size(); ++li) {
        int first = -1;
        for (const auto& sl : doc_.scene.layers)
            if (sl.source == int(li)) first = int(sl.features.first);
        layer_first_.push_back(first);
    }
    normalise_layers(st_.view, doc_.scene);
    refresh_layers();
}

void Controller::begin_frame(double now, float pixel_ratio) {
    now_ = now;
    ratio_ = pixel_ratio;
}

std::vector<FeatureId> Controller::features_at(geo::Vec2 s) const {
    const geo::Vec2 m = doc_.view.to_map(s);
    const double px = doc_.view.res * ratio_;
    auto pickable = [&](geo::FeatureRef r) {
        const int first = layer_first_[size_t(r.layer)];
        if (first < 0) return false;
        const auto& sf = doc_.scene.features[size_t(first + r.feature)];
        // A place too small for this zoom is not drawn, so it is not under the cursor either.
        return st_.layers.shown(size_t(sf.layer)) && !sf.style.hidden &&
               (sf.style.max_res <= 0 || px <= sf.style.max_res);
    };
    const std::vector<geo::FeatureRef> hits = pick_.pick_all(m, 7 * px, 5 * px, pickable);
    // Height of each scene layer in the draw order (order[0] is drawn first, at the bottom).
    std::vector<size_t> height(doc_.scene.layers.size(), 0);
    for (size_t k = 0; k < st_.layers.order.size(); ++k)
        if (st_.layers.order[k] < height.size()) height[st_.layers.order[k]] = k;
    // Polygons by layer height, smallest first within a layer (pick_all's order). A point or
    // line goes above every polygon of a lower layer and above any polygon whose fill is
    // transparent (a province outline does not hide the towns under it); a polygon that paints
    // over it (Nagorno-Karabakh's hatching, a user's filled area) stays on top.
    auto layer_of = [&](int f) { return size_t(doc_.scene.features[size_t(f)].layer); };
    std::vector<int> polys, marks;
    for (const geo::FeatureRef& r : hits) {
        const int f = layer_first_[size_t(r.layer)] + r.feature;
        (doc_.map.projected[size_t(r.layer)].features[size_t(r.feature)].geom.kind ==
                 geo::GeomKind::Polygon
             ? polys
             : marks)
            .push_back(f);
    }
    auto higher = [&](int a, int b) { return height[layer_of(a)] > height[layer_of(b)]; };
    std::stable_sort(polys.begin(), polys.end(), higher);
    std::stable_sort(marks.begin(), marks.end(), higher);
    std::vector<FeatureId> out;
    out.reserve(hits.size());
    size_t next = 0;  // polygons already placed
    auto id = [](int f) { return FeatureId(size_t(f)); };
    for (int m : marks) {
        // Below the last polygon that paints over it: opaque or hatched, in a higher layer.
        size_t end = next;
        for (size_t j = next; j < polys.size(); ++j) {
            const auto& st = doc_.scene.features[size_t(polys[j])].style;
            const bool transparent = st.fill[3] <= 0 && !st.hatch;
            if (!transparent && height[layer_of(polys[j])] > height[layer_of(m)]) end = j + 1;
        }
        while (next < end) out.push_back(id(polys[next++]));
        out.push_back(id(m));
    }
    for (; next < polys.size(); ++next) out.push_back(id(polys[next]));
    return out;
}

FeatureId Controller::feature_at(geo::Vec2 s) const {
    const std::vector<FeatureId> all = features_at(s);
    return all.empty() ? FeatureId::none() : all.front();
}

void Controller::click(geo::Vec2 screen) {
    std::vector<FeatureId> stack;
    for (FeatureId f : features_at(screen))
        if (doc_.place_of_feature(f)) stack.push_back(f);
    if (stack.empty()) {
        last_click_.reset();
        select(PlaceId::none(), false);
        return;
    }
    size_t index = 0;
    if (last_click_ && last_click_->stack == stack &&
        std::hypot(screen.x - last_click_->screen.x, screen.y - last_click_->screen.y) <=
            4 * ratio_ &&
        st_.selected == doc_.place_of_feature(stack[last_click_->index]))
        index = (last_click_->index + 1) % stack.size();
    last_click_ = LastClick{screen, stack, index};
    select(doc_.place_of_feature(stack[index]), false);
}

void Controller::hover(std::optional<geo::Vec2> screen) {
    hovered_stack_ = screen ? features_at(*screen) : std::vector<FeatureId>{};
    hovered_feature_ = hovered_stack_.empty() ? FeatureId::none() : hovered_stack_.front();
}

geo::Viewport Controller::fly_target(const geo::Viewport& from, const geo::Box& b,
                                     float pixel_ratio) {
    geo::Viewport to = from;
    if (b.maxx - b.minx < 1 && b.maxy - b.miny < 1) {
        to.center = b.center();
        to.res = std::min(from.res, 250.0 * pixel_ratio);
    } else {
        to.fit(b, 60 * pixel_ratio);
        to.res = std::max(to.res, 40.0 * pixel_ratio);
    }
    return to;
}

void Controller::fly_to(const geo::Box& box, double min_res) {
    geo::Viewport to = doc_.view;
    to.fit(box, 60 * ratio_);
    to.res = std::max(to.res, min_res * ratio_);
    flight_ = Flight{doc_.view, to, now_};
}

void Controller::step_fly() {
    if (!flight_) return;
    geo::Viewport v = flight_view(*flight_, now_);
    v.width = doc_.view.width;
    v.height = doc_.view.height;
    doc_.view = v;
    if ((now_ - flight_->start) / flight_->duration >= 1) flight_.reset();
}

bool Controller::can_go_back() const {
    if (history_.empty()) return false;
    return at_ > 0 || st_.selected != history_[at_];
}

bool Controller::can_go_forward() const {
    return !history_.empty() && at_ + 1 < history_.size() && st_.selected == history_[at_];
}

void Controller::go_back() {
    if (!can_go_back()) return;
    if (st_.selected == history_[at_]) --at_;
    navigating_ = true;
    select(history_[at_], true);
    navigating_ = false;
}

void Controller::go_forward() {
    if (!can_go_forward()) return;
    ++at_;
    navigating_ = true;
    select(history_[at_], true);
    navigating_ = false;
}

void Controller::select(PlaceId place, bool fly) {
    if (!navigating_ && place && (history_.empty() || history_[at_] != place)) {
        if (!history_.empty()) history_.resize(at_ + 1);  // a new branch drops the forward part
        history_.push_back(place);
        constexpr size_t kMaxHistory = 200;
        if (history_.size() > kMaxHistory) history_.erase(history_.begin());
        at_ = history_.size() - 1;
    }
    st_.selected = place;
    st_.active_passage.reset();
    st_.related.clear();
    if (!place || !fly) return;
    const FeatureId f = doc_.feature_of_place(place);
    if (!f) return;
    flight_ = Flight{doc_.view, fly_target(doc_.view, doc_.feature_box(f), ratio_), now_};
}

void Controller::activate_passage(PassageRef ref) {
    if (!doc_.corpus.contains(ref.article)) return;
    st_.active_passage = ref;
    st_.related.clear();
    geo::Box box;
    for (const auto& ps : doc_.index.places_in(ref)) {
        st_.related.push_back(ps.place);
        if (const FeatureId f = doc_.feature_of_place(ps.place)) box.add(doc_.feature_box(f));
    }
    if (!box.empty()) fly_to(box, 60);
}

void Controller::set_layer_visible(std::string_view id, bool visible) {
    if (LayerView* lv = st_.view.layer(id)) lv->visible = visible;
    refresh_layers();
}

void Controller::set_layer_opacity(std::string_view id, float opacity) {
    if (LayerView* lv = st_.view.layer(id)) lv->opacity = std::clamp(opacity, 0.f, 1.f);
    refresh_layers();
}

void Controller::refresh_layers() {
    st_.layers = resolve_layers(st_.view, doc_.scene);
}

Highlights Controller::highlights() const {
    Highlights h;
    for (PlaceId p : st_.related)
        if (const FeatureId f = doc_.feature_of_place(p)) h.related.push_back(f);
    h.hovered = hovered_feature_;
    if (st_.hovered_place) h.hovered = doc_.feature_of_place(st_.hovered_place);
    h.selected = doc_.feature_of_place(st_.selected);
    return h;
}

void Controller::view_key(ViewKey k) {
    cancel_fly();  // the user takes over
    geo::Viewport& v = doc_.view;
    const geo::Vec2 mid{v.width / 2, v.height / 2};
    switch (k) {
        case ViewKey::zoom_in:
            v.zoom_at(mid, kKeyZoom);
            return;
        case ViewKey::zoom_out:
            v.zoom_at(mid, 1 / kKeyZoom);
            return;
        case ViewKey::home:
            doc_.reset_view();
            return;
        default:
            break;
    }
    const double dx = k == ViewKey::left ? -1 : k == ViewKey::right ? 1 : 0;
    const double dy = k == ViewKey::down ? -1 : k == ViewKey::up ? 1 : 0;
    // Outward past an edge of the data: stop at the edge, or stay where a drag left it.
    auto step = [](double from, double by, double lo, double hi) {
        const double to = from + by;
        if (to > hi && by > 0) return std::max(from, hi);
        if (to < lo && by < 0) return std::min(from, lo);
        return to;
    };
    const geo::Box& e = doc_.map.extent;
    const bool bounded = !e.empty();
    const double bx = dx * kKeyPan * v.width * v.res, by = dy * kKeyPan * v.height * v.res;
    v.center.x = bounded ? step(v.center.x, bx, e.minx, e.maxx) : v.center.x + bx;
    v.center.y = bounded ? step(v.center.y, by, e.miny, e.maxy) : v.center.y + by;
}

Session Controller::make_session(const WindowLayout& w) const {
    Session s;
    s.crs = doc_.projection ? doc_.projection->definition() : "";
    s.state = st_.view;
    s.state.view = doc_.view.extent();
    s.window_width = w.window_width;
    s.window_height = w.window_height;
    s.viewport_x = w.viewport_x;
    s.viewport_y = w.viewport_y;
    s.viewport_width = w.viewport_width;
    s.viewport_height = w.viewport_height;
    s.state.selected.clear();
    if (doc_.gazetteer.contains(st_.selected)) {
        s.state.selected = doc_.gazetteer[st_.selected].id;
        for (const linker::Passage* p : visible_passages(st_.selected))
            s.passages.push_back(
                {int(p->article.index()), int(p->paragraph), doc_.corpus[p->article].id});
    }
    s.data = doc_.options.data;
    s.corpus = doc_.options.corpus;
    if (st_.active_passage && doc_.corpus.contains(st_.active_passage->article))
        s.active_passage = Session::PassageRef{int(st_.active_passage->article.index()),
                                               int(st_.active_passage->paragraph),
                                               doc_.corpus[st_.active_passage->article].id};
    for (PlaceId p : st_.related)
        if (doc_.gazetteer.contains(p)) s.highlighted.push_back(doc_.gazetteer[p].id);
    s.search = w.search;
    s.left_panel = w.left_panel;
    s.right_panel = w.right_panel;
    s.left_collapsed = w.left_collapsed;
    s.right_collapsed = w.right_collapsed;
    s.legend = w.legend;
    return s;
}

void Controller::restore(const Session& s) {
    st_.selected =
        s.state.selected.empty() ? PlaceId::none() : doc_.gazetteer.find_id(s.state.selected);
    st_.view = s.state;  // layers by id, filter, export settings
    normalise_layers(st_.view, doc_.scene);
    refresh_layers();
    st_.active_passage.reset();
    st_.related.clear();
    if (!s.active_passage) return;
    // The passage by its article's stable id (its position may have moved: other sources
    // added, files renamed); the position alone for sessions written before ids.
    ArticleId a;
    if (!s.active_passage->article_id.empty())
        a = corpus::find_article(doc_.corpus, s.active_passage->article_id);
    else if (s.active_passage->article >= 0)
        a = ArticleId(size_t(s.active_passage->article));
    const int para = s.active_passage->paragraph;
    if (!doc_.corpus.contains(a) || para < 0 || size_t(para) >= doc_.corpus[a].paragraphs.size())
        return;
    st_.active_passage = PassageRef{a, uint32_t(para)};
    for (const auto& ps : doc_.index.places_in(*st_.active_passage))
        st_.related.push_back(ps.place);
}

ViewState Controller::export_state(bool current_view, bool include_selection) const {
    ViewState vs = st_.view;  // layers, order, filter, export settings
    vs.view = current_view ? doc_.view.extent() : geo::Box{};
    vs.selected = include_selection && doc_.gazetteer.contains(st_.selected)
                      ? doc_.gazetteer[st_.selected].id
                      : "";
    return vs;
}

}  // namespace bm
