#version 330 core
// Lines as instanced quads, one per segment, expanded in screen space so the width is in
// pixels at any zoom. a_corner.x: 0 at p0, 1 at p1; a_corner.y: -1/+1 across the line.
layout(location = 0) in vec2 a_corner;
layout(location = 1) in vec2 a_p0;
layout(location = 2) in vec2 a_p1;
layout(location = 3) in float a_dist0;  // map units along the line to p0, for dashes
layout(location = 4) in uint a_feature;

uniform vec2 u_center;
uniform vec2 u_scale;
uniform vec2 u_viewport;  // framebuffer pixels
uniform float u_res;      // map units per pixel
uniform float u_pixel_ratio;
uniform sampler2D u_params;  // per feature: (width, dash, gap, hatch) in logical pixels
uniform sampler2D u_colors;
uniform float u_opacity;
uniform bool u_override;  // highlight pass: one colour and width for the whole draw
uniform vec4 u_override_stroke;
uniform float u_override_width;

flat out vec4 v_color;
out float v_across;  // pixels from the centre line
out float v_along;   // pixels along the line from its start
flat out float v_half;
flat out vec2 v_dash;

void main() {
    vec2 s0 = (a_p0 - u_center) * u_scale * 0.5 * u_viewport;
    vec2 s1 = (a_p1 - u_center) * u_scale * 0.5 * u_viewport;
    vec2 d = s1 - s0;
    float len = length(d);
    vec2 dir = len > 1e-6 ? d / len : vec2(1.0, 0.0);
    vec2 n = vec2(-dir.y, dir.x);
    int i = int(a_feature);
    ivec2 tc = ivec2(i % 1024, i / 1024);
    vec4 params = texelFetch(u_params, tc, 0);
    if (u_override) params.x = max(params.x, u_override_width);
    float half_w = params.x * u_pixel_ratio * 0.5;
    v_dash = params.yz * u_pixel_ratio;
    if (params.x <= 0.0) {  // no stroke: emit a degenerate quad outside the clip volume
        gl_Position = vec4(2.0, 2.0, 2.0, 1.0);
        v_color = vec4(0.0);
        v_across = v_along = v_half = 0.0;
        return;
    }
    float ext = half_w + 1.0;  // 1 px fringe for antialiasing; also square caps hide joins
    float t = a_corner.x * 2.0 - 1.0;
    vec2 s = mix(s0, s1, a_corner.x) + dir * t * ext + n * a_corner.y * ext;
    gl_Position = vec4(s / (0.5 * u_viewport), 0.0, 1.0);
    v_color = u_override ? u_override_stroke : texelFetch(u_colors, tc, 0);
    v_color.a *= u_opacity;
    v_across = a_corner.y * ext;
    v_along = a_dist0 / u_res + a_corner.x * len + t * ext;
    v_half = half_w;
}
