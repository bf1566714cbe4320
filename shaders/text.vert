#version 330 core
// One glyph per instance: a quad in pixels of the target rectangle (origin top left, y down).
layout(location = 0) in vec2 a_corner;  // 0..1
layout(location = 1) in vec4 a_rect;    // x0, y0, x1, y1 pixels
layout(location = 2) in vec4 a_uv;      // u0, v0, u1, v1 in the atlas
layout(location = 3) in vec4 a_color;   // premultiplied
layout(location = 4) in vec4 a_turn;    // pivot x, y (pixels), cos, sin: route labels' glyphs

uniform vec2 u_viewport;

out vec2 v_uv;
out vec4 v_color;

void main() {
    vec2 p = mix(a_rect.xy, a_rect.zw, a_corner) - a_turn.xy;
    p = a_turn.xy + vec2(p.x * a_turn.z - p.y * a_turn.w, p.x * a_turn.w + p.y * a_turn.z);
    gl_Position = vec4(p.x / u_viewport.x * 2.0 - 1.0, 1.0 - p.y / u_viewport.y * 2.0, 0.0, 1.0);
    v_uv = mix(a_uv.xy, a_uv.zw, a_corner);
    v_color = a_color;
}
