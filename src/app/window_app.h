#pragma once
#include "app/options.h"

namespace bm::app {
// Opens the GLFW window and runs the frame loop until it is closed. Returns the exit code.
int run_window_app(const Options& opt);
}  // namespace bm::app
