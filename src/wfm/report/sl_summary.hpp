// What the service-level charts of the reports share (the plan's report.html and the schedule's
// schedule.html): where the y axis starts, and the note under the chart that counts the intervals
// below target and the share of the calls they carry.
//
// Per-interval SL varies around the call-weighted total: a plan whose total meets an 80% target
// has many intervals below it. A 0-100% axis squashes the band around the target where that
// story is, so the axis starts at the lowest value drawn or 10 points under the target, rounded
// down to 10% (never above 90%, so nothing is cut off), and the note says how many simulated
// intervals fall below the target, how many with their whole 95% confidence interval below, and
// their share of the calls. Tested in tests/unit/report/sl_summary_test.cpp.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

namespace wfm::report {

// How many intervals with a simulated SL fall below the target, and their share of the calls.
struct BelowTarget {
  std::size_t simulated = 0;     // intervals with a simulated SL
  std::size_t below = 0;         // simulated SL < target
  std::size_t surely_below = 0;  // the whole 95% confidence interval < target
  double calls_share_below = 0;  // share of the simulated intervals' calls in the `below` ones
};

// Counts intervals one at a time against a target SL (a fraction).
class BelowTargetCount {
 public:
  explicit BelowTargetCount(double target) : target_(target) {}
  // An interval: its simulated SL (none or non-finite: not simulated, not counted), the 95%
  // half-width of that SL (none: 0) and its calls (non-finite: 0).
  void add(std::optional<double> simulated_sl, std::optional<double> half_width, double calls);
  BelowTarget result() const;

 private:
  double target_;
  BelowTarget b_;
  double calls_ = 0, calls_below_ = 0;
};

// The lower end of an SL chart's y axis (a fraction): the lowest finite value of `series` or 10
// points under `target`, rounded down to 10%, within [0, 0.9]; 0.9 with neither.
double sl_axis_min(std::optional<double> target,
                   std::initializer_list<const std::vector<double>*> series);

// The note under an SL chart, <p class="note sl-note">: why interval SL varies, the count of
// `below` (when any interval was simulated) and, when given, the call-weighted totals:
//   "... In simulation, 2 of 19 intervals are below the 80% target (1 with the whole 95%
//   confidence interval below); they carry 12.0% of the calls. Expected SL over all calls:
//   84.0%, simulated: 83.0%."
std::string sl_note(double target, const BelowTarget& below, std::optional<double> expected_total,
                    std::optional<double> simulated_total);

}  // namespace wfm::report
