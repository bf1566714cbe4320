// Probe, built as part of render: uses only what render may (GL, geo, common), so it must
// compile and link. It shows that the failing probes fail for the reason they name.
#include "common/problem.h"
#include "geo/layer.h"
#include "render/gl.h"
#include "render/map_renderer.h"

int probe_render_allowed() {
    bm::geo::Feature f;
    return int(f.id.size()) + (glad_glClear != nullptr ? 1 : 0);
}
