// Probe, built as part of ui: must not compile. ui may not call OpenGL.
#include <glad/gl.h>  // glad is private to render; ui does not link it

#include "document/document.h"  // a module ui may use: fine
