#version 330 core
in vec2 v_local;
flat in uint v_symbol;
in float v_radius;
in vec4 v_fill;
in vec4 v_stroke;
uniform float u_pixel_ratio;
out vec4 frag;

void main() {
    // Signed distance in pixels to the symbol's edge (negative inside).
    float d;
    if (v_symbol == 2u || v_symbol == 1u) {
        vec2 q = abs(v_local) - vec2(v_radius * 0.85);
        d = length(max(q, 0.0)) + min(max(q.x, q.y), 0.0);
    } else if (v_symbol == 3u) {
        d = (abs(v_local.x) + abs(v_local.y) - v_radius * 1.2) * 0.7071;
    } else {
        d = length(v_local) - v_radius;
    }
    float stroke_w = 1.2 * u_pixel_ratio;
    float outside = clamp(0.5 - d, 0.0, 1.0);             // coverage of the whole symbol
    float inner = clamp(0.5 - (d + stroke_w), 0.0, 1.0);  // coverage of the fill inside the stroke
    vec4 c = mix(v_stroke, v_fill, inner);
    if (v_symbol == 1u || v_symbol == 4u) {
        // Capitals: a dot in the centre of the square (national) or of the ring (provincial).
        float dot_d = length(v_local) - v_radius * 0.35;
        c = mix(c, v_stroke, clamp(0.5 - dot_d, 0.0, 1.0));
    }
    float alpha = c.a * outside;
    if (alpha <= 0.0) discard;
    frag = vec4(c.rgb * alpha, alpha);
}
