// IANA time zones, for the optional --timezone of wall-clock data (docs/formats.md, "Time zones
// and daylight saving").
//
// wfm's timestamps are local wall-clock times without a zone (core::LocalTime). Given a zone, a
// wall-clock time is one of: unique (one instant), nonexistent (skipped when clocks go forward,
// 2024-03-31T02:30 in Europe/Paris) or repeated (the hour lived twice when clocks go back,
// 2024-10-27T02:30 in Europe/Paris). Loaders use this to reject what they cannot place in time
// with a message naming the transition, and the KPI reader to measure durations in elapsed
// seconds across a change (01:59:50 to 03:00:10 on 2024-03-31 in Paris is 20 s).
//
// GCC 12's <chrono> has no time-zone database, so this wraps Howard Hinnant's date library (the
// proposal C++20's tzdb was taken from; Debian's libdate-tz, built to read the system tzdata in
// /usr/share/zoneinfo). Only this source file sees it. A TimeZone is a cheap, copyable handle;
// its methods are const and safe to call from several threads.
// Tested in tests/unit/core/time_zone_test.cpp.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "wfm/core/error.hpp"
#include "wfm/core/time.hpp"

namespace wfm::core {

enum class LocalTimeKind {
  unique,       // one instant
  nonexistent,  // skipped: clocks went forward over it
  repeated,     // lived twice: clocks went back over it
};

// What a wall-clock time is in a zone.
struct LocalTimeInfo {
  LocalTimeKind kind = LocalTimeKind::unique;
  // UTC offsets (local = UTC + offset). unique: the offset, twice. nonexistent: before and after
  // the gap. repeated: the first pass (the earlier instant) and the second.
  std::chrono::seconds first_offset{0};
  std::chrono::seconds second_offset{0};
  std::string first_abbrev;  // "CEST"
  std::string second_abbrev;
  // The wall-clock span [span_begin, span_end) around the time that is of the same kind with the
  // same offsets: the skipped or the repeated hour, or the unique times between two transitions
  // (so that a caller can reuse the answer for the times that follow).
  LocalTime span_begin{};
  LocalTime span_end{};
};

class TimeZone {
 public:
  // The zone named `name` ("Europe/Paris") in the system time-zone database. An unknown name is
  // an InputError at `where` (the flag or key) naming the value.
  static TimeZone locate(std::string_view name, const Location& where);

  const std::string& name() const noexcept { return name_; }

  LocalTimeInfo info(LocalTime t) const;

  // Why `t` (with info(t), not unique) cannot be used as one instant, for messages:
  //   "2024-03-31T02:30 does not exist in Europe/Paris: clocks went forward from 02:00 to 03:00
  //    (CET to CEST)"
  //   "2024-10-27T02:30 occurs twice in Europe/Paris: clocks went back from 03:00 to 02:00 (CEST
  //    to CET), so 02:00 to 03:00 is lived twice"
  std::string explain(LocalTime t, const LocalTimeInfo& info) const;

 private:
  TimeZone(const void* zone, std::string name) : zone_(zone), name_(std::move(name)) {}

  const void* zone_;  // a date::time_zone of the database, which lives as long as the program
  std::string name_;
};

// A hint for a wall-clock time given twice in data read without a zone: when its hour is one at
// which clocks go back somewhere (23:00 to 03:59), says that it may be the repeated hour of a
// daylight-saving change and that `zone_option` ("--timezone") exists; "" otherwise.
std::string repeated_hour_hint(LocalTime t, std::string_view zone_option);

}  // namespace wfm::core
