#include "wfm/pipeline/staff.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>

#include <fmt/format.h>
#include <tbb/parallel_for.h>

#include "wfm/core/error.hpp"
#include "wfm/sim/queue_days.hpp"
#include "wfm/sim/simulation_staffing.hpp"

namespace wfm::pipeline {

namespace {

// The plan's intervals as simulation queue-days, each with `agents(interval)` whole agents.
template <class AgentsOf>
sim::QueueDays queue_days_of(const StaffingPlan& plan, AgentsOf agents) {
  core::IntervalTable table;
  table.interval_s = plan.interval_s;
  table.has_aht = true;
  for (const auto& name : plan.queues) table.queues.push_back({name, {}});
  // Intervals keep the demand's order (queue by queue), which build_queue_days expects.
  for (const auto& iv : plan.intervals) {
    core::IntervalRecord r;
    r.start = iv.start;
    r.offered = iv.calls;
    r.aht_s = iv.aht_s;
    table.queues[iv.queue].intervals.push_back(r);
  }
  std::size_t next = 0;
  return sim::build_queue_days(table, [&](const core::QueueSeries&, const core::IntervalRecord&) {
    return agents(plan.intervals[next++]);
  });
}

// Counts finished units and reports them; safe to call from parallel workers.
class Counter {
 public:
  Counter(const Progress& progress, std::size_t total) : progress_(progress), total_(total) {}
  void tick() {
    const std::size_t done = ++done_;
    if (progress_) progress_(done, total_);
  }

 private:
  const Progress& progress_;
  std::size_t total_;
  std::atomic<std::size_t> done_{0};
};

void staff_by_simulation(StaffingPlan& plan, const StaffingSpec& spec, const Progress& progress) {
  const auto& t = spec.targets;
  WFM_REQUIRE(!plan.loss_system && !t.max_blocking, core::at_flag("method"),
              "staffing by simulation models a queue, not a loss system: use erlang-c or "
              "erlang-a with service level, ASA, abandonment or occupancy targets");
  WFM_REQUIRE(!spec.solve.fractional, core::at_flag("fractional"),
              "staffing by simulation staffs whole agents: remove the fractional option");
  sim::validate(spec.simulation);
  const sim::QueueDays qd =
      queue_days_of(plan, [](const StaffedInterval& iv) { return whole_agents(iv.result.agents); });
  std::vector<sim::DayStaffing> staffed(qd.days.size());
  Counter counter(progress, qd.days.size());
  tbb::parallel_for(std::size_t{0}, qd.days.size(), [&](std::size_t d) {
    staffed[d] = sim::staff_day_by_simulation(qd.days[d], spec.simulation, t, spec.solve, d);
    counter.tick();
  });
  for (std::size_t k = 0; k < plan.intervals.size(); ++k) {
    const auto [d, i] = qd.position[k];
    StaffedInterval& iv = plan.intervals[k];
    iv.analytic_agents = iv.result.agents;
    iv.result = staffed[d].intervals[i];
    iv.scheduled = staffing::scheduled_agents(iv.result.agents, spec.shrinkage, false);
  }
}

}  // namespace

int whole_agents(double agents) {
  return static_cast<int>(std::ceil(agents - 1e-9));
}

sim::SimSettings simulation_like_engine(const StaffingSpec& spec, int replications,
                                        std::uint64_t seed) {
  sim::SimSettings s;
  s.measure = spec.targets.measure;
  if (spec.engine.patience_s) {
    s.patience.dist = sim::PatienceDist::kExponential;
    s.patience.mean_s = *spec.engine.patience_s;
  }
  s.replications = replications;
  s.seed = seed;
  return s;
}

Demand demand_from_table(const core::IntervalTable& table, std::optional<double> default_aht_s) {
  WFM_REQUIRE(table.interval_s < 86400, (core::Location{table.source, 0, {}}),
              "the file has one-day intervals (daily totals): staffing needs intraday intervals, "
              "since a day's calls do not arrive evenly over 24 hours; use daily forecasts for "
              "capacity plans, and staff an intraday demand file");
  Demand d;
  d.interval_s = table.interval_s;
  for (std::size_t q = 0; q < table.queues.size(); ++q) {
    const auto& series = table.queues[q];
    d.queues.push_back(series.queue);
    for (const auto& r : series.intervals) {
      const auto aht = r.aht_s ? r.aht_s : default_aht_s;
      WFM_REQUIRE(aht || r.offered == 0, (core::Location{table.source, r.source_line, "aht_s"}),
                  "the interval has calls but no handle time: fill aht_s or give a default AHT");
      if (r.offered > 0) {
        staffing::require_supported_load({r.offered, static_cast<double>(table.interval_s), *aht},
                                         core::Location{table.source, r.source_line, "offered"});
      }
      d.intervals.push_back({q, r.start, r.offered, aht.value_or(0.0)});
    }
  }
  return d;
}

int span_days(const Demand& demand) {
  if (demand.intervals.empty()) return 1;
  auto first = std::chrono::local_days::max();
  auto last = std::chrono::local_days::min();
  for (const auto& iv : demand.intervals) {
    const auto day = std::chrono::floor<std::chrono::days>(iv.start);
    first = std::min(first, day);
    last = std::max(last, day);
  }
  return static_cast<int>((last - first).count()) + 1;
}

StaffingPlan staff(const Demand& demand, const StaffingSpec& spec, const Progress& progress) {
  WFM_REQUIRE(demand.interval_s > 0, core::Location{}, "the demand has no interval length");
  WFM_REQUIRE(spec.shrinkage >= 0 && spec.shrinkage < 1, core::at_flag("shrinkage"),
              "expected a shrinkage in [0, 1), got {}", spec.shrinkage);
  const auto engine = staffing::make_engine(spec.engine);
  staffing::validate_targets(*engine, spec.targets, spec.solve);

  StaffingPlan plan;
  plan.queues = demand.queues;
  plan.interval_s = demand.interval_s;
  plan.span_days = span_days(demand);
  plan.engine = std::string(engine->name());
  plan.method = spec.method;
  plan.loss_system = engine->is_loss_system();
  plan.models_abandonment = engine->models_abandonment();
  plan.intervals.resize(demand.intervals.size());
  const double interval_s = demand.interval_s;
  for (const auto& iv : demand.intervals) {
    if (iv.calls == 0) continue;
    staffing::require_supported_load(
        {iv.calls, interval_s, iv.aht_s},
        core::at_flag(fmt::format("queue {} at {}", demand.queues[iv.queue],
                                  core::format_local_time(iv.start))));
  }
  tbb::parallel_for(std::size_t{0}, demand.intervals.size(), [&](std::size_t i) {
    StaffedInterval& iv = plan.intervals[i];
    static_cast<IntervalDemand&>(iv) = demand.intervals[i];
    // A closed or empty interval may have no AHT; its load is 0 whatever the AHT.
    const double aht_s = iv.aht_s > 0 ? iv.aht_s : 1.0;
    iv.result = staffing::solve(*engine, {iv.calls, interval_s, aht_s}, spec.targets, spec.solve);
    iv.scheduled =
        staffing::scheduled_agents(iv.result.agents, spec.shrinkage, spec.solve.fractional);
  });
  if (spec.method == Method::kSimulation) staff_by_simulation(plan, spec, progress);
  return plan;
}

void simulate_check(StaffingPlan& plan, const sim::SimSettings& settings,
                    const Progress& progress) {
  const sim::QueueDays qd =
      queue_days_of(plan, [](const StaffedInterval& iv) { return whole_agents(iv.result.agents); });
  const sim::SimulationResult r = sim::simulate(qd.days, settings, progress);
  for (std::size_t i = 0; i < plan.intervals.size(); ++i) {
    const auto [day, k] = qd.position[i];
    plan.intervals[i].simulated = r.days[day].intervals[k];
  }
  plan.simulated = true;
  const bool sim_abandons = settings.patience.dist != sim::PatienceDist::kNone;
  plan.model_note.reset();
  if (plan.method == Method::kAnalytic && sim_abandons && !plan.models_abandonment &&
      !plan.loss_system) {
    plan.model_note = fmt::format(
        "The plan was staffed with {}, which assumes callers wait as long as it takes, but the "
        "simulation lets them hang up (mean patience {:g} s). Callers who hang up shorten the "
        "queue for everyone else, so the simulated service level is higher than the expected one "
        "and the plan may be overstaffed; staff with erlang-a and the same patience to compare "
        "like with like.",
        plan.engine, settings.patience.mean_s);
  } else if (plan.method == Method::kAnalytic && !sim_abandons && plan.models_abandonment) {
    plan.model_note = fmt::format(
        "The plan was staffed with {}, which counts on callers hanging up, but the simulation "
        "has no patience (callers wait as long as it takes). The queue is longer in the "
        "simulation, so the simulated service level is lower than the expected one; give the "
        "simulation the same patience to compare like with like.",
        plan.engine);
  }
}

}  // namespace wfm::pipeline
