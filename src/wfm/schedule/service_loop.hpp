// Closing the loop between the schedule and the service it delivers (issue 11): schedule, simulate
// the schedule (simulate.hpp), raise the requirement by one agent in every interval whose
// simulated service level misses the target, and re-solve, for a few rounds. Each round is
// reported (paid hours and cost against the simulated service level), so a planner sees what the
// last points of service cost. Requirements only rise, so with days solved to optimality the cost
// never falls from one round to the next. Tested in tests/unit/schedule/service_loop_test.cpp.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "wfm/core/error.hpp"
#include "wfm/core/series.hpp"
#include "wfm/io/staffing_csv.hpp"
#include "wfm/schedule/outputs.hpp"
#include "wfm/schedule/simulate.hpp"

namespace wfm::schedule {

struct LoopRound {
  double paid_hours = 0;
  double cost = 0;
  std::optional<double> erlang_sl;     // calls-weighted over every day
  std::optional<double> simulated_sl;  // calls-weighted over every day
  int intervals_below = 0;             // intervals with calls whose simulated SL < target
};

struct LoopResult {
  std::vector<LoopRound> rounds;  // round 0 is the schedule of the requirements as given
  std::vector<DayResult> days;    // the last round's schedule
  std::vector<DayService> service;
};

// `rounds` >= 1 re-solves at most that many times after the first schedule; stops early when
// every interval meets `sl_target`.
LoopResult schedule_to_service(const ShiftRules& rules, std::vector<DayRequirements> days,
                               const core::IntervalTable& demand, const std::string& queue,
                               const SolveOptions& solve, const ServiceOptions& service,
                               double sl_target, int rounds);

// What `wfm schedule` and the Python module's wfm.schedule run, in one place: the plan's
// requirements for `queue` (requirements.hpp: a queue, "*" summed, "" for a single-queue plan)
// scheduled day by day; with `demand`, the schedule simulated against it (one queue: the one
// named, or the plan's first); with `rounds` > 0 also the loop above to `sl_target`.
struct ScheduleRun {
  std::vector<DayResult> days;
  std::optional<std::vector<DayService>> service;  // with a demand
  std::vector<LoopRound> rounds;                   // with rounds > 0
};

// Throws core::InputError (at `demand_where` / `rounds_where`) for a demand with queue "*",
// rounds outside 0-20, rounds without a demand, or a target outside (0, 1).
ScheduleRun run_schedule(const ShiftRules& rules, const io::StaffingPlanCsv& plan,
                         const std::string& queue, const SolveOptions& solve,
                         const core::IntervalTable* demand, const ServiceOptions& service,
                         std::optional<double> sl_target, int rounds,
                         const core::Location& demand_where = {},
                         const core::Location& rounds_where = {});

// Every day's coverage totals added up, with the bound: gap = (cost - sum of the days' best
// bounds) / cost (0 with no cost), a week of tours' bound counted once; timed_out when any day
// stopped at the time limit.
struct ScheduleTotals {
  CoverageTotals all;  // efficiency = required_hours / paid_hours over every day
  double best_bound = 0;
  double gap = 0;
  bool timed_out = false;
  // Agent-hours on shift (on the phones) on dates outside the days: DayResult::past_plan, the
  // overnight shifts running past the plan's last day. Their paid hours and cost are in `all`.
  double past_plan_on_shift_hours = 0;
  double past_plan_on_phone_hours = 0;
};
ScheduleTotals schedule_totals(const std::vector<DayResult>& days);

// `wfm schedule --json` and summary.json's "schedule": time_limit_s, rounds (paid_hours, cost,
// erlang_sl, simulated_sl, intervals_below_target; only when the loop ran), days (the day table's
// fields, write_days_table) and total (shifts, paid_hours, required_hours, under_hours,
// over_hours, intervals_short, efficiency, shift_cost, cost, best_bound, gap, timed_out,
// past_plan_on_shift_hours, past_plan_on_phone_hours).
nlohmann::json schedule_json(const ScheduleRun& run, double time_limit_s);

}  // namespace wfm::schedule
