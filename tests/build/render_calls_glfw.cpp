// Probe, built as part of render: compiles (declared by hand, past the include barrier) but
// must not link: render may not link GLFW.
extern "C" int glfwInit(void);
int probe_render_calls_glfw() {
    return glfwInit();
}
