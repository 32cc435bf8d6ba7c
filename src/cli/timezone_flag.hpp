// --timezone NAME, shared by the commands that read wall-clock times (interval files, forecasts,
// contact records): the IANA zone of those times, for daylight-saving checks and durations
// (docs/formats.md, "Time zones and daylight saving"). Without it, times are plain wall clock.
#pragma once

#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "wfm/core/time_zone.hpp"

namespace wfm::cli {

// Adds --timezone to `cmd`, storing the name in `value`; `what` says whose times it is the zone of.
void add_timezone_flag(CLI::App& cmd, std::string& value, const std::string& what);
// The zone named by --timezone; nullopt when it was not given. An unknown name is an InputError
// naming the flag and the value.
std::optional<core::TimeZone> parse_timezone_flag(const std::string& value);

}  // namespace wfm::cli
