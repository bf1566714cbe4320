#include "geo/vsi_guard.h"

#include <cpl_error.h>
#include <cpl_http.h>
#include <cpl_vsi_virtual.h>
#include <sys/stat.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <mutex>
#include <utility>

#include "common/atomic_file.h"

namespace bm::geo {

namespace {

std::atomic<int> g_network{0};
thread_local std::vector<std::string> t_refusals;

// Raises the GDAL error and remembers it for take_refusals().
void refuse(const char* fmt, const char* file) {
    std::string msg = CPLSPrintf(fmt, file ? file : "(null)");
    CPLError(CE_Failure, CPLE_OpenFailed, "%s", msg.c_str());
    for (const auto& m : t_refusals)
        if (m == msg) return;
    if (t_refusals.size() < 100) t_refusals.push_back(std::move(msg));
}

constexpr const char* kRemotePrefixes[] = {"/vsicurl/",
                                           "/vsicurl_streaming/",
                                           "/vsis3/",
                                           "/vsis3_streaming/",
                                           "/vsigs/",
                                           "/vsigs_streaming/",
                                           "/vsiaz/",
                                           "/vsiaz_streaming/",
                                           "/vsiadls/",
                                           "/vsioss/",
                                           "/vsioss_streaming/",
                                           "/vsiswift/",
                                           "/vsiswift_streaming/",
                                           "/vsiwebhdfs/",
                                           "/vsihdfs/"};

bool network_allowed() {
    return g_network.load() > 0;
}

const char* kNoNetwork =
    "%s: names a network location; briefmap does not reach the network while opening a file "
    "(give the URL itself as --data to load it from the network)";

// Every virtual method forwards to `inner`; subclasses refuse what they must first.
class Forwarding : public VSIFilesystemHandler {
  public:
    explicit Forwarding(VSIFilesystemHandler* inner) : inner_(inner) {}
    VSIVirtualHandle* Open(const char* f, const char* a, bool e, CSLConstList o) override {
        return inner_->Open(f, a, e, o);
    }
    int Stat(const char* f, VSIStatBufL* b, int n) override { return inner_->Stat(f, b, n); }
    int Unlink(const char* f) override { return inner_->Unlink(f); }
    int* UnlinkBatch(CSLConstList f) override { return inner_->UnlinkBatch(f); }
    int Mkdir(const char* d, long m) override { return inner_->Mkdir(d, m); }
    int Rmdir(const char* d) override { return inner_->Rmdir(d); }
    int RmdirRecursive(const char* d) override { return inner_->RmdirRecursive(d); }
    char** ReadDir(const char* d) override { return inner_->ReadDir(d); }
    char** ReadDirEx(const char* d, int n) override { return inner_->ReadDirEx(d, n); }
    char** SiblingFiles(const char* f) override { return inner_->SiblingFiles(f); }
    int Rename(const char* a, const char* b) override { return inner_->Rename(a, b); }
    int IsCaseSensitive(const char* f) override { return inner_->IsCaseSensitive(f); }
    GIntBig GetDiskFreeSpace(const char* d) override { return inner_->GetDiskFreeSpace(d); }
    int SupportsSparseFiles(const char* p) override { return inner_->SupportsSparseFiles(p); }
    int HasOptimizedReadMultiRange(const char* p) override {
        return inner_->HasOptimizedReadMultiRange(p);
    }
    const char* GetActualURL(const char* f) override { return inner_->GetActualURL(f); }
    const char* GetOptions() override { return inner_->GetOptions(); }
    char* GetSignedURL(const char* f, CSLConstList o) override {
        return inner_->GetSignedURL(f, o);
    }
    bool Sync(const char* s, const char* t, const char* const* o, GDALProgressFunc p, void* d,
              char*** out) override {
        return inner_->Sync(s, t, o, p, d, out);
    }
    VSIDIR* OpenDir(const char* p, int r, const char* const* o) override {
        return inner_->OpenDir(p, r, o);
    }
    char** GetFileMetadata(const char* f, const char* d, CSLConstList o) override {
        return inner_->GetFileMetadata(f, d, o);
    }
    bool SetFileMetadata(const char* f, CSLConstList m, const char* d, CSLConstList o) override {
        return inner_->SetFileMetadata(f, m, d, o);
    }
    bool AbortPendingUploads(const char* f) override { return inner_->AbortPendingUploads(f); }
    std::string GetStreamingFilename(const std::string& f) const override {
        return inner_->GetStreamingFilename(f);
    }
    bool IsLocal(const char* p) override { return inner_->IsLocal(p); }
    bool SupportsSequentialWrite(const char* p, bool t) override {
        return inner_->SupportsSequentialWrite(p, t);
    }
    bool SupportsRandomWrite(const char* p, bool t) override {
        return inner_->SupportsRandomWrite(p, t);
    }
    bool SupportsRead(const char* p) override { return inner_->SupportsRead(p); }

  protected:
    VSIFilesystemHandler* inner_;
};

// The local file system: regular files and directories only, nothing of the kernel's.
class LocalGuard : public Forwarding {
  public:
    using Forwarding::Forwarding;
    VSIVirtualHandle* Open(const char* f, const char* a, bool e, CSLConstList o) override {
        struct stat st {};
        if (f && ::stat(f, &st) == 0) {
            if (!S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) {
                refuse("%s: not a regular file (a FIFO, socket or device); not opened", f);
                errno = EACCES;
                return nullptr;
            }
            if (is_kernel_path(f)) {
                refuse("%s: a kernel file (/proc, /sys or /dev), not data; not opened", f);
                errno = EACCES;
                return nullptr;
            }
        }
        return inner_->Open(f, a, e, o);
    }
};

// A remote file system: refused outside a NetworkScope.
class RemoteGuard : public Forwarding {
  public:
    using Forwarding::Forwarding;
    VSIVirtualHandle* Open(const char* f, const char* a, bool e, CSLConstList o) override {
        if (network_allowed()) return inner_->Open(f, a, e, o);
        refuse(kNoNetwork, f);
        errno = EACCES;
        return nullptr;
    }
    int Stat(const char* f, VSIStatBufL* b, int n) override {
        if (network_allowed()) return inner_->Stat(f, b, n);
        errno = EACCES;
        return -1;
    }
    char** ReadDir(const char* d) override {
        return network_allowed() ? inner_->ReadDir(d) : nullptr;
    }
    char** ReadDirEx(const char* d, int n) override {
        return network_allowed() ? inner_->ReadDirEx(d, n) : nullptr;
    }
    char** SiblingFiles(const char* f) override {
        return network_allowed() ? inner_->SiblingFiles(f) : nullptr;
    }
    VSIDIR* OpenDir(const char* p, int r, const char* const* o) override {
        return network_allowed() ? inner_->OpenDir(p, r, o) : nullptr;
    }
    char** GetFileMetadata(const char* f, const char* d, CSLConstList o) override {
        return network_allowed() ? inner_->GetFileMetadata(f, d, o) : nullptr;
    }
};

// GDAL's own HTTP requests (WFS, OGC API, remote GML schemas): refused outside a NetworkScope.
CPLHTTPResult* refuse_http(const char* url, CSLConstList, GDALProgressFunc, void*,
                           CPLHTTPFetchWriteFunc, void*, void*) {
    if (network_allowed()) return nullptr;  // the previous (real) handler
    auto* r = static_cast<CPLHTTPResult*>(CPLCalloc(1, sizeof(CPLHTTPResult)));
    r->nStatus = 1;
    r->pszErrBuf = CPLStrdup(CPLSPrintf(kNoNetwork, url ? url : "a URL"));
    refuse(kNoNetwork, url);
    return r;
}

}  // namespace

std::vector<std::string> take_refusals() {
    return std::exchange(t_refusals, {});
}

bool is_network_path(const std::string& path) {
    for (const char* p : kRemotePrefixes)
        if (path.starts_with(p)) return true;
    for (const char* p : {"http://", "https://", "ftp://", "/vsicurl?"})
        if (path.starts_with(p)) return true;
    return false;
}

NetworkScope::NetworkScope(bool allow) : allow_(allow) {
    if (allow_) ++g_network;
}
NetworkScope::~NetworkScope() {
    if (allow_) --g_network;
}

void install_vsi_guard() {
    static std::once_flag once;
    std::call_once(once, [] {
        // The handlers live as long as the process (GDAL keeps raw pointers to them).
        VSIFilesystemHandler* local = VSIFileManager::GetHandler("");
        VSIFileManager::InstallHandler("", new LocalGuard(local));
        for (const char* prefix : kRemotePrefixes) {
            VSIFilesystemHandler* h = VSIFileManager::GetHandler(prefix);
            if (h && h != local) VSIFileManager::InstallHandler(prefix, new RemoteGuard(h));
        }
        CPLHTTPSetFetchCallback(refuse_http, nullptr);
    });
}

}  // namespace bm::geo
