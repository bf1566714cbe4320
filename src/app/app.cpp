#include "app/app.h"

#include <GLFW/glfw3.h>
#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>

#include "common/atomic_file.h"
#include "common/open_url.h"
#include "corpus/article_id.h"
#include "document/session_file.h"
#include "export/compose.h"
#include "ui/panels.h"
#include "ui/status_bar.h"

namespace bm::app {

namespace {
constexpr float kLeftWidth = 330, kRightWidth = 470;  // logical pixels
constexpr double kClickSlop = 4;                      // window pixels a click may move
}  // namespace

App::App(Document& doc, render::MapRenderer& renderer, render::LabelRenderer* labels,
         std::string session_path)
    : doc_(doc),
      renderer_(renderer),
      labels_(labels),
      session_path_(std::move(session_path)),
      ctl_(doc_, st_) {}

void App::restore_session() {
    Session s;
    Problem p;
    // A missing file is the normal first start; anything else is worth a line here and in
    // the Problems tab. An unparsable file was moved aside (session_file.h), never lost.
    const SessionOpen opened = open_session(session_path_, s, &p);
    if (opened != SessionOpen::Loaded && opened != SessionOpen::Missing) {
        std::fprintf(stderr, "briefmap: %s\n", p.to_string().c_str());
        doc_.problems.push_back(p);
    }
    if (opened == SessionOpen::Newer || opened == SessionOpen::Unusable) {
        // Keep the user's file: write ours next to it instead.
        session_path_ += opened == SessionOpen::Newer ? ".v1" : ".new";
        std::fprintf(stderr, "briefmap: this session is saved to %s instead\n",
                     session_path_.c_str());
    }
    if (opened != SessionOpen::Loaded) return;
    const bool same_crs = s.crs.empty() || s.crs == doc_.projection->definition();
    if (same_crs && !s.state.view.empty()) pending_view_ = s.state.view;
    if (!s.state.selected.empty()) {
        size_t i = doc_.gazetteer.find_id(s.state.selected);
        if (i != gazetteer::Gazetteer::npos) st_.selected = i;
    }
    st_.view = s.state;                        // layers by id, filter, export settings
    if (s.state.output != ExportSettings{}) {  // the export form as the user last left it
        const ExportSettings& o = s.state.output;
        export_form_.width = o.width;
        export_form_.height = o.height;
        export_form_.size_preset = o.width == 1920 && o.height == 1080   ? 1
                                   : o.width == 3840 && o.height == 2160 ? 2
                                                                         : 3;
        export_form_.scale = std::clamp(int(std::lround(o.scale)), 1, 4);
        export_form_.title = o.title;
        export_form_.subtitle = o.subtitle.value_or("");
    }
    normalise_layers(st_.view, doc_.scene);
    st_.layers = resolve_layers(st_.view, doc_.scene);
    // The passage by its article's stable id (its position may have moved: other sources
    // added, files renamed); the position alone for sessions written before ids.
    if (s.active_passage && !s.active_passage->article_id.empty()) {
        const size_t a = corpus::find_article(doc_.corpus, s.active_passage->article_id);
        s.active_passage->article = a == size_t(-1) ? -1 : int(a);
    }
    if (s.active_passage && s.active_passage->article >= 0 &&
        size_t(s.active_passage->article) < doc_.corpus.articles.size() &&
        s.active_passage->paragraph >= 0 &&
        size_t(s.active_passage->paragraph) <
            doc_.corpus.articles[size_t(s.active_passage->article)].paragraphs.size()) {
        st_.active_passage = ui::PassageRef{s.active_passage->article, s.active_passage->paragraph};
        for (const auto& ps : doc_.index.places_in(size_t(st_.active_passage->article),
                                                   size_t(st_.active_passage->paragraph)))
            st_.related.push_back(ps.place);
    }
    st_.search = s.search;
    left_w_ = s.left_panel;
    right_w_ = s.right_panel;
    restored_ = std::move(s);
}

Session App::make_session() const {
    Session s;
    s.crs = doc_.projection ? doc_.projection->definition() : "";
    s.state = st_.view;
    s.state.view = doc_.view.extent();
    s.window_width = window_w_;
    s.window_height = window_h_;
    s.viewport_x = int(std::lround(rect_.x / ratio_));
    s.viewport_y = int(std::lround(rect_.y / ratio_));
    s.viewport_width = int(std::lround(rect_.width / ratio_));
    s.viewport_height = int(std::lround(rect_.height / ratio_));
    s.state.selected.clear();
    if (st_.selected != ui::kNone) {
        s.state.selected = doc_.gazetteer[st_.selected].id;
        for (const linker::Passage* p : ui::visible_passages(doc_, st_, st_.selected))
            s.passages.push_back(
                {int(p->article), int(p->paragraph), doc_.corpus.articles[p->article].id});
    }
    s.data = doc_.options.data;
    s.corpus = doc_.options.corpus;
    if (st_.active_passage)
        s.active_passage =
            Session::PassageRef{st_.active_passage->article, st_.active_passage->paragraph,
                                doc_.corpus.articles[size_t(st_.active_passage->article)].id};
    s.search = st_.search;
    s.left_panel = left_w_;
    s.right_panel = right_w_;
    return s;
}

void App::save_session_if_changed(bool force) {
    if (session_path_.empty()) return;
    // Checked ten times a second, written at most four times a second while the view moves:
    // each write is an fsync, and a pan changes the view every frame.
    if (!force && time_ - last_check_time_ < 0.1) return;
    last_check_time_ = time_;
    Session s = make_session();
    for (const auto& r : st_.passage_rects)
        s.passage_rects.push_back({r.ref.article, r.ref.paragraph, r.x, r.y, r.w, r.h, r.source});
    for (const auto& r : st_.unknown_rects)
        s.passage_rects.push_back({r.ref.article, r.ref.paragraph, r.x, r.y, r.w, r.h});
    for (size_t p : st_.related) s.highlighted.push_back(doc_.gazetteer[p].id);
    const std::string json = session_to_json(s);
    if (json == last_saved_) return;
    if (!force && time_ - last_save_time_ < 0.25) return;
    Problem p;
    if (!make_parent_dirs(session_path_, &p) || !write_file_atomic(session_path_, json, &p)) {
        status_message_ = p.to_string();
        status_until_ = time_ + 6;
        return;
    }
    last_saved_ = json;
    last_save_time_ = time_;
}

void App::fit_box_now(const geo::Box& box) {
    doc_.view.width = rect_.width;
    doc_.view.height = rect_.height;
    doc_.view.fit(box, 0);
}

void App::select(size_t place, bool fly) {
    ctl_.select(place, fly);
    st_.right_tab = 0;
}

void App::apply(const ui::Requests& req) {
    if (req.select) select(*req.select, req.fly_to_selection);
    if (req.activate_passage) ctl_.activate_passage(*req.activate_passage);
    if (req.read_article) {
        st_.reader_article = *req.read_article;
        st_.right_tab = 1;
    }
    if (req.open_url) {
        std::string why;
        if (!open_url(*req.open_url, &why)) {
            status_message_ = "Link not opened: " + why;
            status_until_ = time_ + 6;
        }
    }
}

void App::sync_renderer() {
    ctl_.refresh_layers();
    for (size_t i = 0; i < st_.layers.visible.size(); ++i) {
        renderer_.set_layer_visible(i, st_.layers.visible[i]);
        renderer_.set_layer_opacity(i, st_.layers.opacity[i]);
    }
    renderer_.set_layer_order(st_.layers.order);
    const Highlights h = ctl_.highlights();
    renderer_.set_highlight(h.hovered, h.selected, h.related);
}

void App::handle_map_input(const FrameInput& in) {
    ImGuiIO& io = ImGui::GetIO();
    const geo::Vec2 cursor{in.mouse_x * ratio_ - rect_.x, in.mouse_y * ratio_ - rect_.y};
    const bool over_map =
        cursor.x >= 0 && cursor.y >= 0 && cursor.x < rect_.width && cursor.y < rect_.height;
    const bool mouse_free = !io.WantCaptureMouse;

    if (mouse_free && over_map && ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
        pressed_on_map_ = true;
        dragging_ = false;
        press_x_ = last_x_ = in.mouse_x;
        press_y_ = last_y_ = in.mouse_y;
        ctl_.cancel_fly();  // the user takes over
    }
    if (pressed_on_map_) {
        if (ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
            if (!dragging_ && std::hypot(in.mouse_x - press_x_, in.mouse_y - press_y_) > kClickSlop)
                dragging_ = true;
            if (dragging_)
                doc_.view.pan_pixels((in.mouse_x - last_x_) * ratio_,
                                     (in.mouse_y - last_y_) * ratio_);
            last_x_ = in.mouse_x;
            last_y_ = in.mouse_y;
        } else {
            if (!dragging_) {
                // A click: select what is under it (or clear on empty map).
                ctl_.click(cursor);
                st_.right_tab = 0;
            }
            pressed_on_map_ = dragging_ = false;
        }
    }
    if (mouse_free && over_map && io.MouseWheel != 0) {
        ctl_.cancel_fly();
        doc_.view.zoom_at(cursor, std::pow(1.25, io.MouseWheel));
    }
    ctl_.hover(mouse_free && over_map && !dragging_ ? std::optional(cursor) : std::nullopt);

    // Keys: from the queued presses, so none is lost between frames. Map keys only when no
    // ImGui widget wants the keyboard; Esc and the Ctrl shortcuts unless the user is typing.
    const geo::Vec2 mid{rect_.width / 2.0, rect_.height / 2.0};
    const double step = 80 * ratio_;
    for (const KeyPress& k : in.keys) {
        const bool ctrl = k.mods & GLFW_MOD_CONTROL;
        const bool alt = k.mods & GLFW_MOD_ALT;
        if (ctrl && k.key == GLFW_KEY_F) st_.focus_search = true;
        if (alt && k.key == GLFW_KEY_LEFT) menu_.back = true;
        if (alt && k.key == GLFW_KEY_RIGHT) menu_.forward = true;
        if (alt) continue;  // Alt+arrows navigate; they do not also pan
        if (ctrl && k.key == GLFW_KEY_Q) menu_.quit = true;
        if (ctrl && k.key == GLFW_KEY_E) menu_.export_image = true;
        if (ctrl && k.key == GLFW_KEY_U) st_.open_unknown_names = true;
        if (io.WantTextInput) continue;
        if (k.key == GLFW_KEY_ESCAPE) select(ui::kNone, false);
        if (io.WantCaptureKeyboard || ctrl) continue;
        switch (k.key) {
            case GLFW_KEY_HOME:
                menu_.reset_view = true;
                break;
            case GLFW_KEY_KP_ADD:
                menu_.zoom_in = true;
                break;
            case GLFW_KEY_KP_SUBTRACT:
                menu_.zoom_out = true;
                break;
            case GLFW_KEY_LEFT:
                doc_.view.pan_pixels(step, 0);
                break;
            case GLFW_KEY_RIGHT:
                doc_.view.pan_pixels(-step, 0);
                break;
            case GLFW_KEY_UP:
                doc_.view.pan_pixels(0, step);
                break;
            case GLFW_KEY_DOWN:
                doc_.view.pan_pixels(0, -step);
                break;
            default:
                break;
        }
    }
    if (!io.WantTextInput)
        for (ImWchar c : io.InputQueueCharacters) {  // + and - by character: any keyboard layout
            if (c == '+' || c == '=') menu_.zoom_in = true;
            if (c == '-' || c == '_') menu_.zoom_out = true;
        }
    if (menu_.zoom_in) doc_.view.zoom_at(mid, 1.5);
    if (menu_.zoom_out) doc_.view.zoom_at(mid, 1 / 1.5);
    if (menu_.reset_view) {
        ctl_.cancel_fly();
        doc_.reset_view();
    }
    if (menu_.back || menu_.forward) {
        menu_.back ? ctl_.go_back() : ctl_.go_forward();
        st_.right_tab = 0;  // the passages of the place gone to
    }
}

void App::draw_tooltip() {
    const int hovered = ctl_.hovered_feature();
    if (hovered < 0 || ImGui::GetIO().WantCaptureMouse) return;
    const size_t place = doc_.place_of_feature(hovered);
    const auto& sf = doc_.scene.features[size_t(hovered)];
    const std::string& layer = doc_.scene.layers[size_t(sf.layer)].name;
    ImGui::BeginTooltip();
    if (place != gazetteer::Gazetteer::npos) {
        const auto& p = doc_.gazetteer[place];
        ImGui::TextUnformatted(p.name.c_str());
        ImGui::TextDisabled("%s", p.kind.c_str());
        const size_t n = ui::visible_passages(doc_, st_, place).size();
        ImGui::Text("%zu passage%s", n, n == 1 ? "" : "s");
    } else {
        ImGui::TextDisabled("unnamed feature in %s", layer.c_str());
    }
    // What else is under the cursor, in the order further clicks on this spot select it.
    std::string others;
    for (size_t i = 1; i < ctl_.hovered_stack().size(); ++i) {
        const size_t q = doc_.place_of_feature(ctl_.hovered_stack()[i]);
        if (q == gazetteer::Gazetteer::npos) continue;
        others += (others.empty() ? "" : ", ") + doc_.gazetteer[q].name;
    }
    if (!others.empty()) {
        ImGui::Separator();
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 22);
        ImGui::TextDisabled("Also here: %s (click again for the next)", others.c_str());
        ImGui::PopTextWrapPos();
    }
    ImGui::EndTooltip();
}

render::PixelRect App::update(const FrameInput& in) {
    time_ = in.time;
    ratio_ = in.pixel_ratio;
    window_w_ = in.window_w;
    window_h_ = in.window_h;
    ctl_.begin_frame(in.time, in.pixel_ratio);
    menu_ = {};
    menu_.can_back = ctl_.can_go_back();
    menu_.can_forward = ctl_.can_go_forward();
    st_.hovered_place = ui::kNone;
    ui::Requests req;

    const float menu_h = ui::draw_menu_bar(menu_);
    const float status_h = ui::status_bar_height();
    const float body_h = float(in.window_h) - menu_h - status_h;
    const float scale = ImGui::GetFontSize() / 15.f;
    // Panel widths: the user's (dragged with the splitters, kept in the session) or the
    // default, always leaving each panel and the map usable in the current window.
    const float win_w = float(in.window_w), min_panel = 160 * scale, min_map = 200 * scale;
    auto fit = [&](float want, float fallback, float max_share) {
        float w = std::isfinite(want) && want > 0 ? want : fallback;
        return std::max(std::min(min_panel, win_w * 0.2f), std::min(w, win_w * max_share));
    };
    const float left_w = fit(left_w_, std::min(kLeftWidth * scale, win_w * 0.3f), 0.45f);
    float right_w = fit(right_w_, std::min(kRightWidth * scale, win_w * 0.35f), 0.6f);
    right_w = std::max(1.f, std::min(right_w, win_w - left_w - std::min(min_map, win_w * 0.2f)));
    const ImGuiWindowFlags panel = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                   ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoTitleBar |
                                   ImGuiWindowFlags_NoBringToFrontOnFocus |
                                   ImGuiWindowFlags_NoSavedSettings;
    ImGui::SetNextWindowPos(ImVec2(0, menu_h));
    ImGui::SetNextWindowSize(ImVec2(left_w, body_h));
    // The panels draw no background of their own: the frame is cleared to the same colour
    // first. On llvmpipe every blended pixel counts, and the two panels are half the window.
    ImGui::PushStyleColor(ImGuiCol_WindowBg, ImVec4(0, 0, 0, 0));
    ImGui::Begin("##left", nullptr, panel);
    if (ImGui::BeginTabBar("left")) {
        if (ImGui::BeginTabItem("Places")) {
            ui::draw_places_panel(doc_, st_, req);
            ImGui::EndTabItem();
        }
        if (ImGui::BeginTabItem("Layers")) {
            ui::draw_layers_panel(doc_, st_, req);
            ImGui::EndTabItem();
        }
        if (ImGui::BeginTabItem("Sources")) {
            ui::draw_sources_panel(doc_, st_, req);
            ImGui::EndTabItem();
        }
        if (ImGui::BeginTabItem("Unknown names", nullptr,
                                st_.open_unknown_names ? ImGuiTabItemFlags_SetSelected : 0)) {
            ui::draw_unknown_names_panel(doc_, st_, req);
            ImGui::EndTabItem();
        } else {
            st_.unknown_rects.clear();  // not on screen
        }
        st_.open_unknown_names = false;
        if (!doc_.problems.empty()) {
            const std::string label =
                "Problems (" + std::to_string(doc_.problems.size()) + ")###problems";
            if (ImGui::BeginTabItem(label.c_str())) {
                ui::draw_problems_panel(doc_, st_, req);
                ImGui::EndTabItem();
            }
        }
        ImGui::EndTabBar();
    }
    ImGui::End();

    ImGui::SetNextWindowPos(ImVec2(float(in.window_w) - right_w, menu_h));
    ImGui::SetNextWindowSize(ImVec2(right_w, body_h));
    ImGui::Begin("##right", nullptr, panel);
    ImGui::PopStyleColor();
    if (ImGui::BeginTabBar("right")) {
        const int want = st_.right_tab;
        if (ImGui::BeginTabItem(
                "Passages", nullptr,
                want == 0 && st_.right_tab_forced ? ImGuiTabItemFlags_SetSelected : 0)) {
            if (!st_.right_tab_forced) st_.right_tab = 0;
            ui::draw_passages_panel(doc_, st_, req);
            ImGui::EndTabItem();
        }
        if (ImGui::BeginTabItem(
                "Article", nullptr,
                want == 1 && st_.right_tab_forced ? ImGuiTabItemFlags_SetSelected : 0)) {
            if (!st_.right_tab_forced) st_.right_tab = 1;
            ui::draw_article_panel(doc_, st_, req);
            ImGui::EndTabItem();
        }
        st_.right_tab_forced = false;
        ImGui::EndTabBar();
    }
    ImGui::End();
    // Splitters on the map's edges: drag to resize a panel (the width applies next frame).
    const float grip = 6 * scale;
    auto splitter = [&](const char* id, float x, float width, float& user_w, float sign) {
        ImGui::SetNextWindowPos(ImVec2(x - grip / 2, menu_h));
        ImGui::SetNextWindowSize(ImVec2(grip, body_h));
        ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
        ImGui::PushStyleVar(ImGuiStyleVar_WindowMinSize, ImVec2(1, 1));
        // Not NoBringToFrontOnFocus: ImGui puts such windows at the back, under the panels.
        ImGui::Begin(id, nullptr,
                     (panel & ~ImGuiWindowFlags_NoBringToFrontOnFocus) |
                         ImGuiWindowFlags_NoBackground | ImGuiWindowFlags_NoScrollbar |
                         ImGuiWindowFlags_NoFocusOnAppearing);
        ImGui::InvisibleButton("##grip", ImVec2(grip, body_h));
        const bool active = ImGui::IsItemActive();
        if (active || ImGui::IsItemHovered()) {
            ImGui::SetMouseCursor(ImGuiMouseCursor_ResizeEW);
            ImGui::GetWindowDrawList()->AddRectFilled(
                ImVec2(x - 1, menu_h), ImVec2(x + 1, menu_h + body_h),
                ImGui::GetColorU32(active ? ImGuiCol_SeparatorActive : ImGuiCol_SeparatorHovered));
        }
        if (active && ImGui::GetIO().MouseDelta.x != 0)
            user_w = width + sign * ImGui::GetIO().MouseDelta.x;
        ImGui::End();
        ImGui::PopStyleVar(2);
    };
    splitter("##split-left", left_w, left_w, left_w_, 1);
    splitter("##split-right", win_w - right_w, right_w, right_w_, -1);

    rect_ = {
        int(std::lround(left_w * in.pixel_ratio)), int(std::lround(menu_h * in.pixel_ratio)),
        std::max(1, int(std::lround((float(in.window_w) - left_w - right_w) * in.pixel_ratio))),
        std::max(1, int(std::lround(body_h * in.pixel_ratio)))};
    doc_.view.width = rect_.width;
    doc_.view.height = rect_.height;
    if (pending_view_) {
        fit_box_now(*pending_view_);
        pending_view_.reset();
    } else if (!view_initialised_) {
        doc_.reset_view();  // the home view, fitted to the map's real rectangle
    }
    view_initialised_ = true;

    handle_map_input(in);
    const int prev_tab = st_.right_tab;
    apply(req);
    if (st_.right_tab != prev_tab || req.read_article || req.select) st_.right_tab_forced = true;
    if (menu_.quit) return rect_;

    ctl_.step_fly();

    draw_tooltip();
    ui::StatusInfo info;
    const geo::Vec2 cursor{in.mouse_x * ratio_ - rect_.x, in.mouse_y * ratio_ - rect_.y};
    info.has_cursor = cursor.x >= 0 && cursor.y >= 0 && cursor.x < rect_.width &&
                      cursor.y < rect_.height && !ImGui::GetIO().WantCaptureMouse;
    if (info.has_cursor) info.lonlat = doc_.projection->inverse(doc_.view.to_map(cursor));
    info.scale_denominator = doc_.scale_denominator(ratio_);
    info.feature_count = doc_.feature_count();
    info.problem_count = doc_.problems.size();
    info.crs = doc_.crs_name();
    if (time_ < status_until_) info.message = status_message_;
    ui::draw_status_bar(info);

    if (menu_.export_image) {
        if (export_form_.path.empty()) {
            const char* home = std::getenv("HOME");
            char stamp[32];
            std::time_t t = std::time(nullptr);
            std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", std::localtime(&t));
            export_form_.path =
                std::string(home && *home ? home : ".") + "/briefmap-" + stamp + ".png";
        }
        export_form_.open = true;
    }
    const std::string sel = st_.selected != ui::kNone ? doc_.gazetteer[st_.selected].name : "";
    if (ui::draw_export_dialog(export_form_, sel, int(std::lround(rect_.width / ratio_)),
                               int(std::lround(rect_.height / ratio_))))
        export_pending_ = true;  // rendered after this frame's map, with the window's context
    sync_renderer();
    return rect_;
}

void App::draw_map(const FrameInput& in, bool first) {
    if (first)
        renderer_.draw(doc_.view, rect_, in.fb_h, ratio_);
    else
        doc_.view = renderer_.draw_cached(doc_.view, rect_, in.fb_h, ratio_);
    if (labels_) {
        // Labels are laid out each frame on the view actually drawn (cheap: a few hundred
        // boxes), so they never lag the map while panning.
        std::vector<bool> hidden(st_.layers.visible.size());
        for (size_t i = 0; i < hidden.size(); ++i) hidden[i] = !st_.layers.shown(i);
        labels_->draw(doc_.view, rect_, in.fb_h, ratio_, hidden);
    }
    if (export_pending_) {
        export_pending_ = false;
        run_export();
    }
}

void App::run_export() {
    const auto t0 = std::chrono::steady_clock::now();
    // The form's choices become the view state's export settings (kept in the session).
    ExportSettings& out = st_.view.output;
    out.width = export_form_.width;
    out.height = export_form_.height;
    out.scale = float(export_form_.scale);
    out.title = export_form_.title;
    out.subtitle.reset();
    if (!export_form_.subtitle.empty()) out.subtitle = export_form_.subtitle;
    exporter::ExportOptions opt;
    opt.state = ctl_.export_state(export_form_.current_view, export_form_.include_selection);
    opt.data = doc_.options.data;
    opt.corpus = doc_.options.corpus;
    opt.crs = doc_.projection ? doc_.projection->definition() : "";
    Problem p;
    exporter::Image img;
    exporter::ExportInfo info;
    if (!exporter::validate(doc_, opt, &p) || !exporter::render_export(doc_, opt, img, &info, &p) ||
        !exporter::write_export(doc_, opt, img, info, export_form_.path, &p)) {
        export_form_.last_result = "Not exported: " + p.to_string();
    } else {
        const double s =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        char buf[64];
        std::snprintf(buf, sizeof buf, " (%d × %d) in %.1f s", img.width, img.height, s);
        export_form_.last_result = "Exported " + export_form_.path + buf + " and its .json sidecar";
    }
    status_message_ = export_form_.last_result;
    status_until_ = time_ + 8;
    renderer_.invalidate_cache();  // the export drew with this context: redraw from scratch
}

}  // namespace bm::app
