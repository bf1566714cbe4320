// Probe: a corpus reader (src/corpus/formats/) cannot see the gazetteer: corpus knows nothing of
// maps, so this must not compile.
#include "corpus/formats/format.h"
#include "gazetteer/gazetteer.h"

int probe_corpus_includes_gazetteer() {
    return 0;
}
