#include "export/headless.h"

#include <glad/egl.h>

#include <cstring>

namespace bm::exporter {

std::unique_ptr<HeadlessContext> HeadlessContext::create(std::string* error) {
    auto fail = [&](const std::string& why) -> std::unique_ptr<HeadlessContext> {
        if (error) *error = why;
        return nullptr;
    };
    // First load: client extensions and eglGetPlatformDisplay only.
    if (!gladLoaderLoadEGL(EGL_NO_DISPLAY))
        return fail("cannot load libEGL (install libegl1 and libegl-mesa0)");
    const char* client_ext = eglQueryString(EGL_NO_DISPLAY, EGL_EXTENSIONS);
    if (!client_ext || !std::strstr(client_ext, "EGL_MESA_platform_surfaceless"))
        return fail(
            "EGL has no surfaceless platform (EGL_MESA_platform_surfaceless); Mesa's libegl-mesa0 "
            "provides it");
    // Without a display glad cannot know the EGL version yet, so EGL 1.5's
    // eglGetPlatformDisplay may be unloaded; EGL_EXT_platform_base's variant is the same call.
    EGLDisplay dpy = EGL_NO_DISPLAY;
    if (glad_eglGetPlatformDisplay)
        dpy = eglGetPlatformDisplay(EGL_PLATFORM_SURFACELESS_MESA, EGL_DEFAULT_DISPLAY, nullptr);
    else if (glad_eglGetPlatformDisplayEXT)
        dpy = eglGetPlatformDisplayEXT(EGL_PLATFORM_SURFACELESS_MESA, EGL_DEFAULT_DISPLAY, nullptr);
    if (dpy == EGL_NO_DISPLAY) return fail("eglGetPlatformDisplay(surfaceless) failed");
    // The display is per process: querying it fails (EGL_NOT_INITIALIZED) unless someone in
    // this process initialised it already, in which case it is theirs to terminate.
    const bool owns_display = eglQueryString(dpy, EGL_VENDOR) == nullptr;
    EGLint major = 0, minor = 0;
    if (!eglInitialize(dpy, &major, &minor)) return fail("eglInitialize failed");
    auto terminate = [&] {
        if (owns_display) eglTerminate(dpy);
    };
    if (!gladLoaderLoadEGL(dpy)) {  // second load: the display's extensions
        terminate();
        return fail("cannot load EGL functions for the display");
    }
    // (Only now are the EGL 1.4 entry points loaded.)
    const EGLDisplay prev_display = eglGetCurrentDisplay();
    const EGLContext prev_context = eglGetCurrentContext();
    const EGLSurface prev_draw = eglGetCurrentSurface(EGL_DRAW);
    const EGLSurface prev_read = eglGetCurrentSurface(EGL_READ);
    if (!eglBindAPI(EGL_OPENGL_API)) {
        terminate();
        return fail("EGL cannot bind desktop OpenGL");
    }
    const EGLint cfg_attrs[] = {EGL_RENDERABLE_TYPE,
                                EGL_OPENGL_BIT,
                                EGL_SURFACE_TYPE,
                                EGL_PBUFFER_BIT,
                                EGL_RED_SIZE,
                                8,
                                EGL_GREEN_SIZE,
                                8,
                                EGL_BLUE_SIZE,
                                8,
                                EGL_NONE};
    EGLConfig cfg = nullptr;
    EGLint n = 0;
    if (!eglChooseConfig(dpy, cfg_attrs, &cfg, 1, &n) || n == 0) {
        // Surfaceless contexts need no config at all (EGL_KHR_no_config_context).
        cfg = EGL_NO_CONFIG_KHR;
    }
    const EGLint ctx_attrs[] = {EGL_CONTEXT_MAJOR_VERSION,
                                3,
                                EGL_CONTEXT_MINOR_VERSION,
                                3,
                                EGL_CONTEXT_OPENGL_PROFILE_MASK,
                                EGL_CONTEXT_OPENGL_CORE_PROFILE_BIT,
                                EGL_NONE};
    EGLContext ctx = eglCreateContext(dpy, cfg, EGL_NO_CONTEXT, ctx_attrs);
    if (ctx == EGL_NO_CONTEXT) {
        terminate();
        return fail("eglCreateContext(OpenGL 3.3 core) failed");
    }
    if (!eglMakeCurrent(dpy, EGL_NO_SURFACE, EGL_NO_SURFACE, ctx)) {
        eglDestroyContext(dpy, ctx);
        terminate();
        return fail("eglMakeCurrent without a surface failed (needs EGL_KHR_surfaceless_context)");
    }
    if (!gladLoadGL(reinterpret_cast<GLADloadfunc>(eglGetProcAddress))) {
        eglMakeCurrent(dpy, EGL_NO_SURFACE, EGL_NO_SURFACE, EGL_NO_CONTEXT);
        eglDestroyContext(dpy, ctx);
        terminate();
        return fail("cannot load OpenGL 3.3 functions");
    }
    std::unique_ptr<HeadlessContext> hc(new HeadlessContext);
    hc->display_ = dpy;
    hc->context_ = ctx;
    hc->owns_display_ = owns_display;
    hc->prev_display_ = prev_display;
    hc->prev_context_ = prev_context;
    hc->prev_draw_ = prev_draw;
    hc->prev_read_ = prev_read;
    return hc;
}

HeadlessContext::~HeadlessContext() {
    auto dpy = static_cast<EGLDisplay>(display_);
    eglMakeCurrent(dpy, EGL_NO_SURFACE, EGL_NO_SURFACE, EGL_NO_CONTEXT);
    eglDestroyContext(dpy, static_cast<EGLContext>(context_));
    if (prev_context_ != EGL_NO_CONTEXT && prev_display_ != EGL_NO_DISPLAY)
        eglMakeCurrent(static_cast<EGLDisplay>(prev_display_), static_cast<EGLSurface>(prev_draw_),
                       static_cast<EGLSurface>(prev_read_), static_cast<EGLContext>(prev_context_));
    if (owns_display_) eglTerminate(dpy);
}

std::string HeadlessContext::renderer() const {
    const auto* r = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
    return r ? r : "";
}

bool OffscreenTarget::create(int width, int height, std::string* error) {
    GLint max_size = 0;
    glGetIntegerv(GL_MAX_RENDERBUFFER_SIZE, &max_size);
    if (width <= 0 || height <= 0 || width > max_size || height > max_size) {
        if (error)
            *error = "size " + std::to_string(width) + "x" + std::to_string(height) +
                     " is outside 1.." + std::to_string(max_size);
        return false;
    }
    GLuint fb = 0, rb = 0;
    glGenFramebuffers(1, &fb);
    glGenRenderbuffers(1, &rb);
    fbo_ = render::Framebuffer(fb);
    color_ = render::Renderbuffer(rb);
    glBindRenderbuffer(GL_RENDERBUFFER, rb);
    glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, width, height);
    glBindFramebuffer(GL_FRAMEBUFFER, fb);
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, rb);
    if (glCheckFramebufferStatus(GL_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE) {
        if (error) *error = "offscreen framebuffer incomplete";
        return false;
    }
    width_ = width;
    height_ = height;
    return true;
}

void OffscreenTarget::bind() const {
    glBindFramebuffer(GL_FRAMEBUFFER, fbo_.id());
}

std::vector<uint8_t> OffscreenTarget::read_rgba() const {
    std::vector<uint8_t> px;
    read_rgba(px);
    return px;
}

void OffscreenTarget::read_rgba(std::vector<uint8_t>& px) const {
    px.resize(size_t(width_) * 4 * size_t(height_));
    read_rows(0, height_, px.data());
}

void OffscreenTarget::read_rows(int first, int count, uint8_t* dst) const {
    const size_t row = size_t(width_) * 4;
    bind();
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    // Row by row into its flipped place (GL's rows run bottom-up): one pass over the memory
    // instead of read-then-swap.
    for (int i = 0; i < count; ++i)
        glReadPixels(0, height_ - 1 - (first + i), width_, 1, GL_RGBA, GL_UNSIGNED_BYTE,
                     dst + size_t(i) * row);
}

}  // namespace bm::exporter
