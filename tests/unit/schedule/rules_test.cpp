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
