#include "cli/timezone_flag.hpp"

namespace wfm::cli {

void add_timezone_flag(CLI::App& cmd, std::string& value, const std::string& what) {
  cmd.add_option("--timezone", value,
                 "IANA time zone of " + what +
                     " (e.g. Europe/Paris): times skipped or repeated by daylight saving are "
                     "reported (default: plain wall-clock times; docs/formats.md)");
}

std::optional<core::TimeZone> parse_timezone_flag(const std::string& value) {
  if (value.empty()) return std::nullopt;
  return core::TimeZone::locate(value, core::at_flag("--timezone"));
}

}  // namespace wfm::cli
