// Opening hours: which intervals of a week a center works, the one definition of "an interval
// within opening hours" that every command uses (a scenario's [hours], `wfm staff --open --days`,
// `wfm backlog --open --days`).
//
// Hours are per weekday, in whole minutes after midnight; a day whose opening equals its closing
// is closed. An interval is within the hours when it starts at or after the opening and ends at
// or before the closing of its own day (an interval running past the closing is outside, and
// hours never wrap past midnight). Tested in tests/unit/core/opening_hours_test.cpp.
#pragma once

#include <array>

#include "wfm/core/time.hpp"

namespace wfm::core {

// One day's hours, minutes after midnight; open_min == close_min: closed.
struct DayHours {
  int open_min = 0;
  int close_min = 0;  // up to 24 * 60 (open until midnight)
  bool is_open() const { return close_min > open_min; }
  // True when an interval starting `start_s` seconds after midnight and lasting `length_s` (> 0)
  // seconds lies inside the hours (never on a closed day).
  bool covers_s(long long start_s, long long length_s) const {
    return start_s >= open_min * 60LL && start_s + length_s <= close_min * 60LL;
  }
  // The same in minutes.
  bool covers(int start_min, int length_min) const {
    return covers_s(start_min * 60LL, length_min * 60LL);
  }
};

struct WeekHours {
  std::array<DayHours, 7> days{};  // Monday first; every day closed by default

  // The same hours on each open day: `open_days` indexed by std::chrono::weekday::c_encoding()
  // (0 = Sunday), opening and closing in seconds after midnight (whole minutes).
  static WeekHours uniform(const std::array<bool, 7>& open_days, int open_s, int close_s);

  // The hours of the weekday of `day`.
  const DayHours& on(std::chrono::local_days day) const;
  // True when the interval [start, start + length_s) lies within the hours of its day.
  bool contains(LocalTime start, int length_s) const;
};

}  // namespace wfm::core
