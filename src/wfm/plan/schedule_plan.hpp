// A scenario's schedule (issue 11): the plan's required agents per interval turned into shifts
// with breaks under the scenario's [schedule] rules, by the flow `wfm schedule` runs
// (schedule::run_schedule, docs/scheduling.md). The requirements are the plan's required agents
// in whole agents (staffing.csv's `agents`, rounded up when fractional); with `simulate`, the
// schedule is simulated against the demand the plan staffed (calls and AHT after the scenario's
// assumptions) at targets.threshold and sl_definition, callers hanging up after
// assumptions.patience when it is given, with [simulation] seed and replications, and [schedule]
// rounds re-solve it where the simulated SL misses targets.service_level. So `wfm plan` with
// [schedule] writes the schedule `wfm schedule` would write from the plan's staffing.csv.
// Tested in tests/unit/plan/schedule_plan_test.cpp.
#pragma once

#include <nlohmann/json.hpp>

#include "wfm/io/staffing_csv.hpp"
#include "wfm/plan/plan.hpp"
#include "wfm/report/plan_report.hpp"
#include "wfm/scenario/scenario.hpp"
#include "wfm/schedule/rules.hpp"
#include "wfm/schedule/service_loop.hpp"

namespace wfm::plan {

struct PlanSchedule {
  schedule::ShiftRules rules;
  schedule::ScheduleRun run;
  schedule::SolveOptions solve;
  std::string queue;  // the queue scheduled ("*": all summed)
};

// The plan's requirements as the staffing file `wfm schedule` reads (source "staffing.csv").
io::StaffingPlanCsv requirements(const pipeline::StaffingPlan& plan);

// The demand the plan staffed, as an interval table (source "forecast.csv"): per queue and
// staffed interval, the calls and AHT after assumptions.
core::IntervalTable staffed_demand(const pipeline::StaffingPlan& plan);

// Requires s.schedule.enabled(). Throws core::InputError naming the rules file, or the scenario's
// schedule key (an unknown queue; several queues and none chosen).
PlanSchedule schedule_plan(const pipeline::StaffingPlan& plan, const scenario::Scenario& s,
                           bool simulate);

// summary.json's "schedule": rules, queue, then schedule::schedule_json (days, total, rounds).
nlohmann::json schedule_summary(const PlanSchedule& ps, const scenario::Scenario& s);

// The report's schedule section (schedule::report_section with the scenario's rules, target and
// Erlang model).
report::ScheduleSection schedule_section(const PlanSchedule& ps, const scenario::Scenario& s);

}  // namespace wfm::plan
