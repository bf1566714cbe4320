#version 330 core
in vec2 v_uv;
in vec4 v_color;
uniform sampler2D u_atlas;  // R8 glyph coverage
out vec4 frag;

void main() {
    float a = texture(u_atlas, v_uv).r;
    if (a <= 0.0) discard;
    frag = v_color * a;  // premultiplied
}
