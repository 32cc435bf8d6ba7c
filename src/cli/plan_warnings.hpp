// The planner-facing warnings: a run that succeeded but whose plan is probably not what was meant
// ends with one loud line on stderr ("wfm staff: WARNING: ..."), after the table, so it is the
// last thing on the screen and never mixes into a CSV on stdout. Each function returns the text
// (without the "wfm CMD: WARNING: " prefix), or nothing when all is well:
//  - infeasible intervals: any interval whose targets cannot be met within the agent cap;
//  - shrinkage of 50% or more: half the paid time off the phones is far beyond the 25-40% planners
//    usually see (Cleveland, "Call Center Management on Fast Forward", 3rd ed., 2012, ch. 6), and
//    0.99 schedules 100 agents for each one needed;
//  - a forecast that starts more than 28 days after the last history day: every model then
//    extrapolates level and trend across the gap (the usual horizon is one to four weeks).
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>

namespace wfm::cli {

inline constexpr double kShrinkageWarnAt = 0.5;
inline constexpr int kStartGapWarnDays = 28;

std::optional<std::string> infeasible_warning(std::size_t infeasible, std::size_t intervals);
std::optional<std::string> shrinkage_warning(double shrinkage);
std::optional<std::string> start_gap_warning(std::chrono::local_days last_history_day,
                                             std::chrono::local_days first_forecast_day);

// Prints "wfm <command>: WARNING: <text>" to stderr when `text` is set.
void print_warning(const char* command, const std::optional<std::string>& text);

}  // namespace wfm::cli
