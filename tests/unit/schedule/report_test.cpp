// schedule::report_section: the Gantt bars are the schedule's shifts at their times (recounted from
// the schedule itself), coverage points are the open intervals, and the facts carry the totals.
#include "wfm/schedule/report.hpp"

#include <catch2/catch.hpp>

using namespace wfm;
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
[[shift.break]]
name = "meal"
duration = "1h"
window_start = "2h"
window_end = "2h"
paid = false
)";

}  // namespace

TEST_CASE("the report section shows the schedule's shifts and coverage", "[schedule][report]") {
  const auto rules = parse_shift_rules(kRules, "r.toml");
  DayRequirements day;
  day.date = std::chrono::local_days(std::chrono::year{2024} / 3 / 4);
  day.required.assign(24, 0);
  for (int h = 8; h < 12; ++h) day.required[h] = 2;
  ScheduleRun run;
  run.days = schedule_days(rules, {day}, {});
  REQUIRE_FALSE(run.days.front().schedule.shifts.empty());

  ReportOptions o;
  o.rules_label = "r.toml";
  o.queue = "*";
  const auto sec = report_section(rules, run, o);
  CHECK(sec.queue == "all queues");
  CHECK(sec.interval_s == 3600);
  REQUIRE(sec.gantt.size() == 1);
  CHECK(sec.gantt[0].date == "2024-03-04");
  const auto& shifts = run.days[0].schedule.shifts;
  REQUIRE(sec.gantt[0].shifts.size() == shifts.size());
  for (std::size_t i = 0; i < shifts.size(); ++i) {
    const auto& g = sec.gantt[0].shifts[i];
    CHECK(g.label == "full");
    CHECK(g.start_s == shifts[i].start * 3600);
    CHECK(g.end_s == g.start_s + 5 * 3600);  // 4 paid hours and an unpaid 1-hour meal
    REQUIRE(g.breaks.size() == 1);
    CHECK(g.breaks[0].first == g.start_s + 2 * 3600);
    CHECK(g.breaks[0].second == g.start_s + 3 * 3600);
    CHECK(g.break_names == std::vector<std::string>{"meal"});
  }
  // Coverage points: every interval someone is required or on shift, in order.
  int expected = 0;
  for (const auto& c : run.days[0].coverage) expected += (c.required > 0 || c.on_shift > 0);
  CHECK(static_cast<int>(sec.coverage.size()) == expected);
  for (std::size_t i = 1; i < sec.coverage.size(); ++i) {
    CHECK(sec.coverage[i - 1].start < sec.coverage[i].start);
  }
  REQUIRE_FALSE(sec.facts.empty());
  CHECK(sec.facts[0] == std::pair<std::string, std::string>{"shift rules", "r.toml"});
  CHECK(sec.facts[1].second == std::to_string(shifts.size()));
}
