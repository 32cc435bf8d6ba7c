#include "wfm/plan/plan.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <memory>

#include <tbb/parallel_for.h>

#include "wfm/core/error.hpp"
#include "wfm/forecast/special_days.hpp"
#include "wfm/io/interval_csv.hpp"
#include "wfm/sim/queue_days.hpp"
#include "wfm/sim/sequential_staffing.hpp"
#include "wfm/staffing/solver.hpp"

namespace wfm::plan {

namespace {

using Days = std::chrono::local_days;

// Keeps only the queues a scenario names (all when it names none).
void filter_queues(core::IntervalTable& table, const std::vector<std::string>& wanted,
                   const core::Location& where) {
  if (wanted.empty()) return;
  for (const auto& name : wanted) {
    const bool found = std::any_of(table.queues.begin(), table.queues.end(),
                                   [&](const auto& q) { return q.queue == name; });
    WFM_REQUIRE(found, where, "queue '{}' is not in {}", name, table.source);
  }
  std::erase_if(table.queues, [&](const core::QueueSeries& q) {
    return std::find(wanted.begin(), wanted.end(), q.queue) == wanted.end();
  });
}

std::unique_ptr<staffing::StaffingEngine> make_engine(const scenario::Scenario& s,
                                                      const Variant& v) {
  const auto patience = v.patience_s ? v.patience_s : s.assumptions.patience_s;
  if (s.staffing.method == scenario::StaffingMethod::erlang_c || !patience) {
    return std::make_unique<staffing::ErlangCEngine>();
  }
  return std::make_unique<staffing::ErlangAEngine>(*patience);
}

struct Accum {
  Totals t;
  double sl_w = 0, asa_w = 0, answered = 0, aband_w = 0, busy = 0, sim_w = 0, sim_calls = 0;

  void add(const IntervalPlan& p, double hours) {
    const auto& r = p.result;
    t.calls += p.calls;
    t.agent_hours += p.scheduled * hours;
    t.phone_hours += r.agents * hours;
    sl_w += r.service_level * p.calls;
    const double ans = p.calls * (1 - r.abandon_rate);
    if (std::isfinite(r.asa_s)) {
      asa_w += r.asa_s * ans;
      answered += ans;
    }
    aband_w += r.abandon_rate * p.calls;
    busy += r.occupancy * r.agents * hours;
    ++t.intervals;
    if (!r.feasible) ++t.infeasible;
    if (p.simulated && p.simulated->service_level.defined) {
      sim_w += p.simulated->service_level.mean * p.calls;
      sim_calls += p.calls;
    }
  }

  Totals finish(const scenario::Scenario& s, double span_days) const {
    Totals out = t;
    if (t.calls > 0) {
      out.service_level = sl_w / t.calls;
      out.abandonment = aband_w / t.calls;
    }
    out.asa_s = answered > 0 ? asa_w / answered : 0;
    out.occupancy = t.phone_hours > 0 ? busy / t.phone_hours : 0;
    out.fte = t.agent_hours * 7 / span_days / s.capacity.hours_per_fte_week;
    if (s.cost.per_agent_hour) out.cost = t.agent_hours * *s.cost.per_agent_hour;
    if (sim_calls > 0) out.simulated_sl = sim_w / sim_calls;
    return out;
  }
};

void compute_totals(PlanResult& p, const scenario::Scenario& s) {
  const double hours = p.interval_s / 3600.0;
  std::vector<Accum> per_queue(p.queues.size());
  std::map<std::pair<std::size_t, Days>, Accum> per_day;  // queue npos: all queues
  Accum all;
  for (const auto& iv : p.intervals) {
    const auto d = std::chrono::floor<std::chrono::days>(iv.start);
    per_queue[iv.queue].add(iv, hours);
    per_day[{iv.queue, d}].add(iv, hours);
    per_day[{std::string::npos, d}].add(iv, hours);
    all.add(iv, hours);
  }
  p.queue_totals.clear();
  for (const auto& a : per_queue) p.queue_totals.push_back(a.finish(s, p.span_days));
  p.daily.clear();
  for (const auto& [key, a] : per_day) p.daily.push_back({key.first, key.second, a.finish(s, 1)});
  p.overall = all.finish(s, p.span_days);
}

// Calendar days from the first to the last day with demand.
int demand_span_days(const core::ForecastTable& demand) {
  auto first = Days::max(), last = Days::min();
  for (const auto& q : demand.queues) {
    if (q.intervals.empty()) continue;
    first = std::min(first, std::chrono::floor<std::chrono::days>(q.intervals.front().start));
    last = std::max(last, std::chrono::floor<std::chrono::days>(q.intervals.back().start));
  }
  return first <= last ? static_cast<int>((last - first).count()) + 1 : 1;
}

// The plan's intervals as simulation queue-days, each interval with its required agents.
sim::QueueDays queue_days_of(const PlanResult& plan) {
  core::IntervalTable table;
  table.interval_s = plan.interval_s;
  table.has_aht = true;
  for (const auto& name : plan.queues) table.queues.push_back({name, {}});
  for (const auto& ip : plan.intervals) {
    core::IntervalRecord r;
    r.start = ip.start;
    r.offered = ip.calls;
    r.aht_s = ip.aht_s;
    table.queues[ip.queue].intervals.push_back(r);
  }
  std::size_t next = 0;
  return sim::build_queue_days(table, [&](const core::QueueSeries&, const core::IntervalRecord&) {
    return static_cast<int>(std::ceil(plan.intervals[next++].result.agents - 1e-9));
  });
}

sim::SimSettings sim_settings(const scenario::Scenario& s, const Variant& v) {
  sim::SimSettings settings;
  settings.measure = s.targets.measure;
  if (v.threshold_s) settings.measure.threshold_s = *v.threshold_s;
  if (const auto patience = v.patience_s ? v.patience_s : s.assumptions.patience_s) {
    settings.patience.dist = sim::PatienceDist::kExponential;
    settings.patience.mean_s = *patience;
  }
  settings.seed = s.simulation.seed;
  settings.replications = s.simulation.replications;
  return settings;
}

// staffing.method = "sim": each queue-day re-staffed interval by interval in time order by
// simulation, with the queue carried over (sim::staff_by_simulation, as `wfm staff --method sim`),
// starting from the analytic answer; the plan then reports the simulated performance.
void staff_by_simulation(PlanResult& p, const scenario::Scenario& s, const Variant& v,
                         double service_level, double shrinkage) {
  const sim::QueueDays qd = queue_days_of(p);
  const sim::SimSettings settings = sim_settings(s, v);
  std::vector<sim::SequentialResult> staffed(qd.days.size());
  tbb::parallel_for(std::size_t{0}, qd.days.size(), [&](std::size_t d) {
    int cap = 1000;
    for (const auto& iv : qd.days[d].intervals) cap = std::max(cap, 20 * iv.agents + 1000);
    staffed[d] = sim::staff_by_simulation(qd.days[d], settings, service_level, 0.5, cap, d);
  });
  for (std::size_t k = 0; k < p.intervals.size(); ++k) {
    const auto [d, i] = qd.position[k];
    auto& r = p.intervals[k].result;
    const sim::Estimates& e = staffed[d].performance[i];
    r.model = "simulation";
    r.agents = staffed[d].agents[i];
    r.feasible = staffed[d].feasible[i];
    if (e.service_level.defined) r.service_level = e.service_level.mean;
    if (e.p_wait.defined) r.p_wait = e.p_wait.mean;
    if (e.asa_s.defined) r.asa_s = e.asa_s.mean;
    if (e.occupancy.defined) r.occupancy = e.occupancy.mean;
    if (e.abandon_rate.defined) r.abandon_rate = e.abandon_rate.mean;
    p.intervals[k].scheduled = staffing::scheduled_agents(r.agents, shrinkage, false);
  }
}

}  // namespace

core::ForecastTable scenario_demand(const scenario::Scenario& s, forecast::ForecastRun* run,
                                    core::IntervalTable* history_out) {
  if (s.uses_demand()) {
    auto table = io::load_interval_table(s.demand.file, s.demand.csv_options());
    filter_queues(table, s.demand.queues, s.where("demand.queues"));
    core::ForecastTable f;
    f.source = table.source;
    f.interval_s = table.interval_s;
    f.has_aht = table.has_aht;
    for (const auto& q : table.queues) {
      core::QueueForecast qf;
      qf.queue = q.queue;
      for (const auto& r : q.intervals)
        qf.intervals.push_back({r.start, r.offered, {}, r.aht_s, r.source_line});
      f.queues.push_back(std::move(qf));
    }
    if (history_out) *history_out = std::move(table);
    return f;
  }
  auto history = io::load_interval_table(s.history.file, s.history.csv_options());
  filter_queues(history, s.history.queues, s.where("history.queues"));
  forecast::ForecastOptions o;
  o.method = s.forecast.method;
  o.horizon_days = s.forecast.horizon_days;
  o.start = s.forecast.start;
  o.levels = s.forecast.levels;
  if (!s.forecast.special_days.empty())
    o.special = forecast::load_special_days(s.forecast.special_days);
  o.downweight_outliers = s.forecast.outliers == scenario::OutlierPolicy::downweight;
  forecast::ForecastRun r = forecast::run_forecast(history, o);
  core::ForecastTable table = r.table;
  if (run) *run = std::move(r);
  if (history_out) *history_out = std::move(history);
  return table;
}

PlanResult staff_plan(const core::ForecastTable& demand, const scenario::Scenario& s,
                      const Variant& v) {
  const auto engine = make_engine(s, v);
  staffing::ServiceTargets targets = s.targets;
  if (v.service_level) targets.service_level = v.service_level;
  if (v.threshold_s) targets.measure.threshold_s = *v.threshold_s;
  const staffing::SolveOptions options = s.solve_options();
  staffing::validate_targets(*engine, targets, options);
  const double shrinkage = v.shrinkage.value_or(s.shrinkage.total());
  WFM_REQUIRE(shrinkage >= 0 && shrinkage < 1, core::at_flag("--vary shrinkage"),
              "expected a shrinkage in [0, 1), got {}", shrinkage);
  std::optional<std::size_t> level_index;
  if (s.staffing.plan_for_upper) {
    const auto it =
        std::find(demand.levels.begin(), demand.levels.end(), *s.staffing.plan_for_upper);
    WFM_REQUIRE(it != demand.levels.end(), s.where("staffing.plan_for"),
                "the demand has no {}% prediction interval to plan for",
                *s.staffing.plan_for_upper);
    level_index = static_cast<std::size_t>(it - demand.levels.begin());
  }
  PlanResult p;
  p.variant = v.label;
  p.interval_s = demand.interval_s;
  p.span_days = s.uses_demand() ? demand_span_days(demand) : s.forecast.horizon_days;
  const int len_min = demand.interval_s / 60;
  for (std::size_t q = 0; q < demand.queues.size(); ++q) {
    const auto& qf = demand.queues[q];
    p.queues.push_back(qf.queue);
    for (const auto& f : qf.intervals) {
      if (s.hours) {
        const auto d = std::chrono::floor<std::chrono::days>(f.start);
        const int wd = static_cast<int>(std::chrono::weekday{d}.iso_encoding()) - 1;
        const int start_min = static_cast<int>((f.start - core::LocalTime{d}).count() / 60);
        if (!s.hours->days[static_cast<std::size_t>(wd)].covers(start_min, len_min)) continue;
      }
      IntervalPlan ip;
      ip.queue = q;
      ip.start = f.start;
      const double base = level_index ? f.bounds.at(*level_index).hi : f.calls;
      ip.calls = base * s.assumptions.volume_factor * v.volume_factor;
      const auto aht = s.assumptions.aht_s ? s.assumptions.aht_s : f.aht_s;
      WFM_REQUIRE(aht.has_value(), s.where("assumptions.aht_s"),
                  "the demand of queue '{}' has no handle time at {}: set assumptions.aht_s",
                  qf.queue, core::format_local_time(f.start));
      ip.aht_s = *aht + s.assumptions.aht_adjust_s + v.aht_delta_s;
      WFM_REQUIRE(ip.aht_s > 0, s.where("assumptions.aht_adjust_s"),
                  "the adjusted handle time of queue '{}' at {} is {} s; it must stay above 0",
                  qf.queue, core::format_local_time(f.start), ip.aht_s);
      p.intervals.push_back(ip);
    }
  }
  tbb::parallel_for(std::size_t{0}, p.intervals.size(), [&](std::size_t i) {
    auto& ip = p.intervals[i];
    ip.result = staffing::solve(*engine, {ip.calls, static_cast<double>(p.interval_s), ip.aht_s},
                                targets, options);
    ip.scheduled = staffing::scheduled_agents(ip.result.agents, shrinkage, options.fractional);
  });
  if (s.staffing.method == scenario::StaffingMethod::sim) {
    WFM_REQUIRE(targets.service_level && !targets.max_asa_s && !targets.max_abandon_rate &&
                    !targets.max_occupancy && !options.fractional,
                s.where("staffing.method"),
                "staffing method sim staffs whole agents to targets.service_level only (remove "
                "the other targets or use erlang-a)");
    staff_by_simulation(p, s, v, *targets.service_level, shrinkage);
  }
  compute_totals(p, s);
  return p;
}

void simulate_plan(PlanResult& plan, const scenario::Scenario& s, const Variant& v,
                   const sim::ProgressFn& progress) {
  const sim::QueueDays qd = queue_days_of(plan);
  const sim::SimulationResult r = sim::simulate(qd.days, sim_settings(s, v), progress);
  for (std::size_t i = 0; i < plan.intervals.size(); ++i) {
    const auto [day, k] = qd.position[i];
    plan.intervals[i].simulated = r.days[day].intervals[k];
  }
  plan.simulated = true;
  compute_totals(plan, s);
}

}  // namespace wfm::plan
