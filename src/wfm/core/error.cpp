#include "wfm/core/error.hpp"

namespace wfm::core {

std::string format_location(const Location& where, const std::string& message) {
  std::string out;
  if (!where.file.empty()) {
    out += where.file;
    if (where.line > 0) out += fmt::format(":{}", where.line);
    out += ": ";
  } else if (where.line > 0) {
    out += fmt::format("line {}: ", where.line);
  }
  if (!where.field.empty()) {
    out += where.file.empty() ? fmt::format("{}: ", where.field)
                              : fmt::format("column '{}': ", where.field);
  }
  out += message;
  return out;
}

InputError::InputError(Location where, std::string message)
    : std::runtime_error(format_location(where, message)),
      where_(std::move(where)),
      detail_(std::move(message)) {}

IoError::IoError(std::string path, std::string message)
    : std::runtime_error(path.empty() ? message : path + ": " + message),
      path_(std::move(path)),
      detail_(std::move(message)) {}

}  // namespace wfm::core
