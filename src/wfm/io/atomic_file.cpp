#include "wfm/io/atomic_file.hpp"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <string>
#include <system_error>
#include <vector>

#include "wfm/core/error.hpp"
#include "wfm/io/temp_registry.hpp"

namespace wfm::io {
namespace {

std::atomic<unsigned> temp_counter{0};

std::string errno_text(int err) {
  return std::generic_category().message(err);
}

// A wrong path: bad input (exit 2).
[[noreturn]] void fail(const std::filesystem::path& target, const std::string& message) {
  throw core::InputError(core::Location{target.string(), 0, {}}, message);
}

// A system call refused: an I/O error (exit 4).
[[noreturn]] void fail_io(const std::filesystem::path& target, const std::string& message) {
  throw core::IoError(target.string(), message);
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

// Blocks SIGINT, SIGTERM and SIGHUP in this thread for its lifetime (the renames of a set).
class BlockTerminationSignals {
 public:
  BlockTerminationSignals() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    ::pthread_sigmask(SIG_BLOCK, &set, &old_);
  }
  ~BlockTerminationSignals() { ::pthread_sigmask(SIG_SETMASK, &old_, nullptr); }
  BlockTerminationSignals(const BlockTerminationSignals&) = delete;
  BlockTerminationSignals& operator=(const BlockTerminationSignals&) = delete;

 private:
  sigset_t old_;
};

}  // namespace

AtomicFileWriter::AtomicFileWriter(std::filesystem::path target)
    : target_(std::move(target)), registry_token_(TempFileRegistry::npos) {
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
      fail_io(target_, fmt::format("cannot create a file in directory '{}': {}", dir.string(),
                                   errno_text(err)));
    }
  }
  registry_token_ = TempFileRegistry::process().add(temp_.string());
  out_.open(temp_, std::ios::binary | std::ios::trunc);
  if (!out_) {
    const int err = errno;
    discard();
    fail_io(target_,
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
  TempFileRegistry::process().remove(registry_token_);  // after the file is gone
  registry_token_ = TempFileRegistry::npos;
}

void AtomicFileWriter::finish() {
  WFM_ENSURE(!committed_ && !temp_.empty(), "AtomicFileWriter committed twice for '{}'",
             target_.string());
  errno = 0;
  out_.flush();
  const bool written = static_cast<bool>(out_);
  const int write_err = errno;
  out_.close();
  if (!written || out_.fail()) {
    const int err = write_err != 0 ? write_err : errno;
    discard();
    fail_io(target_, err != 0 ? fmt::format("write failed: {}", errno_text(err))
                              : std::string("write failed (disk full or a file size limit?)"));
  }
  if (const int err = sync_path(temp_, O_RDONLY); err != 0) {
    discard();
    fail_io(target_, fmt::format("cannot sync the file to disk: {}", errno_text(err)));
  }
}

void AtomicFileWriter::commit() {
  AtomicFileWriter* const self[] = {this};
  commit_all(self);
}

void commit_all(std::span<AtomicFileWriter* const> writers) {
  std::vector<AtomicFileWriter*> set;
  for (auto* w : writers) {
    if (w != nullptr) set.push_back(w);
  }
  const auto discard_all = [&] {
    for (auto* w : set) {
      if (!w->committed_) w->discard();
    }
  };
  // 1. Every file written and on disk before any target changes.
  try {
    for (auto* w : set) w->finish();
  } catch (...) {
    discard_all();
    throw;
  }

  // 2. The renames, not interrupted by a termination signal (delivered when they are done).
  const BlockTerminationSignals blocked;
  const bool backups = set.size() > 1;  // one rename is atomic by itself
  std::vector<std::filesystem::path> backup(set.size());
  std::vector<char> existed(set.size(), 0);  // a target that existed before (kept or backed up)
  const auto drop_backups = [&] {
    for (auto& b : backup) {
      if (!b.empty()) ::unlink(b.c_str());
    }
  };
  for (std::size_t i = 0; i < set.size() && backups; ++i) {
    const auto& target = set[i]->target_;
    std::error_code ec;
    const auto status = std::filesystem::symlink_status(target, ec);
    existed[i] = std::filesystem::exists(status) ? 1 : 0;
    if (!std::filesystem::is_regular_file(status)) continue;
    for (int attempt = 0; attempt < 100; ++attempt) {
      auto name = directory_of(target) / fmt::format(".{}.bak-{}-{}", target.filename().string(),
                                                     ::getpid(), temp_counter.fetch_add(1));
      if (::link(target.c_str(), name.c_str()) == 0) {
        backup[i] = std::move(name);
        break;
      }
      if (errno != EEXIST) break;  // no hard links here: this target cannot be restored
    }
  }
  for (std::size_t i = 0; i < set.size(); ++i) {
    auto* w = set[i];
    if (::rename(w->temp_.c_str(), w->target_.c_str()) == 0) {
      w->temp_.clear();
      w->committed_ = true;
      TempFileRegistry::process().remove(w->registry_token_);
      w->registry_token_ = TempFileRegistry::npos;
      continue;
    }
    const int err = errno;
    // Undo the renames done so far: the old file back, or no file where there was none. A file
    // that existed but could not be backed up (no hard links) keeps its new content.
    std::size_t kept_new = 0;
    for (std::size_t j = 0; j < i; ++j) {
      const auto& target = set[j]->target_;
      if (!backup[j].empty()) {
        if (::rename(backup[j].c_str(), target.c_str()) == 0) {
          backup[j].clear();
          set[j]->committed_ = false;
        } else {
          ++kept_new;
        }
      } else if (!existed[j]) {
        ::unlink(target.c_str());
        set[j]->committed_ = false;
      } else {
        ++kept_new;
      }
    }
    drop_backups();
    discard_all();
    std::string undone;
    if (i > 0) {
      undone = kept_new == 0 ? "; the files of this run written before it were put back"
                             : fmt::format(
                                   "; {} file(s) of this run written before it could not be put "
                                   "back and hold the new content",
                                   kept_new);
    }
    fail_io(w->target_, fmt::format("cannot replace the file: {}{}", errno_text(err), undone));
  }
  drop_backups();
  // Make the renames durable; failure here cannot undo them, so it is not an error.
  for (auto* w : set) sync_path(directory_of(w->target_), O_RDONLY | O_DIRECTORY);
}

}  // namespace wfm::io
