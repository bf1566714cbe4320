#version 330 core
// Point symbols as instanced screen-aligned quads; the fragment shader draws the symbol shape.
layout(location = 0) in vec2 a_corner;  // -1..1
layout(location = 1) in vec2 a_pos;
layout(location = 2) in uint a_feature;
layout(location = 3) in uint a_symbol;  // 0 circle, 1 capital (ringed square), 2 square, 3 diamond
layout(location = 4) in float a_size;   // pixels (diameter), before the pixel ratio
layout(location = 5) in float a_max_res;  // hidden above this many map units per logical pixel; 0: never

uniform vec2 u_center;
uniform vec2 u_scale;
uniform vec2 u_viewport;
uniform float u_pixel_ratio;
uniform float u_res;  // map units per framebuffer pixel
uniform sampler2D u_colors;   // fill
uniform sampler2D u_strokes;  // outline
uniform float u_opacity;
uniform bool u_override;  // highlight pass: colours given, symbol drawn larger
uniform vec4 u_override_fill;
uniform vec4 u_override_stroke;

out vec2 v_local;  // pixels from the symbol centre
flat out uint v_symbol;
out float v_radius;
out vec4 v_fill;
out vec4 v_stroke;

void main() {
    // A small place zoomed out: no symbol (a highlight still draws it: it was selected).
    if (!u_override && a_max_res > 0.0 && u_res * u_pixel_ratio > a_max_res) {
        gl_Position = vec4(2.0, 2.0, 2.0, 1.0);  // outside the clip volume
        return;
    }
    float r = (u_override ? a_size * 1.35 : a_size) * 0.5 * u_pixel_ratio;
    vec2 c = (a_pos - u_center) * u_scale * 0.5 * u_viewport;
    vec2 s = c + a_corner * (r + 1.5);
    gl_Position = vec4(s / (0.5 * u_viewport), 0.0, 1.0);
    v_local = a_corner * (r + 1.5);
    v_symbol = a_symbol;
    v_radius = r;
    int i = int(a_feature);
    ivec2 tc = ivec2(i % 1024, i / 1024);
    v_fill = u_override ? u_override_fill : texelFetch(u_colors, tc, 0);
    v_stroke = u_override ? u_override_stroke : texelFetch(u_strokes, tc, 0);
    v_fill.a *= u_opacity;
    v_stroke.a *= u_opacity;
}
