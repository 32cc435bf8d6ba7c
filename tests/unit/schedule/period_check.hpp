// The independent checker of a schedule over consecutive days (schedule_days' output), shared by
// the overnight tests of optimizer_test.cpp (days solved in sequence) and tours_test.cpp (weeks
// of overnight tours): every shift laid on one timeline of the period, independently of the
// optimizer and of day_coverage.
#pragma once

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

#include "wfm/schedule/coverage.hpp"
#include "wfm/schedule/outputs.hpp"

namespace wfm::schedule::test {

// The checker of a period of consecutive days (`days` and `out` both in date order, one a day):
// every shift laid on one timeline (day d's interval t at d * n + t), each day's coverage (on
// shift, on break, required) compared with the timeline's, every shift checked by check_schedule;
// the hours past the last day compared with its past_plan; returns "" or the first difference, and
// the period's cost (shifts + penalty x shortage within the period) in `cost`.
inline std::string check_period(const ShiftRules& rules, const std::vector<DayRequirements>& days,
                                const std::vector<DayResult>& out, double& cost) {
  const int n = rules.intervals_per_day();
  const int len = static_cast<int>(days.size()) * n;
  std::vector<int> on_shift(len + n, 0), on_break(len + n, 0);
  cost = 0;
  if (out.size() != days.size()) return "a day missing";
  for (std::size_t d = 0; d < out.size(); ++d) {
    if (out[d].requirements.date != days[0].date + std::chrono::days(d) ||
        days[d].date != out[d].requirements.date) {
      return "days not consecutive";
    }
    if (auto msg = check_schedule(rules, out[d].schedule.shifts); !msg.empty()) return msg;
    for (const auto& s : out[d].schedule.shifts) {
      const auto& tp = rules.templates[s.template_index];
      const int at = static_cast<int>(d) * n;
      for (int t = s.start; t < s.start + tp.span(); ++t) ++on_shift[at + t];
      for (std::size_t b = 0; b < tp.breaks.size(); ++b) {
        for (int t = s.break_starts[b]; t < s.break_starts[b] + tp.breaks[b].duration; ++t) {
          ++on_break[at + t];
        }
      }
      cost += tp.cost(rules.interval_s);
    }
  }
  for (std::size_t d = 0; d < out.size(); ++d) {
    for (int t = 0; t < n; ++t) {
      const int i = static_cast<int>(d) * n + t;
      const auto& c = out[d].coverage.at(t);
      if (c.on_shift != on_shift[i] || c.on_break != on_break[i] ||
          c.required != days[d].required[t]) {
        return "coverage differs on day " + std::to_string(d) + " at " + std::to_string(t);
      }
      cost += rules.under_coverage_penalty *
              std::max(0.0, days[d].required[t] - (on_shift[i] - on_break[i]));
    }
  }
  // Past the last day: the timeline's next day, up to its last interval on shift, is the last
  // day's past_plan, with nothing required; no other day has one (the days are consecutive).
  for (std::size_t d = 0; d + 1 < out.size(); ++d) {
    if (!out[d].past_plan.empty()) return "past_plan on a day followed by a day of the period";
  }
  int reached = 0;
  for (int t = 0; t < n; ++t) reached = on_shift[len + t] > 0 ? t + 1 : reached;
  const auto& past = out.back().past_plan;
  if (static_cast<int>(past.size()) != reached) return "past_plan of the wrong length";
  for (int t = 0; t < reached; ++t) {
    const auto& c = past[t];
    if (c.on_shift != on_shift[len + t] || c.on_break != on_break[len + t] ||
        c.on_phone != c.on_shift - c.on_break || c.required != 0 || c.over != 0 || c.under != 0) {
      return "past_plan differs at " + std::to_string(t);
    }
  }
  return "";
}

}  // namespace wfm::schedule::test
