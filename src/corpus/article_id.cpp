#include "corpus/article_id.h"

#include <cstdint>
#include <cstdio>
#include <unordered_set>

namespace bm::corpus {

namespace {
struct Fnv1a {
    uint64_t h = 14695981039346656037ull;
    void add(std::string_view s) {
        for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
    }
    // The id: a prefix letter and 16 hex digits.
    std::string id(char prefix) const {
        char buf[18];
        std::snprintf(buf, sizeof buf, "%c%016llx", prefix, static_cast<unsigned long long>(h));
        return buf;
    }
};
}  // namespace

std::string article_key(const Article& a) {
    Fnv1a f;
    if (!a.url.empty()) {
        f.add(a.url);
        return f.id('u');
    }
    f.add(a.title);
    for (const std::string& p : a.paragraphs) {
        f.add("\n");
        f.add(p);
    }
    return f.id('t');
}

void assign_article_ids(Corpus& c) {
    std::unordered_set<std::string> seen;
    for (Article& a : c.articles) {
        const std::string key = article_key(a);
        std::string id = key;
        for (int n = 2; !seen.insert(id).second; ++n) id = key + "~" + std::to_string(n);
        a.id = std::move(id);
    }
}

ArticleId find_article(const Corpus& c, std::string_view id) {
    for (size_t i = 0; i < c.articles.size(); ++i)
        if (c.articles[i].id == id) return ArticleId(i);
    return ArticleId::none();
}

}  // namespace bm::corpus
