#include "wfm/pipeline/outputs.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <string>
#include <vector>

namespace wfm::pipeline {

namespace {

nlohmann::json number(double x) {
  return std::isfinite(x) ? nlohmann::json(x) : nlohmann::json();
}

// The estimates in column order, with their names.
template <class F>
void for_each_estimate(const sim::Estimates& e, F f) {
  f("offered", e.offered);
  f("answered", e.answered);
  f("abandoned", e.abandoned);
  f("unfinished", e.unfinished);
  f("service_level", e.service_level);
  f("p_wait", e.p_wait);
  f("asa_s", e.asa_s);
  f("abandon_rate", e.abandon_rate);
  f("occupancy", e.occupancy);
  f("queue_length", e.queue_length);
  f("blocked", e.blocked);
  f("blocking", e.blocking);
  f("outbound", e.outbound);
  f("total_occupancy", e.total_occupancy);
}

void finite_or_empty(io::TableWriter& w, double x) {
  if (std::isfinite(x))
    w.field(x);
  else
    w.empty_field();
}

}  // namespace

nlohmann::json interval_json(const staffing::IntervalLoad& load, const staffing::StaffingResult& r,
                             const staffing::ServiceTargets& targets,
                             std::optional<double> patience_s, double shrinkage,
                             double scheduled_agents) {
  const staffing::ServiceMeasure& measure = targets.measure;
  nlohmann::json j;
  j["model"] = std::string(r.model);
  j["calls"] = load.calls;
  j["interval_s"] = load.interval_s;
  j["aht_s"] = load.aht_s;
  j["patience_s"] = patience_s ? number(*patience_s) : nlohmann::json();
  j["offered_load_erlangs"] = r.offered_load;
  j["agents"] = r.agents;
  j["shrinkage"] = shrinkage;
  j["scheduled_agents"] = scheduled_agents;
  j["threshold_s"] = measure.threshold_s;
  j["sl_definition"] = std::string(staffing::to_string(measure.definition));
  j["service_level"] = number(r.service_level);
  j["p_wait"] = number(r.p_wait);
  j["asa_s"] = number(r.asa_s);
  j["occupancy"] = number(r.occupancy);
  j["abandon_rate"] = number(r.abandon_rate);
  j["blocking"] = number(r.blocking);
  j["mean_queue_length"] = number(r.mean_queue_length);
  if (r.virtual_service_level) j["virtual_service_level"] = number(*r.virtual_service_level);
  if (r.outbound) {
    j["outbound_per_hour"] = number(r.outbound->per_hour);
    j["total_occupancy"] = number(r.outbound->total_occupancy);
  }
  j["stable"] = r.stable;
  // With no target there is nothing to meet: null, never true next to an unstable queue.
  j["meets_targets"] = targets.empty() ? nlohmann::json() : nlohmann::json(r.feasible);
  return j;
}

std::string queue_label(const std::string& queue) {
  return queue.empty() ? "(none)" : queue;
}

void write_staffing_csv(std::ostream& out, const StaffingPlan& plan) {
  io::CsvWriter w(out);
  write_staffing_table(w, plan);
}

void write_staffing_table(io::TableWriter& w, const StaffingPlan& plan) {
  const bool sim = plan.method == Method::kSimulation;
  // Blend queues' outbound work: jobs per hour and total occupancy (empty for other queues).
  const bool outbound =
      plan.engine == "blend" ||
      std::find(plan.queue_engines.begin(), plan.queue_engines.end(), "blend") !=
          plan.queue_engines.end();
  // Backlog (email) queues: the items not done at the interval's end and the oldest one's age in
  // business time (empty for other queues).
  const bool backlog = std::any_of(plan.intervals.begin(), plan.intervals.end(),
                                   [](const StaffedInterval& iv) { return iv.backlog.has_value(); });
  for (const char* h :
       {"interval_start", "queue", "calls", "aht_s", "offered_load_erlangs", "agents",
        "scheduled_agents", "service_level", "p_wait", "asa_s", "occupancy", "abandon_rate"}) {
    w.field(h);
  }
  if (plan.loss_system) w.field("blocking");
  if (outbound) {
    w.field("outbound_per_hour");
    w.field("total_occupancy");
  }
  if (backlog) {
    w.field("backlog_items");
    w.field("oldest_business_age_s");
  }
  if (sim) {
    for (const char* h :
         {"analytic_agents", "service_level_hw", "asa_s_hw", "abandon_rate_hw", "occupancy_hw"}) {
      w.field(h);
    }
  }
  w.field("meets_targets");
  w.end_row();
  // Rows in time order, queues in the demand's order within an interval.
  std::vector<std::size_t> order(plan.intervals.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return plan.intervals[a].start < plan.intervals[b].start;
  });
  for (const std::size_t index : order) {
    const auto& iv = plan.intervals[index];
    const auto& r = iv.result;
    w.time_field(iv.start).field(plan.queues[iv.queue]);
    w.field(iv.calls).field(iv.aht_s).field(r.offered_load).field(r.agents).field(iv.scheduled);
    w.field(r.service_level).field(r.p_wait);
    finite_or_empty(w, r.asa_s);
    w.field(r.occupancy).field(r.abandon_rate);
    if (plan.loss_system) w.field(r.blocking);
    if (outbound) {
      if (r.outbound) {
        w.field(r.outbound->per_hour).field(r.outbound->total_occupancy);
      } else {
        w.empty_field();
        w.empty_field();
      }
    }
    if (backlog) {
      if (iv.backlog) {
        w.field(iv.backlog->backlog_items).field(iv.backlog->oldest_business_age_s);
      } else {
        w.empty_field();
        w.empty_field();
      }
    }
    if (sim) {
      w.field(iv.analytic_agents);
      if (r.error) {
        w.field(r.error->service_level).field(r.error->asa_s).field(r.error->abandon_rate);
        w.field(r.error->occupancy);
      } else {
        for (int k = 0; k < 4; ++k) w.empty_field();
      }
    }
    w.bool_field(r.feasible);
    w.end_row();
  }
}

void write_daily_csv(std::ostream& out, const StaffingPlan& plan) {
  io::CsvWriter w(out);
  write_daily_table(w, plan);
}

void write_daily_table(io::TableWriter& w, const StaffingPlan& plan) {
  for (const char* h :
       {"date", "queue", "calls", "required_agent_hours", "scheduled_agent_hours", "fte",
        "peak_agents", "peak_scheduled_agents", "service_level", "asa_s", "abandon_rate"}) {
    w.field(h);
  }
  if (plan.loss_system) w.field("blocking");
  for (const char* h : {"occupancy", "intervals", "infeasible_intervals"}) w.field(h);
  if (plan.simulated) w.field("simulated_service_level");
  w.end_row();
  for (const auto& d : plan.daily) {
    const Totals& t = d.totals;
    w.date_field(d.date);
    w.field(d.queue == std::string::npos ? std::string("*") : plan.queues[d.queue]);
    w.field(t.calls).field(t.required_hours).field(t.scheduled_hours).field(t.fte);
    w.field(t.peak_required).field(t.peak_scheduled);
    w.field(t.service_level).field(t.asa_s).field(t.abandon_rate);
    if (plan.loss_system) w.field(t.blocking);
    w.field(t.occupancy).field(static_cast<std::int64_t>(t.intervals));
    w.field(static_cast<std::int64_t>(t.infeasible));
    if (plan.simulated) w.field(t.simulated_sl);
    w.end_row();
  }
}

void write_estimate_header(io::TableWriter& w) {
  for_each_estimate(sim::Estimates{}, [&](const char* name, const sim::Estimate&) {
    w.field(name).field(std::string(name) + "_hw");
  });
}

void write_estimates(io::TableWriter& w, const sim::Estimates& e) {
  for_each_estimate(e, [&](const char*, const sim::Estimate& x) {
    if (x.defined)
      w.field(x.mean).field(x.half_width);
    else
      w.empty_field().empty_field();
  });
}

nlohmann::json estimates_json(const sim::Estimates& e) {
  nlohmann::json j;
  for_each_estimate(e, [&](const char* name, const sim::Estimate& x) {
    j[name] = x.defined ? number(x.mean) : nlohmann::json();
    j[std::string(name) + "_hw"] = x.defined ? number(x.half_width) : nlohmann::json();
  });
  return j;
}

namespace {

void write_simulation_header(io::TableWriter& w) {
  for (const char* h : {"interval_start", "queue", "calls", "agents"}) w.field(h);
  write_estimate_header(w);
  w.end_row();
}

void write_simulation_row(io::TableWriter& w, core::LocalTime start, const std::string& queue,
                          double calls, double agents, const sim::Estimates& e) {
  w.time_field(start).field(queue).field(calls).field(agents);
  write_estimates(w, e);
  w.end_row();
}

std::chrono::local_days date_of(const sim::QueueDay& day) {
  return std::chrono::floor<std::chrono::days>(day.start);
}

}  // namespace

void write_simulation_csv(std::ostream& out, const StaffingPlan& plan) {
  io::CsvWriter w(out);
  write_simulation_table(w, plan);
}

void write_simulation_table(io::TableWriter& w, const StaffingPlan& plan) {
  write_simulation_header(w);
  for (const auto& iv : plan.intervals) {
    if (!iv.simulated) continue;
    write_simulation_row(w, iv.start, plan.queues[iv.queue], iv.calls,
                         whole_agents(iv.result.agents), *iv.simulated);
  }
}

void write_simulation_csv(std::ostream& out, const SimulationRun& run) {
  io::CsvWriter w(out);
  write_simulation_table(w, run);
}

void write_simulation_table(io::TableWriter& w, const SimulationRun& run) {
  write_simulation_header(w);
  const auto& days = run.queue_days.days;
  for (std::size_t d = 0; d < days.size(); ++d) {
    for (std::size_t i = 0; i < days[d].intervals.size(); ++i) {
      if (!run.reported[d][i]) continue;
      const auto start =
          days[d].start +
          std::chrono::seconds(static_cast<long>(days[d].interval_s * static_cast<double>(i)));
      write_simulation_row(w, start, days[d].queue, days[d].intervals[i].calls,
                           days[d].intervals[i].agents, run.result.days[d].intervals[i]);
    }
  }
}

void write_simulation_daily_csv(std::ostream& out, const SimulationRun& run) {
  io::CsvWriter w(out);
  write_simulation_daily_table(w, run);
}

void write_simulation_daily_table(io::TableWriter& w, const SimulationRun& run) {
  for (const char* h : {"date", "queue"}) w.field(h);
  write_estimate_header(w);
  w.end_row();
  for (std::size_t d = 0; d < run.result.days.size(); ++d) {
    w.date_field(date_of(run.queue_days.days[d])).field(run.result.days[d].queue);
    write_estimates(w, run.result.days[d].total);
    w.end_row();
  }
}

nlohmann::json simulation_json(const SimulationRun& run) {
  const auto& s = run.settings;
  nlohmann::json j;
  j["replications"] = s.replications;
  j["seed"] = s.seed;
  j["threshold_s"] = s.measure.threshold_s;
  j["sl_definition"] = std::string(staffing::to_string(s.measure.definition));
  j["queue_days"] = run.queue_days.days.size();
  j["total"] = estimates_json(run.result.total);
  nlohmann::json per_day = nlohmann::json::array();
  for (std::size_t d = 0; d < run.result.days.size(); ++d) {
    nlohmann::json x = estimates_json(run.result.days[d].total);
    x["queue"] = run.result.days[d].queue;
    x["date"] = core::format_local_date(date_of(run.queue_days.days[d]));
    per_day.push_back(std::move(x));
  }
  j["days"] = std::move(per_day);
  return j;
}

nlohmann::json totals_json(const Totals& t) {
  nlohmann::json j{{"calls", t.calls},
                   {"required_agent_hours", t.required_hours},
                   {"scheduled_agent_hours", t.scheduled_hours},
                   {"fte", t.fte},
                   {"cost", t.cost ? nlohmann::json(*t.cost) : nlohmann::json()},
                   {"peak_agents", t.peak_required},
                   {"peak_scheduled_agents", t.peak_scheduled},
                   {"service_level", number(t.service_level)},
                   {"asa_s", number(t.asa_s)},
                   {"abandon_rate", number(t.abandon_rate)},
                   {"blocking", number(t.blocking)},
                   {"occupancy", number(t.occupancy)},
                   {"intervals", t.intervals},
                   {"infeasible_intervals", t.infeasible}};
  if (t.simulated_sl) j["simulated_service_level"] = *t.simulated_sl;
  return j;
}

}  // namespace wfm::pipeline
