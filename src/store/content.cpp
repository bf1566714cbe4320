#include "store/content.h"

#include "corpus/article_id.h"
#include "geo/load.h"

namespace bm::store {

std::vector<geo::Layer> load_layers(const std::vector<std::string>& data, Workspace* ws,
                                    Problems& problems) {
    if (!ws) return geo::load_sources(data, problems);
    std::vector<std::string> paths = data.empty() ? std::vector<std::string>{"default"} : data;
    for (const Source& s : ws->sources(problems))
        if (s.kind == Source::Kind::Layer) paths.push_back(s.path);
    auto layers = geo::load_sources(paths, problems);
    auto [src, name] = ws->user_places_layer();
    for (auto& l : geo::load_named_layer(src, name, problems))
        if (!l.features.empty()) {
            l.id = src + "#" + l.name;
            layers.push_back(std::move(l));
        }
    return layers;
}

corpus::Corpus load_articles(const std::string& corpus_path, Workspace* ws, Problems& problems) {
    corpus::Corpus c =
        corpus_path.empty() ? corpus::read_default(problems) : corpus::read(corpus_path, problems);
    if (ws)
        for (auto& a : ws->articles(problems)) c.articles.push_back(std::move(a.article));
    corpus::assign_article_ids(c);
    return c;
}

}  // namespace bm::store
