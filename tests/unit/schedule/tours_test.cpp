// Weekly tours (schedule_week) against an independent checker on every week it returns (each tour
// works exactly days_per_week days with one template, its starts within start_variance of each
// other, days off in one block when required, coverage and cost recounted from the shifts alone),
// against brute force over the tour counts on small weeks (the MIP, and its start alone), against
// day-by-day scheduling (tours never cost less), the start against the LP relaxation rounded up,
// start-time variance (0 as without it, never dearer, cheaper where a week needs it, brute force
// over whole tours), weekly paid hours (every tour within the band, the band choosing the
// template, brute force), and the [tours] rules' errors.
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
    int tpl = -1, first = 1 << 30, last = -1;  // template, earliest and latest start
    double paid_hours = 0;                     // summed over its working days
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
      if (t.tpl >= 0 && t.tpl != s.template_index) return "a tour changes template";
      t.works[d] = true;
      t.tpl = s.template_index;
      t.first = std::min(t.first, s.start);
      t.last = std::max(t.last, s.start);
      t.paid_hours += tp.paid_length * rules.interval_s / 3600.0;
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
  std::vector<int> per_template(rules.templates.size(), 0);  // headcount: tours of each
  for (const auto& [id, t] : tours) ++per_template.at(t.tpl);
  for (std::size_t i = 0; i < rules.templates.size(); ++i) {
    const auto& tp = rules.templates[i];
    if (per_template[i] < tp.min_agents) return "a template's tours below min_agents";
    if (tp.max_agents && per_template[i] > *tp.max_agents) {
      return "a template's tours above max_agents";
    }
  }
  for (const auto& [id, t] : tours) {
    if (std::count(t.works.begin(), t.works.end(), true) != k) return "a tour's day count";
    if (rules.tours->min_weekly_hours && t.paid_hours < *rules.tours->min_weekly_hours - 1e-9) {
      return "a tour's paid hours below min_weekly_hours";
    }
    if (rules.tours->max_weekly_hours && t.paid_hours > *rules.tours->max_weekly_hours + 1e-9) {
      return "a tour's paid hours above max_weekly_hours";
    }
    if (t.last - t.first > rules.tours->start_variance) {
      return "a tour's starts differ by more than start_variance";
    }
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

// The cheapest week with 0..max_count agents per (start, pattern): every combination tried (those
// whose tours, their sum, break the template's headcount min/max_agents skipped).
double brute_force(const ShiftRules& rules, const Week& required, int max_count) {
  const auto& tp = rules.templates[0];
  const auto starts = tp.starts();
  const auto pats = patterns_by_hand(rules.tours->days_per_week, rules.tours->consecutive_days_off);
  const std::size_t n = starts.size() * pats.size();
  std::vector<int> c(n, 0);
  double best = 1e300;
  while (true) {
    int tours = 0;
    for (int v : c) tours += v;
    const bool headcount = tours >= tp.min_agents && (!tp.max_agents || tours <= *tp.max_agents);
    double cost = headcount ? 0 : 1e300;
    for (int d = 0; d < 7 && headcount; ++d) {
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
  CHECK_THAT(rules_error("[tours]\ndays_per_week = 5\nstart_varianse = \"1h\"\n" + shift),
             Catch::Contains("t.toml:3: tours.start_varianse: unknown key"));
  // start_variance: a duration from 0 to under a day, whole intervals, a multiple of every
  // template's start step.
  const std::string stepped = shift + "start_latest = \"10:00\"\nstart_step = \"30m\"\n";
  CHECK_THAT(rules_error("[tours]\ndays_per_week = 5\nstart_variance = \"45m\"\n" + stepped),
             Catch::Contains("t.toml:3: tours.start_variance: 0h45m is not a multiple of the start "
                             "step of template 'full' (0h30m)"));
  CHECK_THAT(rules_error("[tours]\ndays_per_week = 5\nstart_variance = \"-1h\"\n" + shift),
             Catch::Contains("t.toml:3: tours.start_variance: expected a duration such as \"15m\" "
                             "or \"8h\", got \"-1h\""));
  CHECK_THAT(rules_error("[tours]\ndays_per_week = 5\nstart_variance = -60\n" + shift),
             Catch::Contains("t.toml:3: tours.start_variance: expected a number >= 0, got -60"));
  CHECK_THAT(rules_error("[tours]\ndays_per_week = 5\nstart_variance = \"25h\"\n" + shift),
             Catch::Contains("t.toml:3: tours.start_variance: expected a duration from 0 to less "
                             "than a day (24h), got 90000 s"));
  CHECK_THAT(rules_error("[tours]\ndays_per_week = 5\nstart_variance = \"24h\"\n" + shift),
             Catch::Contains("t.toml:3: tours.start_variance: expected a duration from 0"));
  CHECK_THAT(rules_error("[tours]\ndays_per_week = 5\nstart_variance = \"10m\"\n" + shift),
             Catch::Contains("t.toml:3: tours.start_variance: expected a whole number of intervals "
                             "(900 s each), got 600 s"));
  const auto varied = parse_shift_rules(
      "[tours]\ndays_per_week = 5\nstart_variance = \"1h\"\n" + stepped, "t.toml");
  CHECK(varied.tours->start_variance == 4);
  CHECK_THAT(rules_error("[tours]\nconsecutive_days_off = false\n" + shift),
             Catch::Contains("tours.days_per_week: required"));
  const auto rules = parse_shift_rules("[tours]\ndays_per_week = 6\n" + shift, "t.toml");
  REQUIRE(rules.tours);
  CHECK(rules.tours->days_per_week == 6);
  CHECK(rules.tours->consecutive_days_off);
  CHECK(rules.tours->start_variance == 0);
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

namespace {

// tours_rules with a start variance.
std::string varied_rules(int days, const std::string& start_latest, const std::string& variance,
                         const std::string& extra = "") {
  std::string text = tours_rules(days, true, start_latest, extra);
  const std::string key = "[tours]\n";
  return text.insert(text.find(key) + key.size(), "start_variance = \"" + variance + "\"\n");
}

// Brute force over whole tours for one 8 h template without breaks, 7-day tours (so one pattern):
// every multiset of at most `max_tours` tour types, a type being a start on each day with all
// starts within `variance` hours of each other. Returns the cheapest week's cost.
double brute_force_varied(const ShiftRules& rules, const Week& required, int variance,
                          int max_tours) {
  const auto& tp = rules.templates[0];
  const auto starts = tp.starts();
  std::vector<std::array<int, 7>> types;
  std::array<int, 7> pick{};
  const std::function<void(int)> build = [&](int d) {
    if (d == 7) {
      const auto [lo, hi] = std::minmax_element(pick.begin(), pick.end());
      if (*hi - *lo <= variance) types.push_back(pick);
      return;
    }
    for (int s : starts) {
      pick[d] = s;
      build(d + 1);
    }
  };
  build(0);
  const double tour_cost = 7 * tp.cost(rules.interval_s);
  double best = 1e300;
  std::vector<std::size_t> chosen;
  const std::function<void(std::size_t)> choose = [&](std::size_t from) {
    double cost = tour_cost * static_cast<double>(chosen.size());
    for (int d = 0; d < 7; ++d) {
      std::vector<double> on(24, 0);
      for (std::size_t c : chosen) {
        for (int h = types[c][d]; h < types[c][d] + tp.span(); ++h) on[h] += 1;
      }
      for (int h = 0; h < 24; ++h) {
        cost += rules.under_coverage_penalty * std::max(0.0, required[d][h] - on[h]);
      }
    }
    best = std::min(best, cost);
    if (static_cast<int>(chosen.size()) == max_tours) return;
    for (std::size_t c = from; c < types.size(); ++c) {  // multisets: non-decreasing type order
      chosen.push_back(c);
      choose(c);
      chosen.pop_back();
    }
  };
  choose(0);
  return best;
}

}  // namespace

TEST_CASE("start variance 0 is the week without variance") {
  const std::string brk =
      "\n[[shift.break]]\nname = \"lunch\"\nduration = \"1h\"\nwindow_start = \"3h\"\n"
      "window_end = \"5h\"\npaid = false\n";
  const auto plain = parse_shift_rules(tours_rules(5, true, "10:00", brk), "t");
  const auto zero = parse_shift_rules(varied_rules(5, "10:00", "0h", brk), "t");
  REQUIRE(zero.tours->start_variance == 0);
  const Week week =
      hourly_week([](int d, int h) { return h >= 8 && h < 18 ? double(3 + (d + h) % 5) : 0.0; });
  for (bool bc : {false, true}) {
    SolveOptions o{20, 1e-9};
    o.branch_and_cut = bc;
    const auto a = schedule_week(plain, week, o);
    const auto b = schedule_week(zero, week, o);
    CHECK(check_week(zero, week, b) == "");
    CHECK(a.objective == b.objective);
    CHECK(a.tours == b.tours);
    CHECK(a.days[0].report.shift_variables == b.days[0].report.shift_variables);
    for (int d = 0; d < 7; ++d) {
      REQUIRE(a.days[d].shifts.size() == b.days[d].shifts.size());
      for (std::size_t i = 0; i < a.days[d].shifts.size(); ++i) {
        const auto& x = a.days[d].shifts[i];
        const auto& y = b.days[d].shifts[i];
        CHECK((x.template_index == y.template_index && x.start == y.start &&
               x.break_starts == y.break_starts && x.tour == y.tour));
      }
    }
  }
}

TEST_CASE("start variance: cheaper where the week needs it, never dearer, brute force") {
  // One 5-day tour suffices if it may start at 06:00 Monday to Wednesday and at 08:00 on
  // Thursday and Friday. Without variance the best week costs 800 (one tour at 06:00, 2 h short on
  // Thursday and Friday: 400 + 4 x 100); with 1 h, 07:00 on Thursday and Friday (1 h short each:
  // 400 + 200); with 2 h nothing is short (400).
  const Week week = hourly_week([](int d, int h) {
    if (d < 3) return h >= 6 && h < 14 ? 1.0 : 0.0;
    if (d < 5) return h >= 8 && h < 16 ? 1.0 : 0.0;
    return 0.0;
  });
  const std::vector<std::pair<std::string, double>> want = {{"0h", 800}, {"1h", 600}, {"2h", 400}};
  for (const auto& [variance, cost] : want) {
    INFO("variance " << variance);
    const auto rules = parse_shift_rules(varied_rules(5, "08:00", variance), "t");
    const auto w = schedule_week(rules, week, SolveOptions{20, 1e-9});
    CHECK(check_week(rules, week, w) == "");
    CHECK(w.objective == Approx(cost));
    CHECK(w.days[0].report.gap == Approx(0).margin(1e-6));
    SolveOptions start_only{20, 1e-9};
    start_only.branch_and_cut = false;
    const auto s = schedule_week(rules, week, start_only);
    CHECK(check_week(rules, week, s) == "");
    CHECK(s.objective >= w.objective - 1e-6);
  }

  // Never dearer than with a smaller variance (every week it allows is allowed), on weeks with
  // breaks whose phase 1 CBC proves optimal in time; each week passes the checker.
  const std::string brk =
      "\n[[shift.break]]\nname = \"lunch\"\nduration = \"1h\"\nwindow_start = \"3h\"\n"
      "window_end = \"5h\"\npaid = false\n";
  const std::vector<Week> weeks = {
      hourly_week([](int d, int h) { return h >= 7 && h < 19 ? (d < 5 ? 9.0 : 5.0) : 0.0; }),
      hourly_week([](int d, int h) { return h >= 8 && h < 18 ? double(3 + (d + h) % 5) : 0.0; }),
      hourly_week([](int d, int h) { return h >= 6 + d % 3 && h < 16 + d % 3 ? 4.0 : 0.0; }),
  };
  for (std::size_t i = 0; i < weeks.size(); ++i) {
    double previous = 1e300;
    for (const std::string variance : {"0h", "1h", "2h", "4h"}) {
      INFO("week " << i << " variance " << variance);
      const auto rules = parse_shift_rules(varied_rules(5, "10:00", variance, brk), "t");
      const auto w = schedule_week(rules, weeks[i], SolveOptions{30, 1e-9});
      CHECK(check_week(rules, weeks[i], w) == "");
      CHECK(w.days[0].report.phase1_optimal);
      // Phase 1 is solved to optimality, so its bound never rises with the variance; the week
      // (after break placement) is at its bound on these weeks.
      CHECK(w.objective <= previous + 1e-6);
      previous = w.objective;
    }
  }

  // Brute force over whole tours: 7-day tours (one pattern), starts 06:00 to 08:00.
  const std::vector<Week> small = {
      hourly_week([](int d, int h) {
        const int s = 6 + (d * 5) % 3;  // 06, 08, 07, 06, 08, 07, 06
        return h >= s && h < s + 8 ? 1.0 : 0.0;
      }),
      hourly_week(
          [](int d, int h) { return (h == 6 && d % 2 == 0) || (h == 15 && d % 2) ? 1 : 0; }),
  };
  for (std::size_t i = 0; i < small.size(); ++i) {
    for (int variance : {0, 1, 2}) {
      INFO("small week " << i << " variance " << variance << " h");
      const auto rules =
          parse_shift_rules(varied_rules(7, "08:00", std::to_string(variance) + "h"), "t");
      const auto w = schedule_week(rules, small[i], SolveOptions{20, 1e-9});
      CHECK(check_week(rules, small[i], w) == "");
      // Requirements of at most 1: the MIP (any number of tours) must equal the best of up to 2.
      CHECK(w.objective == Approx(brute_force_varied(rules, small[i], variance, 2)));
    }
  }
}

TEST_CASE("start variance with two templates and 30-minute steps passes the checker") {
  // Half-hour intervals; an 8 h template with a lunch and a 4 h one, starts every 30 minutes: each
  // template has its own bands, the last one of each holding its latest starts.
  const std::string text =
      std::string("[schedule]\ninterval = \"30m\"\nunder_coverage_penalty = 100\n") +
      "\n[tours]\ndays_per_week = 5\nstart_variance = \"1h\"\n"
      "\n[[shift]]\nname = \"full\"\nstart_earliest = \"06:00\"\n"
      "start_latest = \"10:30\"\npaid_length = \"8h\"\ncost_per_paid_hour = 10\n"
      "\n[[shift.break]]\nname = \"lunch\"\nduration = \"30m\"\n"
      "window_start = \"3h\"\nwindow_end = \"5h\"\npaid = false\n"
      "\n[[shift]]\nname = \"part\"\nstart_earliest = \"10:00\"\n"
      "start_latest = \"14:00\"\npaid_length = \"4h\"\ncost_per_paid_hour = 12\n";
  const auto rules = parse_shift_rules(text, "t");
  auto fixed = rules;
  fixed.tours->start_variance = 0;
  Week week;
  for (int d = 0; d < 7; ++d) {
    week[d].assign(48, 0);
    for (int t = 14 + d % 3; t < 38 - d % 2; ++t) week[d][t] = 2 + (t >= 22 && t < 30 ? 3 : 0);
  }
  const auto w = schedule_week(rules, week, SolveOptions{30, 1e-9});
  CHECK(check_week(rules, week, w) == "");
  SolveOptions start_only{30, 1e-9};
  start_only.branch_and_cut = false;
  const auto s = schedule_week(rules, week, start_only);
  CHECK(check_week(rules, week, s) == "");
  CHECK(s.objective >= w.objective - 1e-6);
  const auto f = schedule_week(fixed, week, SolveOptions{30, 1e-9});
  CHECK(check_week(fixed, week, f) == "");
  // Phase 1's bound never rises with the variance (its weeks include the fixed-start ones).
  if (w.days[0].report.phase1_optimal && f.days[0].report.phase1_optimal) {
    CHECK(w.days[0].report.best_bound <= f.days[0].report.best_bound + 1e-6);
  }
  CHECK(w.days[0].report.lp_bound <= f.days[0].report.lp_bound + 1e-6);
}

namespace {

// Hourly, 5-day tours of a full (8 h, cost 10/h) and a part-time (4 h, cost 12/h) template, both
// starting 06:00 to 12:00 on the hour, no breaks; `band` goes into [tours].
std::string hours_rules(const std::string& band) {
  return "[schedule]\ninterval = \"1h\"\nunder_coverage_penalty = 100\n\n[tours]\n"
         "days_per_week = 5\n" +
         band +
         "\n[[shift]]\nname = \"full\"\nstart_earliest = \"06:00\"\nstart_latest = \"12:00\"\n"
         "paid_length = \"8h\"\ncost_per_paid_hour = 10\n"
         "\n[[shift]]\nname = \"part\"\nstart_earliest = \"06:00\"\nstart_latest = \"12:00\"\n"
         "paid_length = \"4h\"\ncost_per_paid_hour = 12\n";
}

}  // namespace

TEST_CASE("weekly paid hours: every tour within the band, the band picks the templates") {
  // Two agents 08:00-12:00 Monday to Friday: two part-time tours (2 x 5 x 4 h x 12 = 480) beat
  // two full ones (800); a band of 30 to 45 h leaves only full tours (40 h), 15 to 25 h only
  // part-time ones (20 h).
  const Week week = hourly_week([](int d, int h) { return d < 5 && h >= 8 && h < 12 ? 2.0 : 0.0; });
  const auto free = parse_shift_rules(hours_rules(""), "t.toml");
  const auto full = parse_shift_rules(
      hours_rules("min_weekly_hours = 30\nmax_weekly_hours = 45\n"), "t.toml");
  const auto part = parse_shift_rules(hours_rules("max_weekly_hours = 25\n"), "t.toml");
  CHECK(full.tours->min_weekly_hours == 30);
  CHECK(full.tours->max_weekly_hours == 45);
  CHECK_FALSE(part.tours->min_weekly_hours);
  CHECK(full.tours->weekly_hours(full.templates[0], full.interval_s) == 40);
  CHECK(full.tours->weekly_hours(full.templates[1], full.interval_s) == 20);
  CHECK(full.tours->allows(full.templates[0], full.interval_s));
  CHECK_FALSE(full.tours->allows(full.templates[1], full.interval_s));
  const auto wf = schedule_week(free, week);
  const auto wfull = schedule_week(full, week);
  const auto wpart = schedule_week(part, week);
  CHECK(check_week(free, week, wf) == "");
  CHECK(check_week(full, week, wfull) == "");
  CHECK(check_week(part, week, wpart) == "");
  CHECK(wf.objective == Approx(480));
  CHECK(wpart.objective == Approx(480));
  CHECK(wfull.objective == Approx(800));
  for (const auto& day : wfull.days) {
    for (const auto& s : day.shifts) CHECK(s.template_index == 0);
  }
  // A band both templates meet is the week without it.
  const auto both = parse_shift_rules(hours_rules("min_weekly_hours = 20\nmax_weekly_hours = 40\n"),
                                      "t.toml");
  CHECK(schedule_week(both, week).objective == Approx(wf.objective));
}

TEST_CASE("weekly paid hours: brute force over the full tours the band leaves") {
  // With only full tours (one start, 06:00), the cheapest week is n tours on every pattern,
  // searched here over the tour counts per pattern directly (7 cyclic patterns, 0 to 2 each).
  const auto rules = parse_shift_rules(
      "[schedule]\ninterval = \"1h\"\nunder_coverage_penalty = 100\n\n[tours]\ndays_per_week = 5\n"
      "min_weekly_hours = 40\n\n[[shift]]\nname = \"full\"\nstart_earliest = \"06:00\"\n"
      "paid_length = \"8h\"\ncost_per_paid_hour = 10\n\n[[shift]]\nname = \"short\"\n"
      "start_earliest = \"06:00\"\npaid_length = \"6h\"\ncost_per_paid_hour = 5\n",
      "t.toml");
  const Week weeks[] = {
      hourly_week([](int d, int h) { return h >= 6 && h < 14 ? (d == 2 ? 2.0 : 1.0) : 0.0; }),
      hourly_week([](int d, int h) { return d < 5 && h >= 7 && h < 10 ? 1.0 : 0.0; }),
  };
  for (const auto& week : weeks) {
    const auto w = schedule_week(rules, week);
    CHECK(check_week(rules, week, w) == "");
    double best = 1e300;
    std::array<int, 7> n{};
    const std::function<void(int)> search = [&](int p) {
      if (p == 7) {
        double cost = 0;
        for (int d = 0; d < 7; ++d) {
          int on = 0;
          for (int q = 0; q < 7; ++q) {
            // Pattern q has days q and q+1 off (cyclic).
            if (d != q && d != (q + 1) % 7) on += n[q];
          }
          for (int h = 6; h < 14; ++h) cost += 100 * std::max(0.0, week[d][h] - on);
          for (int h = 0; h < 24; ++h) {
            if (h < 6 || h >= 14) cost += 100 * week[d][h];
          }
        }
        for (int q = 0; q < 7; ++q) cost += n[q] * 5 * 80.0;
        best = std::min(best, cost);
        return;
      }
      for (n[p] = 0; n[p] <= 2; ++n[p]) search(p + 1);
    };
    search(0);
    CHECK(w.objective == Approx(best));
  }
}

TEST_CASE("weekly paid hours errors name file, line and key") {
  CHECK_THAT(rules_error(hours_rules("min_weekly_hours = 40\nmax_weekly_hours = 30\n")),
             Catch::Contains("t.toml:8: tours.max_weekly_hours: max_weekly_hours (30) is below "
                             "min_weekly_hours (40)"));
  CHECK_THAT(rules_error(hours_rules("max_weekly_hours = 200\n")),
             Catch::Contains("t.toml:7: tours.max_weekly_hours: expected hours from 0 to 168 (a "
                             "week), got 200"));
  CHECK_THAT(rules_error(hours_rules("min_weekly_hours = -1\n")),
             Catch::Contains("t.toml:7: tours.min_weekly_hours: expected a number >= 0, got -1"));
  CHECK_THAT(rules_error(hours_rules("min_weekly_hours = \"40h\"\n")),
             Catch::Contains("t.toml:7: tours.min_weekly_hours: expected a number, got a string"));
  CHECK_THAT(rules_error(hours_rules("min_weekly_hours = 25\nmax_weekly_hours = 35\n")),
             Catch::Contains("t.toml:7: tours.min_weekly_hours: no template makes tours within the "
                             "weekly band (25 to 35 h): 'full' 40 h, 'part' 20 h a week"));
  CHECK_THAT(rules_error(hours_rules("max_weekly_hours = 10\n")),
             Catch::Contains("t.toml:7: tours.max_weekly_hours: no template makes tours within the "
                             "weekly band (at most 10 h)"));
  const std::string counted = hours_rules("min_weekly_hours = 30\n") + "min_count = 1\n";
  CHECK_THAT(rules_error(counted),
             Catch::Contains("t.toml:7: tours.min_weekly_hours: template 'part' has min_count 1 "
                             "but its tours (5 days x 4h00m = 20 h) are outside the weekly band "
                             "(at least 30 h)"));
}

namespace {

// Hourly, 5-day tours with consecutive days off of a full (8 h at 10/h, a 400 tour) and a
// part-time (4 h at 12/h, a 240 tour) template, each with the one start 06:00; `full` and `part`
// go into their [[shift]] tables.
std::string headcount_rules(const std::string& full, const std::string& part) {
  return "[schedule]\ninterval = \"1h\"\nunder_coverage_penalty = 100\n\n[tours]\n"
         "days_per_week = 5\n\n[[shift]]\nname = \"full\"\nstart_earliest = \"06:00\"\n"
         "paid_length = \"8h\"\ncost_per_paid_hour = 10\n" +
         full +
         "\n[[shift]]\nname = \"part\"\nstart_earliest = \"06:00\"\npaid_length = \"4h\"\n"
         "cost_per_paid_hour = 12\n" +
         part;
}

// The cheapest week of tours of one start per template, 0 or 1 tour per (template, pattern),
// each template's tours within its headcount: every combination tried. With requirements of at
// most 1 this is every week that matters: a second tour of a (template, pattern) covers nothing
// the first does not, and while a template has at most 7 tours an unused pattern of it costs the
// same and covers no less, so some optimal week has no such second tour (every headcount here is
// at most 7).
double brute_force_templates(const ShiftRules& rules, const Week& required) {
  const auto pats = patterns_by_hand(rules.tours->days_per_week, rules.tours->consecutive_days_off);
  const std::size_t n_tpl = rules.templates.size();
  const std::size_t n = n_tpl * pats.size();
  double best = 1e300;
  for (unsigned long mask = 0; mask < (1ul << n); ++mask) {
    std::vector<int> tours(n_tpl, 0);
    for (std::size_t v = 0; v < n; ++v) {
      tours[v / pats.size()] += static_cast<int>((mask >> v) & 1);
    }
    bool ok = true;
    for (std::size_t i = 0; i < n_tpl; ++i) {
      const auto& tp = rules.templates[i];
      ok = ok && tours[i] >= tp.min_agents && (!tp.max_agents || tours[i] <= *tp.max_agents);
    }
    if (!ok) continue;
    double cost = 0;
    for (int d = 0; d < 7; ++d) {
      std::vector<double> on(24, 0);
      for (std::size_t v = 0; v < n; ++v) {
        if (((mask >> v) & 1) == 0 || !pats[v % pats.size()][d]) continue;
        const auto& tp = rules.templates[v / pats.size()];
        for (int h = tp.start_earliest; h < tp.start_earliest + tp.span(); ++h) on[h] += 1;
        cost += tp.cost(rules.interval_s);
      }
      for (int h = 0; h < 24; ++h) {
        cost += rules.under_coverage_penalty * std::max(0.0, required[d][h] - on[h]);
      }
    }
    best = std::min(best, cost);
  }
  return best;
}

// The week's start alone (no branch and cut): a week within every rule, never below `best`, or
// the error that no start was found; "" when so.
std::string start_alone(const ShiftRules& rules, const Week& week, double best) {
  SolveOptions start_only{20, 1e-9};
  start_only.branch_and_cut = false;
  try {
    const auto s = schedule_week(rules, week, start_only);
    if (auto msg = check_week(rules, week, s); !msg.empty()) return msg;
    if (s.objective < best - 1e-6) return "the start is below the optimum";
    if (s.days[0].report.start_objective < best - 1e-6) return "start objective below optimum";
  } catch (const wfm::core::InputError& e) {
    if (std::string(e.what()).find("no week of tours meeting the templates' daily counts and "
                                   "headcounts") == std::string::npos) {
      return e.what();
    }
  }
  return "";
}

}  // namespace

TEST_CASE("headcount: a binding max_agents or min_agents equals brute force", "[tours]") {
  // One template, one start: three agents Monday to Friday 07:00-14:00 and one at the weekend.
  const Week week =
      hourly_week([](int d, int h) { return h >= 7 && h < 14 ? (d < 5 ? 3.0 : 1.0) : 0.0; });
  const auto free = parse_shift_rules(tours_rules(5, true, "06:00"), "t");
  const auto wfree = schedule_week(free, week, SolveOptions{20, 1e-9});
  REQUIRE(check_week(free, week, wfree) == "");
  REQUIRE(wfree.tours > 2);
  REQUIRE(wfree.tours < 6);
  for (const std::string extra :
       {"max_agents = 2\n", "min_agents = 6\n", "min_agents = 2\nmax_agents = 2\n",
        "max_agents = 0\n", "min_agents = 1\nmax_agents = 20\n"}) {
    INFO(extra);
    const auto rules = parse_shift_rules(tours_rules(5, true, "06:00", extra), "t");
    const auto w = schedule_week(rules, week, SolveOptions{20, 1e-9});
    CHECK(check_week(rules, week, w) == "");
    // Requirements are at most 3 and headcounts at most 21: some optimal week has at most 3
    // tours on a pattern (a 4th covers nothing; an unused pattern costs the same).
    const double best = brute_force(rules, week, 3);
    CHECK(w.objective == Approx(best).epsilon(1e-9));
    CHECK(w.days[0].report.gap == Approx(0).margin(1e-6));
    CHECK(start_alone(rules, week, best) == "");
    const auto& tp = rules.templates[0];
    CHECK(w.tours >= tp.min_agents);
    if (tp.max_agents) CHECK(w.tours <= *tp.max_agents);
    // Binding where the free week's tours are outside the headcount, else the free week's cost.
    const bool binds =
        wfree.tours < tp.min_agents || (tp.max_agents && wfree.tours > *tp.max_agents);
    if (binds) {
      CHECK(w.objective > wfree.objective + 1);
    } else {
      CHECK(w.objective == Approx(wfree.objective).epsilon(1e-9));
    }
  }
  // max_agents = 0: no tour, every required agent-hour short (5 x 7 x 3 + 2 x 7 x 1, at 100).
  const auto none = parse_shift_rules(tours_rules(5, true, "06:00", "max_agents = 0\n"), "t");
  const auto wnone = schedule_week(none, week, SolveOptions{20, 1e-9});
  CHECK(wnone.tours == 0);
  CHECK(wnone.objective == Approx(100.0 * (105 + 14)));
}

TEST_CASE("headcount: two templates, brute force over which works the week", "[tours]") {
  // One agent 06:00-14:00 Monday to Friday and 06:00-10:00 at the weekend.
  const Week week = hourly_week([](int d, int h) { return h >= 6 && h < (d < 5 ? 14 : 10); });
  // By hand, the free week is one full tour Monday to Friday and one part-time tour Wednesday to
  // Sunday (400 + 240 = 640): limits that forbid it bind, the others leave it.
  struct Case {
    std::string full, part;
    bool binds;
  };
  const std::vector<Case> cases = {
      {"", "", false},
      {"max_agents = 1\n", "", false},
      {"max_agents = 1\n", "max_agents = 1\n", false},
      {"", "max_agents = 0\n", true},  // full tours at the weekend
      {"max_agents = 0\n", "", true},  // weekdays 10:00-14:00 short
      {"", "min_agents = 3\n", true},  // two useless part-time tours
      {"min_agents = 2\nmax_agents = 2\n", "max_agents = 1\n", true},
  };
  double free_cost = 0;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    INFO("case " << i << ": full " << cases[i].full << " part " << cases[i].part);
    const auto rules = parse_shift_rules(headcount_rules(cases[i].full, cases[i].part), "t");
    const auto w = schedule_week(rules, week, SolveOptions{20, 1e-9});
    CHECK(check_week(rules, week, w) == "");
    const double best = brute_force_templates(rules, week);
    CHECK(w.objective == Approx(best).epsilon(1e-9));
    CHECK(start_alone(rules, week, best) == "");
    if (i == 0) {
      free_cost = w.objective;
      CHECK(free_cost == Approx(640));
    }
    if (cases[i].binds) {
      CHECK(w.objective > free_cost + 1);
    } else {
      CHECK(w.objective == Approx(free_cost).epsilon(1e-9));
    }
  }
}

TEST_CASE("headcount: min_agents on a week needing no one, by hand", "[tours]") {
  // Nothing required: the cheapest week is exactly min_agents tours (2 x 5 x 8 h x 10 = 800). The
  // start of no tours at all (cost 0) breaks the headcount and must not be the week's start.
  const Week week = hourly_week([](int, int) { return 0.0; });
  const auto rules = parse_shift_rules(tours_rules(5, true, "06:00", "min_agents = 2\n"), "t");
  const auto w = schedule_week(rules, week, SolveOptions{20, 1e-9});
  CHECK(check_week(rules, week, w) == "");
  CHECK(w.tours == 2);
  CHECK(w.objective == Approx(800));
  CHECK(w.days[0].report.start_objective >= 800 - 1e-6);
  CHECK(start_alone(rules, week, 800) == "");
}
