// Rostering speed and quality (issue 11: "roster assignment of 500 agents under 30 s"): one week,
// Monday to Sunday, of shifts on 15-minute intervals: full-time 8 h shifts (8h30m on site with
// an unpaid meal) starting 07:00-13:00 and part-time 4 h shifts starting 08:00-16:00, every 15
// minutes (starts drawn with a fixed seed), 250 + 100 a weekday, 120 + 60 on Saturday, 60 + 40
// on Sunday. The agents are 70% full time (32-40 h, 5 days, two weekdays off) and 30% part time
// (12-24 h, 4 days, a morning or afternoon window for two in three); a third have a preferred
// start. The default [roster] rules apply (11 h rest, 6 days in a row). Prints the greedy start's
// cost, the LP-guided start's cost, the LP bound, the final cost, the bound, the gap, whether CBC
// proved optimality or hit the limit, the shifts assigned and the wall time of the whole
// assign_roster call. Usage: wfm_roster_bench [AGENTS=500] [TIME_LIMIT_S=20]
#include <chrono>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "wfm/schedule/roster.hpp"
#include "wfm/schedule/rules.hpp"

using namespace wfm::schedule;

namespace {

const char* kRules = R"([schedule]
interval = "15m"

[[shift]]
name = "ft8"
start_earliest = "07:00"
start_latest = "13:00"
paid_length = "8h"
cost_per_paid_hour = 20

[[shift.break]]
name = "meal"
duration = "30m"
window_start = "3h30m"
window_end = "4h30m"
paid = false

[[shift]]
name = "pt4"
start_earliest = "08:00"
start_latest = "16:00"
paid_length = "4h"
cost_per_paid_hour = 22
)";

}  // namespace

int main(int argc, char** argv) {
  const int n_agents = argc > 1 ? std::atoi(argv[1]) : 500;
  const double limit = argc > 2 ? std::atof(argv[2]) : 20;
  const ShiftRules rules = parse_shift_rules(kRules, "roster_bench");
  std::mt19937_64 rng(11);
  const auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  const std::chrono::local_days monday{std::chrono::year{2024} / 3 / 4};
  std::vector<RosterDay> days;
  int shifts = 0;
  for (int d = 0; d < 7; ++d) {
    const int full = d < 5 ? 250 : (d == 5 ? 120 : 60);
    const int part = d < 5 ? 100 : (d == 5 ? 60 : 40);
    RosterDay day{monday + std::chrono::days(d), {}};
    for (int i = 0; i < full; ++i) {
      const int start = pick(28, 52);  // 07:00-13:00
      day.shifts.push_back({0, start, {start + 16}});
    }
    for (int i = 0; i < part; ++i) day.shifts.push_back({1, pick(32, 64), {}});
    shifts += full + part;
    days.push_back(std::move(day));
  }
  std::vector<Agent> agents(n_agents);
  for (int a = 0; a < n_agents; ++a) {
    Agent& ag = agents[a];
    ag.id = fmt::format("A{:03}", a);
    if (a % 10 < 7) {
      ag.min_hours = 32;
      ag.max_hours = 40;
      ag.max_days = 5;
      const int off = pick(0, 6);
      ag.unavailable_weekdays = (1u << off) | (1u << ((off + pick(1, 6)) % 7));
    } else {
      ag.min_hours = 12;
      ag.max_hours = 24;
      ag.max_days = 4;
      const int w = pick(0, 2);
      if (w == 0) ag.available_to_s = 14 * 3600;
      if (w == 1) ag.available_from_s = 12 * 3600;
    }
    if (pick(0, 2) == 0) ag.preferred_start_s = pick(28, 52) * 900;
  }
  validate_agents(rules, agents, "roster_bench");
  const auto t0 = std::chrono::steady_clock::now();
  const RosterResult r = assign_roster(rules, days, agents, RosterOptions{limit, true});
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const auto& rep = r.report;
  fmt::print(
      "roster: {} agents, 7 days, {} shifts; MIP {} variables, {} rows; time limit {} s\n"
      "  greedy cost {:.2f}; LP-guided start {:.2f}; LP bound {:.2f}\n"
      "  cost {:.2f}; bound {:.2f}; gap {:.4f}%; {}\n"
      "  assigned {}, unassigned {}, agent-weeks under minimum {}\n"
      "  {:.2f} s in all: model and LP {:.2f} s, branch and bound {:.2f} s\n",
      n_agents, shifts, rep.variables, rep.rows, limit, rep.greedy_cost, rep.lp_guided_cost,
      rep.lp_bound, rep.cost, rep.bound, 100 * rep.gap,
      rep.optimal ? "optimal" : (rep.timed_out ? "time limit reached" : "not proven optimal"),
      r.entries.size(), r.unassigned.size(), r.under_minimum.size(), s, rep.lp_seconds,
      rep.bb_seconds);
  return 0;
}
