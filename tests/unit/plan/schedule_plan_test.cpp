// A scenario's [schedule] (issue 11): the plan schedules exactly what `wfm schedule` schedules from
// the plan's staffing.csv, the queue it schedules is named, checked and simulated as documented,
// and a bad queue is an error naming schedule.queue.
#include "wfm/plan/schedule_plan.hpp"

#include <catch2/catch.hpp>

#include <sstream>

#include "wfm/pipeline/outputs.hpp"
#include "wfm/plan/plan.hpp"
#include "wfm/scenario/load.hpp"

using namespace wfm;

namespace {

// The sample scenario with the sample shift rules for its support queue; a loose gap keeps the
// solves short and ends every day on the gap (not the clock), so two solves agree.
scenario::Scenario scheduled_sample() {
  scenario::Scenario s =
      scenario::load_scenario(std::string(WFM_SOURCE_DIR) + "/scenarios/sample.toml");
  s.schedule.rules = std::string(WFM_SOURCE_DIR) + "/data/sample/shifts.toml";
  s.schedule.queue = "support";
  s.schedule.time_limit_s = 30;
  s.schedule.gap = 0.02;
  return s;
}

const pipeline::StaffingPlan& sample_plan() {
  static const pipeline::StaffingPlan p = [] {
    const auto s = scheduled_sample();
    return plan::staff_plan(plan::scenario_demand(s), s);
  }();
  return p;
}

std::string schedule_csv(const plan::PlanSchedule& ps) {
  std::ostringstream out;
  schedule::write_schedule_csv(out, ps.rules, ps.run.days);
  return out.str();
}

}  // namespace

TEST_CASE("the plan's requirements are staffing.csv's whole agents", "[plan][schedule]") {
  const auto& p = sample_plan();
  std::stringstream csv;
  pipeline::write_staffing_csv(csv, p);
  const auto from_file = io::read_staffing_csv(csv, "staffing.csv");
  const auto direct = plan::requirements(p);
  CHECK(direct.entries() == from_file.entries());
  CHECK(direct.entries().size() == p.intervals.size());
}

TEST_CASE("the plan's schedule is the one wfm schedule makes from staffing.csv",
          "[plan][schedule]") {
  const auto s = scheduled_sample();
  const auto& p = sample_plan();
  const plan::PlanSchedule ps = plan::schedule_plan(p, s, false);
  REQUIRE(ps.queue == "support");
  REQUIRE_FALSE(ps.run.days.empty());
  CHECK_FALSE(ps.run.service.has_value());  // not simulated when not asked

  // What `wfm schedule --requirements staffing.csv --queue support` runs.
  std::stringstream csv;
  pipeline::write_staffing_csv(csv, p);
  const auto direct = schedule::run_schedule(ps.rules, io::read_staffing_csv(csv, "staffing.csv"),
                                             "support", ps.solve, nullptr, {}, std::nullopt, 0);
  REQUIRE(direct.days.size() == ps.run.days.size());
  std::ostringstream want;
  schedule::write_schedule_csv(want, ps.rules, direct.days);
  CHECK(schedule_csv(ps) == want.str());
  for (const auto& day : ps.run.days) {
    INFO("day " << &day - ps.run.days.data());
    CHECK(day.schedule.report.gap <= 0.02 + 1e-9);
    CHECK(day.totals.under_hours == 0);  // the sample rules cover the sample hours
  }
}

TEST_CASE("the plan simulates its schedule against the demand it staffed", "[plan][schedule]") {
  auto s = scheduled_sample();
  s.simulation.replications = 4;
  const auto& p = sample_plan();
  const plan::PlanSchedule ps = plan::schedule_plan(p, s, true);
  REQUIRE(ps.run.service.has_value());
  REQUIRE(ps.run.service->size() == ps.run.days.size());
  // Every support interval's calls reach the simulation, on the day and time they were staffed.
  const std::size_t q = static_cast<std::size_t>(
      std::find(p.queues.begin(), p.queues.end(), "support") - p.queues.begin());
  double staffed_calls = 0, simulated_calls = 0;
  for (const auto& iv : p.intervals) {
    if (iv.queue == q) staffed_calls += iv.calls;
  }
  for (const auto& day : *ps.run.service) {
    for (const auto& iv : day.intervals) simulated_calls += iv.calls;
  }
  CHECK(simulated_calls == Approx(staffed_calls).epsilon(1e-12));
  // The same seed gives the same simulated service.
  const plan::PlanSchedule again = plan::schedule_plan(p, s, true);
  const auto sl = [](const plan::PlanSchedule& x) {
    return schedule::service_totals(*x.run.service).simulated_sl;
  };
  REQUIRE(sl(ps).has_value());
  CHECK(*sl(ps) == *sl(again));
  // The report section carries each interval with someone required or on shift.
  const auto sec = plan::schedule_section(ps, s);
  CHECK_FALSE(sec.coverage.empty());
  for (const auto& c : sec.coverage) CHECK((c.required > 0 || c.on_shift > 0));
}

TEST_CASE("a queue the plan does not have, or none of several, names schedule.queue",
          "[plan][schedule]") {
  auto s = scheduled_sample();
  const auto& p = sample_plan();
  REQUIRE(p.queues.size() > 1);
  s.schedule.queue = "nosuch";
  CHECK_THROWS_WITH(plan::schedule_plan(p, s, false),
                    Catch::Contains("schedule.queue") && Catch::Contains("no queue \"nosuch\""));
  s.schedule.queue = "";
  CHECK_THROWS_WITH(plan::schedule_plan(p, s, false),
                    Catch::Contains("schedule.queue") && Catch::Contains("name the one"));
}
