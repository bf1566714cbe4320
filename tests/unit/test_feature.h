#pragma once
// A named place feature for the unit tests' small gazetteers.
#include <string>
#include <utility>
#include <vector>

#include "geo/layer.h"

namespace bm::test {

inline geo::Feature feature(std::string id, std::string name, std::vector<std::string> aliases,
                            std::string kind) {
    geo::Feature f;
    f.id = std::move(id);
    f.name = std::move(name);
    f.aliases = std::move(aliases);
    f.kind = std::move(kind);
    return f;
}

}  // namespace bm::test
