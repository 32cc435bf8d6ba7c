// Coverage of a hand-made schedule, counted by hand (an overnight shift across midnight too, and
// what it covers past the plan's last day); the checker's verdicts.
#include "wfm/schedule/coverage.hpp"

#include <catch2/catch.hpp>

using namespace wfm::schedule;

namespace {

const char* kRules = R"([schedule]
interval = "1h"
under_coverage_penalty = 100
[[shift]]
name = "full"
start_earliest = "08:00"
start_latest = "10:00"
paid_length = "4h"
cost_per_paid_hour = 10
max_count = 2
[[shift.break]]
name = "meal"
duration = "1h"
window_start = "2h"
window_end = "2h"
paid = false
)";

}  // namespace

TEST_CASE("coverage counts on-shift, break and on-phone agents", "[schedule][coverage]") {
  const ShiftRules rules = parse_shift_rules(kRules, "c.toml");
  REQUIRE(rules.templates[0].span() == 5);  // 4 h paid + an unpaid hour
  std::vector<double> req(24, 0);
  req[8] = 1;
  req[9] = 2;
  req[10] = 2;
  req[11] = 1;
  // Shifts 08:00-13:00 (meal 10:00) and 09:00-14:00 (meal 11:00).
  const std::vector<ScheduledShift> s = {{0, 8, {10}}, {0, 9, {11}}};
  CHECK(check_schedule(rules, s).empty());
  const auto cov = day_coverage(rules, req, s);
  REQUIRE(cov.size() == 24);
  CHECK(cov[8].on_phone == 1);
  CHECK(cov[9].on_phone == 2);
  CHECK(cov[10].on_shift == 2);
  CHECK(cov[10].on_break == 1);
  CHECK(cov[10].on_phone == 1);
  CHECK(cov[10].under == 1);
  CHECK(cov[11].on_phone == 1);
  CHECK(cov[12].on_phone == 2);
  CHECK(cov[12].over == 2);
  CHECK(cov[13].on_phone == 1);
  CHECK(cov[14].on_shift == 0);
  const auto tot = coverage_totals(rules, cov, s);
  CHECK(tot.required_hours == 6);
  CHECK(tot.paid_hours == 8);
  CHECK(tot.efficiency == Approx(0.75));
  CHECK(tot.on_phone_hours == 8);
  CHECK(tot.under_hours == 1);
  CHECK(tot.over_hours == 3);
  CHECK(tot.shift_cost == 80);
  CHECK(tot.cost == 180);
  CHECK(tot.intervals_short == 1);
  CHECK(schedule_cost(rules, req, s) == 180);
}

TEST_CASE("the checker names broken rules", "[schedule][coverage]") {
  const ShiftRules rules = parse_shift_rules(kRules, "c.toml");
  CHECK_THAT(check_schedule(rules, {{0, 11, {13}}}), Catch::Contains("outside its window"));
  CHECK_THAT(check_schedule(rules, {{0, 8, {11}}}), Catch::Contains("break 'meal' at offset 3"));
  CHECK_THAT(check_schedule(rules, {{0, 8, {}}}), Catch::Contains("0 breaks, expected 1"));
  CHECK_THAT(check_schedule(rules, {{0, 8, {10}}, {0, 8, {10}}, {0, 9, {11}}}),
             Catch::Contains("3 shifts, allowed 0 to 2"));
}

TEST_CASE("coverage of an overnight shift: its day, its horizon and the next day",
          "[schedule][coverage][overnight]") {
  // A night shift 22:00-06:00 (hourly) with a 1 h break starting 3 h in: 01:00 the next day.
  const ShiftRules rules = parse_shift_rules(R"([schedule]
interval = "1h"
[[shift]]
name = "night"
start_earliest = "22:00"
paid_length = "8h"
cost_per_paid_hour = 10
overnight = true
[[shift.break]]
name = "rest"
duration = "1h"
window_start = "3h"
window_end = "3h"
)",
                                             "c.toml");
  REQUIRE(rules.horizon() == 30);
  const std::vector<ScheduledShift> night = {{0, 22, {25}}};
  CHECK(check_schedule(rules, night).empty());
  // Its own day: 22:00 and 23:00 only.
  const auto day = day_coverage(rules, std::vector<double>(24, 1.0), night);
  REQUIRE(day.size() == 24);
  for (int t = 0; t < 24; ++t) CHECK(day[t].on_shift == (t >= 22 ? 1 : 0));
  // Over the horizon: on shift to 06:00 the next day (t = 29), on the break at 01:00 (t = 25).
  const auto horizon = day_coverage(rules, std::vector<double>(30, 1.0), night);
  REQUIRE(horizon.size() == 30);
  for (int t = 24; t < 30; ++t) {
    CHECK(horizon[t].on_shift == 1);
    CHECK(horizon[t].on_phone == (t == 25 ? 0 : 1));
  }
  // The next day, with the night as the day before's: 00:00-06:00, the break at 01:00.
  const auto next = day_coverage(rules, std::vector<double>(24, 1.0), {}, night);
  for (int t = 0; t < 24; ++t) {
    CHECK(next[t].on_shift == (t < 6 ? 1 : 0));
    CHECK(next[t].on_break == (t == 1 ? 1 : 0));
  }
  CHECK(next[1].under == 1);
  CHECK(next[6].under == 1);
  // Past the plan's last day: the next date's 00:00-06:00 (6 intervals), the break at 01:00,
  // nothing required, so nothing over or under; a day shift alone reaches nothing.
  const auto past = next_day_coverage(rules, night);
  REQUIRE(past.size() == 6);
  for (int t = 0; t < 6; ++t) {
    CHECK(past[t].on_shift == 1);
    CHECK(past[t].on_break == (t == 1 ? 1 : 0));
    CHECK(past[t].on_phone == (t == 1 ? 0 : 1));
    CHECK(past[t].required == 0);
    CHECK(past[t].over == 0);
    CHECK(past[t].under == 0);
  }
  CHECK(next_day_coverage(rules, {}).empty());
}
