// A per-process temporary directory for tests: <temp>/wfm_<tag>_<pid>, emptied on creation and
// removed with everything in it at scope exit. Shared by every test executable's helpers.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <system_error>

namespace wfm::test {

struct TempDir {
  std::filesystem::path path;
  explicit TempDir(std::string_view tag)
      : path(std::filesystem::temp_directory_path() /
             ("wfm_" + std::string(tag) + "_" + std::to_string(::getpid()))) {
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  // The path of `name` inside the directory.
  std::string file(const std::string& name) const { return (path / name).string(); }
  // Writes `text` to `name` (directories created) and returns its path.
  std::string write(const std::string& name, const std::string& text) const {
    const auto p = path / name;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
    return p.generic_string();
  }
};

}  // namespace wfm::test
