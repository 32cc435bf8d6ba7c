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
    throw core::InputError(
        core::Location{path, 0, {}},
        fmt::format("cannot open the file: {}", err != 0 ? std::generic_category().message(err)
                                                         : std::string("unknown error")));
  }
  return in;
}

}  // namespace wfm::io
