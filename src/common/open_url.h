#pragma once
// Opening an article's source URL in the user's browser: `xdg-open URL` started with
// posix_spawnp (never a shell, so no metacharacter can run a command), http and https only.
#include <string>
#include <string_view>

namespace bm {

// True for an absolute http:// or https:// URL with a host and no whitespace, control
// characters, quotes or backslashes. Everything else (file:, javascript:, data:, relative
// paths, "-option" lookalikes) is refused.
bool is_safe_web_url(std::string_view url, std::string* why = nullptr);

// Starts `opener URL` (default "xdg-open") without a shell and without waiting for it.
// Returns false with *why set if the URL is refused or the program cannot be started.
bool open_url(const std::string& url, std::string* why = nullptr, const char* opener = "xdg-open");

}  // namespace bm
