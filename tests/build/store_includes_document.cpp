// Probe: the store sits below document (document reads the workspace), so it must not see its
// headers. Must fail to compile.
#include "document/document.h"
int probe_store_includes_document() {
    return 0;
}
