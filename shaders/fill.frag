#version 330 core
flat in vec4 v_color;
flat in uint v_flags;
uniform float u_hatch_spacing;  // framebuffer pixels between hatch lines
uniform float u_hatch_width;
// (map x - map y) in pixels minus (fragment x - fragment y), modulo the spacing: the hatching
// stays glued to the map when panning.
uniform float u_hatch_offset;
out vec4 frag;

void main() {
    vec4 c = v_color;
    if ((v_flags & 1u) != 0u) {
        // Approximate or disputed areas: diagonal hatching in screen space, antialiased.
        float d = mod(gl_FragCoord.x - gl_FragCoord.y + u_hatch_offset, u_hatch_spacing);
        d = min(d, u_hatch_spacing - d);
        c.a *= clamp(u_hatch_width * 0.5 - d + 0.5, 0.0, 1.0);
    }
    if (c.a <= 0.0) discard;
    frag = vec4(c.rgb * c.a, c.a);  // premultiplied
}
