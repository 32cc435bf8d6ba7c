// Coverage of a hand-made schedule, counted by hand; the checker's verdicts.
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
