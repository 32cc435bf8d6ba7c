// The CBC optimizer against brute force on small days, its soft coverage on a day that cannot be
// covered, and its time limit. Every schedule it returns is checked by the independent checker
// (coverage.hpp: check_schedule), and its reported cost recomputed from the schedule alone.
// Overnight shifts: the rules, and schedule_days over consecutive days (outputs.hpp) against
// brute force over the whole period, with coverage recounted on one timeline of the period (the
// hours past its last day too, and past a gap in its dates: DayResult::past_plan).
#include "wfm/schedule/optimizer.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "wfm/core/error.hpp"
#include "wfm/schedule/coverage.hpp"
#include "wfm/schedule/outputs.hpp"
#include "wfm/schedule/service_loop.hpp"

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

namespace {

// Hourly intervals; a day template (8 h at 11/h, starting 00:00, 08:00 or 16:00) and an overnight
// one (8 h at 10/h from 22:00, so 22:00-06:00), `night_extra` appended to it.
std::string overnight_rules(const std::string& night_extra = "") {
  return "[schedule]\ninterval = \"1h\"\nunder_coverage_penalty = 100\n\n"
         "[[shift]]\nname = \"day\"\nstart_earliest = \"00:00\"\nstart_latest = \"16:00\"\n"
         "start_step = \"8h\"\npaid_length = \"8h\"\ncost_per_paid_hour = 11\n\n"
         "[[shift]]\nname = \"night\"\nstart_earliest = \"22:00\"\npaid_length = \"8h\"\n"
         "cost_per_paid_hour = 10\novernight = true\n" +
         night_extra;
}

std::vector<DayRequirements> nights(int n_days, double agents) {
  std::vector<DayRequirements> days;
  const auto first = std::chrono::local_days(std::chrono::year(2024) / 3 / 4);
  for (int d = 0; d < n_days; ++d) {
    std::vector<double> r(24, 0);
    for (int h = 0; h < 24; ++h) r[h] = h < 6 || h >= 22 ? agents : 0;
    days.push_back({first + std::chrono::days(d), r});
  }
  return days;
}

// The independent checker of a period of consecutive days: every shift laid on one timeline
// (day d's interval t at d * 24 + t), each day's coverage (on shift, on break, required) compared
// with the timeline's, every shift checked by check_schedule; returns "" or the first
// difference, and the period's cost (shifts + penalty x shortage within the period) in `cost`.
std::string check_period(const ShiftRules& rules, const std::vector<DayRequirements>& days,
                         const std::vector<DayResult>& out, double& cost) {
  const int n = rules.intervals_per_day();
  const int len = static_cast<int>(days.size()) * n;
  std::vector<int> on_shift(len + n, 0), on_break(len + n, 0);
  cost = 0;
  if (out.size() != days.size()) return "a day missing";
  for (std::size_t d = 0; d < out.size(); ++d) {
    if (auto msg = check_schedule(rules, out[d].schedule.shifts); !msg.empty()) return msg;
    for (const auto& s : out[d].schedule.shifts) {
      const auto& tp = rules.templates[s.template_index];
      const int at = static_cast<int>(d) * n;
      for (int t = s.start; t < s.start + tp.span(); ++t) ++on_shift[at + t];
      for (std::size_t b = 0; b < tp.breaks.size(); ++b) {
        for (int t = s.break_starts[b]; t < s.break_starts[b] + tp.breaks[b].duration; ++t) {
          ++on_break[at + t];
        }
      }
      cost += tp.cost(rules.interval_s);
    }
  }
  for (std::size_t d = 0; d < out.size(); ++d) {
    for (int t = 0; t < n; ++t) {
      const int i = static_cast<int>(d) * n + t;
      const auto& c = out[d].coverage.at(t);
      if (c.on_shift != on_shift[i] || c.on_break != on_break[i] ||
          c.required != days[d].required[t]) {
        return "coverage differs on day " + std::to_string(d) + " at " + std::to_string(t);
      }
      cost += rules.under_coverage_penalty *
              std::max(0.0, days[d].required[t] - (on_shift[i] - on_break[i]));
    }
  }
  // Past the last day: the timeline's next day, up to its last interval on shift, is the last
  // day's past_plan, with nothing required; no other day has one (the days are consecutive).
  for (std::size_t d = 0; d + 1 < out.size(); ++d) {
    if (!out[d].past_plan.empty()) return "past_plan on a day followed by a day of the period";
  }
  int reached = 0;
  for (int t = 0; t < n; ++t) reached = on_shift[len + t] > 0 ? t + 1 : reached;
  const auto& past = out.back().past_plan;
  if (static_cast<int>(past.size()) != reached) return "past_plan of the wrong length";
  for (int t = 0; t < reached; ++t) {
    const auto& c = past[t];
    if (c.on_shift != on_shift[len + t] || c.on_break != on_break[len + t] ||
        c.on_phone != c.on_shift - c.on_break || c.required != 0 || c.over != 0 || c.under != 0) {
      return "past_plan differs at " + std::to_string(t);
    }
  }
  return "";
}

// The cheapest period by brute force: 0 to 2 agents on each (day, template, start), cost
// counted on the period's timeline (shifts past its end cover nothing needed).
double brute_force_period(const ShiftRules& rules, const std::vector<DayRequirements>& days) {
  const int n = rules.intervals_per_day();
  struct Kind {
    int day, tpl, start;
  };
  std::vector<Kind> kinds;
  for (int d = 0; d < static_cast<int>(days.size()); ++d) {
    for (int i = 0; i < static_cast<int>(rules.templates.size()); ++i) {
      for (int s : rules.templates[i].starts()) kinds.push_back({d, i, s});
    }
  }
  const int len = static_cast<int>(days.size()) * n;
  double best = std::numeric_limits<double>::infinity();
  std::size_t combos = 1;
  for (std::size_t k = 0; k < kinds.size(); ++k) combos *= 3;
  for (std::size_t code = 0; code < combos; ++code) {
    std::vector<int> phone(len + n, 0);
    double cost = 0;
    std::size_t rest = code;
    for (std::size_t k = 0; k < kinds.size(); ++k, rest /= 3) {
      const int agents = static_cast<int>(rest % 3);
      const auto& tp = rules.templates[kinds[k].tpl];
      for (int t = kinds[k].start; t < kinds[k].start + tp.span(); ++t) {
        phone[kinds[k].day * n + t] += agents;
      }
      cost += agents * tp.cost(rules.interval_s);
    }
    for (int i = 0; i < len; ++i) {
      cost += rules.under_coverage_penalty * std::max(0.0, days[i / n].required[i % n] - phone[i]);
    }
    best = std::min(best, cost);
  }
  return best;
}

}  // namespace

TEST_CASE("overnight templates: the key, the horizon and the errors", "[schedule][overnight]") {
  const auto rules = parse_shift_rules(overnight_rules(), "t.toml");
  CHECK_FALSE(rules.templates[0].overnight);
  CHECK(rules.templates[1].overnight);
  CHECK(rules.any_overnight());
  CHECK(rules.horizon() == 30);  // 22:00 + 8 h: up to 06:00 the next day
  const auto error = [](const std::string& text) {
    try {
      parse_shift_rules(text, "t.toml");
    } catch (const wfm::core::InputError& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  const std::string night =
      "[[shift]]\nname = \"night\"\nstart_earliest = \"22:00\"\npaid_length = \"8h\"\n"
      "cost_per_paid_hour = 10\n";
  CHECK_THAT(error(night), Catch::Contains("t.toml:1: shift.start_latest: a shift starting at the "
                                           "latest start ends after midnight (set overnight = "
                                           "true"));
  CHECK_THAT(error("[tours]\ndays_per_week = 5\n" + night + "overnight = true\n"),
             Catch::Contains("t.toml:8: shift.overnight: overnight shifts are not supported with "
                             "[tours] yet"));
  CHECK_THAT(error(night + "overnight = 1\n"),
             Catch::Contains("t.toml:6: shift.overnight: expected true or false"));
  CHECK_THAT(
      error("[[shift]]\nname = \"long\"\nstart_earliest = \"22:00\"\npaid_length = \"25h\"\n"
            "cost_per_paid_hour = 10\novernight = true\n"),
      Catch::Contains("t.toml:4: shift.paid_length: an overnight shift spans at most 24h on site, "
                      "this one 25h00m"));
  // A shift past midnight of a template that is not overnight breaks the rules.
  const auto day_only = parse_shift_rules(
      "[[shift]]\nname = \"late\"\nstart_earliest = \"16:00\"\npaid_length = \"8h\"\n"
      "cost_per_paid_hour = 10\n",
      "t.toml");
  CHECK(day_only.horizon() == 96);
  CHECK(check_schedule(day_only, {ScheduledShift{0, 64, {}}}) == "");
  CHECK(check_schedule(day_only, {ScheduledShift{0, 65, {}}}) != "");
  CHECK(check_schedule(rules, {ScheduledShift{1, 22, {}}}) == "");
}

TEST_CASE("overnight: a night queue is covered by night shifts, the brute-force optimum",
          "[schedule][overnight]") {
  // One agent 22:00-06:00 every night, three days. By hand: the first morning's 00:00-06:00 needs
  // a day shift from 00:00 (88), each night one night shift (80): 328. Without the overnight
  // template, each day needs a 00:00 and a 16:00 day shift: 3 x 176 = 528.
  const auto rules = parse_shift_rules(overnight_rules(), "t.toml");
  const auto days = nights(3, 1);
  const auto out = schedule_days(rules, days, SolveOptions{});
  double cost = 0;
  CHECK(check_period(rules, days, out, cost) == "");
  CHECK(cost == Approx(328));
  CHECK(brute_force_period(rules, days) == Approx(328));
  double totals = 0;
  for (const auto& d : out) totals += d.totals.cost;
  CHECK(totals == Approx(328));
  for (std::size_t d = 0; d < out.size(); ++d) {
    int night = 0;
    for (const auto& s : out[d].schedule.shifts) night += s.template_index == 1 ? 1 : 0;
    CHECK(night == 1);
    CHECK(out[d].totals.under_hours == 0);
  }
  // The day template alone: 176 a day.
  const auto day_only = parse_shift_rules(
      "[schedule]\ninterval = \"1h\"\nunder_coverage_penalty = 100\n\n"
      "[[shift]]\nname = \"day\"\nstart_earliest = \"00:00\"\nstart_latest = \"16:00\"\n"
      "start_step = \"8h\"\npaid_length = \"8h\"\ncost_per_paid_hour = 11\n",
      "t.toml");
  const auto plain = schedule_days(day_only, days, SolveOptions{});
  double plain_cost = 0;
  CHECK(check_period(day_only, days, plain, plain_cost) == "");
  CHECK(plain_cost == Approx(528));
  CHECK(brute_force_period(day_only, days) == Approx(528));
}

TEST_CASE("overnight: brute force on varied nights, breaks after midnight", "[schedule][overnight]") {
  // Two agents some nights, none on others, a gap day: the sequence equals brute force here.
  const auto rules = parse_shift_rules(overnight_rules(), "t.toml");
  auto days = nights(3, 1);
  days[1].required[23] = 2;
  days[1].required[2] = 0;
  days[2].required.assign(24, 0);
  days[2].required[3] = 1;
  days[2].required[12] = 1;
  const auto out = schedule_days(rules, days, SolveOptions{});
  double cost = 0;
  CHECK(check_period(rules, days, out, cost) == "");
  CHECK(cost == Approx(brute_force_period(rules, days)));

  // A paid 1 h break 2 to 4 h into the night shift falls at 00:00, 01:00 or 02:00 the next day.
  // Two agents 22:00-06:00: three night agents with staggered breaks (240) beat two with a day
  // shift from 00:00 filling in (248); the next day's coverage counts the breaks.
  const auto breaks = parse_shift_rules(
      overnight_rules("\n[[shift.break]]\nname = \"rest\"\nduration = \"1h\"\nwindow_start = "
                      "\"2h\"\nwindow_end = \"4h\"\n"),
      "t.toml");
  CHECK(breaks.horizon() == 30);
  const auto two = nights(2, 2);
  const auto ob = schedule_days(breaks, two, SolveOptions{});
  CHECK(check_period(breaks, two, ob, cost) == "");
  int nights0 = 0;
  for (const auto& s : ob[0].schedule.shifts) {
    if (s.template_index != 1) continue;
    ++nights0;
    CHECK(s.break_starts.at(0) >= 24);  // after midnight
  }
  CHECK(nights0 == 3);
  CHECK(ob[1].coverage[0].on_break + ob[1].coverage[1].on_break + ob[1].coverage[2].on_break == 3);
  for (int t = 0; t < 6; ++t) CHECK(ob[1].coverage[t].under == 0);
}

TEST_CASE("overnight: coverage past the plan's last day and into a gap in its dates",
          "[schedule][overnight]") {
  // One agent 22:00-06:00 on Monday and Wednesday, Tuesday not in the plan: Monday's night runs
  // into Tuesday and Wednesday's into Thursday, neither in the plan; Wednesday's first hours see
  // no night before (the day before is not in the plan).
  const auto rules = parse_shift_rules(overnight_rules(), "t.toml");
  auto days = nights(3, 1);
  days.erase(days.begin() + 1);
  const auto out = schedule_days(rules, days, SolveOptions{});
  REQUIRE(out.size() == 2);
  for (const auto& d : out) {
    // By hand: the night shift 22:00-06:00, so the next date's 00:00-05:00 (6 intervals).
    int night = 0;
    for (const auto& s : d.schedule.shifts) night += s.template_index == 1 ? 1 : 0;
    REQUIRE(night >= 1);
    REQUIRE(d.past_plan.size() == 6);
    for (const auto& c : d.past_plan) {
      CHECK(c.on_shift == night);
      CHECK(c.on_phone == night);
      CHECK(c.required == 0);
      CHECK(c.under == 0);
    }
  }
  // coverage.csv: 2 x 24 rows of the days and 2 x 6 after them, required, over and under empty.
  std::ostringstream csv;
  write_coverage_csv(csv, rules, out);
  std::vector<std::string> lines;
  std::istringstream in(csv.str());
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  REQUIRE(lines.size() == 1 + 2 * 24 + 2 * 6);
  CHECK(lines[1 + 24] == "2024-03-05T00:00,,1,0,1,,");
  CHECK(lines[1 + 24 + 5] == "2024-03-05T05:00,,1,0,1,,");
  CHECK(lines[1 + 24 + 6].rfind("2024-03-06T00:00,1,", 0) == 0);
  CHECK(lines.back() == "2024-03-07T05:00,,1,0,1,,");
  // The totals: 2 x 6 agent-hours on shift past the plan; none without overnight shifts.
  ScheduleRun run;
  run.days = out;
  const auto t = schedule_totals(out);
  CHECK(t.past_plan_on_shift_hours == Approx(12));
  CHECK(t.past_plan_on_phone_hours == Approx(12));
  CHECK(schedule_json(run, 60)["total"]["past_plan_on_shift_hours"].get<double>() == Approx(12));
  const auto day_only = parse_shift_rules(
      "[schedule]\ninterval = \"1h\"\n[[shift]]\nname = \"day\"\nstart_earliest = \"08:00\"\n"
      "paid_length = \"8h\"\ncost_per_paid_hour = 11\n",
      "t.toml");
  std::vector<DayRequirements> one{{days[0].date, std::vector<double>(24, 0.0)}};
  one[0].required[9] = 1;
  const auto plain = schedule_days(day_only, one, SolveOptions{});
  CHECK(plain[0].past_plan.empty());
  CHECK(schedule_totals(plain).past_plan_on_shift_hours == 0);
}
