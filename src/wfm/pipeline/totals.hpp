// Totals of a staffing plan: the one written definition of agent-hours, FTE, cost and the
// weighted measures, used by `wfm staff`, `wfm plan`, `wfm whatif`, `wfm capacity` and the
// report (docs/formats.md, docs/plan.md).
//
//   required hours    required agents (on the phones) x interval length, summed
//   scheduled hours   scheduled agents (required / (1 - shrinkage)) x interval length, summed:
//                     the paid agent-hours
//   FTE               scheduled hours per week / paid hours of one FTE per week (default 37.5).
//                     Per week = scheduled hours x 7 / the plan's calendar days (its first to last
//                     day, closed days included: staff are paid by the week). A day's FTE is its
//                     scheduled hours x 7 / paid hours per week: the staff needed if every day of
//                     the week were like it.
//   cost              scheduled hours x cost per agent-hour (when given)
//   service level     weighted by calls; 1 when there are no calls (no call missed). A backlog
//                     (email) queue's items count against their own deadline: items done in
//                     time / items due within the plan (items due after its end are left out)
//   abandonment,      weighted by calls; 0 without calls
//   blocking
//   ASA               weighted by answered calls (calls x (1 - abandonment - blocking)); 0 when
//                     none are answered
//   occupancy         busy hours (occupancy x required agents x interval length) / required hours
//   peaks             the largest required and scheduled agents of one interval
//   simulated SL      weighted by calls over the intervals the simulation check measured (a
//                     backlog queue's: by its items due within the plan, as its service level)
#pragma once

#include <optional>

#include "wfm/pipeline/staff.hpp"

namespace wfm::pipeline {

struct TotalsBasis {
  double paid_hours_per_fte_week = 37.5;      // > 0, <= 168
  std::optional<double> cost_per_agent_hour;  // >= 0; absent: no cost
};

// FTE of `scheduled_hours` spread over `days` calendar days (the definition above).
double fte(double scheduled_hours, double days, double paid_hours_per_fte_week);

// Fills plan.daily, plan.queue_totals and plan.overall from plan.intervals. Throws
// core::InputError when the basis is out of range.
void compute_totals(StaffingPlan& plan, const TotalsBasis& basis);

}  // namespace wfm::pipeline
