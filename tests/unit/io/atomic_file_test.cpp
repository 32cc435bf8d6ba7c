// wfm::io::AtomicFileWriter: all-or-nothing output, and errors naming the path.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "wfm/core/error.hpp"
#include "wfm/io/atomic_file.hpp"
#include "wfm/io/temp_registry.hpp"

namespace fs = std::filesystem;
using wfm::io::AtomicFileWriter;

namespace {

// A fresh directory under the system temp dir, removed at the end of the test.
struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() /
           ("wfm_atomic_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter()++));
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::permissions(path, fs::perms::owner_all, fs::perm_options::add, ec);
    fs::remove_all(path, ec);
  }
  static int& counter() {
    static int n = 0;
    return n;
  }
};

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::size_t entries(const fs::path& dir) {
  return static_cast<std::size_t>(std::distance(fs::directory_iterator(dir), {}));
}

}  // namespace

TEST_CASE("AtomicFileWriter creates the target only on commit", "[io][atomic]") {
  TempDir dir;
  const auto target = dir.path / "out.csv";
  {
    AtomicFileWriter writer(target);
    CHECK(writer.temp_path().parent_path() == dir.path);
    writer.stream() << "a,b\n1,2\n";
    CHECK_FALSE(fs::exists(target));
    writer.commit();
    CHECK(writer.committed());
  }
  CHECK(slurp(target) == "a,b\n1,2\n");
  CHECK(entries(dir.path) == 1);  // no temporary file left
}

TEST_CASE("AtomicFileWriter without commit leaves nothing and keeps the old file", "[io][atomic]") {
  TempDir dir;
  const auto target = dir.path / "out.csv";
  {
    AtomicFileWriter writer(target);
    writer.stream() << "partial";
  }
  CHECK_FALSE(fs::exists(target));
  CHECK(entries(dir.path) == 0);

  std::ofstream(target) << "old";
  try {
    AtomicFileWriter writer(target);
    writer.stream() << "new, half written";
    throw std::runtime_error("the run failed");
  } catch (const std::runtime_error&) {
  }
  CHECK(slurp(target) == "old");
  CHECK(entries(dir.path) == 1);
}

TEST_CASE("AtomicFileWriter replaces an existing file", "[io][atomic]") {
  TempDir dir;
  const auto target = dir.path / "out.csv";
  std::ofstream(target) << "old content that is longer";
  AtomicFileWriter writer(target);
  writer.stream() << "new";
  writer.commit();
  CHECK(slurp(target) == "new");
  CHECK_THROWS_AS(writer.commit(), wfm::core::InternalError);
}

TEST_CASE("AtomicFileWriter errors name the path", "[io][atomic]") {
  TempDir dir;
  const auto missing = dir.path / "no_such_dir" / "out.csv";
  CHECK_THROWS_WITH(AtomicFileWriter(missing),
                    missing.string() + ": cannot create the file: directory '" +
                        (dir.path / "no_such_dir").string() + "' does not exist");

  std::ofstream(dir.path / "plain") << "x";
  const auto under_file = dir.path / "plain" / "out.csv";
  CHECK_THROWS_WITH(AtomicFileWriter(under_file),
                    under_file.string() + ": cannot create the file: '" +
                        (dir.path / "plain").string() + "' is not a directory");

  fs::create_directory(dir.path / "sub");
  CHECK_THROWS_WITH(
      AtomicFileWriter(dir.path / "sub"),
      (dir.path / "sub").string() + ": cannot write the file: a directory has this name");

  if (::geteuid() != 0) {  // root can write anywhere
    const auto locked = dir.path / "locked";
    fs::create_directory(locked);
    fs::permissions(locked, fs::perms::owner_read | fs::perms::owner_exec);
    CHECK_THROWS_WITH(AtomicFileWriter(locked / "out.csv"),
                      (locked / "out.csv").string() + ": cannot create a file in directory '" +
                          locked.string() + "': Permission denied");
  } else {
    WARN("running as root: the permission-denied case is not tested");
  }
}

TEST_CASE("AtomicFileWriter reports a failed write at commit", "[io][atomic]") {
  // A full disk shows as a failed stream; simulate it through the stream state.
  TempDir dir;
  const auto target = dir.path / "out.csv";
  AtomicFileWriter writer(target);
  writer.stream() << "data";
  writer.stream().setstate(std::ios::badbit);
  CHECK_THROWS_WITH(writer.commit(),
                    Catch::Matchers::StartsWith(target.string() + ": write failed"));
  CHECK_FALSE(fs::exists(target));
  CHECK(entries(dir.path) == 0);
}

TEST_CASE("AtomicFileWriter: a system failure is an IoError, a wrong path an InputError",
          "[io][atomic]") {
  TempDir dir;
  CHECK_THROWS_AS(AtomicFileWriter(dir.path / "no_such_dir" / "out.csv"), wfm::core::InputError);
  AtomicFileWriter writer(dir.path / "out.csv");
  writer.stream() << "data";
  writer.stream().setstate(std::ios::badbit);
  CHECK_THROWS_AS(writer.commit(), wfm::core::IoError);
}

TEST_CASE("commit_all replaces every target, or none when a rename fails midway", "[io][atomic]") {
  TempDir dir;
  const auto a = dir.path / "a.csv", b = dir.path / "b.csv", c = dir.path / "c.csv";
  std::ofstream(a) << "old a";
  {
    AtomicFileWriter wa(a), wb(b), wc(c);
    wa.stream() << "new a";
    wb.stream() << "new b";
    wc.stream() << "new c";
    AtomicFileWriter* const set[] = {&wa, &wb, &wc};
    wfm::io::commit_all(set);
    CHECK(wa.committed());
    CHECK(wc.committed());
  }
  CHECK(slurp(a) == "new a");
  CHECK(slurp(b) == "new b");
  CHECK(slurp(c) == "new c");
  CHECK(entries(dir.path) == 3);  // no temporary or backup file left

  // The second target becomes a directory after its writer exists: its rename fails, the first
  // target gets its old content back, the third (which did not exist) is not created.
  std::ofstream(a, std::ios::trunc) << "old a";
  fs::remove(b);
  fs::remove(c);
  {
    AtomicFileWriter wa(a), wb(b), wc(c);
    wa.stream() << "newer a";
    wb.stream() << "newer b";
    wc.stream() << "newer c";
    fs::create_directory(b);
    std::ofstream(b / "inside") << "x";
    AtomicFileWriter* const set[] = {&wa, &wb, &wc};
    try {
      wfm::io::commit_all(set);
      FAIL("commit_all did not throw");
    } catch (const wfm::core::IoError& e) {
      CHECK(e.path() == b.string());
      CHECK_THAT(e.detail(), Catch::Matchers::StartsWith("cannot replace the file: "));
      CHECK_THAT(e.detail(), Catch::Matchers::Contains("put back"));
    }
    CHECK_FALSE(wa.committed());
    CHECK_FALSE(wc.committed());
  }
  CHECK(slurp(a) == "old a");
  CHECK_FALSE(fs::exists(c));
  CHECK(fs::is_directory(b));
  CHECK(entries(dir.path) == 2);  // a.csv and the directory: no temporary or backup file left
  CHECK(wfm::io::TempFileRegistry::process().live() == 0);
}

TEST_CASE("commit_all: a failed write leaves every target as it was", "[io][atomic]") {
  TempDir dir;
  const auto a = dir.path / "a.csv", b = dir.path / "b.csv";
  std::ofstream(a) << "old a";
  {
    AtomicFileWriter wa(a), wb(b);
    wa.stream() << "new a";
    wb.stream() << "new b";
    wb.stream().setstate(std::ios::badbit);
    AtomicFileWriter* const set[] = {&wa, &wb};
    CHECK_THROWS_AS(wfm::io::commit_all(set), wfm::core::IoError);
  }
  CHECK(slurp(a) == "old a");
  CHECK_FALSE(fs::exists(b));
  CHECK(entries(dir.path) == 1);
}

TEST_CASE("AtomicFileWriter registers its temporary file while it exists", "[io][atomic]") {
  TempDir dir;
  auto& registry = wfm::io::TempFileRegistry::process();
  const auto before = registry.live();
  {
    AtomicFileWriter w(dir.path / "x.csv");
    CHECK(registry.live() == before + 1);
    w.commit();
    CHECK(registry.live() == before);
  }
  {
    AtomicFileWriter w(dir.path / "y.csv");
    CHECK(registry.live() == before + 1);
  }
  CHECK(registry.live() == before);
}
