#include "wfm/pipeline/staff.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <optional>

#include <fmt/format.h>

#include "wfm/core/error.hpp"
#include "wfm/core/parallel.hpp"
#include "wfm/sim/backlog_simulation.hpp"
#include "wfm/sim/backlog_staffing.hpp"
#include "wfm/sim/queue_days.hpp"
#include "wfm/sim/simulation_staffing.hpp"

namespace wfm::pipeline {

namespace {

// The engine name of backlog queues in StaffingPlan::queue_engines.
constexpr const char* kBacklogEngine = "backlog";

// The engines the simulator's callers stand for (one call per agent, a queue, patience or none).
bool simulator_models(std::string_view engine) {
  return engine == "erlang-c" || engine == "erlang-a" || engine == "erlang-b" ||
         engine == "erlang-x" || engine == "chat" || engine == "blend";
}

// Queue q's engine (plans built by hand may leave queue_engines empty: the plan's engine).
const std::string& engine_of(const StaffingPlan& plan, std::size_t q) {
  return q < plan.queue_engines.size() ? plan.queue_engines[q] : plan.engine;
}

// The plan's intervals of the queues the simulator models as simulation queue-days, each with
// `agents(interval)` whole agents. `position[k]` is interval k's (day, index), or nullopt for a
// queue left out.
struct PlanDays {
  sim::QueueDays qd;
  std::vector<std::optional<std::pair<std::size_t, std::size_t>>> position;
};

template <class AgentsOf>
PlanDays queue_days_of(const StaffingPlan& plan, AgentsOf agents) {
  core::IntervalTable table;
  table.interval_s = plan.interval_s;
  table.has_aht = true;
  std::vector<std::size_t> kept;  // plan interval index of each table interval, in table order
  std::vector<std::size_t> slot(plan.queues.size(), plan.queues.size());
  for (std::size_t q = 0; q < plan.queues.size(); ++q) {
    if (!simulator_models(engine_of(plan, q))) continue;
    slot[q] = table.queues.size();
    table.queues.push_back({plan.queues[q], {}});
  }
  // Intervals keep the demand's order (queue by queue), which build_queue_days expects.
  for (std::size_t k = 0; k < plan.intervals.size(); ++k) {
    const auto& iv = plan.intervals[k];
    if (slot[iv.queue] == plan.queues.size()) continue;
    core::IntervalRecord r;
    r.start = iv.start;
    r.offered = iv.calls;
    r.aht_s = iv.aht_s;
    table.queues[slot[iv.queue]].intervals.push_back(r);
    kept.push_back(k);
  }
  std::size_t next = 0;
  PlanDays out;
  out.qd = sim::build_queue_days(table, [&](const core::QueueSeries&, const core::IntervalRecord&) {
    return agents(plan.intervals[kept[next++]]);
  });
  out.position.resize(plan.intervals.size());
  for (std::size_t i = 0; i < kept.size(); ++i) out.position[kept[i]] = out.qd.position[i];
  return out;
}

// `s` with the callers engine `e` models: its patience (exponential, or none), and Erlang X's
// lines, redials and forecast variance (a gamma rate multiplier per interval), chat's concurrency
// and handle-time profile, blend's outbound threshold and handle time.
sim::SimSettings engine_callers(sim::SimSettings s, std::string_view engine,
                                const staffing::EngineSpec& e) {
  s.patience = {};
  if (e.patience_s) {
    s.patience.dist = sim::PatienceDist::kExponential;
    s.patience.mean_s = *e.patience_s;
  }
  if (engine == "erlang-x") {
    if (e.lines && std::isfinite(*e.lines)) s.lines = static_cast<int>(std::floor(*e.lines));
    s.redial.probability = e.redial_prob.value_or(0.0);
    if (e.redial_delay_s) s.redial.delay_s = *e.redial_delay_s;
    if (e.forecast_cv && *e.forecast_cv > 0) {
      s.arrivals.noise = sim::RateNoise::kPerInterval;
      s.arrivals.cv = *e.forecast_cv;
    }
  } else {
    sim::set_channel_options(s, e);
  }
  return s;
}

// The simulation settings of queue q: `settings` with the callers of its engine when that is
// Erlang X, chat or blend (engine_callers) and the service measure of its own targets, or nullopt
// when `settings` serve as they are.
std::optional<sim::SimSettings> queue_settings(const StaffingPlan& plan, std::size_t q,
                                               const sim::SimSettings& settings) {
  std::optional<sim::SimSettings> s;
  if (q < plan.queue_engine_specs.size()) {
    const auto& engine = engine_of(plan, q);
    if (engine == "erlang-x" || engine == "chat" || engine == "blend") {
      s = engine_callers(settings, engine, plan.queue_engine_specs[q]);
    }
  }
  if (q < plan.queue_measures.size() && plan.queue_measures[q]) {
    if (!s) s = settings;
    s->measure = *plan.queue_measures[q];
  }
  return s;
}

void staff_by_simulation(StaffingPlan& plan, const StaffingSpec& spec, const Progress& progress) {
  const auto targets_of = [&](const std::string& queue) -> const staffing::ServiceTargets& {
    const auto it = spec.queue_specs.find(queue);
    return it == spec.queue_specs.end() ? spec.targets : it->second.targets;
  };
  std::vector<sim::SimSettings> settings(plan.queues.size(), spec.simulation);
  for (std::size_t q = 0; q < plan.queues.size(); ++q) {
    const auto& engine = engine_of(plan, q);
    if (engine == kBacklogEngine) continue;  // staffed by staff_backlog_queues
    WFM_REQUIRE(engine != "erlang-b" && !targets_of(plan.queues[q]).max_blocking,
                core::at_flag("method"),
                "staffing by simulation models a queue, not a loss system: use erlang-c, "
                "erlang-a, erlang-x, chat or blend with service level, ASA, abandonment, "
                "occupancy or outbound targets");
    WFM_REQUIRE(simulator_models(engine), core::at_flag("method"),
                "staffing by simulation models voice calls, chats and blending (erlang-c, "
                "erlang-a, erlang-x, chat, blend), not {}{}: staff it with the analytic method",
                engine,
                plan.queues[q].empty() ? "" : fmt::format(" (queue '{}')", plan.queues[q]));
    if (auto own = queue_settings(plan, q, spec.simulation)) settings[q] = *own;
    sim::validate(settings[q]);
  }
  WFM_REQUIRE(!spec.solve.fractional, core::at_flag("fractional"),
              "staffing by simulation staffs whole agents: remove the fractional option");
  const PlanDays pd =
      queue_days_of(plan, [](const StaffedInterval& iv) { return whole_agents(iv.result.agents); });
  const auto& days = pd.qd.days;
  std::vector<std::size_t> queue_of(days.size());
  for (std::size_t d = 0; d < days.size(); ++d) {
    queue_of[d] = static_cast<std::size_t>(
        std::find(plan.queues.begin(), plan.queues.end(), days[d].queue) - plan.queues.begin());
  }
  std::vector<sim::DayStaffing> staffed(days.size());
  core::ProgressCounter counter(progress, days.size());
  core::parallel_for(0, days.size(), [&](std::size_t d) {
    staffed[d] = sim::staff_day_by_simulation(days[d], settings[queue_of[d]],
                                              targets_of(days[d].queue), spec.solve, d);
    counter.tick();
  });
  for (std::size_t k = 0; k < plan.intervals.size(); ++k) {
    if (!pd.position[k]) continue;  // a backlog queue's
    const auto [d, i] = *pd.position[k];
    StaffedInterval& iv = plan.intervals[k];
    iv.analytic_agents = iv.result.agents;
    iv.result = staffed[d].intervals[i];
    iv.scheduled = staffing::scheduled_agents(iv.result.agents, spec.shrinkage, false);
  }
}

// Deferred work's simulation settings from `settings`: its handle-time law, arrivals (rate noise),
// seed and replications; items never abandon.
sim::SimSettings deferred_settings(const sim::SimSettings& settings) {
  sim::SimSettings items;
  items.handle = settings.handle;
  items.arrivals = settings.arrivals;
  items.seed = settings.seed;
  items.replications = settings.replications;
  return items;
}

// Staffs each backlog queue of `spec` over its whole grid (staffing::staff_backlog, or with the
// simulation method sim::staff_backlog_by_simulation) and puts its grid's intervals in place of
// the queue's demand intervals (queue by queue, as the demand).
void staff_backlog_queues(StaffingPlan& plan, const Demand& demand, const StaffingSpec& spec) {
  std::vector<std::vector<StaffedInterval>> grids(plan.queues.size());
  std::vector<bool> backlog(plan.queues.size(), false);
  for (const auto& [name, qs] : spec.queue_specs) {
    if (!qs.backlog) continue;
    const auto q = static_cast<std::size_t>(
        std::find(plan.queues.begin(), plan.queues.end(), name) - plan.queues.begin());
    backlog[q] = true;
    staffing::BacklogQueue queue;
    queue.name = name;
    queue.opening = qs.backlog->opening;
    queue.opening_source = qs.backlog->opening_source;
    for (const auto& iv : demand.intervals) {
      if (iv.queue == q) queue.intervals.push_back({iv.start, iv.calls, iv.aht_s, 0});
    }
    if (queue.intervals.empty()) continue;
    staffing::BacklogOptions o;
    o.interval_s = demand.interval_s;
    o.hours = qs.backlog->hours;
    o.target = qs.backlog->target;
    o.time_zone = qs.backlog->time_zone;
    o.closed_dates = qs.backlog->closed_dates;
    o.min_agents = whole_agents(spec.solve.min_agents);
    if (spec.solve.max_agents) {
      o.max_agents = static_cast<int>(std::floor(*spec.solve.max_agents + 1e-9));
      WFM_REQUIRE(*o.max_agents >= std::max(1, o.min_agents), core::at_flag("max_agents"),
                  "queue '{}' is staffed as backlog work with whole agents: expected a cap of at "
                  "least 1 agent and at least the minimum, got {}",
                  name, *spec.solve.max_agents);
    }
    staffing::BacklogResult r;
    // By simulation: the fluid staffing it started from (its intervals' analytic_agents).
    std::vector<double> fluid_agents;
    if (spec.method == Method::kSimulation) {
      WFM_REQUIRE(o.target.fraction < 1, core::at_flag(fmt::format("queues.{}.target", name)),
                  "email queue '{}' is staffed by simulation (method \"sim\"): expected a target "
                  "below 100%, got {}",
                  name, o.target.fraction);
      sim::BacklogSimStaffingOptions so;
      so.confidence = spec.targets.confidence;
      sim::BacklogSimStaffing staffed =
          sim::staff_backlog_by_simulation(queue, o, deferred_settings(spec.simulation), so, q);
      r = std::move(staffed.result);
      fluid_agents = std::move(staffed.fluid_agents);
    } else {
      r = staffing::staff_backlog(queue, o);
    }
    plan.backlog_deadline_intervals.resize(plan.queues.size(), 0);
    plan.backlog_deadline_intervals[q] = r.deadline_intervals;
    plan.backlog_opening.resize(plan.queues.size());
    plan.backlog_opening[q] = r.opening;
    const double dt = demand.interval_s;
    for (std::size_t t = 0; t < r.slots.size(); ++t) {
      const staffing::BacklogSlot& slot = r.slots[t];
      StaffedInterval iv;
      if (!fluid_agents.empty()) iv.analytic_agents = fluid_agents[t];
      iv.queue = q;
      iv.start = slot.start;
      iv.calls = slot.items;
      iv.aht_s = slot.handle_s;
      staffing::StaffingResult& res = iv.result;
      res.model = kBacklogEngine;
      res.offered_load = slot.items * slot.handle_s / dt;
      res.agents = slot.agents;
      res.feasible = slot.deadlines_met;
      res.service_level =
          slot.arrivals_due > 0 ? slot.arrivals_within_target / slot.arrivals_due : 1.0;
      res.p_wait = slot.items > 0 ? 1.0 : 0.0;
      res.asa_s = std::numeric_limits<double>::infinity();
      res.occupancy = slot.agents > 0 ? slot.work_done_s / (slot.agents * dt) : 0.0;
      res.mean_queue_length = slot.backlog_items;
      iv.scheduled = staffing::scheduled_agents(slot.agents, spec.shrinkage, false);
      iv.backlog = slot;
      grids[q].push_back(std::move(iv));
    }
  }
  if (std::find(backlog.begin(), backlog.end(), true) == backlog.end()) return;
  std::vector<StaffedInterval> merged;
  merged.reserve(plan.intervals.size());
  std::vector<bool> placed(plan.queues.size(), false);
  for (auto& iv : plan.intervals) {
    if (!backlog[iv.queue]) {
      merged.push_back(std::move(iv));
    } else if (!placed[iv.queue]) {
      placed[iv.queue] = true;
      for (auto& g : grids[iv.queue]) merged.push_back(std::move(g));
    }
  }
  plan.intervals = std::move(merged);
}

// Simulates each backlog queue of the plan over its grid (sim::simulate_backlog) and fills its
// intervals' `simulated` (staff.hpp, simulate_check). Streams (seed, r, first_stream + q).
// Returns, per queue, whether it was simulated.
std::vector<bool> simulate_backlog_queues(StaffingPlan& plan, const sim::SimSettings& settings,
                                          std::size_t first_stream) {
  std::vector<bool> simulated(plan.queues.size(), false);
  const sim::SimSettings items = deferred_settings(settings);
  const double dt = plan.interval_s;
  for (std::size_t q = 0; q < plan.backlog_deadline_intervals.size(); ++q) {
    if (plan.backlog_deadline_intervals[q] <= 0) continue;
    staffing::BacklogResult grid;
    grid.interval_s = plan.interval_s;
    grid.deadline_intervals = plan.backlog_deadline_intervals[q];
    if (q < plan.backlog_opening.size()) grid.opening = plan.backlog_opening[q];
    std::vector<std::size_t> at;  // plan index of each slot
    for (std::size_t i = 0; i < plan.intervals.size(); ++i) {
      const StaffedInterval& iv = plan.intervals[i];
      if (iv.queue != q || !iv.backlog) continue;
      grid.slots.push_back(*iv.backlog);
      grid.slots.back().agents = whole_agents(iv.result.agents);
      at.push_back(i);
    }
    if (grid.slots.empty()) continue;
    const sim::BacklogSimulation r = sim::simulate_backlog(grid, items, first_stream + q);
    for (std::size_t t = 0; t < at.size(); ++t) {
      const sim::BacklogEstimates& b = r.slots[t];
      sim::Estimates e;
      e.offered = b.items;
      e.answered = b.items_done;
      e.service_level = b.fraction_within_target;
      e.queue_length = b.backlog_items;
      const double capacity = grid.slots[t].agents * dt;
      if (capacity > 0) {
        e.occupancy = b.work_done_s;
        e.occupancy.mean /= capacity;
        e.occupancy.half_width /= capacity;
      }
      plan.intervals[at[t]].simulated = e;
    }
    simulated[q] = true;
  }
  return simulated;
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
              "the file has {} intervals ({} totals): staffing needs intraday intervals, since a "
              "day's calls do not arrive evenly over 24 hours; use daily or weekly forecasts for "
              "capacity plans, and staff an intraday demand file",
              table.interval_s == 86400 ? "one-day" : "one-week",
              table.interval_s == 86400 ? "daily" : "weekly");
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

ClosedIntervals close_intervals(Demand& demand, const OpenRule& rule) {
  WFM_REQUIRE(rule.min_calls >= 0 && std::isfinite(rule.min_calls), core::at_flag("--min-calls"),
              "expected a number of calls >= 0, got {}", rule.min_calls);
  ClosedIntervals closed;
  std::erase_if(demand.intervals, [&](const IntervalDemand& iv) {
    const bool outside = rule.hours && !rule.hours->contains(iv.start, demand.interval_s);
    const bool under = !outside && iv.calls < rule.min_calls;
    if (outside) ++closed.outside_hours;
    if (under) ++closed.under_minimum;
    if (outside || under) closed.calls += iv.calls;
    return outside || under;
  });
  return closed;
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
  // Each queue's engine and targets: its own (queue_specs) or the spec's.
  const std::size_t n = demand.queues.size();
  std::vector<std::unique_ptr<staffing::StaffingEngine>> own(n);
  std::vector<const staffing::StaffingEngine*> engines(n, engine.get());
  std::vector<const staffing::ServiceTargets*> targets(n, &spec.targets);
  for (const auto& [name, qs] : spec.queue_specs) {
    const auto it = std::find(demand.queues.begin(), demand.queues.end(), name);
    WFM_REQUIRE(it != demand.queues.end(), core::at_flag(fmt::format("queue {}", name)),
                "the demand has no queue '{}'", name);
    const auto q = static_cast<std::size_t>(it - demand.queues.begin());
    if (qs.backlog) {
      engines[q] = nullptr;  // staffed by staff_backlog_queues
      continue;
    }
    own[q] = staffing::make_engine(qs.engine);
    staffing::validate_targets(*own[q], qs.targets, spec.solve);
    engines[q] = own[q].get();
    targets[q] = &qs.targets;
  }

  StaffingPlan plan;
  plan.queues = demand.queues;
  plan.interval_s = demand.interval_s;
  plan.span_days = span_days(demand);
  plan.engine = std::string(engine->name());
  for (std::size_t q = 0; q < n; ++q) {
    plan.queue_engines.emplace_back(engines[q] ? engines[q]->name() : kBacklogEngine);
    const auto it = spec.queue_specs.find(demand.queues[q]);
    plan.queue_engine_specs.push_back(it == spec.queue_specs.end() ? spec.engine
                                                                   : it->second.engine);
    plan.queue_measures.push_back(
        it == spec.queue_specs.end() ? std::nullopt : std::optional(it->second.targets.measure));
  }
  plan.method = spec.method;
  plan.loss_system = engine->is_loss_system();
  plan.models_abandonment = engine->models_abandonment();
  plan.intervals.resize(demand.intervals.size());
  const double interval_s = demand.interval_s;
  for (const auto& iv : demand.intervals) {
    if (iv.calls == 0 || !engines[iv.queue]) continue;
    staffing::require_supported_load(
        {iv.calls, interval_s, iv.aht_s},
        core::at_flag(fmt::format("queue {} at {}", demand.queues[iv.queue],
                                  core::format_local_time(iv.start))));
  }
  core::parallel_for(0, demand.intervals.size(), [&](std::size_t i) {
    StaffedInterval& iv = plan.intervals[i];
    static_cast<IntervalDemand&>(iv) = demand.intervals[i];
    if (!engines[iv.queue]) return;  // a backlog queue's
    // A closed or empty interval may have no AHT; its load is 0 whatever the AHT.
    const double aht_s = iv.aht_s > 0 ? iv.aht_s : 1.0;
    iv.result = staffing::solve(*engines[iv.queue], {iv.calls, interval_s, aht_s},
                                *targets[iv.queue], spec.solve);
    iv.scheduled =
        staffing::scheduled_agents(iv.result.agents, spec.shrinkage, spec.solve.fractional);
  });
  if (spec.method == Method::kSimulation) staff_by_simulation(plan, spec, progress);
  staff_backlog_queues(plan, demand, spec);
  return plan;
}

void simulate_check(StaffingPlan& plan, const sim::SimSettings& settings,
                    const Progress& progress) {
  const PlanDays pd =
      queue_days_of(plan, [](const StaffedInterval& iv) { return whole_agents(iv.result.agents); });
  const auto& days = pd.qd.days;
  // Each Erlang X or chat queue's days (consecutive: queue by queue) with its own callers; the
  // other days together with `settings`. Every day keeps its streams (its index), whatever the
  // grouping.
  std::vector<std::optional<sim::SimSettings>> own(days.size());
  for (std::size_t q = 0; q < plan.queues.size(); ++q) {
    const auto s = queue_settings(plan, q, settings);
    if (!s) continue;
    for (std::size_t d = 0; d < days.size(); ++d) {
      if (days[d].queue == plan.queues[q]) own[d] = s;
    }
  }
  std::vector<sim::DayResult> results(days.size());
  std::size_t done_before = 0;
  const auto run = [&](std::size_t first, std::size_t last, const sim::SimSettings& s) {
    const std::vector<sim::QueueDay> part(days.begin() + static_cast<std::ptrdiff_t>(first),
                                          days.begin() + static_cast<std::ptrdiff_t>(last));
    const std::size_t offset = done_before;
    const auto r = sim::simulate(
        part, s,
        [&](std::size_t done, std::size_t) {
          if (progress)
            progress(offset + done, days.size() * static_cast<std::size_t>(s.replications));
        },
        first);
    for (std::size_t d = first; d < last; ++d) results[d] = r.days[d - first];
    done_before += part.size() * static_cast<std::size_t>(s.replications);
  };
  for (std::size_t first = 0; first < days.size();) {
    std::size_t last = first + 1;
    const bool mine = own[first].has_value();
    while (last < days.size() && own[last].has_value() == mine &&
           (!mine || days[last].queue == days[first].queue)) {
      ++last;
    }
    run(first, last, mine ? *own[first] : settings);
    first = last;
  }
  for (std::size_t i = 0; i < plan.intervals.size(); ++i) {
    if (!pd.position[i]) continue;
    const auto [day, k] = *pd.position[i];
    plan.intervals[i].simulated = results[day].intervals[k];
  }
  const std::vector<bool> backlog_done = simulate_backlog_queues(plan, settings, days.size());
  plan.unsimulated.clear();
  for (std::size_t q = 0; q < plan.queues.size(); ++q) {
    if (!simulator_models(engine_of(plan, q)) && !backlog_done[q])
      plan.unsimulated.push_back(plan.queues[q]);
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
  if (!plan.unsimulated.empty()) {
    std::string names;
    for (const auto& q : plan.unsimulated)
      names += fmt::format("{}'{}'", names.empty() ? "" : ", ", q);
    const std::string note = fmt::format(
        "Not simulated: {} (the simulator does not model these queues' engines, so their figures "
        "are the engine's only).",
        names);
    plan.model_note = plan.model_note ? *plan.model_note + " " + note : note;
  }
}

}  // namespace wfm::pipeline
