// Special days: the calendar a planner keeps of days that are not like the others.
//
// File format (docs/formats.md, "Special days CSV"): header `date,name,kind[,multiplier]`, one
// row per date; kind is
//   closed   the center is closed: no intervals are forecast that day;
//   holiday  a public holiday the center is open on;
//   event    anything else out of the ordinary (a campaign, a billing run, an outage).
// Every special day found in the history is left out of model fitting (it would distort the
// weekday pattern) and reported. In the horizon, a holiday or event day gets the normal forecast
// for its weekday times its multiplier (default 1, i.e. "flag only"); a closed day gets none.
#pragma once

#include <istream>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "wfm/forecast/day_grid.hpp"

namespace wfm::forecast {

struct SpecialDay {
  Date date{};
  std::string name;
  enum class Kind { closed, holiday, event } kind = Kind::event;
  double multiplier = 1.0;  // > 0 for holiday and event; unused for closed
  std::size_t source_line = 0;
};

std::string_view to_string(SpecialDay::Kind kind);

struct SpecialDays {
  std::string source;
  std::vector<SpecialDay> days;  // sorted by date, no duplicates

  const SpecialDay* find(Date d) const;
  std::vector<Date> closed_dates() const;
};

// Throws core::InputError naming file, line and column.
SpecialDays load_special_days(const std::string& path);
SpecialDays load_special_days(std::istream& in, const std::string& display_name);

// Sets every history day listed in `special` to missing (NaN) so models do not fit on it;
// returns the dates that were present in the history and so excluded.
std::vector<Date> exclude_special_days(DayGrid& history, const SpecialDays& special);

}  // namespace wfm::forecast
