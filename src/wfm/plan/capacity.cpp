#include "wfm/plan/capacity.hpp"

#include <chrono>

#include "wfm/core/error.hpp"
#include "wfm/plan/plan.hpp"

namespace wfm::plan {

CapacityRun capacity_plan(const scenario::Scenario& s, std::optional<int> weeks) {
  const auto& c = s.capacity;
  WFM_REQUIRE(c.starting_headcount.has_value(), s.where("capacity"),
              "capacity.starting_headcount is needed for a capacity plan");
  CapacityRun r;
  r.weeks = weeks.value_or(c.weeks);
  WFM_REQUIRE(r.weeks >= 1 && r.weeks <= 520, core::at_flag("--weeks"),
              "expected 1 to 520 weeks, got {}", r.weeks);
  const core::ForecastTable demand = scenario_demand(s);
  const PlanResult base = staff_plan(demand, s);
  r.projection.base_week_fte = base.overall.fte;  // scheduled, shrinkage included
  r.projection.annual_growth = c.growth_annual;
  r.required_fte = capacity::project_required_fte(r.projection, r.weeks);
  auto& p = r.params;
  p.starting_headcount = *c.starting_headcount;
  p.attrition_annual = c.attrition_annual;
  p.hiring_lead_weeks = c.hiring_lead_weeks;
  p.training_weeks = c.training_weeks;
  p.max_hires_per_week = c.max_hires_per_week;
  const double rate = s.cost.per_agent_hour.value_or(0);
  p.cost = capacity::cost_rates_from_hourly(rate, rate, c.hours_per_fte_week);
  if (!base.daily.empty()) {
    const auto first = base.daily.front().date;
    p.start_date = first - std::chrono::days{(std::chrono::weekday{first}.iso_encoding() - 1)};
  }
  const capacity::CapacityPlanner planner(p);
  r.plan = planner.plan(r.required_fte, capacity::HireRounding::whole);
  return r;
}

}  // namespace wfm::plan
