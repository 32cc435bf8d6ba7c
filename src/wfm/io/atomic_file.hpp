// All-or-nothing output files: a failed run leaves no partial output behind.
//
// AtomicFileWriter writes to a temporary file next to the target (same directory, so the final
// rename cannot cross file systems), named ".<name>.tmp-<pid>-<n>". commit() flushes, fsyncs the
// file, renames it over the target (atomic on POSIX: readers see the old or the new file, never a
// mix) and fsyncs the directory. Destroying the writer without commit() removes the temporary file
// and leaves any existing target untouched. The new file gets the default mode (0666 & ~umask).
// The temporary file is registered with TempFileRegistry::process() while it exists, so the
// application's SIGINT/SIGTERM handler can remove it (temp_registry.hpp).
//
// Errors name the target path. A wrong path, found before anything is created (the directory is
// missing or is a file, the target is a directory), is core::InputError (exit 2). A system call
// that fails (permission denied, disk full, file size limit, read-only file system, a refused
// rename) is core::IoError (exit 4). Either way the temporary file is removed.
//
// commit_all() commits several writers as one set (a plan's five files, forecast + model +
// report): every file is written and synced first, then the renames run with SIGINT/SIGTERM/SIGHUP
// blocked, and when a rename fails the targets already replaced are restored from hard-link
// backups (or removed when they did not exist before), so the set is all old or all new. Limit: on
// a file system without hard links an existing target cannot be backed up and is not restored.
// Not thread-safe. Tested in tests/unit/io/atomic_file_test.cpp.
#pragma once

#include <cstddef>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <span>

namespace wfm::io {

class AtomicFileWriter {
 public:
  // Creates the temporary file; throws core::InputError when it cannot.
  explicit AtomicFileWriter(std::filesystem::path target);
  ~AtomicFileWriter();
  AtomicFileWriter(const AtomicFileWriter&) = delete;
  AtomicFileWriter& operator=(const AtomicFileWriter&) = delete;

  // Where to write the content. Valid until commit() or destruction.
  std::ostream& stream() { return out_; }

  // Makes the content the target file. Throws core::IoError when writing, syncing or renaming
  // fails (the temporary file is then removed). Calling it twice is an error (InternalError).
  void commit();

  bool committed() const noexcept { return committed_; }
  const std::filesystem::path& target() const noexcept { return target_; }
  const std::filesystem::path& temp_path() const noexcept { return temp_; }

 private:
  friend void commit_all(std::span<AtomicFileWriter* const> writers);
  // Flushes, closes and fsyncs the temporary file; throws core::IoError (after discard()).
  void finish();
  void discard() noexcept;

  std::filesystem::path target_;
  std::filesystem::path temp_;
  std::ofstream out_;
  std::size_t registry_token_;
  bool committed_ = false;
};

// Commits every writer (null entries are skipped) so that either all targets get their new content
// or none changes. Throws core::IoError naming the file that failed; every temporary file is then
// removed. Writers already committed are an InternalError.
void commit_all(std::span<AtomicFileWriter* const> writers);

}  // namespace wfm::io
