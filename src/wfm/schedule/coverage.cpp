#include "wfm/schedule/coverage.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "wfm/core/error.hpp"

namespace wfm::schedule {

std::vector<IntervalCoverage> day_coverage(const ShiftRules& rules,
                                           const std::vector<double>& required,
                                           const std::vector<ScheduledShift>& shifts,
                                           const std::vector<ScheduledShift>& previous) {
  const int day = rules.intervals_per_day();
  const int n = static_cast<int>(required.size());
  WFM_ENSURE(n == day || n == rules.horizon(), "requirements of {} intervals, expected {} or {}",
             required.size(), day, rules.horizon());
  std::vector<IntervalCoverage> cov(n);
  for (int t = 0; t < n; ++t) cov[t].required = required[t];
  // Shifts starting `shift` intervals before this day's midnight (0, or a day for `previous`).
  const auto count = [&](const std::vector<ScheduledShift>& list, int shift) {
    const auto in = [&](int t) { return t - shift >= 0 && t - shift < n; };
    for (const auto& s : list) {
      const ShiftTemplate& tp = rules.templates.at(s.template_index);
      for (int t = s.start; t < s.start + tp.span(); ++t) {
        if (in(t)) ++cov[t - shift].on_shift;
      }
      for (std::size_t b = 0; b < s.break_starts.size() && b < tp.breaks.size(); ++b) {
        for (int t = s.break_starts[b]; t < s.break_starts[b] + tp.breaks[b].duration; ++t) {
          if (in(t)) ++cov[t - shift].on_break;
        }
      }
    }
  };
  count(shifts, 0);
  count(previous, day);
  for (auto& c : cov) {
    c.on_phone = c.on_shift - c.on_break;
    c.over = std::max(0.0, c.on_phone - c.required);
    c.under = std::max(0.0, c.required - c.on_phone);
  }
  return cov;
}

std::vector<IntervalCoverage> next_day_coverage(const ShiftRules& rules,
                                                const std::vector<ScheduledShift>& shifts) {
  // The shifts as the day before's of a day needing no one.
  auto cov = day_coverage(rules, std::vector<double>(rules.intervals_per_day(), 0.0), {}, shifts);
  std::size_t reached = 0;
  for (std::size_t t = 0; t < cov.size(); ++t) {
    if (cov[t].on_shift > 0) reached = t + 1;
  }
  cov.resize(reached);
  for (auto& c : cov) c.over = 0;  // nothing is required there, so nothing is over either
  return cov;
}

CoverageTotals coverage_totals(const ShiftRules& rules, const std::vector<IntervalCoverage>& cov,
                               const std::vector<ScheduledShift>& shifts) {
  const double h = rules.interval_s / 3600.0;
  CoverageTotals tot;
  double under_intervals = 0;
  for (const auto& c : cov) {
    tot.required_hours += c.required * h;
    tot.on_phone_hours += c.on_phone * h;
    tot.over_hours += c.over * h;
    tot.under_hours += c.under * h;
    under_intervals += c.under;
    if (c.under > 0) ++tot.intervals_short;
  }
  for (const auto& s : shifts) {
    const ShiftTemplate& tp = rules.templates.at(s.template_index);
    tot.paid_hours += tp.paid_length * h;
    tot.shift_cost += tp.cost(rules.interval_s);
  }
  tot.shifts = static_cast<int>(shifts.size());
  tot.efficiency = tot.paid_hours > 0 ? tot.required_hours / tot.paid_hours : 0;
  tot.cost = tot.shift_cost + rules.under_coverage_penalty * under_intervals;
  return tot;
}

double schedule_cost(const ShiftRules& rules, const std::vector<double>& required,
                     const std::vector<ScheduledShift>& shifts) {
  return coverage_totals(rules, day_coverage(rules, required, shifts), shifts).cost;
}

std::string check_schedule(const ShiftRules& rules, const std::vector<ScheduledShift>& shifts) {
  std::map<int, int> counts;
  const int n = rules.intervals_per_day();
  for (std::size_t i = 0; i < shifts.size(); ++i) {
    const auto& s = shifts[i];
    if (s.template_index < 0 || s.template_index >= static_cast<int>(rules.templates.size()))
      return fmt::format("shift {}: no template {}", i, s.template_index);
    const ShiftTemplate& tp = rules.templates[s.template_index];
    ++counts[s.template_index];
    if (s.start < tp.start_earliest || s.start > tp.start_latest ||
        (s.start - tp.start_earliest) % tp.start_step != 0)
      return fmt::format("shift {} ({}): start {} outside its window or step", i, tp.name, s.start);
    if (s.start + tp.span() > n && !tp.overnight)
      return fmt::format("shift {}: ends after midnight", i);
    if (s.break_starts.size() != tp.breaks.size())
      return fmt::format("shift {} ({}): {} breaks, expected {}", i, tp.name, s.break_starts.size(),
                         tp.breaks.size());
    for (std::size_t b = 0; b < tp.breaks.size(); ++b) {
      const int off = s.break_starts[b] - s.start;
      if (off < tp.breaks[b].earliest || off > tp.breaks[b].latest)
        return fmt::format("shift {} ({}): break '{}' at offset {} outside [{}, {}]", i, tp.name,
                           tp.breaks[b].name, off, tp.breaks[b].earliest, tp.breaks[b].latest);
      if (b > 0 && s.break_starts[b] < s.break_starts[b - 1] + tp.breaks[b - 1].duration)
        return fmt::format("shift {} ({}): breaks overlap", i, tp.name);
    }
  }
  for (std::size_t k = 0; k < rules.templates.size(); ++k) {
    const auto& tp = rules.templates[k];
    const int c = counts[static_cast<int>(k)];
    if (c < tp.min_count || (tp.max_count && c > *tp.max_count))
      return fmt::format("template {}: {} shifts, allowed {} to {}", tp.name, c, tp.min_count,
                         tp.max_count ? fmt::format("{}", *tp.max_count) : "any");
  }
  return {};
}

}  // namespace wfm::schedule
