// A scenario's long-range capacity plan: what `wfm capacity` runs.
//
// Week 0's required FTE is the scenario's staffing plan (its forecast horizon or demand file,
// staffed by staff_plan: scheduled agent-hours per week / hours per FTE-week, shrinkage included);
// it grows by capacity.growth_annual (capacity/demand.hpp). The scenario's [capacity] table
// (starting headcount, attrition, hiring lead and training weeks, class size cap) and its cost per
// agent-hour (for productive agents and trainees alike) parameterise the planner
// (capacity/planner.hpp), which plans whole hires. Week 0 starts on the Monday of the plan's first
// day. Tested in tests/unit/plan/capacity_test.cpp on the bundled sample scenario.
#pragma once

#include <optional>
#include <vector>

#include "wfm/capacity/demand.hpp"
#include "wfm/capacity/planner.hpp"
#include "wfm/scenario/scenario.hpp"

namespace wfm::plan {

struct CapacityRun {
  int weeks = 0;
  capacity::DemandProjection projection;  // base_week_fte: week 0 from the staffing plan
  std::vector<double> required_fte;       // per week
  capacity::CapacityParams params;
  capacity::CapacityPlan plan;
};

// `weeks`: nullopt for capacity.weeks. Throws core::InputError when the scenario has no
// capacity.starting_headcount, or weeks is not 1 to 520 (naming --weeks), and whatever staffing
// the scenario throws.
CapacityRun capacity_plan(const scenario::Scenario& s, std::optional<int> weeks = std::nullopt);

}  // namespace wfm::plan
