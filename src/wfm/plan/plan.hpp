// A scenario run end to end: demand (forecast from history, or a demand file) -> staffing per
// interval -> optional simulation check -> totals. What `wfm plan` writes and `wfm whatif` and
// `wfm capacity` build on. Engines stay const strategies: this module only wires them.
//
// Staffing, the simulation check and the totals are the one pipeline's (pipeline/staff.hpp,
// pipeline/totals.hpp, where agent-hours and FTE are defined); this module turns a scenario and
// a what-if variant into the pipeline's demand, spec and totals basis. The plan's calendar span
// (the basis of weekly FTE) is the forecast horizon, or the demand file's first to last day.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "wfm/core/forecast_table.hpp"
#include "wfm/core/series.hpp"
#include "wfm/forecast/pipeline.hpp"
#include "wfm/scenario/scenario.hpp"
#include "wfm/pipeline/staff.hpp"
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

using IntervalPlan = pipeline::StaffedInterval;
using Totals = pipeline::Totals;
using DayTotals = pipeline::DayTotals;

// A staffed scenario variant: the pipeline's plan (intervals and totals) and the variant's label.
struct PlanResult : pipeline::StaffingPlan {
  std::string variant = "base";
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
// when given), fills IntervalPlan::simulated, the simulated SL totals and the model note.
void simulate_plan(PlanResult& plan, const scenario::Scenario& s, const Variant& v = {},
                   const sim::ProgressFn& progress = {});

}  // namespace wfm::plan
