// Simulating a schedule: the same figures as simulating its on-phone agents directly, and, with
// the same agents all day, the Erlang C service level within the simulation's error.
#include "wfm/schedule/simulate.hpp"

#include <catch2/catch.hpp>

#include <cmath>

#include "wfm/sim/simulation.hpp"
#include "wfm/staffing/erlang_c.hpp"

using namespace wfm;
using namespace wfm::schedule;

namespace {

// Hourly rules: a 24-hour "shift" (to hold agents all day) and a 4-hour one with a 1-hour break.
const char* kRules = R"([schedule]
interval = "1h"
[[shift]]
name = "all-day"
start_earliest = "00:00"
paid_length = "24h"
cost_per_shift = 1
[[shift]]
name = "four"
start_earliest = "08:00"
start_latest = "12:00"
paid_length = "4h"
cost_per_shift = 1
[[shift.break]]
duration = "1h"
window_start = "1h"
window_end = "2h"
)";

core::IntervalTable demand(double calls_per_hour, double aht_s, int from_h, int to_h) {
  core::IntervalTable t;
  t.source = "demand.csv";
  t.interval_s = 3600;
  t.has_aht = true;
  core::QueueSeries q{"q", {}};
  const auto day = std::chrono::local_days(std::chrono::year{2024} / 3 / 4);
  for (int h = from_h; h < to_h; ++h) {
    core::IntervalRecord r;
    r.start = core::LocalTime(day) + std::chrono::hours(h);
    r.offered = calls_per_hour;
    r.aht_s = aht_s;
    q.intervals.push_back(r);
  }
  t.queues.push_back(q);
  return t;
}

DayResult day_of(const ShiftRules& rules, std::vector<ScheduledShift> shifts) {
  DayResult d;
  d.requirements.date = std::chrono::local_days(std::chrono::year{2024} / 3 / 4);
  d.requirements.required.assign(rules.intervals_per_day(), 0);
  d.schedule.shifts = std::move(shifts);
  d.coverage = day_coverage(rules, d.requirements.required, d.schedule.shifts);
  d.totals = coverage_totals(rules, d.coverage, d.schedule.shifts);
  return d;
}

}  // namespace

TEST_CASE("a schedule simulates as its on-phone agents do", "[schedule][simulate]") {
  const auto rules = parse_shift_rules(kRules, "r.toml");
  // 10 agents all day, 4 more from 08:00 to 12:00 with breaks at 09:00 (2) and 10:00 (2).
  std::vector<ScheduledShift> shifts(10, ScheduledShift{0, 0, {}});
  for (int i = 0; i < 4; ++i) shifts.push_back({1, 8, {i < 2 ? 9 : 10}});
  const std::vector<DayResult> days = {day_of(rules, shifts)};
  const auto table = demand(100, 300, 8, 16);
  ServiceOptions o;
  o.replications = 20;
  o.seed = 5;
  const auto got = simulate_schedule(rules, days, table, "q", o);
  REQUIRE(got.size() == 1);
  REQUIRE(got[0].simulated_sl.has_value());

  // The same day simulated directly with the agents counted by hand.
  sim::QueueDay qd;
  qd.queue = "q";
  qd.start = table.queues[0].intervals[0].start;
  qd.interval_s = 3600;
  const int agents[8] = {14, 12, 12, 14, 10, 10, 10, 10};  // 08:00 .. 15:00
  for (int h = 0; h < 8; ++h) qd.intervals.push_back(sim::SimInterval{100, 300, agents[h]});
  sim::SimSettings s;
  s.replications = 20;
  s.seed = 5;
  const auto direct = sim::simulate({qd}, s);
  CHECK(*got[0].simulated_sl == direct.days[0].total.service_level.mean);
  for (int h = 0; h < 8; ++h) {
    INFO("hour " << 8 + h);
    CHECK(got[0].intervals[8 + h].simulated_sl.value() ==
          direct.days[0].intervals[h].service_level.mean);
    const double erlang = staffing::erlang_c(agents[h], 100 * 300 / 3600.0, 300, 20).service_level;
    CHECK(got[0].intervals[8 + h].erlang_sl.value() == Approx(erlang));
  }
  CHECK_FALSE(got[0].intervals[7].simulated_sl.has_value());
}

TEST_CASE("with the same agents all day, simulation and Erlang C agree", "[schedule][simulate]") {
  const auto rules = parse_shift_rules(kRules, "r.toml");
  // 40 Erlangs (480 calls an hour x 300 s), 44 agents: Erlang C SL(20 s) about 0.75.
  const std::vector<DayResult> days = {
      day_of(rules, std::vector<ScheduledShift>(44, ScheduledShift{0, 0, {}}))};
  const auto table = demand(480, 300, 0, 24);
  ServiceOptions o;
  o.replications = 20;
  const auto got = simulate_schedule(rules, days, table, "", o);
  const double erlang = staffing::erlang_c(44, 40, 300, 20).service_level;
  CHECK(got[0].erlang_sl.value() == Approx(erlang));
  INFO("simulated " << *got[0].simulated_sl << " +- " << got[0].simulated_sl_hw << ", Erlang C "
                    << erlang);
  // The day starts empty (slightly better service in its first hour): a small allowance.
  CHECK(std::abs(*got[0].simulated_sl - erlang) < 3 * got[0].simulated_sl_hw + 0.01);
}

TEST_CASE("demand on another interval is refused", "[schedule][simulate]") {
  const auto rules = parse_shift_rules(kRules, "r.toml");
  auto table = demand(10, 300, 8, 10);
  table.interval_s = 1800;
  CHECK_THROWS_AS(simulate_schedule(rules, {day_of(rules, {})}, table, "q", {}), core::InputError);
}
