// The Controller without a window: clicks, hover, selection with fly-to, passages, layers and
// the source filter on the default document.
#include "document/controller.h"

#include <gtest/gtest.h>

using namespace bm;

namespace {

// The default data set, loaded once, in a 1600 × 1000 map.
Document& doc() {
    static Document* d = [] {
        auto* x = new Document;
        EXPECT_TRUE(x->load({}));
        x->view.width = 1600;
        x->view.height = 1000;
        return x;
    }();
    return *d;
}

// Each test starts at the home view (a flight moves it).
class ControllerTest : public ::testing::Test {
  protected:
    void SetUp() override { doc().reset_view(); }
};

PlaceId place(const char* name) {
    const PlaceId p = doc().find_place(name);
    EXPECT_TRUE(p) << name;
    return p;
}

const render::SceneFeature& feature_of(PlaceId place) {
    const FeatureId f = doc().feature_of_place(place);
    EXPECT_TRUE(f);
    return doc().scene.features[f.index()];
}

geo::Vec2 screen_of(PlaceId place) {
    return doc().view.to_screen(feature_of(place).bbox.center());
}

bool contains(const geo::Box& b, geo::Vec2 p) {
    return p.x >= b.minx && p.x <= b.maxx && p.y >= b.miny && p.y <= b.maxy;
}

}  // namespace

TEST_F(ControllerTest, ClickAtAPlaceSelectsIt) {
    Interaction st;
    Controller c(doc(), st);
    const PlaceId jermuk = place("Jermuk");
    c.click(screen_of(jermuk));
    EXPECT_EQ(st.selected, jermuk);
    EXPECT_FALSE(c.animating());  // a click selects in place
    EXPECT_EQ(c.highlights().selected, doc().feature_of_place(jermuk));
}

TEST_F(ControllerTest, ClickOnEmptyMapClears) {
    Interaction st;
    Controller c(doc(), st);
    c.select(place("Jermuk"), false);
    c.click({-1e6, -1e6});  // far outside every feature
    EXPECT_EQ(st.selected, PlaceId::none());
}

TEST_F(ControllerTest, HiddenLayersAreNotPicked) {
    Interaction st;
    Controller c(doc(), st);
    const PlaceId jermuk = place("Jermuk");
    const std::string& layer = doc().scene.layers[size_t(feature_of(jermuk).layer)].id;
    const geo::Vec2 at = screen_of(jermuk);
    ASSERT_EQ(c.feature_at(at), doc().feature_of_place(jermuk));

    c.set_layer_visible(layer, false);
    EXPECT_NE(c.feature_at(at), doc().feature_of_place(jermuk));
    c.click(at);
    EXPECT_NE(st.selected, jermuk);

    c.set_layer_visible(layer, true);
    c.set_layer_opacity(layer, 0);  // transparent counts as hidden
    EXPECT_NE(c.feature_at(at), doc().feature_of_place(jermuk));
    c.set_layer_opacity(layer, 1);
    EXPECT_EQ(c.feature_at(at), doc().feature_of_place(jermuk));
}

TEST_F(ControllerTest, HoverFindsTheFeatureUnderTheCursor) {
    Interaction st;
    Controller c(doc(), st);
    const PlaceId jermuk = place("Jermuk");
    c.hover(screen_of(jermuk));
    EXPECT_EQ(c.hovered_feature(), doc().feature_of_place(jermuk));
    EXPECT_EQ(c.highlights().hovered, doc().feature_of_place(jermuk));
    c.hover(std::nullopt);
    EXPECT_FALSE(c.hovered_feature());
    st.hovered_place = jermuk;  // a panel row wins over the map
    EXPECT_EQ(c.highlights().hovered, doc().feature_of_place(jermuk));
}

TEST_F(ControllerTest, SelectWithFlyEndsOnThePlace) {
    Interaction st;
    Controller c(doc(), st);
    c.begin_frame(10, 1);
    const geo::Viewport home = doc().view;
    const PlaceId jermuk = place("Jermuk");  // a point
    c.select(jermuk, true);
    EXPECT_EQ(st.selected, jermuk);
    ASSERT_TRUE(c.animating());
    const geo::Viewport to = c.flight()->to;  // a copy: the flight ends below
    EXPECT_TRUE(contains(to.extent(), feature_of(jermuk).bbox.center()));
    EXPECT_LE(to.res, home.res);  // never zooms out to a point

    c.step_fly();  // the frame it starts: still the old view
    EXPECT_DOUBLE_EQ(doc().view.center.x, home.center.x);
    c.begin_frame(10 + c.flight()->duration + 0.01, 1);
    c.step_fly();
    EXPECT_FALSE(c.animating());
    EXPECT_DOUBLE_EQ(doc().view.center.x, to.center.x);
    EXPECT_DOUBLE_EQ(doc().view.res, to.res);
    EXPECT_EQ(doc().view.width, 1600);
}

TEST_F(ControllerTest, FlyTargetFitsAnArea) {
    geo::Viewport from;
    from.width = 1000;
    from.height = 800;
    const geo::Box area{0, 0, 200000, 100000};
    const geo::Viewport to = Controller::fly_target(from, area, 1);
    const geo::Box e = to.extent();
    EXPECT_TRUE(contains(e, {area.minx, area.miny}) && contains(e, {area.maxx, area.maxy}));
    EXPECT_DOUBLE_EQ(to.res, 200000.0 / (1000 - 120));  // 60 pixels each side
    // A tiny area is not zoomed closer than 40 units per logical pixel (80 at ratio 2).
    EXPECT_DOUBLE_EQ(Controller::fly_target(from, {0, 0, 10, 10}, 2).res, 80);
    // A point keeps a closer zoom but goes no farther than 250 per logical pixel.
    from.res = 100;
    EXPECT_DOUBLE_EQ(Controller::fly_target(from, {5, 5, 5, 5}, 1).res, 100);
    from.res = 5000;
    EXPECT_DOUBLE_EQ(Controller::fly_target(from, {5, 5, 5, 5}, 1).res, 250);
}

TEST_F(ControllerTest, InterpolationMovesLinearlyAndZoomsGeometrically) {
    geo::Viewport a, b;
    a.center = {0, 0};
    a.res = 100;
    b.center = {1000, -500};
    b.res = 1;
    const geo::Viewport m = interpolate_view(a, b, 0.5);
    EXPECT_DOUBLE_EQ(m.center.x, 500);
    EXPECT_DOUBLE_EQ(m.center.y, -250);
    EXPECT_NEAR(m.res, 10, 1e-9);
    const Flight f{a, b, 2, 1};
    EXPECT_DOUBLE_EQ(flight_view(f, 1).res, 100);    // before it starts
    EXPECT_NEAR(flight_view(f, 2.5).res, 10, 1e-9);  // halfway: smoothstep(0.5) = 0.5
    EXPECT_DOUBLE_EQ(flight_view(f, 9).center.x, 1000);
}

TEST_F(ControllerTest, ActivatePassageRelatesItsPlaces) {
    Interaction st;
    Controller c(doc(), st);
    c.begin_frame(0, 1);
    const PlaceId jermuk = place("Jermuk");
    c.select(jermuk, false);
    const auto passages = c.visible_passages(jermuk);
    ASSERT_FALSE(passages.empty());
    // A passage naming more than one place, if there is one.
    const linker::Passage* pick = passages.front();
    for (const linker::Passage* p : passages)
        if (doc().index.places_in(p->ref()).size() > 1) pick = p;
    c.activate_passage(pick->ref());

    std::vector<PlaceId> want;
    for (const auto& ps : doc().index.places_in(pick->ref())) want.push_back(ps.place);
    EXPECT_EQ(st.related, want);
    ASSERT_TRUE(st.active_passage);
    EXPECT_EQ(st.active_passage->article, pick->article);
    EXPECT_EQ(st.selected, jermuk);  // the selection stays
    ASSERT_TRUE(c.animating());
    for (PlaceId p : want) {
        if (doc().feature_of_place(p)) {
            EXPECT_TRUE(contains(c.flight()->to.extent(), feature_of(p).bbox.center()));
        }
    }
    EXPECT_EQ(c.highlights().related.size(), want.size());

    c.activate_passage({ArticleId(doc().corpus.articles.size()), 0});  // no such article
    EXPECT_EQ(st.active_passage->article, pick->article);              // ignored
    c.activate_passage({ArticleId::none(), 0});
    EXPECT_EQ(st.active_passage->article, pick->article);
    c.select(PlaceId::none(), false);  // a new selection drops the passage
    EXPECT_FALSE(st.active_passage);
    EXPECT_TRUE(st.related.empty());
}

TEST_F(ControllerTest, FilterNarrowsVisiblePassages) {
    Interaction st;
    Controller c(doc(), st);
    const PlaceId jermuk = place("Jermuk");
    const auto all = c.visible_passages(jermuk);
    ASSERT_FALSE(all.empty());
    SourceFilter f;
    f.hidden_outlets.insert(doc().corpus[all.front()->article].outlet);
    c.set_filter(f);
    const auto some = c.visible_passages(jermuk);
    EXPECT_LT(some.size(), all.size());
    for (const linker::Passage* p : some) EXPECT_TRUE(f.accepts(doc().corpus[p->article]));
    c.set_filter({});
    EXPECT_EQ(c.visible_passages(jermuk).size(), all.size());
}

TEST_F(ControllerTest, ExportStateFromTheView) {
    Interaction st;
    Controller c(doc(), st);
    const PlaceId jermuk = place("Jermuk");
    c.select(jermuk, false);
    st.view.output.title = "Jermuk";
    const ViewState live = c.export_state(true, true);
    EXPECT_EQ(live.selected, doc().gazetteer[jermuk].id);
    EXPECT_DOUBLE_EQ(live.view.minx, doc().view.extent().minx);
    EXPECT_EQ(live.output.title, "Jermuk");
    EXPECT_EQ(live.layers, st.view.layers);
    const ViewState home = c.export_state(false, false);
    EXPECT_TRUE(home.view.empty());
    EXPECT_EQ(home.selected, "");
}

// Issue 17: a click selects what is drawn on top (Nagorno-Karabakh's area is drawn over the
// provinces), and clicks on the same spot cycle through the other places there.
TEST_F(ControllerTest, AClickSelectsTheTopFeatureAndRepeatedClicksCycle) {
    Interaction st;
    Controller c(doc(), st);
    const PlaceId nk = place("Nagorno-Karabakh");
    const auto& p = doc().gazetteer[nk];
    const geo::Vec2 at = doc().view.to_screen(doc().projection->forward({p.lon, p.lat}));
    const std::vector<FeatureId> stack = c.features_at(at);
    ASSERT_GE(stack.size(), 3u);  // the area, a province under it, Azerbaijan
    EXPECT_EQ(stack.front(), doc().feature_of_place(nk));

    c.click(at);
    EXPECT_EQ(st.selected, nk);
    std::vector<PlaceId> seen = {st.selected};
    for (size_t i = 1; i < stack.size(); ++i) {
        c.click({at.x + 1, at.y});  // a hand's jitter is the same spot
        EXPECT_NE(st.selected, PlaceId::none());
        EXPECT_EQ(std::count(seen.begin(), seen.end(), st.selected), 0) << "click " << i;
        seen.push_back(st.selected);
    }
    EXPECT_EQ(seen.back(), place("Azerbaijan"));  // the country is at the bottom
    c.click(at);
    EXPECT_EQ(st.selected, nk);  // round again

    // Hover lists the same stack; a click elsewhere starts over at the top there.
    c.hover(at);
    EXPECT_EQ(c.hovered_stack(), stack);
    c.click(screen_of(place("Jermuk")));
    EXPECT_EQ(st.selected, place("Jermuk"));
}

TEST_F(ControllerTest, TheDrawOrderDecidesWhatIsOnTop) {
    Interaction st;
    Controller c(doc(), st);
    const PlaceId nk = place("Nagorno-Karabakh");
    const auto& p = doc().gazetteer[nk];
    const geo::Vec2 at = doc().view.to_screen(doc().projection->forward({p.lon, p.lat}));
    // Move the areas layer to the bottom of the draw order: the province is now on top.
    const std::string areas = doc().scene.layers[size_t(feature_of(nk).layer)].id;
    auto& layers = st.view.layers;
    auto it = std::find_if(layers.begin(), layers.end(),
                           [&](const LayerView& l) { return l.id == areas; });
    ASSERT_NE(it, layers.end());
    LayerView moved = *it;
    layers.erase(it);
    layers.insert(layers.begin(), moved);
    c.refresh_layers();
    EXPECT_NE(c.feature_at(at), doc().feature_of_place(nk));
    EXPECT_EQ(c.features_at(at).back(), doc().feature_of_place(nk));
}

// A province's fill is transparent: above the towns in the draw order it does not hide them,
// so a click on a town's symbol still selects the town. Under a country's opaque fill the town
// is hidden, and the click selects what covers it.
TEST_F(ControllerTest, OnlyWhatPaintsOverATownHidesIt) {
    Interaction st;
    Controller c(doc(), st);
    const PlaceId jermuk = place("Jermuk");
    const FeatureId town = doc().feature_of_place(jermuk);
    const std::string places = doc().scene.layers[size_t(feature_of(jermuk).layer)].id;
    const std::string countries = doc().scene.layers[size_t(feature_of(place("Armenia")).layer)].id;
    auto move_places_to = [&](size_t k) {
        auto& layers = st.view.layers;
        auto it = std::find_if(layers.begin(), layers.end(),
                               [&](const LayerView& l) { return l.id == places; });
        ASSERT_NE(it, layers.end());
        LayerView moved = *it;
        layers.erase(it);
        layers.insert(layers.begin() + std::ptrdiff_t(k), moved);
        c.refresh_layers();
    };
    auto index_of = [&](const std::string& id) {
        for (size_t k = 0; k < st.view.layers.size(); ++k)
            if (st.view.layers[k].id == id) return k;
        return size_t(0);
    };
    // Right above the countries: under the provinces (transparent) and the areas.
    move_places_to(index_of(countries) + 1);
    ASSERT_LT(index_of(places), index_of("admin1"));
    EXPECT_EQ(c.feature_at(screen_of(jermuk)), town);
    // At the very bottom, under Armenia's fill.
    move_places_to(0);
    const std::vector<FeatureId> stack = c.features_at(screen_of(jermuk));
    ASSERT_GE(stack.size(), 2u);
    EXPECT_NE(stack.front(), town);
    const auto pos = [&](FeatureId f) {
        return std::find(stack.begin(), stack.end(), f) - stack.begin();
    };
    EXPECT_LT(pos(doc().feature_of_place(place("Armenia"))), pos(town));
    EXPECT_LT(pos(town), ptrdiff_t(stack.size()));  // still in the round
}

// Issue 17: back and forward through the places selected, as a browser does through pages.
TEST_F(ControllerTest, BackAndForwardThroughSelections) {
    Interaction st;
    Controller c(doc(), st);
    EXPECT_FALSE(c.can_go_back());
    const PlaceId jermuk = place("Jermuk"), goris = place("Goris"), baku = place("Baku");
    c.select(jermuk, false);
    c.select(goris, false);
    c.click(screen_of(baku));
    ASSERT_EQ(st.selected, baku);
    c.go_back();
    EXPECT_EQ(st.selected, goris);
    EXPECT_TRUE(c.animating());  // it flies there
    c.go_back();
    EXPECT_EQ(st.selected, jermuk);
    EXPECT_FALSE(c.can_go_back());
    c.go_back();  // nothing before: stays
    EXPECT_EQ(st.selected, jermuk);
    c.go_forward();
    EXPECT_EQ(st.selected, goris);
    // A new selection drops the forward part.
    c.select(place("Yerevan"), false);
    EXPECT_FALSE(c.can_go_forward());
    // Back from a cleared selection returns to the last place first.
    c.select(PlaceId::none(), false);
    EXPECT_TRUE(c.can_go_back());
    c.go_back();
    EXPECT_EQ(st.selected, place("Yerevan"));
    c.go_back();
    EXPECT_EQ(st.selected, goris);
    // Selecting the current place again records nothing.
    c.select(goris, false);
    c.go_back();
    EXPECT_EQ(st.selected, jermuk);
}

// Keyboard navigation (the app only maps keys to ViewKey): arrows move a tenth of the view,
// + and - zoom about the centre, both within limits, and each stops a flight.
TEST_F(ControllerTest, ArrowKeysPanByAFractionOfTheView) {
    Interaction st;
    Controller c(doc(), st);
    geo::Viewport& v = doc().view;
    v.width = 1000;
    v.height = 600;
    v.center = doc().map.home.center();
    const geo::Vec2 c0 = v.center;
    const double res = v.res;
    c.view_key(ViewKey::right);
    EXPECT_DOUBLE_EQ(v.center.x, c0.x + 0.1 * 1000 * res);
    EXPECT_DOUBLE_EQ(v.center.y, c0.y);
    c.view_key(ViewKey::up);
    EXPECT_DOUBLE_EQ(v.center.y, c0.y + 0.1 * 600 * res);
    c.view_key(ViewKey::left);
    c.view_key(ViewKey::down);
    EXPECT_NEAR(v.center.x, c0.x, 1e-6);
    EXPECT_NEAR(v.center.y, c0.y, 1e-6);
    EXPECT_EQ(v.res, res);  // panning does not zoom
}

TEST_F(ControllerTest, ArrowKeysStopAtTheDataExtent) {
    Interaction st;
    Controller c(doc(), st);
    geo::Viewport& v = doc().view;
    const geo::Box& e = doc().map.extent;
    ASSERT_FALSE(e.empty());
    v.center = {e.maxx - 1, e.center().y};
    c.view_key(ViewKey::right);
    EXPECT_EQ(v.center.x, e.maxx);  // up to the edge
    c.view_key(ViewKey::right);
    EXPECT_EQ(v.center.x, e.maxx);  // and no farther
    // Left outside by a drag: keys do not push it farther out, but bring it back.
    v.center = {e.minx - 1e6, e.center().y};
    c.view_key(ViewKey::left);
    EXPECT_EQ(v.center.x, e.minx - 1e6);
    c.view_key(ViewKey::right);
    EXPECT_GT(v.center.x, e.minx - 1e6);
    v.center = {e.center().x, e.miny};
    c.view_key(ViewKey::down);
    EXPECT_EQ(v.center.y, e.miny);
}

TEST_F(ControllerTest, ZoomKeysZoomAboutTheCentreWithinTheLimits) {
    Interaction st;
    Controller c(doc(), st);
    geo::Viewport& v = doc().view;
    const geo::Vec2 c0 = v.center;
    const double res = v.res;
    c.view_key(ViewKey::zoom_in);
    EXPECT_NEAR(v.res, res / 1.5, res * 1e-12);
    EXPECT_NEAR(v.center.x, c0.x, 1e-6);
    EXPECT_NEAR(v.center.y, c0.y, 1e-6);
    c.view_key(ViewKey::zoom_out);
    EXPECT_NEAR(v.res, res, res * 1e-12);
    for (int i = 0; i < 100; ++i) c.view_key(ViewKey::zoom_in);
    EXPECT_EQ(v.res, geo::Viewport::kMinRes);
    for (int i = 0; i < 100; ++i) c.view_key(ViewKey::zoom_out);
    EXPECT_EQ(v.res, geo::Viewport::kMaxRes);
    EXPECT_NEAR(v.center.x, c0.x, 1e-3);
    EXPECT_NEAR(v.center.y, c0.y, 1e-3);
    c.view_key(ViewKey::home);
    geo::Viewport home = v;
    home.fit(doc().map.home, 8);
    EXPECT_EQ(v.res, home.res);
    EXPECT_EQ(v.center.x, home.center.x);
}

TEST_F(ControllerTest, KeysStopAFlight) {
    Interaction st;
    Controller c(doc(), st);
    c.begin_frame(0, 1);
    for (ViewKey k : {ViewKey::left, ViewKey::zoom_in, ViewKey::home}) {
        c.select(PlaceId::none(), false);
        c.select(place("Goris"), true);
        ASSERT_TRUE(c.animating());
        c.view_key(k);
        EXPECT_FALSE(c.animating());
    }
}

// The session: what the Controller writes it restores, the active passage by its article's id.
TEST_F(ControllerTest, SessionRoundTripsSelectionPassageAndLayers) {
    Interaction st;
    Controller c(doc(), st);
    c.begin_frame(0, 1);
    const PlaceId jermuk = place("Jermuk");
    c.select(jermuk, false);
    const auto passages = c.visible_passages(jermuk);
    ASSERT_FALSE(passages.empty());
    c.activate_passage(passages.back()->ref());
    c.set_layer_visible("places", false);
    WindowLayout w;
    w.window_width = 1280;
    w.left_panel = 300;
    w.search = "jer";
    const Session s = c.make_session(w);
    EXPECT_EQ(s.state.selected, doc().gazetteer[jermuk].id);
    EXPECT_EQ(s.passages.size(), passages.size());
    ASSERT_TRUE(s.active_passage);
    EXPECT_EQ(s.active_passage->article_id, doc().corpus[passages.back()->article].id);
    EXPECT_EQ(s.highlighted.size(), st.related.size());
    EXPECT_EQ(s.window_width, 1280);
    EXPECT_EQ(s.left_panel, 300);
    EXPECT_EQ(s.search, "jer");

    // Through the file's text, into a fresh interaction.
    Session back;
    Problem p;
    ASSERT_TRUE(session_from_json(session_to_json(s), "session.json", back, &p)) << p.to_string();
    Interaction st2;
    Controller c2(doc(), st2);
    c2.restore(back);
    EXPECT_EQ(st2.selected, jermuk);
    EXPECT_EQ(st2.active_passage, st.active_passage);
    EXPECT_EQ(st2.related, st.related);
    ASSERT_NE(st2.view.layer("places"), nullptr);
    EXPECT_FALSE(st2.view.layer("places")->visible);

    // The article id wins over a stale position; an unknown id restores no passage.
    Session moved = back;
    moved.active_passage->article = 9999;
    Interaction st3;
    Controller c3(doc(), st3);
    c3.restore(moved);
    EXPECT_EQ(st3.active_passage, st.active_passage);
    moved.active_passage->article_id = "u0000000000000000";
    c3.restore(moved);
    EXPECT_FALSE(st3.active_passage);
    EXPECT_TRUE(st3.related.empty());
}
