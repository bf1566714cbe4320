#include "geo/tessellate.h"

#include <GL/glu.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <deque>

namespace bm::geo {

namespace {

struct TessState {
    Triangles* out;
    uint32_t base;
    std::deque<std::array<double, 3>> coords;  // stable addresses for GLU
    std::vector<uint32_t> pending;
    bool failed = false;
};

// GLU calls back with void* vertex data: we pass the vertex index, smuggled through a pointer.
void GLAPIENTRY on_vertex(void* data, void* user) {
    auto* s = static_cast<TessState*>(user);
    s->out->indices.push_back(uint32_t(reinterpret_cast<uintptr_t>(data)));
}
// Registering an edge-flag callback makes GLU emit independent triangles only (no fans/strips).
void GLAPIENTRY on_edge_flag(GLboolean, void*) {}
void GLAPIENTRY on_combine(GLdouble coords[3], void* [4], GLfloat[4], void** out_data, void* user) {
    auto* s = static_cast<TessState*>(user);
    uint32_t idx = uint32_t(s->out->vertices.size());
    s->out->vertices.push_back({coords[0], coords[1]});
    *out_data = reinterpret_cast<void*>(uintptr_t(idx));
}
void GLAPIENTRY on_error(GLenum, void* user) {
    static_cast<TessState*>(user)->failed = true;
}

double ring_area(const Ring& r) {
    double a = 0;
    for (size_t i = 0, j = r.size() - 1; i < r.size(); j = i++)
        a += r[j].x * r[i].y - r[i].x * r[j].y;
    return a / 2;
}

}  // namespace

double Triangles::area() const {
    double a = 0;
    for (size_t i = 0; i + 2 < indices.size(); i += 3) {
        const Vec2 &p = vertices[indices[i]], &q = vertices[indices[i + 1]],
                   &r = vertices[indices[i + 2]];
        a += std::fabs((q.x - p.x) * (r.y - p.y) - (r.x - p.x) * (q.y - p.y)) / 2;
    }
    return a;
}

double polygon_area(const Polygon& poly) {
    double a = 0;
    for (size_t i = 0; i < poly.size(); ++i) a += (i == 0 ? 1 : -1) * std::fabs(ring_area(poly[i]));
    return a;
}

bool tessellate(const Polygon& poly, Triangles& out) {
    thread_local GLUtesselator* tess = [] {
        GLUtesselator* t = gluNewTess();
        gluTessCallback(t, GLU_TESS_VERTEX_DATA, reinterpret_cast<_GLUfuncptr>(on_vertex));
        gluTessCallback(t, GLU_TESS_EDGE_FLAG_DATA, reinterpret_cast<_GLUfuncptr>(on_edge_flag));
        gluTessCallback(t, GLU_TESS_COMBINE_DATA, reinterpret_cast<_GLUfuncptr>(on_combine));
        gluTessCallback(t, GLU_TESS_ERROR_DATA, reinterpret_cast<_GLUfuncptr>(on_error));
        gluTessProperty(t, GLU_TESS_WINDING_RULE, GLU_TESS_WINDING_ODD);
        gluTessNormal(t, 0, 0, 1);
        return t;
    }();
    TessState s{&out, uint32_t(out.vertices.size()), {}, {}, false};
    const size_t first_index = out.indices.size();
    const size_t first_vertex = out.vertices.size();
    gluTessBeginPolygon(tess, &s);
    for (const Ring& r : poly) {
        if (r.size() < 3) continue;
        gluTessBeginContour(tess);
        for (const Vec2& p : r) {
            if (!std::isfinite(p.x) || !std::isfinite(p.y)) continue;
            uint32_t idx = uint32_t(out.vertices.size());
            out.vertices.push_back(p);
            s.coords.push_back({p.x, p.y, 0});
            gluTessVertex(tess, s.coords.back().data(), reinterpret_cast<void*>(uintptr_t(idx)));
        }
        gluTessEndContour(tess);
    }
    gluTessEndPolygon(tess);
    if (s.failed || out.indices.size() % 3 != 0) {
        out.indices.resize(first_index);
        out.vertices.resize(first_vertex);
        return false;
    }
    return true;
}

}  // namespace bm::geo
