// The GLFW window and frame loop, in the shape of Dear ImGui's GLFW + OpenGL 3 example: set-up,
// main loop, clean-up. Input goes to ImGui first (App routes the rest to the Controller);
// benchmark mode is window_bench.cpp.
#include "app/window_app.h"

#include <glad/gl.h>
// glad must come before GLFW so GLFW does not pull in the system GL header.
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/app.h"
#include "app/map_model.h"
#include "app/window_bench.h"
#include "app/x11_key_times.h"
#include "export/compose.h"
#include "render/labels.h"
#include "render/map_renderer.h"
#include "ui/fonts.h"

namespace bm::app {

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

// The document and its opening level of detail, loaded off the GL thread.
struct Loaded {
    MapModel model;
    int level = 0;
    render::LodGeometry lod;
    bool ok = false;
};

std::unique_ptr<Loaded> load(const Options& opt) {
    auto l = std::make_unique<Loaded>();
    l->ok = l->model.load(opt);
    l->model.view.width = opt.width;
    l->model.view.height = opt.height;
    l->model.reset_view();
    l->level = l->model.scene.lod_for(l->model.view.res);
    l->lod = l->model.build_lod(l->level);
    return l;
}

std::future<std::unique_ptr<Loaded>> start_loading(const Options& opt) {
    return std::async(std::launch::async, [&opt] { return load(opt); });
}

// "ws.gpkg — briefmap", so the window says which workspace it shows.
std::string window_title(const std::string& workspace) {
    if (workspace.empty()) return "briefmap";
    const auto slash = workspace.find_last_of('/');
    const std::string name = slash == std::string::npos ? workspace : workspace.substr(slash + 1);
    return name + " — briefmap (" + workspace + ")";
}

// GLFW, an OpenGL 3.3 core window and its functions; null (said why) if any is missing.
GLFWwindow* open_window(const Options& opt, const char* display) {
    glfwSetErrorCallback([](int code, const char* msg) {
        std::fprintf(stderr, "briefmap: GLFW error %d: %s\n", code, msg);
    });
    if (!glfwInit()) {
        std::fprintf(stderr, "briefmap: cannot open the display '%s'; try `xvfb-run -a briefmap`\n",
                     display ? display : "");
        return nullptr;
    }
    separate_same_time_key_presses();
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);  // HiDPI: size is in screen units
    GLFWwindow* win = glfwCreateWindow(opt.width, opt.height, "briefmap", nullptr, nullptr);
    if (!win) {
        std::fprintf(stderr, "briefmap: cannot create an OpenGL 3.3 window on this display\n");
        glfwTerminate();
        return nullptr;
    }
    glfwMakeContextCurrent(win);
    glfwSwapInterval(1);  // vsync: no tearing
    if (!gladLoadGL(glfwGetProcAddress)) {
        std::fprintf(stderr, "briefmap: cannot load OpenGL 3.3 functions\n");
        glfwDestroyWindow(win);
        glfwTerminate();
        return nullptr;
    }
    return win;
}

// Keyboard events as GLFW reports them, in order. ImGui 1.86 keeps only each key's state per
// frame, so a press and release between two frames (a fast typist, xdotool) is lost, and a
// Backspace typed after letters may be applied before them. They are handed to ImGui a few
// at a time instead (feed_keys), as later ImGui versions do with their input queue.
struct RawKey {
    bool is_char = false;
    int key = 0, scancode = 0, action = 0, mods = 0;
    unsigned codepoint = 0;
};
std::vector<RawKey> raw_keys;
std::chrono::steady_clock::time_point last_key_time;  // for BRIEFMAP_TIMING's quit figures
bool input_seen = false;  // any event since the last frame (mouse included)
// Files and folders dropped on the window since the last frame (GLFW's drop callback).
std::vector<std::string> dropped_paths;
void on_drop(GLFWwindow*, int count, const char** paths) {
    for (int i = 0; i < count; ++i) dropped_paths.emplace_back(paths[i]);
    input_seen = true;
}

// A key whose only effect in a text field is its character (typed letters, digits, space):
// its press and release may come in one frame.
bool text_key(const RawKey& k) {
    return k.key >= GLFW_KEY_SPACE && k.key <= GLFW_KEY_GRAVE_ACCENT &&
           !(k.mods & (GLFW_MOD_CONTROL | GLFW_MOD_ALT | GLFW_MOD_SUPER));
}

// Gives ImGui the longest run of queued events it can take in one frame without losing one
// or reordering them. ImGui 1.86 reads the modifiers (io.KeyCtrl...) once a frame, as they are
// after the frame's last event, so: each other key at most one change, and none after that
// key changed as a text key (A typed, then Ctrl+A); characters not after
// such a key in the frame, such a key not after characters; no modifier change after such a
// key's press (Ctrl released in the frame of A would make Ctrl+A a plain A), nor a Ctrl, Alt
// or Super change after characters (InputText drops the frame's characters while Ctrl is
// down); none while `hold`. The rest waits for the next frame.
std::vector<KeyPress> feed_keys(GLFWwindow* win, bool hold) {
    std::vector<KeyPress> presses;
    static const bool key_log = std::getenv("BRIEFMAP_KEYLOG") != nullptr;  // to debug input
    if (hold) return presses;
    if (key_log && !raw_keys.empty()) std::fprintf(stderr, "frame\n");
    std::vector<int> touched;
    bool chars = false, keys = false, command_mod = false;
    size_t i = 0;
    for (; i < raw_keys.size(); ++i) {
        const RawKey& k = raw_keys[i];
        if (k.is_char) {
            if (keys || command_mod) break;
            ImGui_ImplGlfw_CharCallback(win, k.codepoint);
            if (key_log) std::fprintf(stderr, "char %u\n", k.codepoint);
            chars = true;
            continue;
        }
        const bool text = text_key(k);
        const bool modifier = k.key >= GLFW_KEY_LEFT_SHIFT && k.key <= GLFW_KEY_RIGHT_SUPER;
        const bool shift = k.key == GLFW_KEY_LEFT_SHIFT || k.key == GLFW_KEY_RIGHT_SHIFT;
        if (!text) {
            // Shift may follow characters (for the next capital); other keys not.
            if ((chars && !shift) || (modifier && keys) ||
                std::find(touched.begin(), touched.end(), k.key) != touched.end())
                break;
            if (k.action != GLFW_RELEASE && !modifier) keys = true;
            if (modifier && !shift) command_mod = true;
        }
        touched.push_back(k.key);
        ImGui_ImplGlfw_KeyCallback(win, k.key, k.scancode, k.action, k.mods);
        if (key_log) std::fprintf(stderr, "key %d action %d mods %d\n", k.key, k.action, k.mods);
        if (k.action == GLFW_PRESS || k.action == GLFW_REPEAT) presses.push_back({k.key, k.mods});
    }
    raw_keys.erase(raw_keys.begin(), raw_keys.begin() + long(i));
    return presses;
}

void start_imgui(GLFWwindow* win) {
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // layout lives in the session file, not in the working directory
    float xscale = 1, yscale = 1;
    glfwGetWindowContentScale(win, &xscale, &yscale);
    ui::load_fonts(xscale);
    ImGui::StyleColorsLight();
    {
        // Legibility: secondary text (kinds, aliases, outlets) dark enough to read on a
        // selected row's blue, and frames with a border so an unselected radio button or an
        // empty field shows on the light panel.
        ImGuiStyle& style = ImGui::GetStyle();
        style.Colors[ImGuiCol_TextDisabled] = ImVec4(0.36f, 0.36f, 0.38f, 1);
        style.Colors[ImGuiCol_Border] = ImVec4(0, 0, 0, 0.35f);
        style.FrameBorderSize = 1;
    }
    ImGui::GetStyle().ScaleAllSizes(xscale);
    ImGui_ImplGlfw_InitForOpenGL(win, true);
    // Keys and characters go through the queue above; mouse buttons and the wheel straight to
    // ImGui, noting that input came (the loop then draws a few frames without waiting).
    glfwSetKeyCallback(win, [](GLFWwindow*, int key, int scancode, int action, int mods) {
        raw_keys.push_back({false, key, scancode, action, mods, 0});
        input_seen = true;
        if (action == GLFW_PRESS) last_key_time = std::chrono::steady_clock::now();
    });
    glfwSetCharCallback(win, [](GLFWwindow*, unsigned c) {
        raw_keys.push_back({true, 0, 0, 0, 0, c});
        input_seen = true;
    });
    glfwSetMouseButtonCallback(win, [](GLFWwindow* w, int button, int action, int mods) {
        ImGui_ImplGlfw_MouseButtonCallback(w, button, action, mods);
        input_seen = true;
    });
    glfwSetDropCallback(win, on_drop);
    glfwSetScrollCallback(win, [](GLFWwindow* w, double dx, double dy) {
        ImGui_ImplGlfw_ScrollCallback(w, dx, dy);
        input_seen = true;
    });
    ImGui_ImplOpenGL3_Init("#version 330 core");
}

// Reports what loading found and hands the scene and its labels to the renderers.
void upload(Loaded& loaded, render::MapRenderer& renderer, render::LabelRenderer* labels) {
    MapModel& model = loaded.model;
    for (auto& p : model.problems) std::fprintf(stderr, "briefmap: %s\n", p.to_string().c_str());
    if (!loaded.ok) std::fprintf(stderr, "briefmap: no map data could be loaded\n");
    if (loaded.lod.tessellation_failures)
        std::fprintf(
            stderr,
            "briefmap: warning: %zu polygon(s) could not be triangulated; drawn as outlines only\n",
            loaded.lod.tessellation_failures);
    renderer.upload(model.scene, model.style, &model.map.projected);
    renderer.upload_lod(loaded.level, std::move(loaded.lod));
    if (!labels) return;
    Problems label_problems;
    auto config = render::LabelConfig::builtin(label_problems);
    labels->set_labels(render::collect_labels(model.scene, model.map.projected, config,
                                              exporter::mention_counts(model)),
                       model.style, config);
    for (auto& p : label_problems) std::fprintf(stderr, "briefmap: %s\n", p.to_string().c_str());
}

// This frame's window, framebuffer, cursor, clock and queued keys.
FrameInput read_input(GLFWwindow* win, bool hold_keys) {
    FrameInput in;
    glfwGetFramebufferSize(win, &in.fb_w, &in.fb_h);
    glfwGetWindowSize(win, &in.window_w, &in.window_h);
    in.pixel_ratio = in.window_w > 0 ? float(in.fb_w) / float(in.window_w) : 1.f;
    glfwGetCursorPos(win, &in.mouse_x, &in.mouse_y);
    in.time = glfwGetTime();
    in.keys = feed_keys(win, hold_keys);
    in.dropped.swap(dropped_paths);
    return in;
}

}  // namespace

int run_window_app(const Options& opt) {
    // Set-up.
    const auto t_start = Clock::now();
    const char* display = std::getenv("DISPLAY");
    const char* wayland = std::getenv("WAYLAND_DISPLAY");
    if ((!display || !*display) && (!wayland || !*wayland)) {
        std::fprintf(
            stderr,
            "briefmap: no display (DISPLAY is not set): run it in a desktop session or as "
            "`xvfb-run -a briefmap`; `briefmap places` and `briefmap mentions` need none\n");
        return 2;
    }
    const bool timing = std::getenv("BRIEFMAP_TIMING") != nullptr;

    // Load, project and tessellate the opening level of detail on another core while GLFW,
    // the GL context, ImGui and the shaders start up on this one.
    auto loading = start_loading(opt);
    GLFWwindow* win = open_window(opt, display);
    if (!win) return 2;
    start_imgui(win);
    if (timing)
        std::fprintf(stderr, "briefmap: window + GL + ImGui ready after %.1f ms\n",
                     ms_since(t_start));

    // Shaders compile (and llvmpipe JITs their variants) while the data is still loading.
    render::MapRenderer renderer;
    if (!renderer.init()) {
        std::fprintf(stderr, "briefmap: the map shaders failed to build on this OpenGL driver\n");
        return 1;
    }
    {
        int fbw = 0, fbh = 0;
        glfwGetFramebufferSize(win, &fbw, &fbh);
        renderer.warm_up(fbh);
    }
    render::LabelRenderer labels;
    const bool labels_ok = labels.init();
    if (!labels_ok)
        std::fprintf(stderr, "briefmap: map labels are off: their shaders failed to build\n");
    std::unique_ptr<Loaded> loaded = loading.get();
    if (timing) std::fprintf(stderr, "briefmap: data loaded after %.1f ms\n", ms_since(t_start));
    upload(*loaded, renderer, labels_ok ? &labels : nullptr);
    MapModel* model = &loaded->model;
    const std::string session_path = opt.session.empty() ? default_session_path() : opt.session;
    Options current = opt;  // what is loaded now (File → Open workspace changes it)
    glfwSetWindowTitle(win, window_title(current.workspace).c_str());
    // A workspace being loaded again (after an import or File → Open) on another thread while
    // this App keeps the window going; swapped in on this thread when ready.
    std::optional<App::Reload> reload;
    std::future<std::unique_ptr<Loaded>> reloading;

    auto app = std::make_unique<App>(*model, renderer, labels_ok ? &labels : nullptr, session_path);
    app->restore_session();
    LodWorker lods;  // the other levels of detail, started after the first frame
    bool lods_started = false;
    bool first_frame = true;
    WindowBench bench(opt.bench_frames);

    // Main loop.
    int frames_after_input = 0;
    Clock::time_point t_quit = Clock::now();
    while (!glfwWindowShouldClose(win)) {
        // Sleep until input arrives unless something moves (fly-to, background levels), input
        // is still queued, or the last input's result needs another frame or two to show (a
        // tab selected, a scroll: ImGui applies them a frame later).
        if (first_frame || app->animating() || bench.on() || (lods_started && !lods.finished()) ||
            !raw_keys.empty() || frames_after_input > 0 || app->wants_another_frame())
            glfwPollEvents();
        else
            glfwWaitEventsTimeout(app->working() || reload ? 0.1 : 0.5);
        frames_after_input = input_seen ? 3 : std::max(0, frames_after_input - 1);
        input_seen = false;
        const FrameInput in = read_input(win, app->holds_keys());
        if (in.fb_w <= 0 || in.fb_h <= 0) continue;  // minimised
        bench.begin_frame(lods_started && lods.finished());
        while (auto done = lods.poll()) renderer.upload_lod(done->first, std::move(done->second));

        ImGui_ImplOpenGL3_NewFrame();
        ImGui_ImplGlfw_NewFrame();
        ImGui::NewFrame();
        app->update(in);
        if (app->quit_requested()) {
            glfwSetWindowShouldClose(win, GLFW_TRUE);
            t_quit = Clock::now();
            if (timing)
                std::fprintf(
                    stderr, "briefmap: quit: its frame began %.1f ms after the key\n",
                    std::chrono::duration<double, std::milli>(t_quit - last_key_time).count());
        }
        bench.pan(model->view, in.pixel_ratio);
        ImGui::Render();
        bench.updated();

        glBindFramebuffer(GL_FRAMEBUFFER, 0);
        glViewport(0, 0, in.fb_w, in.fb_h);
        glClearColor(0.94f, 0.94f, 0.94f, 1);
        glClear(GL_COLOR_BUFFER_BIT);
        // The first frame draws directly: filling the larger pan cache can wait a frame.
        app->draw_map(in, first_frame);
        bench.map_drawn();
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
        bench.ui_drawn();
        glfwSwapBuffers(win);
        bench.swapped();
        app->save_session_if_changed(first_frame);
        if (!reload && (reload = app->take_reload())) {
            current.workspace = reload->workspace;
            current.width = in.window_w;
            current.height = in.window_h;
            reloading = std::async(std::launch::async, [o = current] { return load(o); });
        }
        if (reload && reloading.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
            // Swap in the document loaded again and give the renderers its scene. The session
            // is saved first, so the new App restores the same view and selection; imports and
            // watched folders go on in the new App.
            app->save_session_if_changed(true);
            auto intake = app->intake();
            auto again = app->take_reload();  // asked while this one loaded
            lods.stop();
            lods_started = false;
            app.reset();
            loaded = reloading.get();
            upload(*loaded, renderer, labels_ok ? &labels : nullptr);
            model = &loaded->model;
            app = std::make_unique<App>(*model, renderer, labels_ok ? &labels : nullptr,
                                        session_path);
            app->adopt_intake(std::move(intake));
            app->restore_session();
            app->after_reload(std::move(reload->problems), reload->message);
            glfwSetWindowTitle(win, window_title(current.workspace).c_str());
            reload = std::move(again);
            if (reload) {
                current.workspace = reload->workspace;
                reloading = std::async(std::launch::async, [o = current] { return load(o); });
            }
            first_frame = true;
            continue;
        }

        bench.end_frame(first_frame, timing, ms_since(t_start));
        if (!first_frame && !lods_started) {
            lods.start(*model, loaded->level);  // after the first frame: it competes for the cores
            lods_started = true;
        }
        first_frame = false;
        if (bench.done()) glfwSetWindowShouldClose(win, GLFW_TRUE);
    }

    // Clean-up: write the session, close the window and leave without freeing the document
    // piece by piece or waiting for a background level of detail to finish (which made a quit
    // take seconds after some use); the operating system takes the memory back and nothing
    // else is pending. The benchmark mode still reports first.
    if (timing)
        std::fprintf(stderr, "briefmap: quit: frame done %.1f ms after Ctrl+Q's frame\n",
                     ms_since(t_quit));
    app->save_session_if_changed(true);
    if (timing)
        std::fprintf(stderr, "briefmap: quit: session written at %.1f ms\n", ms_since(t_quit));
    bench.report(renderer);
    // Not glfwDestroyWindow/glfwTerminate (150 ms here): leaving closes the display
    // connection, and the X server removes the window with it.
    if (timing) std::fprintf(stderr, "briefmap: quit: leaving at %.1f ms\n", ms_since(t_quit));
    std::fflush(nullptr);
    std::_Exit(0);
}

}  // namespace bm::app
