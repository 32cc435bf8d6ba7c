// Published scheduling instances with their cited optimal values, checked exactly, each optimum
// also re-derived here by enumeration (independent of the optimizer and of CBC):
// - a daily set-covering problem: Hillier & Lieberman, Introduction to Operations Research
//   (McGraw-Hill), section 3.4, "Personnel scheduling" (Union Airways): five 8-hour shifts,
//   ten periods, optimum x = (48, 31, 39, 43, 15) at $30,610;
// - a tour-scheduling problem: Winston, Operations Research: Applications and Algorithms, 4th ed.,
//   section 3.5, "A work-scheduling problem" (the post office): 5 consecutive working days and 2
//   days off, LP optimum 67/3 employees, integer optimum 23 (section 9.2 revisits it as an IP).
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <array>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "wfm/schedule/coverage.hpp"
#include "wfm/schedule/optimizer.hpp"
#include "wfm/schedule/rules.hpp"

using namespace wfm::schedule;

namespace {

// Union Airways, its day moved 6 hours earlier so that it fits one calendar day (the problem has
// no clock: 6 am is 00:00 here): shifts at 6 am, 8 am, noon, 4 pm and 10 pm become 00:00, 02:00,
// 06:00, 10:00 and 16:00, each 8 hours; the periods are 2 hours but the last (midnight to 6 am),
// 6 hours.
constexpr std::array<int, 5> kUnionStarts = {0, 2, 6, 10, 16};
constexpr std::array<double, 5> kUnionCosts = {170, 160, 175, 180, 195};
// Period start hour (shifted) and the minimum number of agents on duty.
constexpr std::array<std::pair<int, int>, 10> kUnionPeriods = {
    {{0, 48}, {2, 79}, {4, 65}, {6, 87}, {8, 64}, {10, 73}, {12, 82}, {14, 43}, {16, 52}, {18, 15}}};

std::string union_rules() {
  std::string t = "[schedule]\ninterval = \"1h\"\nunder_coverage_penalty = 100000\n";
  for (std::size_t i = 0; i < kUnionStarts.size(); ++i) {
    t += fmt::format(
        "\n[[shift]]\nname = \"s{}\"\nstart_earliest = \"{:02d}:00\"\nstart_latest = "
        "\"{:02d}:00\"\npaid_length = \"8h\"\ncost_per_shift = {}\n",
        i + 1, kUnionStarts[i], kUnionStarts[i], kUnionCosts[i]);
  }
  return t;
}

std::vector<double> union_hours() {
  std::vector<double> r(24, 0);
  for (std::size_t p = 0; p < kUnionPeriods.size(); ++p) {
    const int end = p + 1 < kUnionPeriods.size() ? kUnionPeriods[p + 1].first : 24;
    for (int h = kUnionPeriods[p].first; h < end; ++h) r[h] = kUnionPeriods[p].second;
  }
  return r;
}

// The cheapest shift counts by enumeration: x1, x2 and x4 are searched, x3 and x5 are then the
// least that cover their remaining periods (each cost is positive, so no more is ever better).
double union_brute_force() {
  const auto r = union_hours();
  auto covers = [](int shift, int hour) {
    return hour >= kUnionStarts[shift] && hour < kUnionStarts[shift] + 8;
  };
  double best = std::numeric_limits<double>::infinity();
  for (int x1 = 0; x1 <= 90; ++x1) {
    for (int x2 = 0; x2 <= 90; ++x2) {
      for (int x4 = 0; x4 <= 90; ++x4) {
        const std::array<int, 5> fixed = {x1, x2, 0, x4, 0};
        int x3 = 0, x5 = 0;
        for (int h = 0; h < 24; ++h) {
          int on = 0;
          for (int s = 0; s < 5; ++s) on += covers(s, h) ? fixed[s] : 0;
          const int need = static_cast<int>(r[h]) - on;
          if (need <= 0) continue;
          if (covers(2, h)) {  // shifts 3 and 5 do not overlap
            x3 = std::max(x3, need);
          } else if (covers(4, h)) {
            x5 = std::max(x5, need);
          } else {
            x3 = -1;  // a period only x1, x2 or x4 cover, left short
            break;
          }
        }
        if (x3 < 0) continue;
        const double cost = x1 * kUnionCosts[0] + x2 * kUnionCosts[1] + x3 * kUnionCosts[2] +
                            x4 * kUnionCosts[3] + x5 * kUnionCosts[4];
        best = std::min(best, cost);
      }
    }
  }
  return best;
}

// The post office's daily requirements, Monday first.
constexpr std::array<int, 7> kPostOffice = {17, 13, 15, 19, 14, 16, 11};

// Whether some tour counts adding up to `total` (one count per block of two days off, cyclic)
// cover every day: every composition of `total` into 7 parts is tried.
bool post_office_feasible(int total) {
  std::array<int, 7> x{};
  std::function<bool(int, int)> go = [&](int p, int left) {
    if (p == 6) {
      x[6] = left;
      for (int d = 0; d < 7; ++d) {
        // Pattern p starts work on day p and rests on days p + 5 and p + 6 (mod 7).
        int on = 0;
        for (int q = 0; q < 7; ++q) on += ((d - q + 7) % 7 < 5) ? x[q] : 0;
        if (on < kPostOffice[d]) return false;
      }
      return true;
    }
    for (int v = 0; v <= left; ++v) {
      x[p] = v;
      if (go(p + 1, left - v)) return true;
    }
    return false;
  };
  return go(0, total);
}

}  // namespace

TEST_CASE("Union Airways (Hillier & Lieberman 3.4): the published optimum, $30,610",
          "[schedule][optimizer][published]") {
  const ShiftRules rules = parse_shift_rules(union_rules(), "union_airways.toml");
  const auto required = union_hours();
  const DaySchedule d = schedule_day(rules, required, SolveOptions{30, 1e-9});
  INFO(check_schedule(rules, d.shifts));
  CHECK(check_schedule(rules, d.shifts).empty());
  CHECK(d.report.shortage == 0);
  CHECK(d.report.objective == Approx(30610));
  CHECK(d.report.phase1_optimal);
  CHECK(union_brute_force() == Approx(30610));
  // The published counts: this optimum is unique (x1 = 48 and x4 = 43 are forced by the first
  // and eighth periods, x5 = 15 by the last; then x2 = 31 and x3 = 39).
  std::array<int, 5> counts{};
  for (const auto& s : d.shifts) ++counts[static_cast<std::size_t>(s.template_index)];
  CHECK(counts == std::array<int, 5>{48, 31, 39, 43, 15});
}

TEST_CASE("the post office (Winston 3.5): 23 tours of 5 consecutive days, LP bound 67/3",
          "[schedule][tours][published]") {
  // One 8-hour shift a day (09:00-17:00) at 1 a shift: a tour costs 5, so the cost counts tours.
  const ShiftRules rules = parse_shift_rules(R"([schedule]
interval = "1h"
under_coverage_penalty = 1000

[tours]
days_per_week = 5
consecutive_days_off = true

[[shift]]
name = "full"
start_earliest = "09:00"
start_latest = "09:00"
paid_length = "8h"
cost_per_shift = 1
)",
                                             "post_office.toml");
  std::array<std::vector<double>, 7> week;
  for (int d = 0; d < 7; ++d) {
    week[d].assign(24, 0);
    for (int h = 9; h < 17; ++h) week[d][h] = kPostOffice[d];
  }
  const WeekSchedule w = schedule_week(rules, week, SolveOptions{30, 1e-9});
  CHECK(w.tours == 23);
  CHECK(w.objective == Approx(23 * 5));
  double shortage = 0;
  for (const auto& day : w.days) {
    CHECK(check_schedule(rules, day.shifts).empty());
    shortage += day.report.shortage;
  }
  CHECK(shortage == 0);
  // The LP relaxation: 67/3 employees (Winston's LP optimum), 5 shifts each.
  CHECK(w.days[0].report.lp_bound == Approx(67.0 / 3 * 5));
  CHECK(w.days[0].report.phase1_optimal);
  // By enumeration: no 22 tours cover the week, some 23 do.
  CHECK_FALSE(post_office_feasible(22));
  CHECK(post_office_feasible(23));
}
