// Probe, built as part of ui: must not compile. ui sees render's plain-data headers through
// document, but not those that need the GL loader.
#include "render/map_renderer.h"  // includes render/gl.h -> <glad/gl.h>
#include "render/scene.h"         // data, through document: compiles
