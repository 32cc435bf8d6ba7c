// wfm::io::TempFileRegistry and the SIGINT/SIGTERM cleanup: registered files are unlinked, the
// process exits 128 + signal, and a forked process killed while writing leaves no temporary file.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "wfm/io/atomic_file.hpp"
#include "wfm/io/temp_registry.hpp"

namespace fs = std::filesystem;
using wfm::io::TempFileRegistry;

namespace {

fs::path fresh_dir(const std::string& tag) {
  auto p =
      fs::temp_directory_path() / ("wfm_temp_registry_" + tag + "_" + std::to_string(::getpid()));
  fs::remove_all(p);
  fs::create_directories(p);
  return p;
}

std::size_t entries(const fs::path& dir) {
  return static_cast<std::size_t>(std::distance(fs::directory_iterator(dir), {}));
}

}  // namespace

TEST_CASE("TempFileRegistry unlinks what is registered, not what was removed", "[io][signal]") {
  const auto dir = fresh_dir("unit");
  TempFileRegistry registry;  // its own, not the process's
  std::ofstream(dir / "a") << "a";
  std::ofstream(dir / "b") << "b";
  const auto ta = registry.add((dir / "a").string());
  const auto tb = registry.add((dir / "b").string());
  REQUIRE(ta != TempFileRegistry::npos);
  REQUIRE(tb != TempFileRegistry::npos);
  CHECK(registry.live() == 2);
  registry.remove(tb);
  registry.unlink_all();
  CHECK_FALSE(fs::exists(dir / "a"));
  CHECK(fs::exists(dir / "b"));
  CHECK(registry.live() == 0);
  registry.remove(TempFileRegistry::npos);  // ignored
  CHECK(registry.add(std::string(TempFileRegistry::kPathBytes, 'x')) == TempFileRegistry::npos);
  fs::remove_all(dir);
}

TEST_CASE("TempFileRegistry: a full registry refuses, a freed slot is reused", "[io][signal]") {
  TempFileRegistry registry;
  for (std::size_t i = 0; i < TempFileRegistry::kSlots; ++i) {
    REQUIRE(registry.add("/nonexistent/" + std::to_string(i)) == i);
  }
  CHECK(registry.add("/nonexistent/full") == TempFileRegistry::npos);
  registry.remove(5);
  CHECK(registry.add("/nonexistent/again") == 5);
}

TEST_CASE("SIGTERM and SIGINT during a write remove the temporary file", "[io][signal]") {
  for (const int sig : {SIGTERM, SIGINT}) {
    INFO("signal " << sig);
    const auto dir = fresh_dir("signal" + std::to_string(sig));
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
      wfm::io::install_temp_cleanup_on_signals();
      wfm::io::AtomicFileWriter writer(dir / "out.csv");
      writer.stream() << "partial" << std::flush;
      ::raise(sig);
      ::_exit(0);  // not reached: the handler exits 128 + sig
    }
    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 128 + sig);
    CHECK(entries(dir) == 0);
    fs::remove_all(dir);
  }
}
