// Probe, built as part of document: must not compile. No core module uses ui.
#include "document/document.h"  // its own headers: fine
#include "ui/state.h"           // ui is not among document's modules
