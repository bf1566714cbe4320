#pragma once
// The window's document: the library's Document loaded from the command-line options.
#include "app/options.h"
#include "document/document.h"

namespace bm::app {

class MapModel : public Document {
  public:
    bool load(const Options& opt) {
        DocumentOptions d;
        d.data = opt.data;
        d.crs = opt.crs;
        d.corpus = opt.corpus;
        d.workspace = opt.workspace;
        return Document::load(d);
    }
};

}  // namespace bm::app
