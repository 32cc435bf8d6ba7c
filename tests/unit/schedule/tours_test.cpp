// Weekly tours (schedule_week) against an independent checker on every week it returns (each tour
// works exactly days_per_week days with one template and start, days off in one block when
// required, coverage and cost recounted from the shifts alone), against brute force over the tour
// counts on small weeks (the MIP, and its start alone), against day-by-day scheduling (tours never
// cost less), the start against the LP relaxation rounded up, and the [tours] rules' errors.
#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <functional>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "wfm/core/error.hpp"
#include "wfm/schedule/coverage.hpp"
#include "wfm/schedule/optimizer.hpp"
#include "wfm/schedule/outputs.hpp"
#include "wfm/schedule/rules.hpp"
#include "wfm/schedule/service_loop.hpp"

using namespace wfm::schedule;

namespace {

using Week = std::array<std::vector<double>, 7>;

// Hourly intervals, one 8 h template without breaks; `starts_latest` "06:00" gives one start.
std::string tours_rules(int days, bool consecutive, const std::string& start_latest,
                        const std::string& extra = "") {
  return "[schedule]\ninterval = \"1h\"\nunder_coverage_penalty = 100\n\n[tours]\n"
         "days_per_week = " +
         std::to_string(days) + "\nconsecutive_days_off = " + (consecutive ? "true" : "false") +
         "\n\n[[shift]]\nname = \"full\"\nstart_earliest = \"06:00\"\nstart_latest = \"" +
         start_latest + "\"\npaid_length = \"8h\"\ncost_per_paid_hour = 10\n" + extra;
}

Week hourly_week(const std::function<double(int, int)>& f) {
  Week w;
  for (int d = 0; d < 7; ++d) {
    w[d].assign(24, 0);
    for (int h = 0; h < 24; ++h) w[d][h] = f(d, h);
  }
  return w;
}

// The checker: "" or the first violation. Recounts coverage and cost from the shifts alone.
std::string check_week(const ShiftRules& rules, const Week& required, const WeekSchedule& w) {
  const int k = rules.tours->days_per_week;
  struct Tour {
    std::array<bool, 7> works{};
    int tpl = -1, start = -1;
  };
  std::map<int, Tour> tours;
  double cost = 0;
  for (int d = 0; d < 7; ++d) {
    const auto& shifts = w.days[d].shifts;
    if (auto msg = check_schedule(rules, shifts); !msg.empty()) return msg;
    std::vector<double> on_phone(required[d].size(), 0);
    for (const auto& s : shifts) {
      const auto& tp = rules.templates[s.template_index];
      if (s.tour < 1 || s.tour > w.tours) return "tour id out of range";
      Tour& t = tours[s.tour];
      if (t.works[d]) return "a tour works twice on a day";
      if (t.tpl >= 0 && (t.tpl != s.template_index || t.start != s.start)) {
        return "a tour changes template or start";
      }
      t.works[d] = true;
      t.tpl = s.template_index;
      t.start = s.start;
      for (int i = s.start; i < s.start + tp.span(); ++i) on_phone[i] += 1;
      for (std::size_t b = 0; b < tp.breaks.size(); ++b) {
        for (int i = s.break_starts[b]; i < s.break_starts[b] + tp.breaks[b].duration; ++i) {
          on_phone[i] -= 1;
        }
      }
      cost += tp.cost(rules.interval_s);
    }
    double shortage = 0;
    for (std::size_t i = 0; i < on_phone.size(); ++i) {
      shortage += std::max(0.0, required[d][i] - on_phone[i]);
    }
    if (std::abs(shortage - w.days[d].report.shortage) > 1e-6) return "shortage miscounted";
    cost += rules.under_coverage_penalty * shortage;
  }
  if (static_cast<int>(tours.size()) != w.tours) return "some tour ids unused";
  for (const auto& [id, t] : tours) {
    if (std::count(t.works.begin(), t.works.end(), true) != k) return "a tour's day count";
    if (rules.tours->consecutive_days_off && k < 7) {
      int blocks = 0;
      for (int d = 0; d < 7; ++d) blocks += !t.works[d] && t.works[(d + 6) % 7] ? 1 : 0;
      if (blocks != 1) return "days off not consecutive";
    }
  }
  if (std::abs(cost - w.objective) > 1e-6 * (1 + cost)) return "objective miscounted";
  return "";
}

// Working-day sets written out independently of tour_patterns.
std::vector<std::array<bool, 7>> patterns_by_hand(int k, bool consecutive) {
  std::vector<std::array<bool, 7>> out;
  if (consecutive) {
    if (k == 7) return {std::array<bool, 7>{true, true, true, true, true, true, true}};
    for (int first_off = 0; first_off < 7; ++first_off) {
      std::array<bool, 7> w;
      w.fill(true);
      for (int i = 0; i < 7 - k; ++i) w[(first_off + i) % 7] = false;
      out.push_back(w);
    }
    return out;
  }
  for (int mask = 0; mask < 128; ++mask) {
    std::array<bool, 7> w{};
    int c = 0;
    for (int d = 0; d < 7; ++d) c += (w[d] = (mask >> d) & 1) ? 1 : 0;
    if (c == k) out.push_back(w);
  }
  return out;
}

// The cheapest week with 0..max_count agents per (start, pattern): every combination tried.
double brute_force(const ShiftRules& rules, const Week& required, int max_count) {
  const auto& tp = rules.templates[0];
  const auto starts = tp.starts();
  const auto pats = patterns_by_hand(rules.tours->days_per_week, rules.tours->consecutive_days_off);
  const std::size_t n = starts.size() * pats.size();
  std::vector<int> c(n, 0);
  double best = 1e300;
  while (true) {
    double cost = 0;
    for (int d = 0; d < 7; ++d) {
      std::vector<double> on(24, 0);
      for (std::size_t v = 0; v < n; ++v) {
        if (!pats[v % pats.size()][d]) continue;
        const int s = starts[v / pats.size()];
        for (int h = s; h < s + tp.span(); ++h) on[h] += c[v];
        cost += c[v] * tp.cost(rules.interval_s);
      }
      for (int h = 0; h < 24; ++h) {
        cost += rules.under_coverage_penalty * std::max(0.0, required[d][h] - on[h]);
      }
    }
    best = std::min(best, cost);
    std::size_t i = 0;
    while (i < n && c[i] == max_count) c[i++] = 0;
    if (i == n) break;
    ++c[i];
  }
  return best;
}

std::string rules_error(const std::string& text) {
  try {
    parse_shift_rules(text, "t.toml");
  } catch (const wfm::core::InputError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("tour patterns: cyclic blocks of days off, or every set of days") {
  for (int k = 1; k <= 7; ++k) {
    for (bool consecutive : {true, false}) {
      auto got = tour_patterns(TourRules{k, consecutive, 0});
      auto want = patterns_by_hand(k, consecutive);
      std::sort(got.begin(), got.end());
      std::sort(want.begin(), want.end());
      CHECK(got == want);
    }
  }
  CHECK(tour_patterns(TourRules{5, true, 0}).size() == 7);
  CHECK(tour_patterns(TourRules{5, false, 0}).size() == 21);
  CHECK(tour_patterns(TourRules{7, true, 0}).size() == 1);
}

TEST_CASE("weekly tours: the MIP's cost equals brute force on small weeks") {
  struct Case {
    int days;
    bool consecutive;
    std::string start_latest;
  };
  const std::vector<Case> cases = {
      {5, true, "06:00"}, {6, false, "06:00"}, {7, true, "07:00"}, {6, true, "06:00"}};
  const std::vector<Week> weeks = {
      hourly_week([](int d, int h) { return h >= 7 && h < 14 ? (d < 5 ? 3.0 : 1.0) : 0.0; }),
      hourly_week([](int d, int h) { return h >= 6 && h < 15 ? double((d * 5 + h) % 4) : 0.0; }),
      hourly_week([](int d, int h) { return h == 8 ? (d == 2 ? 3.0 : 0.0) : (h == 14 ? 1 : 0); }),
  };
  for (const auto& c : cases) {
    const auto rules = parse_shift_rules(tours_rules(c.days, c.consecutive, c.start_latest), "t");
    for (std::size_t i = 0; i < weeks.size(); ++i) {
      INFO("days " << c.days << " consecutive " << c.consecutive << " starts to " << c.start_latest
                   << " week " << i);
      const auto w = schedule_week(rules, weeks[i], SolveOptions{20, 1e-9});
      CHECK(check_week(rules, weeks[i], w) == "");
      // Requirements are at most 3, so no optimal week has more than 3 agents on a pattern.
      const double best = brute_force(rules, weeks[i], 3);
      CHECK(w.objective == Approx(best).epsilon(1e-9));
      CHECK(w.days[0].report.gap == Approx(0).margin(1e-6));
      // The start alone (no branch and cut): a valid week, never below the optimum.
      SolveOptions start_only{20, 1e-9};
      start_only.branch_and_cut = false;
      const auto s = schedule_week(rules, weeks[i], start_only);
      CHECK(check_week(rules, weeks[i], s) == "");
      CHECK(s.objective >= best - 1e-6);
      CHECK(s.days[0].report.start_objective <= s.days[0].report.rounded_start_objective + 1e-9);
    }
  }
}

TEST_CASE("the week's start (the LP dive) is a valid week, no dearer than the rounded LP") {
  // branch_and_cut = false returns phase 1's start: the cheapest of no tours, the LP's tours
  // rounded up, and the dive's week (with its drops).
  const std::string brk =
      "\n[[shift.break]]\nname = \"lunch\"\nduration = \"1h\"\nwindow_start = \"3h\"\n"
      "window_end = \"5h\"\npaid = false\n";
  const auto rules = parse_shift_rules(tours_rules(5, true, "10:00", brk), "t");
  const std::vector<Week> weeks = {
      hourly_week([](int d, int h) { return h >= 7 && h < 19 ? (d < 5 ? 9.0 : 5.0) : 0.0; }),
      hourly_week([](int d, int h) { return h >= 8 && h < 18 ? double(3 + (d + h) % 5) : 0.0; }),
      hourly_week([](int d, int h) {
        return h >= 6 && h < 20 ? 2.0 + 6.0 * (h >= 10 && h < 15) + (d == 0 ? 3 : 0) : 0.0;
      }),
  };
  for (std::size_t i = 0; i < weeks.size(); ++i) {
    INFO("week " << i);
    SolveOptions start_only{20, 1e-9};
    start_only.branch_and_cut = false;
    const auto s = schedule_week(rules, weeks[i], start_only);
    const auto w = schedule_week(rules, weeks[i], SolveOptions{20, 1e-9});
    CHECK(check_week(rules, weeks[i], s) == "");
    const auto& r = s.days[0].report;
    CHECK(r.start_objective <= r.rounded_start_objective + 1e-9);
    CHECK(r.start_objective >= r.lp_bound - 1e-6);
    CHECK(s.objective >= w.objective - 1e-6);
    // Measured: on these weeks the dive's week is already the optimum.
    CHECK(s.objective == Approx(w.objective).epsilon(1e-9));
  }
}

TEST_CASE("weekly tours with breaks pass the checker; tours never cost less than days") {
  const std::string brk =
      "\n[[shift.break]]\nname = \"lunch\"\nduration = \"1h\"\nwindow_start = \"3h\"\n"
      "window_end = \"5h\"\npaid = false\n";
  const auto rules = parse_shift_rules(tours_rules(5, true, "10:00", brk), "t");
  auto daily_rules = rules;
  daily_rules.tours.reset();
  const std::vector<Week> weeks = {
      hourly_week([](int d, int h) { return h >= 7 && h < 19 ? (d < 5 ? 4.0 : 2.0) : 0.0; }),
      hourly_week([](int d, int h) { return h >= 8 && h < 18 ? double(1 + (d + h) % 5) : 0.0; }),
  };
  for (const auto& week : weeks) {
    const auto w = schedule_week(rules, week, SolveOptions{20, 1e-9});
    CHECK(check_week(rules, week, w) == "");
    double daily = 0;
    for (int d = 0; d < 7; ++d)
      daily += schedule_day(daily_rules, week[d], {20, 1e-9}).report.objective;
    CHECK(w.objective >= daily - 1e-6);
    for (const auto& day : w.days) {
      CHECK(day.report.week);
      CHECK(day.report.best_bound <= w.objective + 1e-6);
      CHECK(day.report.lp_bound <= day.report.best_bound + 1e-6);
    }
  }
}

TEST_CASE("the price of tours: one busy Monday costs a whole tour") {
  const auto rules = parse_shift_rules(tours_rules(5, true, "06:00"), "t");
  auto daily_rules = rules;
  daily_rules.tours.reset();
  const Week week = hourly_week([](int d, int h) { return d == 0 && h >= 6 && h < 14 ? 1.0 : 0; });
  const auto w = schedule_week(rules, week, SolveOptions{20, 1e-9});
  CHECK(check_week(rules, week, w) == "");
  // A tour of 5 days at 80 beats 8 agent-hours short at 100 each; a daily schedule pays one day.
  CHECK(w.tours == 1);
  CHECK(w.objective == Approx(400));
  CHECK(schedule_day(daily_rules, week[0], {20, 1e-9}).report.objective == Approx(80));
}

TEST_CASE("[tours] rules errors name file, line and key") {
  const std::string shift =
      "\n[[shift]]\nname = \"full\"\nstart_earliest = \"06:00\"\npaid_length = \"8h\"\n"
      "cost_per_paid_hour = 10\n";
  CHECK_THAT(rules_error("[tours]\ndays_per_week = 0\n" + shift),
             Catch::Contains("t.toml:2: tours.days_per_week: expected a whole number from 1 to 7, "
                             "got 0"));
  CHECK_THAT(rules_error("[tours]\ndays_per_week = 8\n" + shift),
             Catch::Contains("t.toml:2: tours.days_per_week: expected a whole number from 1 to 7, "
                             "got 8"));
  CHECK_THAT(rules_error("[tours]\ndays_per_week = 5\nstart_variance = \"1h\"\n" + shift),
             Catch::Contains("t.toml:3: tours.start_variance: unknown key"));
  CHECK_THAT(rules_error("[tours]\nconsecutive_days_off = false\n" + shift),
             Catch::Contains("tours.days_per_week: required"));
  const auto rules = parse_shift_rules("[tours]\ndays_per_week = 6\n" + shift, "t.toml");
  REQUIRE(rules.tours);
  CHECK(rules.tours->days_per_week == 6);
  CHECK(rules.tours->consecutive_days_off);
  CHECK_FALSE(parse_shift_rules(shift, "t.toml").tours);
}

TEST_CASE("schedule_days with tours: weeks, added days, totals and the tour column") {
  using namespace std::chrono;
  const auto rules = parse_shift_rules(tours_rules(5, true, "06:00"), "t");
  // Wednesday 2026-12-02 to Friday 2026-12-04 and Monday 2026-12-07: two weeks.
  std::vector<DayRequirements> days;
  for (auto d : {2, 3, 4, 7}) {
    const local_days date{year{2026} / December / d};
    std::vector<double> r(24, 0);
    for (int h = 6; h < 14; ++h) r[h] = 2;
    days.push_back({date, r});
  }
  const auto out = schedule_days(rules, days, SolveOptions{20, 1e-9});
  REQUIRE(out.size() >= 4);
  std::set<int> tour_ids;
  double cost = 0;
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (i > 0) CHECK(out[i - 1].requirements.date < out[i].requirements.date);
    CHECK(out[i].schedule.report.week);
    cost += out[i].totals.cost;
    for (const auto& s : out[i].schedule.shifts) tour_ids.insert(s.tour);
  }
  // Each week: 2 tours of 5 days, so days outside the plan are worked and shown.
  CHECK(tour_ids == std::set<int>{1, 2, 3, 4});
  CHECK(out.size() == 10);
  // The bound of each week is counted once, so with both weeks optimal the gap is 0.
  const ScheduleTotals t = schedule_totals(out);
  CHECK(t.all.cost == Approx(cost));
  CHECK(t.best_bound == Approx(cost));
  CHECK(t.gap == Approx(0).margin(1e-9));
  std::ostringstream csv;
  write_schedule_csv(csv, rules, out);
  CHECK(csv.str().rfind("date,shift,template,start,end,paid_hours,cost,breaks,tour\n", 0) == 0);
}
