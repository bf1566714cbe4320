// Linker throughput bench: builds the matcher from a names file (one name per line), streams a
// corpus (one paragraph per line) through it in fixed-size chunks, and reports MB/s, matches
// and peak RSS. With --default-index it also times building the place<->passage index of the
// embedded default corpus and data. Built by bench/link/run.sh against libbriefmap_core.a.
#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "corpus/corpus.h"
#include "gazetteer/gazetteer.h"
#include "geo/load.h"
#include "linker/linker.h"
#include "linker/matcher.h"

using Clock = std::chrono::steady_clock;

namespace {

double ms_since(Clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

long peak_rss_kb() {
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

// CPU time of this thread: on a shared machine it is less disturbed by other processes than
// the wall clock (both are reported).
double thread_cpu_seconds() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9;
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

// One pass over the file: chunks of `chunk` bytes cut after the last newline, so no paragraph
// is split and memory stays at one chunk whatever the corpus size.
struct Pass {
    double seconds = 0, cpu_seconds = 0;  // wall clock; this thread's CPU time
    size_t bytes = 0, matches = 0;
    uint64_t checksum = 1469598103934665603ull;
};

Pass stream(const bm::linker::Matcher& m, const char* path, size_t chunk) {
    Pass r;
    std::FILE* f = std::fopen(path, "rb");
    if (!f) {
        std::perror(path);
        std::exit(1);
    }
    std::vector<char> buf(chunk);
    std::vector<bm::linker::Match> out;
    size_t carry = 0;
    auto t0 = Clock::now();
    const double c0 = thread_cpu_seconds();
    for (;;) {
        size_t got = std::fread(buf.data() + carry, 1, buf.size() - carry, f);
        size_t have = carry + got;
        if (have == 0) break;
        size_t cut = have;
        if (got != 0) {  // keep the unfinished last line for the next chunk
            const char* nl = static_cast<const char*>(memrchr(buf.data(), '\n', have));
            cut = nl ? size_t(nl - buf.data()) + 1 : have;
        }
        std::string_view text(buf.data(), cut);
        out.clear();
        m.find(text, out);
        r.matches += out.size();
        for (const auto& x : out) {  // FNV-1a over (file offset start, end, value)
            for (uint64_t v :
                 {uint64_t(r.bytes + x.start), uint64_t(r.bytes + x.end), uint64_t(x.value)}) {
                r.checksum ^= v;
                r.checksum *= 1099511628211ull;
            }
        }
        r.bytes += cut;
        carry = have - cut;
        std::memmove(buf.data(), buf.data() + cut, carry);
        if (got == 0) break;
    }
    r.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
    r.cpu_seconds = thread_cpu_seconds() - c0;
    std::fclose(f);
    return r;
}

// The same pass through Linker::link, one paragraph (line) at a time: the matcher plus the
// context rules (confidence, person/organisation/common-word checks, shared names) on every match.
Pass stream_link(const bm::linker::Linker& lk, const char* path, size_t chunk) {
    Pass r;
    std::FILE* f = std::fopen(path, "rb");
    if (!f) {
        std::perror(path);
        std::exit(1);
    }
    std::vector<char> buf(chunk);
    std::vector<bm::linker::Hit> hits;
    bm::linker::Linker::Scratch scratch;
    size_t carry = 0;
    auto t0 = Clock::now();
    const double c0 = thread_cpu_seconds();
    for (;;) {
        size_t got = std::fread(buf.data() + carry, 1, buf.size() - carry, f);
        size_t have = carry + got;
        if (have == 0) break;
        size_t cut = have;
        if (got != 0) {
            const char* nl = static_cast<const char*>(memrchr(buf.data(), '\n', have));
            cut = nl ? size_t(nl - buf.data()) + 1 : have;
        }
        for (size_t at = 0; at < cut;) {
            const char* nl = static_cast<const char*>(std::memchr(buf.data() + at, '\n', cut - at));
            const size_t end = nl ? size_t(nl - buf.data()) : cut;
            lk.link(std::string_view(buf.data() + at, end - at), hits, scratch);
            r.matches += hits.size();
            for (const auto& h : hits)
                for (uint64_t v : {uint64_t(r.bytes + at + h.span.start), uint64_t(h.place.raw()),
                                   uint64_t(h.confidence * 1000)}) {
                    r.checksum ^= v;
                    r.checksum *= 1099511628211ull;
                }
            at = end + 1;
        }
        r.bytes += cut;
        carry = have - cut;
        std::memmove(buf.data(), buf.data() + cut, carry);
        if (got == 0) break;
    }
    r.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
    r.cpu_seconds = thread_cpu_seconds() - c0;
    std::fclose(f);
    return r;
}

void default_index(int runs) {
    bm::Problems ps;
    auto t0 = Clock::now();
    auto layers = bm::geo::load_default_dataset(ps);
    double load_data = ms_since(t0);
    t0 = Clock::now();
    auto corpus = bm::corpus::read_default(ps);
    double load_corpus = ms_since(t0);
    std::vector<double> gaz_ms, index_ms;
    size_t mentions = 0, places = 0;
    for (int i = 0; i < runs; ++i) {
        bm::Problems p2;
        t0 = Clock::now();
        auto gaz = bm::gazetteer::Gazetteer::build(layers, p2);
        gaz_ms.push_back(ms_since(t0));
        t0 = Clock::now();
        auto ix = bm::linker::Index::build(gaz, corpus);
        index_ms.push_back(ms_since(t0));
        mentions = ix.mention_count();
        places = gaz.size();
    }
    std::printf("default index: %zu places, %zu articles, %zu mentions\n", places,
                corpus.articles.size(), mentions);
    std::printf("  load data (GDAL) %.1f ms, read corpus %.2f ms (once)\n", load_data, load_corpus);
    std::printf("  gazetteer build  median %.3f ms over %d runs\n", median(gaz_ms), runs);
    std::printf(
        "  index build      median %.3f ms over %d runs (matcher + link + both-way index)\n",
        median(index_ms), runs);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc >= 2 && std::strcmp(argv[1], "--default-index") == 0) {
        default_index(argc >= 3 ? std::atoi(argv[2]) : 50);
        return 0;
    }
    if (argc < 3) {
        std::fprintf(stderr,
                     "usage: link_bench NAMES CORPUS [RUNS] [CHUNK_MIB] [avx2|scalar]\n"
                     "       link_bench --default-index [RUNS]\n");
        return 2;
    }
    // link_bench --link NAMES CORPUS [RUNS] [CHUNK_MIB] [rules|norules]: Linker::link per line
    // on a gazetteer of one town per name, every eighth name also a district (a shared name).
    if (std::strcmp(argv[1], "--link") == 0) {
        if (argc < 4) return 2;
        const int runs = argc > 4 ? std::atoi(argv[4]) : 5;
        const size_t chunk = size_t(argc > 5 ? std::atof(argv[5]) : 4) << 20;
        const bool rules = !(argc > 6 && std::strcmp(argv[6], "norules") == 0);
        auto t0 = Clock::now();
        bm::gazetteer::Gazetteer gaz;
        std::ifstream in(argv[2]);
        std::string line;
        size_t n = 0;
        while (std::getline(in, line)) {
            if (line.empty()) continue;
            bm::gazetteer::Place p;
            p.id = "n" + std::to_string(n);
            p.name = line;
            p.kind = "town";
            gaz.add(p);
            if (n++ % 8 == 0) {
                p.id += "-district";
                p.kind = "district";
                gaz.add(std::move(p));
            }
        }
        bm::linker::Options opt;
        opt.disambiguate = rules;
        bm::linker::Linker lk(gaz, opt);
        std::printf("linker: %zu names, %zu places, rules %s, built in %.0f ms\n", n, gaz.size(),
                    rules ? "on" : "off", ms_since(t0));
        std::vector<double> mbps, cpu_mbps;
        Pass last;
        for (int i = 0; i < runs; ++i) {
            last = stream_link(lk, argv[3], chunk);
            mbps.push_back(last.bytes / 1e6 / last.seconds);
            cpu_mbps.push_back(last.bytes / 1e6 / last.cpu_seconds);
            std::printf("  run %d: %.1f MB in %.3f s = %.0f MB/s (CPU time %.3f s = %.0f MB/s)\n",
                        i + 1, last.bytes / 1e6, last.seconds, mbps.back(), last.cpu_seconds,
                        cpu_mbps.back());
        }
        std::printf(
            "briefmap link (rules %s): median %.0f MB/s (by CPU time %.0f MB/s), %zu links, "
            "checksum %016llx, peak RSS %.1f MB\n",
            rules ? "on" : "off", median(mbps), median(cpu_mbps), last.matches,
            static_cast<unsigned long long>(last.checksum), peak_rss_kb() / 1024.0);
        return 0;
    }
    int runs = argc > 3 ? std::atoi(argv[3]) : 5;
    size_t chunk = size_t(argc > 4 ? std::atof(argv[4]) : 4) << 20;
    const bool scalar = argc > 5 && std::strcmp(argv[5], "scalar") == 0;

    auto t0 = Clock::now();
    bm::linker::Matcher m;
    std::ifstream in(argv[1]);
    std::string line;
    uint32_t n = 0;
    while (std::getline(in, line))
        if (!line.empty()) m.add(line, n++);
    m.build();
    double build = ms_since(t0);
    if (scalar) m.set_isa(bm::linker::Matcher::Isa::scalar);
    long rss_built = peak_rss_kb();
    std::printf(
        "matcher: %u names, %zu keys (name spellings x values), %zu trie nodes, %.1f MB, built in "
        "%.0f ms; candidate scan: %s\n",
        n, m.pattern_count(), m.state_count(), m.memory_bytes() / 1e6, build,
        m.isa() == bm::linker::Matcher::Isa::avx2 ? "avx2" : "scalar");
    std::printf("peak RSS after build: %.1f MB\n", rss_built / 1024.0);

    std::vector<double> mbps, cpu_mbps;
    Pass last;
    for (int i = 0; i < runs; ++i) {
        last = stream(m, argv[2], chunk);
        mbps.push_back(last.bytes / 1e6 / last.seconds);
        cpu_mbps.push_back(last.bytes / 1e6 / last.cpu_seconds);
        std::printf(
            "  run %d: %.1f MB in %.3f s = %.0f MB/s (CPU time %.3f s = %.0f MB/s), %zu "
            "matches\n",
            i + 1, last.bytes / 1e6, last.seconds, mbps.back(), last.cpu_seconds, cpu_mbps.back(),
            last.matches);
    }
    std::printf(
        "briefmap find: median %.0f MB/s (by CPU time %.0f MB/s), %zu matches, checksum %016llx, "
        "peak RSS %.1f MB (chunk %zu MiB)\n",
        median(mbps), median(cpu_mbps), last.matches,
        static_cast<unsigned long long>(last.checksum), peak_rss_kb() / 1024.0, chunk >> 20);
    return 0;
}
