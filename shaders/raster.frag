#version 330 core
// The texture holds premultiplied colour (mipmaps then average without dark fringes); the
// output stays premultiplied like every map shader. A hillshade is blended by multiplying
// (the renderer's blend function), so it darkens the fills below instead of covering them.
in vec2 v_uv;
uniform sampler2D u_image;
uniform float u_opacity;
out vec4 frag;

void main() {
    frag = texture(u_image, v_uv) * u_opacity;
}
