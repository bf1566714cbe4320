#pragma once
// A linked map shader with its uniform locations, looked up once when it is loaded (a
// glGetUniformLocation per uniform per draw call added up to ~16 string lookups for every
// layer of every frame). A uniform the shader does not have (or that the compiler dropped)
// has location -1, which glUniform* ignores.
#include "render/gl.h"

namespace bm::render {

struct MapUniforms {
    GLint center = -1, scale = -1, viewport = -1, res = -1, pixel_ratio = -1, opacity = -1;
    GLint override_ = -1, override_fill = -1, override_stroke = -1, override_width = -1;
    GLint hatch_spacing = -1, hatch_width = -1, hatch_offset = -1;
    GLint colors = -1, params = -1, strokes = -1;  // samplers
};

class MapProgram {
  public:
    // Compiles and links "shaders/<vert>" and "shaders/<frag>" (load_program) and caches the
    // locations; false if the driver rejected the shaders.
    bool load(const char* vert, const char* frag);
    GLuint id() const { return program_.id(); }
    explicit operator bool() const { return bool(program_); }
    const MapUniforms& u() const { return u_; }

  private:
    Program program_;
    MapUniforms u_;
};

}  // namespace bm::render
