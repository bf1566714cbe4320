#include "app/app.h"

#include <GLFW/glfw3.h>
#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>

#include "app/save_dialog.h"
#include "common/atomic_file.h"
#include "common/open_url.h"
#include "corpus/article_id.h"
#include "document/reading.h"
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
    if (opened == SessionOpen::Loaded) recent_ = s.recent_workspaces;
    if (doc_.workspace) {
        // A workspace keeps its own view: restore that, not the session file's.
        note_recent(doc_.workspace->location());
        // A new one starts from the session's view (the first import keeps what was shown).
        const auto json = doc_.workspace->view_state();
        Session w;
        if (json && !session_from_json(*json, doc_.workspace->location(), w, &p)) {
            std::fprintf(stderr, "briefmap: %s\n", p.to_string().c_str());
            doc_.problems.push_back(p);
            return;
        }
        if (json)
            s = std::move(w);
        else if (opened != SessionOpen::Loaded)
            return;
    } else if (opened != SessionOpen::Loaded) {
        return;
    }
    const bool same_crs = s.crs.empty() || s.crs == doc_.projection->definition();
    if (same_crs && !s.state.view.empty()) pending_view_ = s.state.view;
    ctl_.restore(s);  // selection, layers, filter, export settings, active passage
    if (s.state.output != ExportSettings{}) {  // the export form as the user last left it
        const ExportSettings& o = s.state.output;
        export_form_.width = o.width;
        export_form_.height = o.height;
        export_form_.size_preset = int(size_preset_for(o.width, o.height));
        export_form_.scale = std::clamp(int(std::lround(o.scale)), 1, 4);
        export_form_.title = o.title;
        export_form_.subtitle = o.subtitle.value_or("");
        export_form_.credit = o.credit;
    }
    st_.search = s.search;
    left_w_ = s.left_panel;
    right_w_ = s.right_panel;
    left_collapsed_ = s.left_collapsed;
    right_collapsed_ = s.right_collapsed;
    show_legend_ = s.legend;
    restored_ = std::move(s);
}

void App::save_session_if_changed(bool force) {
    if (session_path_.empty()) return;
    // Checked ten times a second, written at most four times a second while the view moves:
    // each write is an fsync, and a pan changes the view every frame.
    if (!force && time_ - last_check_time_ < 0.1) return;
    last_check_time_ = time_;
    WindowLayout w;
    w.window_width = window_w_;
    w.window_height = window_h_;
    w.viewport_x = int(std::lround(rect_.x / ratio_));
    w.viewport_y = int(std::lround(rect_.y / ratio_));
    w.viewport_width = int(std::lround(rect_.width / ratio_));
    w.viewport_height = int(std::lround(rect_.height / ratio_));
    w.left_panel = left_w_;
    w.right_panel = right_w_;
    w.left_collapsed = left_collapsed_;
    w.right_collapsed = right_collapsed_;
    w.legend = show_legend_;
    w.search = st_.search;
    Session s = ctl_.make_session(w);
    s.recent_workspaces = recent_;
    for (const auto* rects : {&st_.passage_rects, &st_.unknown_rects})  // for end-to-end tests
        for (const auto& r : *rects)
            s.passage_rects.push_back(
                {int(r.ref.article.index()), int(r.ref.paragraph), r.x, r.y, r.w, r.h, r.source});
    s.controls = st_.controls;
    s.facts["right_tab"] = st_.right_tab == 1 ? "article" : "passages";
    s.facts["reader"] = st_.reader_article
                            ? std::to_string(st_.reader_article->index()) + ":" +
                                  (st_.reader_paragraph ? std::to_string(*st_.reader_paragraph)
                                                        : std::string("top"))
                            : "";
    s.facts["dialog"] = dialog_;
    s.facts["import"] = intake_->fact;
    s.facts["problem_count"] = std::to_string(doc_.problems.size());
    s.facts["export_path"] = export_form_.path;
    s.facts["status_crs"] = crs_brief_;
    s.facts["export_result"] = export_form_.last_result;
    const std::string json = session_to_json(s);
    if (json == last_saved_) return;
    if (!force && time_ - last_save_time_ < 0.25) return;
    Problem p;
    // The workspace keeps the view too (one small transaction); a read-only one cannot.
    if (doc_.workspace && !doc_.workspace->read_only()) {
        Problems ps;
        if (!doc_.workspace->save_view_state(json, ps) && !ps.empty()) {
            status_message_ = ps.front().to_string();
            status_until_ = time_ + 6;
        }
    }
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

void App::select(PlaceId place, bool fly) {
    ctl_.select(place, fly);
    st_.right_tab = 0;
}

void App::apply(const ui::Requests& req) {
    if (req.select) select(*req.select, req.fly_to_selection);
    if (req.activate_passage) ctl_.activate_passage(*req.activate_passage);
    if (req.read_article) {
        st_.reader_article = *req.read_article;
        st_.reader_paragraph = req.read_paragraph;
        st_.reader_scroll = req.read_paragraph ? 2 : 0;
        st_.right_tab = 1;
    }
    if (req.copy) {
        ImGui::SetClipboardText(req.copy->c_str());  // GLFW's clipboard (the backend's)
        status_message_ = "Copied the " + req.copied + " to the clipboard";
        status_until_ = time_ + 4;
    }
    if (req.clear_filter) ctl_.set_filter({});
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
    // The renderer counts scene features as ints (-1: none).
    auto gl = [](FeatureId f) { return f ? int(f.index()) : -1; };
    const Highlights h = ctl_.highlights();
    std::vector<int> related;
    for (FeatureId f : h.related) related.push_back(gl(f));
    renderer_.set_highlight(gl(h.hovered), gl(h.selected), related);
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
    for (const KeyPress& k : in.keys) {
        const bool ctrl = k.mods & GLFW_MOD_CONTROL;
        const bool alt = k.mods & GLFW_MOD_ALT;
        if (ctrl && k.key == GLFW_KEY_F && !modal_at_start_) {
            // From any tab: the Places tab comes to the front (and its panel unfolds).
            st_.focus_search = st_.show_places = true;
            left_collapsed_ = false;
        }
        if (ctrl && k.key == GLFW_KEY_LEFT_BRACKET) menu_.toggle_left = true;
        if (ctrl && k.key == GLFW_KEY_RIGHT_BRACKET) menu_.toggle_right = true;
        if (alt && k.key == GLFW_KEY_LEFT) menu_.back = true;
        if (alt && k.key == GLFW_KEY_RIGHT) menu_.forward = true;
        if (alt) continue;  // Alt+arrows navigate; they do not also pan
        if (ctrl && k.key == GLFW_KEY_Q) menu_.quit = true;
        if (ctrl && k.key == GLFW_KEY_E) menu_.export_image = true;
        if (ctrl && k.key == GLFW_KEY_U) st_.open_unknown_names = true;
        if (io.WantTextInput) continue;
        // Esc closes a dialog or menu (ImGui does) and only that; otherwise it clears.
        if (k.key == GLFW_KEY_ESCAPE && !modal_at_start_) select(PlaceId::none(), false);
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
                ctl_.view_key(ViewKey::left);
                break;
            case GLFW_KEY_RIGHT:
                ctl_.view_key(ViewKey::right);
                break;
            case GLFW_KEY_UP:
                ctl_.view_key(ViewKey::up);
                break;
            case GLFW_KEY_DOWN:
                ctl_.view_key(ViewKey::down);
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
    if (menu_.zoom_in) ctl_.view_key(ViewKey::zoom_in);
    if (menu_.zoom_out) ctl_.view_key(ViewKey::zoom_out);
    if (menu_.reset_view) ctl_.view_key(ViewKey::home);
    if (menu_.back || menu_.forward) {
        menu_.back ? ctl_.go_back() : ctl_.go_forward();
        st_.right_tab = 0;  // the passages of the place gone to
    }
    if (menu_.toggle_left) left_collapsed_ = !left_collapsed_;
    if (menu_.toggle_right) right_collapsed_ = !right_collapsed_;
}

void App::draw_tooltip() {
    const FeatureId hovered = ctl_.hovered_feature();
    if (!hovered || ImGui::GetIO().WantCaptureMouse) return;
    const PlaceId place = doc_.place_of_feature(hovered);
    const auto& sf = doc_.scene.features[hovered.index()];
    const std::string& layer = doc_.scene.layers[size_t(sf.layer)].name;
    ImGui::BeginTooltip();
    if (place) {
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
        const PlaceId q = doc_.place_of_feature(ctl_.hovered_stack()[i]);
        if (!q) continue;
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
    menu_.legend = show_legend_;
    menu_.can_back = ctl_.can_go_back();
    menu_.can_forward = ctl_.can_go_forward();
    menu_.left_shown = !left_collapsed_;
    menu_.right_shown = !right_collapsed_;
    menu_.recent = recent_;
    menu_.can_save_as = doc_.workspace != nullptr;
    st_.hovered_place = PlaceId::none();
    st_.controls.clear();
    // A dialog or menu open as the frame starts gets the Esc of this frame (see the keys).
    modal_at_start_ =
        ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId | ImGuiPopupFlags_AnyPopupLevel);
    ui::Requests req;

    const float menu_h = ui::draw_menu_bar(menu_);
    show_legend_ = menu_.legend;
    handle_workspace_menu(in);
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
    // A folded panel is a strip with the button that unfolds it.
    const float strip = ImGui::GetFrameHeight() + 2 * ImGui::GetStyle().WindowPadding.x;
    const float left_w =
        left_collapsed_ ? strip : fit(left_w_, std::min(kLeftWidth * scale, win_w * 0.3f), 0.45f);
    float right_w = right_collapsed_
                        ? strip
                        : fit(right_w_, std::min(kRightWidth * scale, win_w * 0.35f), 0.6f);
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
    if (left_collapsed_) {
        if (ImGui::ArrowButton("##unfold-left", ImGuiDir_Right)) menu_.toggle_left = true;
        ui::record_control(st_, "unfold-left");
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Show Places, Layers, Sources (Ctrl+[)");
    } else if (ImGui::BeginTabBar("left", ImGuiTabBarFlags_FittingPolicyScroll)) {
        // Scrolling tabs, not shrinking ones: a narrow panel never shows "Sour…".
        if (ImGui::TabItemButton("\u00ab", ImGuiTabItemFlags_Leading)) menu_.toggle_left = true;
        ui::record_control(st_, "fold-left");
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Fold this panel (Ctrl+[)");
        const bool places_tab = ImGui::BeginTabItem(
            "Places", nullptr, st_.show_places ? ImGuiTabItemFlags_SetSelected : 0);
        ui::record_control(st_, "tab:Places");
        if (places_tab) {
            ui::draw_places_panel(doc_, st_, req);
            ImGui::EndTabItem();
        }
        st_.show_places = false;
        const bool layers_tab = ImGui::BeginTabItem("Layers");
        ui::record_control(st_, "tab:Layers");
        if (layers_tab) {
            ui::draw_layers_panel(doc_, st_, req);
            ImGui::EndTabItem();
        }
        const bool sources_tab = ImGui::BeginTabItem("Sources");
        ui::record_control(st_, "tab:Sources");
        if (sources_tab) {
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
    if (right_collapsed_) {
        if (ImGui::ArrowButton("##unfold-right", ImGuiDir_Left)) menu_.toggle_right = true;
        ui::record_control(st_, "unfold-right");
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Show Passages and Article (Ctrl+])");
    } else if (ImGui::BeginTabBar("right", ImGuiTabBarFlags_FittingPolicyScroll)) {
        const int want = st_.right_tab;
        const bool passages_tab = ImGui::BeginTabItem(
            "Passages", nullptr,
            want == 0 && st_.right_tab_forced ? ImGuiTabItemFlags_SetSelected : 0);
        ui::record_control(st_, "tab:Passages");
        if (passages_tab) {
            if (!st_.right_tab_forced) st_.right_tab = 0;
            ui::draw_passages_panel(doc_, st_, req);
            ImGui::EndTabItem();
        }
        const bool article_tab = ImGui::BeginTabItem(
            "Article", nullptr,
            want == 1 && st_.right_tab_forced ? ImGuiTabItemFlags_SetSelected : 0);
        ui::record_control(st_, "tab:Article");
        if (article_tab) {
            if (!st_.right_tab_forced) st_.right_tab = 1;
            ui::draw_article_panel(doc_, st_, req);
            ImGui::EndTabItem();
        }
        if (ImGui::TabItemButton("\u00bb", ImGuiTabItemFlags_Trailing)) menu_.toggle_right = true;
        ui::record_control(st_, "fold-right");
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Fold this panel (Ctrl+])");
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
    if (!left_collapsed_) splitter("##split-left", left_w, left_w, left_w_, 1);
    if (!right_collapsed_) splitter("##split-right", win_w - right_w, right_w, right_w_, -1);

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
    const std::string crs_def = doc_.projection ? doc_.projection->definition() : "";
    if (crs_def != crs_def_) crs_def_ = crs_def, crs_brief_ = crs_brief(crs_def);
    info.crs = crs_brief_;
    info.crs_full = crs_def;
    if (st_.view.filter.active())
        info.filter = summarise_filter(doc_.corpus, st_.view.filter).text();
    if (time_ < status_until_) info.message = status_message_;
    if (ui::draw_status_bar(info, &st_.controls)) ctl_.set_filter({});
    handle_intake(in);

    if (menu_.export_image) {
        if (export_form_.path.empty()) {
            char stamp[32];
            std::time_t t = std::time(nullptr);
            std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", std::localtime(&t));
            export_form_.path = default_export_dir() + "/briefmap-" + stamp + ".png";
        }
        export_form_.save_dialog_available = save_dialog_available();
        export_form_.open = true;
    }
    poll_save_dialog();
    const std::string sel =
        doc_.gazetteer.contains(st_.selected) ? doc_.gazetteer[st_.selected].name : "";
    if (ui::draw_export_dialog(export_form_, sel, int(std::lround(rect_.width / ratio_)),
                               int(std::lround(rect_.height / ratio_)), &st_.controls))
        export_pending_ = true;  // rendered after this frame's map, with the window's context
    if (export_form_.choose_file && !save_dialog_) {
        export_form_.choose_file = false;
        export_form_.save_dialog_running = true;
        save_dialog_ = run_save_dialog(export_form_.path);
    }
    dialog_ = ImGui::IsPopupOpen("Export image")     ? "export"
              : ImGui::IsPopupOpen("About briefmap") ? "about"
                                                     : "";
    if (st_.focus_search || st_.show_places)
        hold_keys_ = 2;  // the frame that focuses the box, and the one where it is active
    else if (hold_keys_ > 0)
        --hold_keys_;
    // Scrolls, focus and tab changes land a frame or two after they are asked for.
    if (st_.reader_scroll > 0 || st_.focus_search || st_.show_places || st_.right_tab_forced ||
        req.select || req.read_article || req.activate_passage || save_dialog_)
        more_frames_ = 3;
    else if (more_frames_ > 0)
        --more_frames_;
    sync_renderer();
    return rect_;
}

void App::poll_save_dialog() {
    if (!save_dialog_ ||
        save_dialog_->wait_for(std::chrono::seconds(0)) != std::future_status::ready)
        return;
    if (std::optional<std::string> path = save_dialog_->get()) export_form_.path = *path;
    save_dialog_.reset();
    export_form_.save_dialog_running = false;
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
        const FeatureId sel_feature = ctl_.highlights().selected;
        const int selected = sel_feature.valid() ? int(sel_feature.index()) : -1;
        labels_->set_selected(selected);  // named at every zoom
        // The legend and scale bar (View menu): laid out first so the labels keep clear.
        std::vector<render::LabelBox> furniture;
        if (show_legend_ && !furniture_tried_) {
            furniture_tried_ = true;
            furniture_ok_ = furniture_.init();
            if (!furniture_ok_)
                std::fprintf(stderr, "briefmap: the legend's shaders failed to build\n");
        }
        if (show_legend_ && furniture_ok_)
            furniture = furniture_.layout(doc_, hidden, doc_.view, ratio_, selected,
                                          labels_->text().fonts());
        labels_->draw(doc_.view, rect_, in.fb_h, ratio_, hidden, furniture);
        if (show_legend_ && furniture_ok_) furniture_.draw(rect_, in.fb_h, labels_->text());
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
    out.credit = export_form_.credit;
    out.subtitle.reset();
    if (!export_form_.subtitle.empty()) out.subtitle = export_form_.subtitle;
    exporter::ExportOptions opt;
    opt.state = ctl_.export_state(export_form_.current_view, export_form_.include_selection);
    opt.data = doc_.options.data;
    opt.corpus = doc_.options.corpus;
    opt.workspace = doc_.workspace ? doc_.workspace->location() : "";
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
