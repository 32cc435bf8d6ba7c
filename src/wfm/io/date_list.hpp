// Lists of dates: the closed dates (holidays) of email / backlog work (`wfm backlog --closed` and
// --closed-file, a scenario's [queues.NAME] closed; docs/backlog.md). Dates are YYYY-MM-DD
// (core::parse_local_date, as in the special-days file); a date listed twice is an error (a typo
// more often than not). Tested in tests/unit/io/date_list_test.cpp.
#pragma once

#include <chrono>
#include <istream>
#include <string>
#include <string_view>
#include <vector>

#include "wfm/core/error.hpp"

namespace wfm::io {

// "2026-12-25,2026-12-26" (spaces around a date allowed); `where` names the flag or key. In
// the order given.
std::vector<std::chrono::local_days> parse_date_list(std::string_view text,
                                                     const core::Location& where);

// One date per line; blank lines and lines starting with '#' are skipped. Errors name the file
// and line.
std::vector<std::chrono::local_days> read_date_list(std::istream& in, const std::string& source);
std::vector<std::chrono::local_days> load_date_list(const std::string& path);

}  // namespace wfm::io
