// plan::capacity_plan on the bundled sample scenario: week 0's requirement is the staffing plan's
// FTE, growth compounds from there, week 0 starts on a Monday, the planner gets the scenario's
// [capacity] table, and missing or out-of-range settings are InputErrors naming what to fix.
#include <catch2/catch.hpp>

#include <chrono>
#include <string>

#include "wfm/core/error.hpp"
#include "wfm/plan/capacity.hpp"
#include "wfm/plan/plan.hpp"
#include "wfm/scenario/load.hpp"

using namespace wfm;

namespace {

const scenario::Scenario& sample() {
  static const scenario::Scenario s =
      scenario::load_scenario(std::string(WFM_SOURCE_DIR) + "/scenarios/sample.toml");
  return s;
}

}  // namespace

TEST_CASE("capacity_plan: week 0 is the scenario's staffing plan", "[plan][capacity]") {
  const auto& s = sample();
  const plan::CapacityRun r = plan::capacity_plan(s, 20);
  CHECK(r.weeks == 20);
  REQUIRE(r.required_fte.size() == 20);
  REQUIRE(r.plan.weeks.size() == 20);
  const auto base = plan::staff_plan(plan::scenario_demand(s), s);
  CHECK(r.projection.base_week_fte == Approx(base.overall.fte));
  CHECK(r.required_fte.front() == Approx(base.overall.fte));
  CHECK(r.projection.annual_growth == s.capacity.growth_annual);
  CHECK(r.params.starting_headcount == *s.capacity.starting_headcount);
  CHECK(r.params.attrition_annual == s.capacity.attrition_annual);
  CHECK(r.params.hiring_lead_weeks == s.capacity.hiring_lead_weeks);
  CHECK(r.params.training_weeks == s.capacity.training_weeks);
  REQUIRE(r.params.start_date);
  CHECK(std::chrono::weekday{*r.params.start_date} == std::chrono::Monday);
  CHECK(*r.params.start_date <= base.daily.front().date);
  CHECK(base.daily.front().date - *r.params.start_date < std::chrono::days{7});
  // Default weeks: the scenario's.
  CHECK(plan::capacity_plan(s).weeks == s.capacity.weeks);
}

TEST_CASE("capacity_plan: input errors", "[plan][capacity]") {
  CHECK_THROWS_WITH(plan::capacity_plan(sample(), 0), "--weeks: expected 1 to 520 weeks, got 0");
  CHECK_THROWS_WITH(plan::capacity_plan(sample(), 521),
                    "--weeks: expected 1 to 520 weeks, got 521");
  auto s = sample();
  s.capacity.starting_headcount.reset();
  CHECK_THROWS_AS(plan::capacity_plan(s, 4), core::InputError);
  CHECK_THROWS_WITH(
      plan::capacity_plan(s, 4),
      Catch::Matchers::Contains("capacity.starting_headcount is needed for a capacity plan"));
}
