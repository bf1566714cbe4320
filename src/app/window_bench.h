#pragma once
// Benchmark mode of the window (`--bench-frames N`, hidden): once every level of detail is
// built, the view pans steadily for N frames; each frame's parts (ImGui update, map, UI,
// swap; each ended by glFinish) and the process CPU time are measured and printed as one JSON
// line when the window closes. Off (frames 0), every call does nothing.
#include <chrono>
#include <vector>

#include "geo/viewport.h"
#include "render/map_renderer.h"

namespace bm::app {

class WindowBench {
  public:
    explicit WindowBench(int frames) : frames_(frames) {}
    bool on() const { return frames_ > 0; }
    bool done() const { return on() && frame_no_ > frames_; }

    // Starts a frame; it is measured ("steady") once the levels of detail are all built.
    void begin_frame(bool lods_finished);
    // Moves the view along the benchmark's path (steady frames only).
    void pan(geo::Viewport& view, float pixel_ratio) const;
    void updated();    // the ImGui frame is built (ImGui::Render)
    void map_drawn();  // after App::draw_map
    void ui_drawn();   // after the ImGui draw data
    void swapped();    // after glfwSwapBuffers
    // After the frame. The first frame is reported (with `timing` too), not measured.
    void end_frame(bool first_frame, bool timing, double ms_since_start);
    // Prints the JSON line (if any frame was measured).
    void report(const render::MapRenderer& renderer) const;

  private:
    using Clock = std::chrono::steady_clock;
    int frames_ = 0, frame_no_ = 0;
    bool steady_ = false;
    Clock::time_point t_frame_, t_updated_, t_map_, t_ui_;
    std::vector<double> frame_ms_, update_ms_, map_ms_, ui_ms_, swap_ms_;
    double cpu_start_ = 0;
};

}  // namespace bm::app
