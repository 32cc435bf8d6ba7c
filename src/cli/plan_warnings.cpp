#include "cli/plan_warnings.hpp"

#include <cmath>
#include <iostream>

#include <fmt/format.h>

#include "wfm/core/time.hpp"

namespace wfm::cli {

std::optional<std::string> infeasible_warning(std::size_t infeasible, std::size_t intervals) {
  if (infeasible == 0) return std::nullopt;
  const double pct = intervals > 0
                         ? 100.0 * static_cast<double>(infeasible) / static_cast<double>(intervals)
                         : 100.0;
  return fmt::format(
      "{} of {} intervals ({:.1f}%) cannot meet the targets within the agent limit "
      "(meets_targets = false): raise --max-agents or relax the targets",
      infeasible, intervals, pct);
}

std::optional<std::string> shrinkage_warning(double shrinkage) {
  if (!(shrinkage >= kShrinkageWarnAt)) return std::nullopt;
  return fmt::format(
      "shrinkage {:g} schedules {:.3g} agents for each one on the phones (typical shrinkage is "
      "0.25-0.40); is it a fraction (0.3), not a percentage?",
      shrinkage, 1.0 / (1.0 - shrinkage));
}

std::optional<std::string> start_gap_warning(std::chrono::local_days last_history_day,
                                             std::chrono::local_days first_forecast_day) {
  const auto gap = (first_forecast_day - last_history_day).count() - 1;
  if (gap <= kStartGapWarnDays) return std::nullopt;
  return fmt::format(
      "the forecast starts {} days after the last history day ({}): level and trend are "
      "extrapolated across the gap; treat it as a rough guess",
      gap, core::format_local_date(last_history_day));
}

void print_warning(const char* command, const std::optional<std::string>& text) {
  if (text) std::cerr << "wfm " << command << ": WARNING: " << *text << "\n";
}

}  // namespace wfm::cli
