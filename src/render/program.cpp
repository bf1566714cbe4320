#include "render/program.h"

namespace bm::render {

bool MapProgram::load(const char* vert, const char* frag) {
    program_ = load_program(vert, frag);
    u_ = {};
    if (!program_) return false;
    const GLuint p = program_.id();
    auto at = [p](const char* name) { return glGetUniformLocation(p, name); };
    u_.center = at("u_center");
    u_.scale = at("u_scale");
    u_.viewport = at("u_viewport");
    u_.res = at("u_res");
    u_.pixel_ratio = at("u_pixel_ratio");
    u_.opacity = at("u_opacity");
    u_.override_ = at("u_override");
    u_.override_fill = at("u_override_fill");
    u_.override_stroke = at("u_override_stroke");
    u_.override_width = at("u_override_width");
    u_.hatch_spacing = at("u_hatch_spacing");
    u_.hatch_width = at("u_hatch_width");
    u_.hatch_offset = at("u_hatch_offset");
    u_.colors = at("u_colors");
    u_.params = at("u_params");
    u_.strokes = at("u_strokes");
    return true;
}

}  // namespace bm::render
