#version 330 core
// A translucent layer, drawn opaque into its own texture, laid on the map at the layer's
// opacity: overlapping strokes and joins inside the layer do not darken (as in QGIS).
uniform sampler2D u_layer;  // premultiplied
uniform ivec2 u_origin;     // the viewport's bottom-left corner in the target framebuffer
uniform float u_opacity;
out vec4 frag;

void main() {
    frag = texelFetch(u_layer, ivec2(gl_FragCoord.xy) - u_origin, 0) * u_opacity;
}
