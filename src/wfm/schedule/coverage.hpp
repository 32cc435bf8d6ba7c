// Coverage and quality of a day's schedule: per interval the agents required, on shift, on a
// break and on the phones (on shift less on break), over- and under-coverage; per day the paid
// and required hours, efficiency (required hours / paid hours), cost and shortage.
//
// Computed from the schedule alone (the shifts and their break starts), independently of the
// optimizer's model, so the optimizer's tests use it as the checker of what it produced.
// check_schedule verifies the rules (templates' start windows and steps, break windows, daily
// counts, only overnight templates past midnight) and names the first violation. Tested in tests/unit/schedule/coverage_test.cpp.
#pragma once

#include <string>
#include <vector>

#include "wfm/schedule/optimizer.hpp"
#include "wfm/schedule/rules.hpp"

namespace wfm::schedule {

struct IntervalCoverage {
  double required = 0;
  int on_shift = 0;  // on site (paid or unpaid break included)
  int on_break = 0;  // on a break or meal, paid or not
  int on_phone = 0;  // on_shift - on_break
  double over = 0;   // max(0, on_phone - required)
  double under = 0;  // max(0, required - on_phone)
};

struct CoverageTotals {
  double required_hours = 0;  // sum of required agents x interval hours
  double paid_hours = 0;      // sum over shifts of their paid length
  double on_phone_hours = 0;
  double over_hours = 0;
  double under_hours = 0;
  double efficiency = 0;  // required_hours / paid_hours (0 with no shifts)
  double shift_cost = 0;  // sum of the shifts' costs
  double cost = 0;        // shift_cost + penalty x under-covered agent-intervals
  int shifts = 0;
  int intervals_short = 0;  // intervals with under > 0
};

// Per interval of `required`: the day (rules.intervals_per_day() entries) or the day and the next
// day's first intervals its overnight shifts reach (rules.horizon() entries). `previous`, the
// day before's shifts, counts where they run past its midnight into this day.
std::vector<IntervalCoverage> day_coverage(const ShiftRules& rules,
                                           const std::vector<double>& required,
                                           const std::vector<ScheduledShift>& shifts,
                                           const std::vector<ScheduledShift>& previous = {});

// The intervals of the next date that a day's `shifts` reach past its midnight (overnight
// templates): from that midnight to the last interval any of them is on site; required, over and
// under 0 (for a date without requirements, past the plan's last day). Empty when none of them
// runs past midnight.
std::vector<IntervalCoverage> next_day_coverage(const ShiftRules& rules,
                                                const std::vector<ScheduledShift>& shifts);

CoverageTotals coverage_totals(const ShiftRules& rules, const std::vector<IntervalCoverage>& cov,
                               const std::vector<ScheduledShift>& shifts);

// The cost of `shifts` plus penalty x shortage against `required`: what schedule_day minimises.
double schedule_cost(const ShiftRules& rules, const std::vector<double>& required,
                     const std::vector<ScheduledShift>& shifts);

// "" when every shift keeps the rules; else the first violation, in words.
std::string check_schedule(const ShiftRules& rules, const std::vector<ScheduledShift>& shifts);

}  // namespace wfm::schedule
