#include "app/window_bench.h"

#include <glad/gl.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>

namespace bm::app {

namespace {

double cpu_seconds() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9;
}

double ms(std::chrono::steady_clock::time_point a, std::chrono::steady_clock::time_point b) {
    return std::chrono::duration<double, std::milli>(b - a).count();
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

}  // namespace

void WindowBench::begin_frame(bool lods_finished) {
    t_frame_ = Clock::now();
    steady_ = on() && lods_finished;
}

void WindowBench::pan(geo::Viewport& view, float ratio) const {
    if (steady_)
        view.pan_pixels(std::sin(frame_no_ * 0.05) * 12 * ratio,
                        std::cos(frame_no_ * 0.05) * 8 * ratio);
}

void WindowBench::updated() {
    t_updated_ = Clock::now();
}

void WindowBench::map_drawn() {
    if (steady_) glFinish();
    t_map_ = Clock::now();
}

void WindowBench::ui_drawn() {
    if (on()) glFinish();  // measure the frame, not the queue
    t_ui_ = Clock::now();
}

void WindowBench::swapped() {
    if (!steady_) return;
    update_ms_.push_back(ms(t_frame_, t_updated_));
    map_ms_.push_back(ms(t_updated_, t_map_));
    ui_ms_.push_back(ms(t_map_, t_ui_));
    swap_ms_.push_back(ms(t_ui_, Clock::now()));
    if (frame_no_ == 0) cpu_start_ = cpu_seconds();
}

void WindowBench::end_frame(bool first_frame, bool timing, double ms_since_start) {
    if (first_frame) {
        if (on()) glFinish();
        if (on() || timing)
            std::fprintf(stderr, "briefmap: first frame after %.1f ms\n", ms_since_start);
    } else if (steady_) {
        frame_ms_.push_back(ms(t_frame_, Clock::now()));
        ++frame_no_;
    }
}

void WindowBench::report(const render::MapRenderer& renderer) const {
    if (!on() || frame_ms_.empty()) return;
    const double cpu_ms = (cpu_seconds() - cpu_start_) * 1000 / double(frame_ms_.size());
    std::vector<double> sorted = frame_ms_;
    std::sort(sorted.begin(), sorted.end());
    std::printf(
        "{\"frames\": %zu, \"frame_median_ms\": %.3f, \"frame_p10_ms\": %.3f, "
        "\"frame_p90_ms\": %.3f, "
        "\"update_median_ms\": %.3f, \"map_median_ms\": %.3f, \"ui_median_ms\": %.3f, "
        "\"swap_median_ms\": %.3f, "
        "\"cpu_ms_per_frame\": %.3f, \"pan_cache_renders\": %d}\n",
        sorted.size(), sorted[sorted.size() / 2], sorted[sorted.size() / 10],
        sorted[sorted.size() * 9 / 10], median(update_ms_), median(map_ms_), median(ui_ms_),
        median(swap_ms_), cpu_ms, renderer.cache_renders());
}

}  // namespace bm::app
