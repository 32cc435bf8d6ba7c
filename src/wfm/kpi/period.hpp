// Report periods: which interval, day, ISO week or month a time falls in, its label, and the
// period before it (for --compare previous).
//
// Periods are wall-clock (local time without zone): a day runs from 00:00 to 24:00, a week from
// Monday 00:00 (ISO 8601), a month from the 1st. An interval is interval_s long from midnight
// (interval_s divides a day). Tested in tests/unit/kpi/period_test.cpp.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "wfm/kpi/contact.hpp"

namespace wfm::kpi {

enum class Dimension { interval, day, week, month, queue, agent };

std::string_view to_string(Dimension d);
std::optional<Dimension> parse_dimension(std::string_view text);
bool is_time_dimension(Dimension d) noexcept;

// Start of the period of `d` (a time dimension) containing t.
TimeMs period_start(TimeMs t, Dimension d, int interval_s);
// Start of the period after / before the one starting at `start`.
TimeMs next_period(TimeMs start, Dimension d, int interval_s);
TimeMs previous_period(TimeMs start, Dimension d, int interval_s);
// "2024-03-04T08:15" (interval), "2024-03-04" (day; week: its Monday), "2024-03" (month).
std::string period_label(TimeMs start, Dimension d);

// Calls fn(period_start, seconds) for each period that [begin, end) overlaps, with the seconds
// of the overlap (begin < end).
template <typename Fn>
void for_each_period(TimeMs begin, TimeMs end, Dimension d, int interval_s, Fn&& fn) {
  TimeMs p = period_start(begin, d, interval_s);
  while (begin < end) {
    const TimeMs next = next_period(p, d, interval_s);
    const TimeMs stop = next < end ? next : end;
    fn(p, static_cast<double>(stop - begin) / 1000.0);
    begin = stop;
    p = next;
  }
}

}  // namespace wfm::kpi
