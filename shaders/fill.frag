#version 330 core
in vec4 v_color;
flat in uint v_flags;
in vec2 v_map_px;
uniform float u_hatch_spacing;  // framebuffer pixels between hatch lines
uniform float u_hatch_width;
out vec4 frag;

void main() {
    vec4 c = v_color;
    if ((v_flags & 1u) != 0u) {
        // Approximate or disputed areas: diagonal hatching in screen space, antialiased.
        float d = mod(v_map_px.x - v_map_px.y, u_hatch_spacing);
        d = min(d, u_hatch_spacing - d);
        c.a *= clamp(u_hatch_width * 0.5 - d + 0.5, 0.0, 1.0);
    }
    if (c.a <= 0.0) discard;
    frag = vec4(c.rgb * c.a, c.a);  // premultiplied
}
