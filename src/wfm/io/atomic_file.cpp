#include "wfm/io/atomic_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <string>
#include <system_error>

#include "wfm/core/error.hpp"

namespace wfm::io {
namespace {

std::atomic<unsigned> temp_counter{0};

std::string errno_text(int err) {
  return std::generic_category().message(err);
}

[[noreturn]] void fail(const std::filesystem::path& target, const std::string& message) {
  throw core::InputError(core::Location{target.string(), 0, {}}, message);
}

std::filesystem::path directory_of(const std::filesystem::path& target) {
  auto dir = target.parent_path();
  return dir.empty() ? std::filesystem::path(".") : dir;
}

// fsync a path opened read-only (works for files and, on Linux, directories).
int sync_path(const std::filesystem::path& path, int flags) {
  const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) return errno;
  int err = 0;
  if (::fsync(fd) != 0) err = errno;
  ::close(fd);
  return err;
}

}  // namespace

AtomicFileWriter::AtomicFileWriter(std::filesystem::path target) : target_(std::move(target)) {
  if (target_.empty()) fail(target_, "empty output path");
  if (!target_.has_filename()) fail(target_, "output path names a directory, not a file");
  const auto dir = directory_of(target_);
  std::error_code ec;
  const auto dir_status = std::filesystem::status(dir, ec);
  if (!std::filesystem::exists(dir_status)) {
    fail(target_,
         fmt::format("cannot create the file: directory '{}' does not exist", dir.string()));
  }
  if (!std::filesystem::is_directory(dir_status)) {
    fail(target_, fmt::format("cannot create the file: '{}' is not a directory", dir.string()));
  }
  if (std::filesystem::is_directory(std::filesystem::status(target_, ec))) {
    fail(target_, "cannot write the file: a directory has this name");
  }

  // Create the temporary file exclusively (O_EXCL), mode 0666 filtered by the umask.
  for (int attempt = 0;; ++attempt) {
    temp_ = dir / fmt::format(".{}.tmp-{}-{}", target_.filename().string(), ::getpid(),
                              temp_counter.fetch_add(1));
    const int fd = ::open(temp_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd >= 0) {
      ::close(fd);
      break;
    }
    const int err = errno;
    if (err != EEXIST || attempt > 100) {
      temp_.clear();
      fail(target_, fmt::format("cannot create a file in directory '{}': {}", dir.string(),
                                errno_text(err)));
    }
  }
  out_.open(temp_, std::ios::binary | std::ios::trunc);
  if (!out_) {
    const int err = errno;
    discard();
    fail(target_,
         fmt::format("cannot open a temporary file in '{}': {}", dir.string(), errno_text(err)));
  }
}

AtomicFileWriter::~AtomicFileWriter() {
  if (!committed_) discard();
}

void AtomicFileWriter::discard() noexcept {
  if (out_.is_open()) out_.close();
  if (!temp_.empty()) {
    std::error_code ec;
    std::filesystem::remove(temp_, ec);
    temp_.clear();
  }
}

void AtomicFileWriter::commit() {
  WFM_ENSURE(!committed_ && !temp_.empty(), "AtomicFileWriter::commit called twice for '{}'",
             target_.string());
  errno = 0;
  out_.flush();
  const bool written = static_cast<bool>(out_);
  out_.close();
  if (!written || out_.fail()) {
    const int err = errno;
    discard();
    fail(target_,
         err != 0 ? fmt::format("write failed: {}", errno_text(err)) : std::string("write failed"));
  }
  if (const int err = sync_path(temp_, O_RDONLY); err != 0) {
    discard();
    fail(target_, fmt::format("cannot sync the file to disk: {}", errno_text(err)));
  }
  if (::rename(temp_.c_str(), target_.c_str()) != 0) {
    const int err = errno;
    discard();
    fail(target_, fmt::format("cannot replace the file: {}", errno_text(err)));
  }
  temp_.clear();
  committed_ = true;
  // Make the rename itself durable; failure here cannot undo it, so it is not an error.
  sync_path(directory_of(target_), O_RDONLY | O_DIRECTORY);
}

}  // namespace wfm::io
