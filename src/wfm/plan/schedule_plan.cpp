#include "wfm/plan/schedule_plan.hpp"

#include <algorithm>
#include <utility>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "wfm/core/error.hpp"
#include "wfm/report/html.hpp"

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
  report::ScheduleSection sec;
  sec.queue = ps.queue == "*" ? "all queues" : ps.queue.empty() ? "(none)" : ps.queue;
  sec.interval_s = ps.rules.interval_s;
  sec.sl_target = s.targets.service_level;
  if (s.assumptions.patience_s) sec.erlang_model = "Erlang A";
  const schedule::ScheduleTotals t = schedule::schedule_totals(ps.run.days);
  const auto num = [](double v, int d) { return report::format_number(v, d); };
  sec.facts = {
      {"shift rules", s.schedule.rules},
      {"shifts", std::to_string(t.all.shifts)},
      {"paid hours", num(t.all.paid_hours, 2)},
      {"required hours", num(t.all.required_hours, 2)},
      {"efficiency (required / paid)", report::format_percent(t.all.efficiency, 1)},
      {"short (agent-hours under the requirement)", num(t.all.under_hours, 2)},
      {"cost of the shifts", num(t.all.shift_cost, 2)},
      {"above the best bound", report::format_percent(t.gap, 2) +
                                   (t.timed_out ? " (a day stopped at the time limit)" : "")},
  };
  if (!ps.run.rounds.empty()) {
    const auto& last = ps.run.rounds.back();
    sec.facts.push_back({"re-solving rounds", std::to_string(ps.run.rounds.size() - 1)});
    sec.facts.push_back(
        {"simulated service level (last round)", report::format_percent(last.simulated_sl, 1)});
  }
  for (std::size_t d = 0; d < ps.run.days.size(); ++d) {
    const auto& day = ps.run.days[d];
    for (std::size_t i = 0; i < day.coverage.size(); ++i) {
      const auto& c = day.coverage[i];
      if (c.required <= 0 && c.on_shift == 0) continue;  // closed: a gap in the lines
      report::CoveragePoint p;
      p.start = core::LocalTime(day.requirements.date) +
                std::chrono::seconds(static_cast<long long>(i) * ps.rules.interval_s);
      p.required = c.required;
      p.on_phone = c.on_phone;
      p.on_shift = c.on_shift;
      if (ps.run.service) {
        const auto& sv = (*ps.run.service)[d].intervals[i];
        p.erlang_sl = sv.erlang_sl;
        p.simulated_sl = sv.simulated_sl;
      }
      sec.coverage.push_back(p);
    }
  }
  return sec;
}

}  // namespace wfm::plan
