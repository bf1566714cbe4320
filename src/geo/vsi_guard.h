#pragma once
// Guards every file GDAL opens, not only the path the user gave: a shapefile's .dbf, a .vrt's
// sources, a GML's schema. Installed once (geo::install_vsi_guard, called by the loaders):
//  - local files: only regular files and directories are opened; a FIFO or device (which would
//    block or never end) and anything under /proc, /sys or /dev is refused with a GDAL error
//    that names the file;
//  - network: /vsicurl/, /vsis3/ and the other remote file systems, and GDAL's own HTTP
//    requests (CPLHTTPFetch: WFS, remote schemas), are refused unless a NetworkScope is active,
//    which the loaders open only when the path the user gave is itself a URL.
#include <string>
#include <vector>

namespace bm::geo {

void install_vsi_guard();

// True for a URL or a remote GDAL path (/vsicurl/, /vsis3/, http://, ...).
bool is_network_path(const std::string& path);

// The refusals (messages naming the file and the reason) made on this thread since the last
// call, oldest first, each once: a loader reports them as problems of the data source it was
// opening (a .dbf that is a FIFO, a VRT source under /proc or on the network).
std::vector<std::string> take_refusals();

// While one exists (any thread), GDAL may reach the network.
class NetworkScope {
  public:
    explicit NetworkScope(bool allow);
    ~NetworkScope();
    NetworkScope(const NetworkScope&) = delete;
    NetworkScope& operator=(const NetworkScope&) = delete;

  private:
    bool allow_;
};

}  // namespace bm::geo
