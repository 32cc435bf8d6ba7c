#include "wfm/kpi/options.hpp"

#include <algorithm>

#include "wfm/core/error.hpp"

namespace wfm::kpi {

std::string_view to_string(ShortAbandonPolicy p) {
  return p == ShortAbandonPolicy::exclude ? "exclude" : "count";
}
std::string_view to_string(FcrScope s) {
  return s == FcrScope::any ? "any" : "queue";
}
std::string_view to_string(FcrMethod m) {
  switch (m) {
    case FcrMethod::repeat:
      return "repeat";
    case FcrMethod::flag:
      return "flag";
    case FcrMethod::both:
      return "both";
  }
  return "?";
}

std::optional<ShortAbandonPolicy> parse_short_abandon_policy(std::string_view text) {
  if (text == "exclude") return ShortAbandonPolicy::exclude;
  if (text == "count") return ShortAbandonPolicy::count;
  return std::nullopt;
}
std::optional<FcrScope> parse_fcr_scope(std::string_view text) {
  if (text == "any") return FcrScope::any;
  if (text == "queue") return FcrScope::queue;
  return std::nullopt;
}
std::optional<FcrMethod> parse_fcr_method(std::string_view text) {
  for (auto m : {FcrMethod::repeat, FcrMethod::flag, FcrMethod::both}) {
    if (text == to_string(m)) return m;
  }
  return std::nullopt;
}

std::optional<Dimension> KpiOptions::time_dimension() const {
  for (auto d : by) {
    if (is_time_dimension(d)) return d;
  }
  return std::nullopt;
}

bool KpiOptions::has(Dimension d) const {
  return std::find(by.begin(), by.end(), d) != by.end();
}

void KpiOptions::validate() const {
  int time_dims = 0;
  for (std::size_t i = 0; i < by.size(); ++i) {
    if (is_time_dimension(by[i])) ++time_dims;
    for (std::size_t j = 0; j < i; ++j) {
      WFM_REQUIRE(by[i] != by[j], core::at_flag("--by"), "{} is given twice", to_string(by[i]));
    }
  }
  WFM_REQUIRE(time_dims <= 1, core::at_flag("--by"),
              "at most one of interval, day, week, month can be given");
  WFM_REQUIRE(interval_s > 0 && 86400 % interval_s == 0, core::at_flag("--interval"),
              "expected a whole number of seconds that divides a day, got {}", interval_s);
  WFM_REQUIRE(sl_threshold_s >= 0, core::at_flag("--sl-threshold"), "expected a duration >= 0");
  WFM_REQUIRE(!short_abandon_s || *short_abandon_s >= 0, core::at_flag("--short-abandon"),
              "expected a duration >= 0");
  WFM_REQUIRE(fcr_window_s > 0, core::at_flag("--fcr-window"), "expected a duration > 0");
  WFM_REQUIRE(!cost_per_hour || *cost_per_hour >= 0, core::at_flag("--cost-per-hour"),
              "expected a number >= 0");
  WFM_REQUIRE(!compare_previous || time_dims == 1, core::at_flag("--compare"),
              "--compare previous needs a time dimension in --by (interval, day, week or month)");
  WFM_REQUIRE(reorder_slack_s >= 0, core::at_flag("reorder_slack_s"), "expected >= 0");
}

}  // namespace wfm::kpi
