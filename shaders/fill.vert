#version 330 core
// Filled polygons. Positions are projected map units relative to the scene origin (keeps float
// precision at street zoom); the feature index looks up the fill colour in a texture so hover
// and selection change colours without re-uploading geometry.
layout(location = 0) in vec2 a_pos;
layout(location = 1) in uint a_feature;

uniform vec2 u_center;  // view centre, relative to the scene origin
uniform vec2 u_scale;   // 2 / (resolution * viewport size)
uniform sampler2D u_colors;
uniform sampler2D u_params;  // per feature: (width, dash, gap, hatch)
uniform float u_opacity;
uniform bool u_override;  // highlight pass: one colour for the whole draw
uniform vec4 u_override_fill;

// Flat: one colour per feature, so the rasteriser interpolates nothing (llvmpipe's cost at 4K).
flat out vec4 v_color;
flat out uint v_flags;

void main() {
    gl_Position = vec4((a_pos - u_center) * u_scale, 0.0, 1.0);
    int i = int(a_feature);
    v_color = texelFetch(u_colors, ivec2(i % 1024, i / 1024), 0);
    if (u_override) v_color = u_override_fill;
    v_color.a *= u_opacity;
    v_flags = texelFetch(u_params, ivec2(i % 1024, i / 1024), 0).w > 0.5 ? 1u : 0u;
}
