#include "wfm/io/input_file.hpp"

#include <cerrno>
#include <filesystem>
#include <system_error>

#include "wfm/core/error.hpp"

namespace wfm::io {

std::ifstream open_input_file(const std::string& path) {
  std::error_code ec;
  WFM_REQUIRE(!std::filesystem::is_directory(path, ec), (core::Location{path, 0, {}}),
              "cannot read the file: it is a directory");
  errno = 0;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const int err = errno;
    const std::string reason =
        err != 0 ? std::generic_category().message(err) : std::string("unknown error");
    // A path that names nothing is the user's mistake (exit 2); anything else (no permission, an
    // I/O error, too many open files) is the system refusing (exit 4).
    if (err == ENOENT || err == ENOTDIR || err == ENAMETOOLONG || err == 0) {
      throw core::InputError(core::Location{path, 0, {}},
                             fmt::format("cannot open the file: {}", reason));
    }
    throw core::IoError(path, fmt::format("cannot open the file: {}", reason));
  }
  return in;
}

}  // namespace wfm::io
