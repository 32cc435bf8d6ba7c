#include "wfm/plan/schedule_plan.hpp"

#include <algorithm>
#include <utility>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "wfm/core/error.hpp"
#include "wfm/schedule/report.hpp"

namespace wfm::plan {

io::StaffingPlanCsv requirements(const pipeline::StaffingPlan& plan) {
  io::StaffingPlanCsv::Entries agents;
  for (const auto& iv : plan.intervals) {
    agents[{plan.queues[iv.queue], iv.start}] = pipeline::whole_agents(iv.result.agents);
  }
  return io::StaffingPlanCsv("staffing.csv", std::move(agents));
}

core::IntervalTable staffed_demand(const pipeline::StaffingPlan& plan) {
  core::IntervalTable t;
  t.source = "forecast.csv";
  t.interval_s = plan.interval_s;
  t.has_aht = true;
  for (const auto& q : plan.queues) t.queues.push_back({q, {}});
  for (const auto& iv : plan.intervals) {
    core::IntervalRecord r;
    r.start = iv.start;
    r.offered = iv.calls;
    if (iv.aht_s > 0) r.aht_s = iv.aht_s;
    t.queues[iv.queue].intervals.push_back(r);
  }
  return t;
}

PlanSchedule schedule_plan(const pipeline::StaffingPlan& plan, const scenario::Scenario& s,
                           bool simulate) {
  WFM_ENSURE(s.schedule.enabled(), "schedule_plan without [schedule] rules");
  const auto& sc = s.schedule;
  const auto& queues = plan.queues;
  if (sc.queue.empty()) {
    WFM_REQUIRE(queues.size() == 1, s.where("schedule.queue"),
                "schedule.queue: the plan has {} queues ({}): name the one to schedule, or \"*\" "
                "for all summed",
                queues.size(), fmt::join(queues, ", "));
  } else if (sc.queue != "*") {
    WFM_REQUIRE(std::find(queues.begin(), queues.end(), sc.queue) != queues.end(),
                s.where("schedule.queue"),
                "schedule.queue: no queue \"{}\" in the plan (it has {})", sc.queue,
                fmt::join(queues, ", "));
  }
  PlanSchedule out{
      schedule::load_shift_rules(sc.rules), {}, {}, sc.queue.empty() ? queues.front() : sc.queue};
  out.solve.time_limit_s = sc.time_limit_s;
  out.solve.relative_gap = sc.gap;
  // "*" sums the queues: agents who take every queue's calls, which one queue's simulation does
  // not describe; the schedule is not simulated then.
  simulate = simulate && sc.queue != "*";
  const core::IntervalTable demand = staffed_demand(plan);
  schedule::ServiceOptions service;
  service.threshold_s = s.targets.measure.threshold_s;
  service.definition = s.targets.measure.definition;
  service.patience_s = s.assumptions.patience_s;
  service.replications = s.simulation.replications;
  service.seed = s.simulation.seed;
  out.run = schedule::run_schedule(out.rules, requirements(plan), sc.queue, out.solve,
                                   simulate ? &demand : nullptr, service, s.targets.service_level,
                                   simulate ? sc.rounds : 0, s.where("schedule.queue"),
                                   s.where("schedule.rounds"));
  return out;
}

nlohmann::json schedule_summary(const PlanSchedule& ps, const scenario::Scenario& s) {
  nlohmann::json j;
  j["rules"] = s.schedule.rules;
  j["queue"] = ps.queue;
  j.update(schedule::schedule_json(ps.run, ps.solve.time_limit_s));
  return j;
}

report::ScheduleSection schedule_section(const PlanSchedule& ps, const scenario::Scenario& s) {
  schedule::ReportOptions o;
  o.rules_label = s.schedule.rules;
  o.queue = ps.queue;
  o.sl_target = s.targets.service_level;
  if (s.assumptions.patience_s) o.erlang_model = "Erlang A";
  return schedule::report_section(ps.rules, ps.run, o);
}

}  // namespace wfm::plan
