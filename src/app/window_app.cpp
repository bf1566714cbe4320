// The GLFW window and frame loop: input goes to ImGui first, then to the map.
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
#include <future>
#include <memory>
#include <vector>

#include "app/map_model.h"
#include "render/map_renderer.h"
#include "ui/fonts.h"
#include "ui/menu_bar.h"
#include "ui/status_bar.h"

namespace bm::app {

namespace {

using Clock = std::chrono::steady_clock;

struct Input {
    bool dragging = false;
    double last_x = 0, last_y = 0;
};

double ms_since(Clock::time_point t) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

}  // namespace

int run_window_app(const Options& opt) {
    const auto t_start = Clock::now();
    const char* display = std::getenv("DISPLAY");
    const char* wayland = std::getenv("WAYLAND_DISPLAY");
    if ((!display || !*display) && (!wayland || !*wayland)) {
        std::fprintf(
            stderr,
            "briefmap: no display (DISPLAY is not set): run it under a desktop session or "
            "`xvfb-run briefmap`; `briefmap places` and `briefmap mentions` work without one\n");
        return 2;
    }
    // Load, project and tessellate the opening level of detail on another core while GLFW,
    // the GL context and ImGui's fonts start up on this one.
    struct Loaded {
        MapModel model;
        int level = 0;
        render::LodGeometry lod;
        bool ok = false;
    };
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
        std::fprintf(stderr, "briefmap: cannot open the display '%s'; try `xvfb-run briefmap`\n",
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

    const bool timing = std::getenv("BRIEFMAP_TIMING") != nullptr;
    if (timing)
        std::fprintf(stderr, "briefmap: window + GL + ImGui ready after %.1f ms\n",
                     ms_since(t_start));
    // Shaders compile (LLVM JIT on llvmpipe) while the data is still loading.
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
    renderer.upload(model.scene, model.style);
    LodWorker lods;
    bool lods_started = false;

    Input input;
    bool first_frame = true;
    bool home_pending = true;
    ui::MenuActions actions;
    const int bench_frames = opt.bench_frames;
    std::vector<double> frame_ms;
    int frame_no = 0;

    while (!glfwWindowShouldClose(win)) {
        if (bench_frames > 0 || first_frame)
            glfwPollEvents();
        else
            glfwWaitEventsTimeout(0.25);

        int fbw = 0, fbh = 0, ww = 0, wh = 0;
        glfwGetFramebufferSize(win, &fbw, &fbh);
        glfwGetWindowSize(win, &ww, &wh);
        if (fbw <= 0 || fbh <= 0) continue;  // minimised
        const float pixel_ratio = ww > 0 ? float(fbw) / float(ww) : 1.f;
        const auto t_frame = Clock::now();

        ImGui_ImplOpenGL3_NewFrame();
        ImGui_ImplGlfw_NewFrame();
        ImGui::NewFrame();

        actions = {};
        const float menu_h = ui::draw_menu_bar(actions);
        const float status_h = ui::status_bar_height();
        // The map fills the window between the menu bar and the status bar (framebuffer pixels).
        render::PixelRect rect{
            0, int(std::lround(menu_h * pixel_ratio)), fbw,
            std::max(1, fbh - int(std::lround((menu_h + status_h) * pixel_ratio)))};
        model.view.width = rect.width;
        model.view.height = rect.height;
        if (home_pending) {
            model.reset_view();
            home_pending = false;
        }
        if (first_frame) {
            // The opening level came with the data; the others are built in the background.
            renderer.upload_lod(loaded->level, std::move(loaded->lod));
        }
        if (!lods_started && !first_frame) {
            lods.start(model, loaded->level);  // after the first frame: it competes for the cores
            lods_started = true;
        }
        while (auto done = lods.poll()) renderer.upload_lod(done->first, std::move(done->second));

        // Input: ImGui first; the map gets the mouse only when no ImGui window wants it.
        double mx = 0, my = 0;
        glfwGetCursorPos(win, &mx, &my);
        const geo::Vec2 cursor{mx * pixel_ratio - rect.x, my * pixel_ratio - rect.y};
        const bool over_map =
            cursor.x >= 0 && cursor.y >= 0 && cursor.x < rect.width && cursor.y < rect.height;
        if (!io.WantCaptureMouse) {
            if (ImGui::IsMouseClicked(ImGuiMouseButton_Left) && over_map) {
                input.dragging = true;
                input.last_x = mx;
                input.last_y = my;
            }
            if (io.MouseWheel != 0 && over_map)
                model.view.zoom_at(cursor, std::pow(1.25, io.MouseWheel));
        }
        if (input.dragging) {
            if (ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
                model.view.pan_pixels((mx - input.last_x) * pixel_ratio,
                                      (my - input.last_y) * pixel_ratio);
                input.last_x = mx;
                input.last_y = my;
            } else {
                input.dragging = false;
            }
        }
        if (!io.WantCaptureKeyboard) {
            const geo::Vec2 mid{rect.width / 2.0, rect.height / 2.0};
            const double step = 80 * pixel_ratio;
            // ImGui 1.86 indexes keys by the backend's (GLFW's) key codes.
            auto pressed = [](ImGuiKey k) { return ImGui::IsKeyPressed(ImGui::GetKeyIndex(k)); };
            if (pressed(ImGuiKey_Home)) actions.reset_view = true;
            // + and - by character, so they work on any keyboard layout and on the keypad.
            for (ImWchar c : io.InputQueueCharacters) {
                if (c == '+' || c == '=') actions.zoom_in = true;
                if (c == '-' || c == '_') actions.zoom_out = true;
            }
            if (ImGui::IsKeyPressed(GLFW_KEY_KP_ADD)) actions.zoom_in = true;
            if (ImGui::IsKeyPressed(GLFW_KEY_KP_SUBTRACT)) actions.zoom_out = true;
            if (io.KeyCtrl && ImGui::IsKeyPressed(GLFW_KEY_Q)) actions.quit = true;
            if (pressed(ImGuiKey_LeftArrow)) model.view.pan_pixels(step, 0);
            if (pressed(ImGuiKey_RightArrow)) model.view.pan_pixels(-step, 0);
            if (pressed(ImGuiKey_UpArrow)) model.view.pan_pixels(0, step);
            if (pressed(ImGuiKey_DownArrow)) model.view.pan_pixels(0, -step);
            if (actions.zoom_in) model.view.zoom_at(mid, 1.5);
            if (actions.zoom_out) model.view.zoom_at(mid, 1 / 1.5);
        }
        if (actions.reset_view) model.reset_view();
        if (actions.quit) glfwSetWindowShouldClose(win, GLFW_TRUE);
        // Benchmark mode measures steady panning: it starts once every level of detail is built.
        const bool bench_steady = bench_frames > 0 && lods_started && lods.finished();
        if (bench_steady) {
            // Benchmark mode: pan steadily, as a user dragging the map would.
            model.view.pan_pixels(std::sin(frame_no * 0.05) * 12 * pixel_ratio,
                                  std::cos(frame_no * 0.05) * 8 * pixel_ratio);
        }

        ui::StatusInfo info;
        info.has_cursor = over_map && !io.WantCaptureMouse;
        if (info.has_cursor) info.lonlat = model.projection->inverse(model.view.to_map(cursor));
        info.scale_denominator = model.scale_denominator(pixel_ratio);
        info.feature_count = model.feature_count();
        info.problem_count = model.problems.size();
        info.crs = model.crs_name();
        ui::draw_status_bar(info);

        ImGui::Render();
        glBindFramebuffer(GL_FRAMEBUFFER, 0);
        glViewport(0, 0, fbw, fbh);
        glClearColor(0.94f, 0.94f, 0.94f, 1);
        glClear(GL_COLOR_BUFFER_BIT);
        // The first frame draws directly: filling the (larger) pan cache can wait a frame.
        if (first_frame)
            renderer.draw(model.view, rect, fbh, pixel_ratio);
        else
            model.view = renderer.draw_cached(model.view, rect, fbh, pixel_ratio);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
        if (bench_frames > 0) glFinish();  // measure the frame, not the queue
        glfwSwapBuffers(win);

        if (first_frame) {
            first_frame = false;
            if (bench_frames > 0) glFinish();
            if (bench_frames > 0 || std::getenv("BRIEFMAP_TIMING"))
                std::fprintf(stderr, "briefmap: first frame after %.1f ms\n", ms_since(t_start));
        } else if (bench_steady) {
            frame_ms.push_back(ms_since(t_frame));
            ++frame_no;
        }
        if (bench_frames > 0 && frame_no > bench_frames) glfwSetWindowShouldClose(win, GLFW_TRUE);
    }
    if (bench_frames > 0 && !frame_ms.empty()) {
        std::sort(frame_ms.begin(), frame_ms.end());
        std::printf("{\"frames\": %zu, \"frame_median_ms\": %.3f, \"frame_p90_ms\": %.3f}\n",
                    frame_ms.size(), frame_ms[frame_ms.size() / 2],
                    frame_ms[frame_ms.size() * 9 / 10]);
    }

    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(win);
    glfwTerminate();
    return 0;
}

}  // namespace bm::app
