#version 330 core
flat in vec4 v_color;
in float v_across;
in float v_along;
flat in float v_half;
flat in vec2 v_dash;  // (dash, gap) in pixels; dash == 0 means solid
out vec4 frag;

void main() {
    float a = clamp(v_half - abs(v_across) + 0.5, 0.0, 1.0);
    if (v_dash.x > 0.0) {
        float period = v_dash.x + v_dash.y;
        float m = mod(v_along, period);
        a *= clamp(min(m, v_dash.x - m) + 0.5, 0.0, 1.0);
    }
    float alpha = v_color.a * a;
    if (alpha <= 0.0) discard;
    frag = vec4(v_color.rgb * alpha, alpha);
}
