#pragma once
// Move-only RAII owners of OpenGL objects; a moved-from object holds id 0. Requires a current
// context loaded through glad (render/context.h or the app's window).
#include <glad/gl.h>

#include <utility>

namespace bm::render {

template <void (*Delete)(GLuint)>
class GlObject {
  public:
    GlObject() = default;
    explicit GlObject(GLuint id) : id_(id) {}
    GlObject(GlObject&& o) noexcept : id_(std::exchange(o.id_, 0)) {}
    GlObject& operator=(GlObject&& o) noexcept {
        if (this != &o) {
            reset();
            id_ = std::exchange(o.id_, 0);
        }
        return *this;
    }
    GlObject(const GlObject&) = delete;
    GlObject& operator=(const GlObject&) = delete;
    ~GlObject() { reset(); }
    GLuint id() const { return id_; }
    explicit operator bool() const { return id_ != 0; }
    void reset() {
        if (id_) Delete(id_);
        id_ = 0;
    }

  private:
    GLuint id_ = 0;
};

namespace detail {
inline void del_buffer(GLuint id) {
    glDeleteBuffers(1, &id);
}
inline void del_vao(GLuint id) {
    glDeleteVertexArrays(1, &id);
}
inline void del_texture(GLuint id) {
    glDeleteTextures(1, &id);
}
inline void del_program(GLuint id) {
    glDeleteProgram(id);
}
inline void del_fbo(GLuint id) {
    glDeleteFramebuffers(1, &id);
}
inline void del_rbo(GLuint id) {
    glDeleteRenderbuffers(1, &id);
}
}  // namespace detail

using Buffer = GlObject<detail::del_buffer>;
using VertexArray = GlObject<detail::del_vao>;
using Texture = GlObject<detail::del_texture>;
using Program = GlObject<detail::del_program>;
using Framebuffer = GlObject<detail::del_fbo>;
using Renderbuffer = GlObject<detail::del_rbo>;

inline Buffer make_buffer() {
    GLuint id = 0;
    glGenBuffers(1, &id);
    return Buffer(id);
}
inline VertexArray make_vao() {
    GLuint id = 0;
    glGenVertexArrays(1, &id);
    return VertexArray(id);
}
inline Texture make_texture() {
    GLuint id = 0;
    glGenTextures(1, &id);
    return Texture(id);
}

// Compiles and links the embedded shaders "shaders/<vert>" and "shaders/<frag>". On failure logs
// the shader's name and the driver's info log to stderr and returns an empty Program.
Program load_program(const char* vert, const char* frag);

}  // namespace bm::render
