#include "wfm/report/sl_summary.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "wfm/report/html.hpp"

namespace wfm::report {

void BelowTargetCount::add(std::optional<double> simulated_sl, std::optional<double> half_width,
                           double calls) {
  if (!simulated_sl || !std::isfinite(*simulated_sl)) return;
  ++b_.simulated;
  const double c = std::isfinite(calls) ? calls : 0;
  calls_ += c;
  if (*simulated_sl < target_) {
    ++b_.below;
    calls_below_ += c;
    if (*simulated_sl + half_width.value_or(0) < target_) ++b_.surely_below;
  }
}

BelowTarget BelowTargetCount::result() const {
  BelowTarget b = b_;
  b.calls_share_below = calls_ > 0 ? calls_below_ / calls_ : 0;
  return b;
}

double sl_axis_min(std::optional<double> target,
                   std::initializer_list<const std::vector<double>*> series) {
  double lowest = target ? *target - 0.1 : 1.0;
  for (const auto* ys : series) {
    for (double v : *ys) {
      if (std::isfinite(v)) lowest = std::min(lowest, v);
    }
  }
  return std::clamp(std::floor(lowest * 10 + 1e-9) / 10, 0.0, 0.9);
}

std::string sl_note(double target, const BelowTarget& b, std::optional<double> expected_total,
                    std::optional<double> simulated_total) {
  std::string text =
      "Service level varies from interval to interval; the totals are weighted by "
      "calls, so busy intervals count most.";
  if (b.simulated > 0) {
    text += fmt::format(
        " In simulation, {} of {} intervals are below the {} target ({} with the whole 95% "
        "confidence interval below); they carry {} of the calls.",
        b.below, b.simulated, format_percent(target, 0), b.surely_below,
        format_percent(b.calls_share_below, 1));
  }
  if (expected_total) {
    text += " Expected SL over all calls: " + format_percent(expected_total, 1);
    if (simulated_total) text += ", simulated: " + format_percent(simulated_total, 1);
    text += ".";
  }
  return "<p class=\"note sl-note\">" + escape(text) + "</p>\n";
}

}  // namespace wfm::report
