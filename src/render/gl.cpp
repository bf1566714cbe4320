#include "render/gl.h"

#include <cstdio>
#include <string>

#include "common/resources.h"

namespace bm::render {

static GLuint compile(GLenum type, const char* name) {
    auto src = resource(std::string("shaders/") + name);
    if (!src) {
        std::fprintf(stderr, "briefmap: shader %s is not embedded in this build\n", name);
        return 0;
    }
    GLuint sh = glCreateShader(type);
    const char* p = src->data();
    GLint len = GLint(src->size());
    glShaderSource(sh, 1, &p, &len);
    glCompileShader(sh);
    GLint ok = 0;
    glGetShaderiv(sh, GL_COMPILE_STATUS, &ok);
    if (!ok) {
        char log[4096];
        glGetShaderInfoLog(sh, sizeof log, nullptr, log);
        std::fprintf(stderr, "briefmap: shader %s failed to compile:\n%s\n", name, log);
        glDeleteShader(sh);
        return 0;
    }
    return sh;
}

Program load_program(const char* vert, const char* frag) {
    GLuint vs = compile(GL_VERTEX_SHADER, vert);
    GLuint fs = compile(GL_FRAGMENT_SHADER, frag);
    if (!vs || !fs) {
        if (vs) glDeleteShader(vs);
        if (fs) glDeleteShader(fs);
        return {};
    }
    GLuint prog = glCreateProgram();
    glAttachShader(prog, vs);
    glAttachShader(prog, fs);
    glLinkProgram(prog);
    glDeleteShader(vs);
    glDeleteShader(fs);
    GLint ok = 0;
    glGetProgramiv(prog, GL_LINK_STATUS, &ok);
    if (!ok) {
        char log[4096];
        glGetProgramInfoLog(prog, sizeof log, nullptr, log);
        std::fprintf(stderr, "briefmap: program %s + %s failed to link:\n%s\n", vert, frag, log);
        glDeleteProgram(prog);
        return {};
    }
    return Program(prog);
}

}  // namespace bm::render
