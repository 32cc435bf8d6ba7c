// The weekly requirement a capacity plan is measured against, projected from one base week.
//
// The capacity planner (planner.hpp) takes required FTE per week as headcount-equivalent: agents
// on the payroll and out of training, shrinkage already applied. This helper builds that series
// from one base week's requirement, an annual growth rate compounded weekly and optional per-week
// seasonal multipliers:
//
//   required[w] = base_week_fte / (1 - shrinkage) * (1 + annual_growth)^(w / 52) * seasonal[w % S]
//
// (seasonal[w % S] = 1 when no multipliers are given; S = seasonal.size(), usually 52, cycled
// over longer horizons). base_week_fte is the deseasonalised level: divide an observed week by its
// own multiplier first. Formulas and an example in docs/capacity.md; tested in
// tests/unit/capacity/demand_test.cpp.
#pragma once

#include <vector>

namespace wfm::capacity {

struct DemandProjection {
  double base_week_fte = 0;      // requirement of week 0 before seasonality, >= 0
  double shrinkage = 0;          // in [0, 1); 0 when base_week_fte already includes shrinkage
  double annual_growth = 0;      // > -1: 0.05 = +5 % a year, compounded weekly
  std::vector<double> seasonal;  // multipliers by week of the cycle, each >= 0; empty = all 1
};

// Throws core::InputError naming the field ("capacity.annual_growth", "capacity.seasonal[3]",
// "capacity.weeks") when a value is out of range or not finite, or weeks < 1.
std::vector<double> project_required_fte(const DemandProjection& projection, int weeks);

}  // namespace wfm::capacity
