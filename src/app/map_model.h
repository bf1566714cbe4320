#pragma once
// The window's document: the library's Document loaded from the command-line options.
#include "app/options.h"
#include "document/document.h"

namespace bm::app {

class MapModel : public Document {
  public:
    bool load(const Options& opt) {
        return Document::load(DocumentOptions{opt.data, opt.crs, opt.corpus});
    }
};

}  // namespace bm::app
