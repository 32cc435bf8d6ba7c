// The CBC optimizer against brute force on small days, its soft coverage on a day that cannot be
// covered, and its time limit. Every schedule it returns is checked by the independent checker
// (coverage.hpp: check_schedule), and its reported cost recomputed from the schedule alone.
#include "wfm/schedule/optimizer.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "wfm/core/error.hpp"
#include "wfm/schedule/coverage.hpp"

using namespace wfm::schedule;

namespace {

// A day of hourly intervals: full-time 5 h shifts with a 1 h break in their 3rd or 4th hour,
// part-time 3 h shifts without breaks.
const std::string kHourly = R"([schedule]
interval = "1h"
under_coverage_penalty = 100

[[shift]]
name = "full"
start_earliest = "06:00"
start_latest = "09:00"
paid_length = "5h"
cost_per_paid_hour = 10

[[shift.break]]
name = "break"
duration = "1h"
window_start = "2h"
window_end = "3h"

[[shift]]
name = "part"
start_earliest = "10:00"
start_latest = "12:00"
paid_length = "3h"
cost_per_shift = 25
)";

std::vector<double> hourly(std::initializer_list<std::pair<int, double>> at) {
  std::vector<double> r(24, 0);
  for (auto [h, v] : at) r[h] = v;
  return r;
}

// Every agent kind (template, start, break starts); the cheapest multiset of at most
// `max_agents` of them, by exhaustive enumeration.
double brute_force(const ShiftRules& rules, const std::vector<double>& required, int max_agents) {
  std::vector<ScheduledShift> kinds;
  for (int i = 0; i < static_cast<int>(rules.templates.size()); ++i) {
    const auto& tp = rules.templates[i];
    for (int s : tp.starts()) {
      std::vector<ScheduledShift> partial{{i, s, {}}};
      for (const auto& b : tp.breaks) {
        std::vector<ScheduledShift> next;
        for (const auto& p : partial) {
          for (int o = b.earliest; o <= b.latest; ++o) {
            auto q = p;
            q.break_starts.push_back(s + o);
            next.push_back(q);
          }
        }
        partial = next;
      }
      kinds.insert(kinds.end(), partial.begin(), partial.end());
    }
  }
  double best = std::numeric_limits<double>::infinity();
  std::vector<ScheduledShift> chosen;
  std::function<void(std::size_t)> go = [&](std::size_t from) {
    if (check_schedule(rules, chosen).empty())
      best = std::min(best, schedule_cost(rules, required, chosen));
    if (static_cast<int>(chosen.size()) == max_agents) return;
    for (std::size_t k = from; k < kinds.size(); ++k) {
      chosen.push_back(kinds[k]);
      go(k);
      chosen.pop_back();
    }
  };
  go(0);
  return best;
}

void check_result(const ShiftRules& rules, const std::vector<double>& required,
                  const DaySchedule& d) {
  INFO(check_schedule(rules, d.shifts));
  CHECK(check_schedule(rules, d.shifts).empty());
  CHECK(d.report.objective == Approx(schedule_cost(rules, required, d.shifts)));
  CHECK(d.report.lp_bound <= d.report.best_bound + 1e-6);
  CHECK(d.report.best_bound <= d.report.objective + 1e-6);
  CHECK(d.report.gap >= 0);
}

}  // namespace

TEST_CASE("the optimizer finds the brute-force optimum of small days", "[schedule][optimizer]") {
  const ShiftRules rules = parse_shift_rules(kHourly, "hourly.toml");
  const std::vector<std::vector<double>> days = {
      hourly({{6, 1}, {7, 2}, {8, 2}, {9, 3}, {10, 3}, {11, 2}, {12, 2}, {13, 3}, {14, 1}}),
      hourly({{8, 2}, {9, 2}, {10, 2}, {11, 2}, {12, 2}}),
      hourly({{6, 1}, {7, 1}, {8, 1}, {9, 1}, {10, 1}, {11, 3}, {12, 3}, {13, 2}, {14, 1}}),
      hourly({{10, 1}, {11, 1}, {12, 1}, {13, 4}}),
  };
  for (std::size_t i = 0; i < days.size(); ++i) {
    INFO("day " << i);
    const DaySchedule d = schedule_day(rules, days[i], SolveOptions{10, 1e-9});
    check_result(rules, days[i], d);
    const double best = brute_force(rules, days[i], 6);
    CHECK(d.report.objective == Approx(best));
    CHECK_FALSE(d.report.timed_out);
    // Without branch and cut the day is phase 1's start: still valid, never below the optimum,
    // and its bound is the LP relaxation's.
    SolveOptions start_only{10, 1e-9};
    start_only.branch_and_cut = false;
    const DaySchedule s = schedule_day(rules, days[i], start_only);
    check_result(rules, days[i], s);
    CHECK(s.report.objective >= best - 1e-9);
    CHECK(s.report.best_bound == Approx(s.report.lp_bound));
    CHECK_FALSE(s.report.phase1_optimal);
  }
}

TEST_CASE("the brute-force optimum of day 0 is what a hand count gives", "[schedule][optimizer]") {
  // Requirement 2 from 08:00 to 12:59. 08:00 and 09:00 can only be covered by full shifts
  // (50 each), and two full shifts at 08:00 cover 08-12 but for one break hour each (10:00 or
  // 11:00): two agent-hours short would cost 200, a part-time shift at 10:00 (25) covering both
  // break hours costs less when the breaks fall in different hours: 125.
  const ShiftRules rules = parse_shift_rules(kHourly, "hourly.toml");
  const auto day = hourly({{8, 2}, {9, 2}, {10, 2}, {11, 2}, {12, 2}});
  const DaySchedule d = schedule_day(rules, day, SolveOptions{10, 1e-9});
  CHECK(d.report.objective == Approx(125));
  CHECK(d.report.shortage == 0);
  CHECK(d.shifts.size() == 3);
}

TEST_CASE("a day that cannot be covered gets the best schedule and its shortage",
          "[schedule][optimizer]") {
  std::string text = kHourly;
  text.replace(text.find("cost_per_paid_hour = 10"), 23, "cost_per_paid_hour = 10\nmax_count = 1");
  text.replace(text.find("cost_per_shift = 25"), 19, "cost_per_shift = 25\nmax_count = 1");
  const ShiftRules rules = parse_shift_rules(text, "capped.toml");
  // 3 agents wanted 08:00-12:59; one full (with its break) and one part-time shift exist.
  const auto day = hourly({{8, 3}, {9, 3}, {10, 3}, {11, 3}, {12, 3}});
  const DaySchedule d = schedule_day(rules, day, SolveOptions{10, 1e-9});
  check_result(rules, day, d);
  CHECK(d.shifts.size() == 2);
  // Best: full at 08:00 (on the phone 4 of 08-12), part at 10:00 (10-12): 4 + 3 = 7 of 15
  // agent-hours, 8 short.
  CHECK(d.report.shortage == Approx(8));
  CHECK(d.report.objective == Approx(50 + 25 + 800));
  CHECK(d.report.objective == Approx(brute_force(rules, day, 4)));
}

TEST_CASE("a time limit returns the best schedule found, with its bound", "[schedule][optimizer]") {
  // A realistic-shaped 15-minute day with breaks, given almost no time.
  const ShiftRules rules = parse_shift_rules(R"([schedule]
interval = "15m"
[[shift]]
name = "ft"
start_earliest = "06:00"
start_latest = "14:00"
paid_length = "8h"
cost_per_paid_hour = 20
[[shift.break]]
duration = "15m"
window_start = "90m"
window_end = "150m"
[[shift.break]]
name = "lunch"
duration = "30m"
window_start = "4h"
window_end = "5h"
paid = false
[[shift]]
name = "pt"
start_earliest = "09:00"
start_latest = "18:00"
paid_length = "4h"
cost_per_paid_hour = 22
)",
                                             "day.toml");
  std::vector<double> day(96, 0);
  for (int t = 28; t < 88; ++t) day[t] = 10 + 30 * std::sin((t - 28) * 3.14159 / 60.0);
  for (auto& v : day) v = std::round(v);
  const DaySchedule d = schedule_day(rules, day, SolveOptions{0.3, 1e-9});
  check_result(rules, day, d);
  CHECK(d.report.time_limit_s == 0.3);
  CHECK(d.report.objective < 1e9);
  CHECK(d.report.phase1_s + d.report.phase2_s < 3.0);
}

TEST_CASE("requirements of the wrong length are an input error", "[schedule][optimizer]") {
  const ShiftRules rules = parse_shift_rules(kHourly, "hourly.toml");
  CHECK_THROWS_AS(schedule_day(rules, std::vector<double>(23, 0)), wfm::core::InputError);
}
