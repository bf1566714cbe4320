// The GLFW window and frame loop. Input goes to ImGui first (App routes the rest to the map).
#include "app/window_app.h"

#include <glad/gl.h>
// glad must come before GLFW so GLFW does not pull in the system GL header.
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <future>
#include <memory>
#include <vector>

#include "app/app.h"
#include "app/map_model.h"
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

struct Loaded {
    MapModel model;
    int level = 0;
    render::LodGeometry lod;
    bool ok = false;
};

}  // namespace

int run_window_app(const Options& opt) {
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
    auto loading = std::async(std::launch::async, [&opt] {
        auto l = std::make_unique<Loaded>();
        l->ok = l->model.load(opt);
        l->model.view.width = opt.width;
        l->model.view.height = opt.height;
        l->model.reset_view();
        l->level = l->model.scene.lod_for(l->model.view.res);
        l->lod = l->model.build_lod(l->level);
        return l;
    });

    glfwSetErrorCallback([](int code, const char* msg) {
        std::fprintf(stderr, "briefmap: GLFW error %d: %s\n", code, msg);
    });
    if (!glfwInit()) {
        std::fprintf(stderr, "briefmap: cannot open the display '%s'; try `xvfb-run -a briefmap`\n",
                     display ? display : "");
        return 2;
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
        return 2;
    }
    glfwMakeContextCurrent(win);
    glfwSwapInterval(1);  // vsync: no tearing
    if (!gladLoadGL(glfwGetProcAddress)) {
        std::fprintf(stderr, "briefmap: cannot load OpenGL 3.3 functions\n");
        glfwDestroyWindow(win);
        glfwTerminate();
        return 2;
    }

    // Queue key presses before ImGui installs its callbacks (it chains to this one).
    static std::vector<KeyPress> key_queue;
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
    MapModel& model = loaded->model;
    for (auto& p : model.problems) std::fprintf(stderr, "briefmap: %s\n", p.to_string().c_str());
    if (!loaded->ok) std::fprintf(stderr, "briefmap: no map data could be loaded\n");
    if (loaded->lod.tessellation_failures)
        std::fprintf(
            stderr,
            "briefmap: warning: %zu polygon(s) could not be triangulated; drawn as outlines only\n",
            loaded->lod.tessellation_failures);
    if (timing) std::fprintf(stderr, "briefmap: data loaded after %.1f ms\n", ms_since(t_start));
    renderer.upload(model.scene, model.style, &model.map.projected);
    renderer.upload_lod(loaded->level, std::move(loaded->lod));

    if (labels_ok) {
        Problems label_problems;
        auto config = render::LabelConfig::builtin(label_problems);
        labels.set_labels(render::collect_labels(model.scene, model.map.projected, config,
                                                 exporter::mention_counts(model)),
                          model.style, config);
        for (auto& p : label_problems)
            std::fprintf(stderr, "briefmap: %s\n", p.to_string().c_str());
    }
    App app(model, renderer, labels_ok ? &labels : nullptr,
            opt.session.empty() ? default_session_path() : opt.session);
    app.restore_session();
    LodWorker lods;
    bool lods_started = false;
    bool first_frame = true;
    const int bench_frames = opt.bench_frames;
    // Benchmark mode: the frame, its parts (each ended by glFinish) and process CPU time.
    std::vector<double> frame_ms, update_ms, map_ms, ui_ms, swap_ms;
    double cpu_start = 0;
    auto cpu_seconds = [] {
        timespec ts{};
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
        return double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9;
    };
    int frame_no = 0;

    while (!glfwWindowShouldClose(win)) {
        // Sleep until input arrives unless something moves (fly-to, background levels).
        const bool busy = first_frame || app.animating() || bench_frames > 0 ||
                          (lods_started && !lods.finished());
        if (busy)
            glfwPollEvents();
        else
            glfwWaitEventsTimeout(0.5);

        FrameInput in;
        glfwGetFramebufferSize(win, &in.fb_w, &in.fb_h);
        glfwGetWindowSize(win, &in.window_w, &in.window_h);
        if (in.fb_w <= 0 || in.fb_h <= 0) continue;  // minimised
        in.pixel_ratio = in.window_w > 0 ? float(in.fb_w) / float(in.window_w) : 1.f;
        glfwGetCursorPos(win, &in.mouse_x, &in.mouse_y);
        in.time = glfwGetTime();
        in.keys.swap(key_queue);
        key_queue.clear();
        const auto t_frame = Clock::now();

        while (auto done = lods.poll()) renderer.upload_lod(done->first, std::move(done->second));

        ImGui_ImplOpenGL3_NewFrame();
        ImGui_ImplGlfw_NewFrame();
        ImGui::NewFrame();
        app.update(in);
        if (app.quit_requested()) glfwSetWindowShouldClose(win, GLFW_TRUE);

        // Benchmark mode measures steady panning, once every level of detail is built.
        const bool bench_steady = bench_frames > 0 && lods_started && lods.finished();
        if (bench_steady)
            model.view.pan_pixels(std::sin(frame_no * 0.05) * 12 * in.pixel_ratio,
                                  std::cos(frame_no * 0.05) * 8 * in.pixel_ratio);

        ImGui::Render();
        const auto t_updated = Clock::now();
        glBindFramebuffer(GL_FRAMEBUFFER, 0);
        glViewport(0, 0, in.fb_w, in.fb_h);
        glClearColor(0.94f, 0.94f, 0.94f, 1);
        glClear(GL_COLOR_BUFFER_BIT);
        // The first frame draws directly: filling the larger pan cache can wait a frame.
        app.draw_map(in, first_frame);
        if (bench_steady) glFinish();
        const auto t_map = Clock::now();
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
        if (bench_frames > 0) glFinish();  // measure the frame, not the queue
        const auto t_ui = Clock::now();
        glfwSwapBuffers(win);
        if (bench_steady) {
            auto ms = [](Clock::time_point a, Clock::time_point b) {
                return std::chrono::duration<double, std::milli>(b - a).count();
            };
            update_ms.push_back(ms(t_frame, t_updated));
            map_ms.push_back(ms(t_updated, t_map));
            ui_ms.push_back(ms(t_map, t_ui));
            swap_ms.push_back(ms(t_ui, Clock::now()));
            if (frame_no == 0) cpu_start = cpu_seconds();
        }
        app.save_session_if_changed(first_frame);

        if (first_frame) {
            first_frame = false;
            if (bench_frames > 0) glFinish();
            if (bench_frames > 0 || timing)
                std::fprintf(stderr, "briefmap: first frame after %.1f ms\n", ms_since(t_start));
        } else if (!lods_started) {
            lods.start(model, loaded->level);  // after the first frame: it competes for the cores
            lods_started = true;
        } else if (bench_steady) {
            frame_ms.push_back(ms_since(t_frame));
            ++frame_no;
        }
        if (bench_frames > 0 && frame_no > bench_frames) glfwSetWindowShouldClose(win, GLFW_TRUE);
    }
    app.save_session_if_changed(true);
    if (bench_frames > 0 && !frame_ms.empty()) {
        const double cpu_ms = (cpu_seconds() - cpu_start) * 1000 / double(frame_ms.size());
        auto median = [](std::vector<double> v) {
            std::sort(v.begin(), v.end());
            return v[v.size() / 2];
        };
        std::vector<double> sorted = frame_ms;
        std::sort(sorted.begin(), sorted.end());
        std::printf(
            "{\"frames\": %zu, \"frame_median_ms\": %.3f, \"frame_p10_ms\": %.3f, "
            "\"frame_p90_ms\": %.3f, "
            "\"update_median_ms\": %.3f, \"map_median_ms\": %.3f, \"ui_median_ms\": %.3f, "
            "\"swap_median_ms\": %.3f, "
            "\"cpu_ms_per_frame\": %.3f, \"pan_cache_renders\": %d}\n",
            sorted.size(), sorted[sorted.size() / 2], sorted[sorted.size() / 10],
            sorted[sorted.size() * 9 / 10], median(update_ms), median(map_ms), median(ui_ms),
            median(swap_ms), cpu_ms, renderer.cache_renders());
    }
    lods.stop();
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(win);
    glfwTerminate();
    return 0;
}

}  // namespace bm::app
