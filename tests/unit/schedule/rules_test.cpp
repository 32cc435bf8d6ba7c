// Shift rules: parsing, derived values, and errors naming file, line and key.
#include "wfm/schedule/rules.hpp"

#include <catch2/catch.hpp>

#include <string>

#include "wfm/core/error.hpp"

using namespace wfm::schedule;

namespace {

const std::string kRules = R"([schedule]
interval = "15m"
under_coverage_penalty = 500

[[shift]]
name = "day8"
start_earliest = "07:00"
start_latest = "09:00"
start_step = "30m"
paid_length = "8h"
cost_per_paid_hour = 20
max_count = 40

[[shift.break]]
name = "break1"
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
name = "part4"
start_earliest = "11:00"
start_latest = "16:00"
paid_length = "4h"
cost_per_shift = 70
part_time = true
)";

std::string error_of(const std::string& text) {
  try {
    parse_shift_rules(text, "r.toml");
  } catch (const wfm::core::InputError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("shift rules are read with their derived values", "[schedule][rules]") {
  const ShiftRules r = parse_shift_rules(kRules, "r.toml");
  CHECK(r.interval_s == 900);
  CHECK(r.intervals_per_day() == 96);
  CHECK(r.under_coverage_penalty == 500);
  REQUIRE(r.templates.size() == 2);
  const auto& d = r.templates[0];
  CHECK(d.name == "day8");
  CHECK(d.start_earliest == 28);
  CHECK(d.start_latest == 36);
  CHECK(d.start_step == 2);
  CHECK(d.starts() == std::vector<int>{28, 30, 32, 34, 36});
  CHECK(d.paid_length == 32);
  CHECK(d.span() == 34);  // 8 h paid + an unpaid 30-minute lunch
  CHECK(d.cost(900) == Approx(160));
  CHECK(d.max_count == 40);
  CHECK(d.line == 5);
  REQUIRE(d.breaks.size() == 2);
  CHECK(d.breaks[0].duration == 1);
  CHECK(d.breaks[0].earliest == 6);
  CHECK(d.breaks[0].latest == 10);
  CHECK(d.breaks[1].paid == false);
  CHECK(d.breaks[1].earliest == 16);
  CHECK(d.breaks[1].latest == 20);
  const auto& p = r.templates[1];
  CHECK(p.part_time);
  CHECK(p.start_step == 1);
  CHECK(p.starts().size() == 21);
  CHECK(p.cost(900) == Approx(70));
  CHECK(p.min_count == 0);
  CHECK_FALSE(p.max_count.has_value());
}

TEST_CASE("bad shift rules name the file, line and key", "[schedule][rules]") {
  auto with = [](const std::string& from, const std::string& to) {
    std::string t = kRules;
    const auto at = t.find(from);
    REQUIRE(at != std::string::npos);
    t.replace(at, from.size(), to);
    return t;
  };
  // A break window outside the shift.
  CHECK_THAT(error_of(with("window_end = \"5h\"", "window_end = \"8h30m\"")),
             Catch::StartsWith("r.toml:24: shift.break.window_end: break 'lunch'"));
  // A mistyped window of billions of intervals (found by fuzzing: the message overflowed int).
  CHECK_THAT(error_of(with("window_start = \"4h\"", "window_start = \"312486570h\"")),
             Catch::Contains("the window ends (5h00m) before it starts (312486570h00m)"));
  // min > max.
  CHECK(error_of(with("max_count = 40", "max_count = 4\nmin_count = 5")) ==
        "r.toml:12: shift.max_count: max_count (4) is below min_count (5)");
  // A start window past midnight.
  CHECK_THAT(error_of(with("start_latest = \"09:00\"", "start_latest = \"17:00\"")),
             Catch::StartsWith("r.toml:8: shift.start_latest: a shift starting at the latest "
                               "start ends after midnight"));
  // Not a whole number of intervals.
  CHECK_THAT(error_of(with("duration = \"15m\"", "duration = \"10m\"")),
             Catch::StartsWith("r.toml:16: shift.break.duration: expected a whole number "
                               "of intervals (900 s each), got 600 s"));
  // Unknown key.
  CHECK_THAT(error_of(with("part_time = true", "parttime = true")),
             Catch::StartsWith("r.toml:33: shift.parttime: unknown key"));
  // Overlapping break windows.
  CHECK_THAT(error_of(with("window_start = \"4h\"", "window_start = \"2h\"")),
             Catch::StartsWith("r.toml:23: shift.break.window_start: break 'lunch' may "
                               "start before break 'break1' ends"));
  // No cost.
  CHECK_THAT(error_of(with("cost_per_shift = 70", "cost_per_shift = 0")),
             Catch::Contains("template 'part4' costs nothing"));
  // Wrong type, and an interval that does not divide the day.
  CHECK(error_of(with("max_count = 40", "max_count = \"40\"")) ==
        "r.toml:12: shift.max_count: expected a whole number >= 0, got a string");
  CHECK_THAT(error_of(with("window_start = \"90m\"", "window_start = \"1h30\"")),
             Catch::StartsWith("r.toml:17: shift.break.window_start: expected a duration"));
  CHECK_THAT(error_of(with("interval = \"15m\"", "interval = \"7m\"")),
             Catch::StartsWith("r.toml:2: schedule.interval: expected an interval"));
  CHECK_THAT(error_of("[schedule]\n"), Catch::Contains("no shift templates"));
  CHECK_THAT(error_of("[[shift]\n"), Catch::StartsWith("r.toml:1:"));
}

TEST_CASE("headcount per template: min/max_agents, with [tours] only", "[schedule][rules]") {
  auto with = [](const std::string& from, const std::string& to, const std::string& tail) {
    std::string t = kRules;
    const auto at = t.find(from);
    REQUIRE(at != std::string::npos);
    t.replace(at, from.size(), to);
    return t + tail;
  };
  const std::string tours = "\n[tours]\ndays_per_week = 5\n";
  const auto r = parse_shift_rules(
      with("max_count = 40", "max_count = 40\nmin_agents = 1\nmax_agents = 3", tours), "r.toml");
  CHECK(r.templates[0].min_agents == 1);
  CHECK(r.templates[0].max_agents == 3);
  CHECK(r.templates[1].min_agents == 0);
  CHECK_FALSE(r.templates[1].max_agents);
  // Without [tours] a day's shifts are not agents: refused at the key.
  CHECK_THAT(error_of(with("max_count = 40", "max_count = 40\nmax_agents = 3", "")),
             Catch::StartsWith("r.toml:13: shift.max_agents: a headcount (tours of the template "
                               "in a week) needs a [tours] table"));
  CHECK_THAT(error_of(with("max_count = 40", "max_count = 40\nmin_agents = 3", "")),
             Catch::StartsWith("r.toml:13: shift.min_agents: a headcount"));
  // min > max, negative, not a whole number.
  CHECK(error_of(with("max_count = 40", "max_count = 40\nmin_agents = 5\nmax_agents = 3", tours)) ==
        "r.toml:14: shift.max_agents: max_agents (3) is below min_agents (5)");
  CHECK(error_of(with("max_count = 40", "max_count = 40\nmax_agents = -1", tours)) ==
        "r.toml:13: shift.max_agents: expected a whole number from 0 to 1000000, got -1");
  CHECK_THAT(error_of(with("max_count = 40", "max_count = 40\nmin_agents = 2.5", tours)),
             Catch::StartsWith("r.toml:13: shift.min_agents: expected a whole number >= 0, got a"));
  CHECK(error_of(with("max_count = 40", "max_count = 40\nmax_agents = \"3\"", tours)) ==
        "r.toml:13: shift.max_agents: expected a whole number >= 0, got a string");
  // Fewer agents than one day's minimum; more tours than the daily maximum can hold.
  CHECK(error_of(with("max_count = 40", "min_count = 4\nmax_agents = 3", tours)) ==
        "r.toml:13: shift.max_agents: max_agents (3) is below min_count (4): a tour works a day "
        "at most once, so every day's min_count shifts need as many agents");
  CHECK(error_of(with("max_count = 40", "max_count = 2\nmin_agents = 3", tours)) ==
        "r.toml:13: shift.min_agents: template 'day8': min_agents (3) tours of 5 days work 15 "
        "shifts a week, more than max_count (2) a day allows (14)");
  CHECK_NOTHROW(parse_shift_rules(with("max_count = 40", "max_count = 3\nmin_agents = 4", tours),
                                  "r.toml"));  // 20 shifts in 21
  // A template whose tours are outside the weekly band cannot have a minimum headcount.
  CHECK_THAT(error_of(with("max_count = 40", "min_agents = 1",
                           "\n[tours]\ndays_per_week = 5\nmax_weekly_hours = 30\n")),
             Catch::Contains("r.toml:37: tours.max_weekly_hours: template 'day8' has min_agents 1 "
                             "but its tours (5 days x 8h00m = 40 h) are outside the weekly band "
                             "(at most 30 h)"));
}
