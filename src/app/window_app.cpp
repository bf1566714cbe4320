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

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <future>
#include <memory>
#include <vector>

#include "app/app.h"
#include "app/map_model.h"
#include "app/window_bench.h"
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

// Key presses as GLFW reports them, taken each frame (see app.h's KeyPress).
std::vector<KeyPress> key_queue;

void start_imgui(GLFWwindow* win) {
    // Queue key presses before ImGui installs its callbacks (it chains to this one).
    glfwSetKeyCallback(win, [](GLFWwindow*, int key, int, int action, int mods) {
        if (action == GLFW_PRESS || action == GLFW_REPEAT) key_queue.push_back({key, mods});
    });
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // layout lives in the session file, not in the working directory
    float xscale = 1, yscale = 1;
    glfwGetWindowContentScale(win, &xscale, &yscale);
    ui::load_fonts(xscale);
    ImGui::StyleColorsLight();
    ImGui::GetStyle().ScaleAllSizes(xscale);
    ImGui_ImplGlfw_InitForOpenGL(win, true);
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
FrameInput read_input(GLFWwindow* win) {
    FrameInput in;
    glfwGetFramebufferSize(win, &in.fb_w, &in.fb_h);
    glfwGetWindowSize(win, &in.window_w, &in.window_h);
    in.pixel_ratio = in.window_w > 0 ? float(in.fb_w) / float(in.window_w) : 1.f;
    glfwGetCursorPos(win, &in.mouse_x, &in.mouse_y);
    in.time = glfwGetTime();
    in.keys.swap(key_queue);
    key_queue.clear();
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

    auto app = std::make_unique<App>(*model, renderer, labels_ok ? &labels : nullptr, session_path);
    app->restore_session();
    LodWorker lods;  // the other levels of detail, started after the first frame
    bool lods_started = false;
    bool first_frame = true;
    WindowBench bench(opt.bench_frames);

    // Main loop.
    while (!glfwWindowShouldClose(win)) {
        // Sleep until input arrives unless something moves (fly-to, background levels).
        if (first_frame || app->animating() || bench.on() || (lods_started && !lods.finished()))
            glfwPollEvents();
        else
            glfwWaitEventsTimeout(0.5);
        const FrameInput in = read_input(win);
        if (in.fb_w <= 0 || in.fb_h <= 0) continue;  // minimised
        bench.begin_frame(lods_started && lods.finished());
        while (auto done = lods.poll()) renderer.upload_lod(done->first, std::move(done->second));

        ImGui_ImplOpenGL3_NewFrame();
        ImGui_ImplGlfw_NewFrame();
        ImGui::NewFrame();
        app->update(in);
        if (app->quit_requested()) glfwSetWindowShouldClose(win, GLFW_TRUE);
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
        if (auto reload = app->take_reload()) {
            // A workspace opened or imported into: load the document again (on this thread:
            // the window waits, as it does for an export) and give the renderers its scene.
            // The session is saved first, so the new App restores the same view and selection.
            app->save_session_if_changed(true);
            lods.stop();
            lods_started = false;
            app.reset();
            current.workspace = reload->workspace;
            current.width = in.window_w;
            current.height = in.window_h;
            loaded = load(current);
            upload(*loaded, renderer, labels_ok ? &labels : nullptr);
            model = &loaded->model;
            app = std::make_unique<App>(*model, renderer, labels_ok ? &labels : nullptr,
                                        session_path);
            app->restore_session();
            app->after_reload(std::move(reload->problems), reload->message);
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

    // Clean-up.
    app->save_session_if_changed(true);
    bench.report(renderer);
    lods.stop();
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(win);
    glfwTerminate();
    return 0;
}

}  // namespace bm::app
