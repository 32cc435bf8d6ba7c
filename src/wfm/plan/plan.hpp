// A scenario run end to end: demand (forecast from history, or a demand file) -> staffing per
// interval -> optional simulation check -> totals. What `wfm plan` writes and `wfm whatif` and
// `wfm capacity` build on. Engines stay const strategies: this module only wires them.
//
// Definitions (docs/plan.md):
//   required agents   on the phones, from the scenario's engine and targets (staffing::solve);
//   scheduled agents  required / (1 - shrinkage) (staffing::scheduled_agents);
//   agent-hours       scheduled agents x interval length, summed;
//   FTE               scheduled agent-hours per week / capacity.hours_per_fte_week; per week =
//                     agent-hours x 7 / the plan's calendar days (the forecast horizon, or the
//                     demand file's first to last day; closed days count: staff are paid by the
//                     week). A day's FTE is its agent-hours x 7 / hours_per_fte_week: the staff
//                     needed if every day of the week were like it;
//   cost              scheduled agent-hours x cost.per_agent_hour;
//   SL, abandonment   weighted by calls; ASA weighted by answered calls; occupancy = busy
//                     agent-hours / on-phone agent-hours.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "wfm/core/forecast_table.hpp"
#include "wfm/core/series.hpp"
#include "wfm/forecast/pipeline.hpp"
#include "wfm/scenario/scenario.hpp"
#include "wfm/sim/simulation.hpp"
#include "wfm/staffing/engine.hpp"

namespace wfm::plan {

// A change to the scenario, as `wfm whatif --vary` spells them. Empty: the scenario itself.
struct Variant {
  std::string label = "base";
  std::vector<std::string> values;      // grid(): this variant's value of each dimension
  double volume_factor = 1;             // multiplies calls (on top of the scenario's)
  double aht_delta_s = 0;               // added to AHT (on top of the scenario's)
  std::optional<double> service_level;  // replaces targets.service_level
  std::optional<double> threshold_s;    // replaces targets threshold
  std::optional<double> shrinkage;      // replaces the total shrinkage
  std::optional<double> patience_s;     // replaces assumptions.patience
};

struct IntervalPlan {
  std::size_t queue = 0;  // index into PlanResult::queues
  core::LocalTime start{};
  double calls = 0;  // staffed calls (after volume factor, or the upper bound planned for)
  double aht_s = 0;
  staffing::StaffingResult result;  // required agents and expected performance
  double scheduled = 0;
  std::optional<sim::Estimates> simulated;
};

struct Totals {
  double calls = 0;
  double agent_hours = 0;  // scheduled
  double phone_hours = 0;  // required (on the phones)
  double fte = 0;
  std::optional<double> cost;
  double service_level = 0;
  double asa_s = 0;
  double abandonment = 0;
  double occupancy = 0;
  std::size_t intervals = 0;
  std::size_t infeasible = 0;
  std::optional<double> simulated_sl;  // call-weighted mean of the simulated interval SLs
};

struct DayTotals {
  std::size_t queue = 0;  // index into queues; npos: all queues
  std::chrono::local_days date{};
  Totals totals;
};

struct PlanResult {
  std::string variant = "base";
  std::vector<std::string> queues;
  int interval_s = 0;
  int span_days = 7;                    // calendar days the plan covers (for FTE)
  std::vector<IntervalPlan> intervals;  // queue by queue, in time order
  std::vector<DayTotals> daily;         // per queue and day, then all queues per day
  std::vector<Totals> queue_totals;
  Totals overall;
  bool simulated = false;
};

// The demand a scenario staffs: its [demand] file, or the forecast of its [history] (`run`, when
// given, receives the forecast run with its per-queue reports; `history`, the loaded history).
core::ForecastTable scenario_demand(const scenario::Scenario& s,
                                    forecast::ForecastRun* run = nullptr,
                                    core::IntervalTable* history = nullptr);

// Staffs `demand` under scenario `s` changed by `v`. Intervals in parallel; the result does not
// depend on the thread count. Throws core::InputError (e.g. no AHT anywhere).
PlanResult staff_plan(const core::ForecastTable& demand, const scenario::Scenario& s,
                      const Variant& v = {});

// Simulates the plan's required agents (scenario [simulation] seed and replications, patience
// when given) and fills IntervalPlan::simulated and the simulated SL totals.
void simulate_plan(PlanResult& plan, const scenario::Scenario& s, const Variant& v = {},
                   const sim::ProgressFn& progress = {});

}  // namespace wfm::plan
