// Tests that read the public data in ../shared/data (not part of a clone): present -> run; absent
// -> skipped with a warning on a user's machine, but a failure when CI=true (the CI machine must
// have the data: a silent skip there would hide a broken data path). .ci/run sets CI=true.
#pragma once

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>

namespace wfm::test {

inline bool running_in_ci() {
  const char* ci = std::getenv("CI");
  return ci != nullptr && std::string_view(ci) == "true";
}

// True when `path` exists. Otherwise FAILs under CI=true, else WARNs "skipped"; returns false.
inline bool shared_data_present(const std::filesystem::path& path) {
  if (std::filesystem::exists(path)) return true;
  if (running_in_ci()) {
    FAIL_CHECK(path.string() << " is absent, and CI=true requires the shared data");
  } else {
    WARN("skipped: " << path.string()
                     << " is absent (shared data is only on developer machines and in CI)");
  }
  return false;
}

}  // namespace wfm::test
