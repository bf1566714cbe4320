#version 330 core
// A raster layer: one quad over its projected extent (u_box, relative to the scene origin),
// corners from gl_VertexID as a triangle strip. The image's first row is its top (max y).
uniform vec2 u_center;  // view centre, relative to the scene origin
uniform vec2 u_scale;   // 2 / (resolution * viewport size)
uniform vec4 u_box;     // minx, miny, maxx, maxy

out vec2 v_uv;

void main() {
    vec2 c = vec2(float(gl_VertexID & 1), float(gl_VertexID >> 1));
    gl_Position = vec4((mix(u_box.xy, u_box.zw, c) - u_center) * u_scale, 0.0, 1.0);
    v_uv = vec2(c.x, 1.0 - c.y);
}
