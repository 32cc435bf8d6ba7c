// Error types for wfm.
//
// Two kinds, as QuantLib separates QL_REQUIRE from QL_ENSURE:
//  - InputError: the user's input is wrong (a file, a flag, a target). It carries where (file,
//    line, column or field) and what was expected, formatted like a compiler diagnostic:
//      history.csv:1043: column 'offered': expected a number >= 0, got "-3"
//    The CLI maps it to exit code 2.
//  - InternalError: an invariant of wfm itself failed (a bug). The CLI maps it to exit code 3.
//  - IoError: the input was fine but the system refused to read or write a file (permission
//    denied, disk full, a file size limit, a rename refused). The CLI maps it to exit code 4, so a
//    cron job can tell "fix the data" (2) from "fix the machine" (4).
// Infeasible answers (too few agents for the load) are not errors: engines flag them in results.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <utility>

#include <fmt/format.h>

namespace wfm::core {

// Where a bad value was found. Every part is optional: a flag has no file, a file-level problem
// has no line.
struct Location {
  std::string file;      // path as the user gave it; empty for command-line values
  std::size_t line = 0;  // 1-based physical line; 0 when not applicable
  std::string field;     // column, key or flag name; empty when not applicable
};

// The location of a command-line flag or other value without a file: at_flag("--sl").
inline Location at_flag(std::string name) {
  return Location{{}, 0, std::move(name)};
}

class InputError : public std::runtime_error {
 public:
  InputError(Location where, std::string message);
  explicit InputError(std::string message) : InputError(Location{}, std::move(message)) {}

  const Location& where() const noexcept { return where_; }
  // The message without the location prefix.
  const std::string& detail() const noexcept { return detail_; }

 private:
  Location where_;
  std::string detail_;
};

// "path: message", e.g. "out/plan.csv: write failed: No space left on device".
class IoError : public std::runtime_error {
 public:
  IoError(std::string path, std::string message);

  const std::string& path() const noexcept { return path_; }
  // The message without the path prefix.
  const std::string& detail() const noexcept { return detail_; }

 private:
  std::string path_;
  std::string detail_;
};

class InternalError : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

// Formats "file:line: column 'field': message" leaving out the parts that are empty.
std::string format_location(const Location& where, const std::string& message);

}  // namespace wfm::core

// WFM_REQUIRE(cond, location, fmt, args...): throw InputError when cond is false.
#define WFM_REQUIRE(cond, where, ...)                                              \
  do {                                                                             \
    if (!(cond)) throw ::wfm::core::InputError((where), fmt::format(__VA_ARGS__)); \
  } while (false)

// WFM_ENSURE(cond, fmt, args...): throw InternalError when an invariant fails.
#define WFM_ENSURE(cond, ...)                                                                     \
  do {                                                                                            \
    if (!(cond))                                                                                  \
      throw ::wfm::core::InternalError(                                                           \
          fmt::format("{}:{}: internal error: ", __FILE__, __LINE__) + fmt::format(__VA_ARGS__)); \
  } while (false)
