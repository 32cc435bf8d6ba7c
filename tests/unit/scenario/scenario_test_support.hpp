// Helpers for the scenario tests: a per-process temporary directory of scenario files.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <system_error>

namespace wfm::scenario::test {

// An empty directory <temp>/wfm_scenario_<tag>_<pid>, removed at scope exit.
struct TempDir {
  std::filesystem::path path;
  explicit TempDir(std::string_view tag)
      : path(std::filesystem::temp_directory_path() /
             ("wfm_scenario_" + std::string(tag) + "_" + std::to_string(::getpid()))) {
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  // Writes `text` to `name` (directories created) and returns its path.
  std::string write(const std::string& name, const std::string& text) const {
    const auto p = path / name;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
    return p.generic_string();
  }
};

// The smallest valid scenario: a history file and one target.
inline constexpr std::string_view minimal =
    "[history]\nfile = \"h.csv\"\n[targets]\nservice_level = 0.8\n";

}  // namespace wfm::scenario::test
