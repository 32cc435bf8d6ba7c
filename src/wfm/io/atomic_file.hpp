// All-or-nothing output files: a failed run leaves no partial output behind.
//
// AtomicFileWriter writes to a temporary file next to the target (same directory, so the final
// rename cannot cross file systems), named ".<name>.tmp-<pid>-<n>". commit() flushes, fsyncs the
// file, renames it over the target (atomic on POSIX: readers see the old or the new file, never a
// mix) and fsyncs the directory. Destroying the writer without commit() removes the temporary file
// and leaves any existing target untouched. The new file gets the default mode (0666 & ~umask).
// Problems with the path (missing directory, no permission, target is a directory, disk full) are
// core::InputError naming the target path. Not thread-safe. Tested in
// tests/unit/io/atomic_file_test.cpp.
#pragma once

#include <filesystem>
#include <fstream>
#include <ostream>

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

  // Makes the content the target file. Throws core::InputError when writing, syncing or renaming
  // fails (the temporary file is then removed). Calling it twice is an error (InternalError).
  void commit();

  bool committed() const noexcept { return committed_; }
  const std::filesystem::path& target() const noexcept { return target_; }
  const std::filesystem::path& temp_path() const noexcept { return temp_; }

 private:
  void discard() noexcept;

  std::filesystem::path target_;
  std::filesystem::path temp_;
  std::ofstream out_;
  bool committed_ = false;
};

}  // namespace wfm::io
