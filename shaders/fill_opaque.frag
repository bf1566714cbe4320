#version 330 core
// Opaque fills (alpha 1, no hatching, drawn without blending): the cheapest shader llvmpipe can
// run, with no discard and nothing interpolated; the country fills cover a whole 4K export.
flat in vec4 v_color;
out vec4 frag;

void main() {
    frag = v_color;
}
