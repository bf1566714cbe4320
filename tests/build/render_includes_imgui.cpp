// Probe, built as part of render: must not compile. render may not use ImGui (DESIGN.md,
// "Modules and what they may use").
#include <imgui.h>  // not on render's include path

#include "render/scene.h"  // its own headers: fine
