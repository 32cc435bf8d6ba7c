#include "wfm/sim/simulation_staffing.hpp"

#include <cmath>

#include "wfm/core/error.hpp"
#include "wfm/core/parallel.hpp"
#include "wfm/sim/simulation.hpp"
#include "wfm/sim/simulation_engine.hpp"

namespace wfm::sim {

IntervalSimulationEngine::IntervalSimulationEngine(const std::vector<DaySimulation>& snapshots,
                                                   int interval, const SimSettings& settings)
    : snapshots_(&snapshots), interval_(interval), settings_(&settings) {}

int IntervalSimulationEngine::evaluations() const {
  std::lock_guard lock(mutex_);
  return static_cast<int>(cache_.size());
}

staffing::StaffingResult IntervalSimulationEngine::evaluate(const staffing::IntervalLoad& load,
                                                            double agents,
                                                            const staffing::ServiceMeasure& measure,
                                                            staffing::Detail) const {
  WFM_ENSURE(agents >= 0 && agents == std::floor(agents) && agents < 1e9,
             "simulation needs whole agents, got {}", agents);
  WFM_ENSURE(measure.threshold_s == settings_->measure.threshold_s,
             "the snapshots count answers within {} s, asked for {} s",
             settings_->measure.threshold_s, measure.threshold_s);
  WFM_ENSURE(!snapshots_->empty(), "no snapshot to simulate from");
  const int n = static_cast<int>(agents);
  {
    std::lock_guard lock(mutex_);
    const auto it = cache_.find(n);
    if (it != cache_.end()) {
      staffing::StaffingResult r = it->second;
      r.offered_load = load.offered_load();
      return r;
    }
  }
  const std::vector<DaySimulation>& snapshots = *snapshots_;
  std::vector<IntervalTally> tallies(snapshots.size());
  core::parallel_for(0, snapshots.size(), [&](std::size_t r) {
    DaySimulation sim = snapshots[r];
    sim.set_agents(interval_, n);
    sim.run_interval(interval_);
    sim.drain();
    tallies[r] = sim.tally(interval_);
  });
  const Estimates e = estimate(tallies, measure, load.interval_s);
  staffing::StaffingResult r =
      staffing_result(e, name(), load.offered_load(), agents, static_cast<int>(snapshots.size()),
                      outbound_job_s(*settings_, load.aht_s));
  std::lock_guard lock(mutex_);
  cache_.emplace(n, r);
  return r;
}

DayStaffing staff_day_by_simulation(const QueueDay& day, const SimSettings& settings,
                                    const staffing::ServiceTargets& targets,
                                    const staffing::SolveOptions& options, std::uint64_t stream_id,
                                    const std::function<void(int interval)>& on_interval) {
  validate(settings);
  validate(day);
  WFM_REQUIRE(!options.fractional, core::at_flag("--fractional"),
              "staffing by simulation staffs whole agents: remove the fractional option");
  SimSettings s = settings;
  s.measure = targets.measure;
  staffing::SolveOptions o = options;
  o.min_agents = std::ceil(options.min_agents);

  std::vector<DaySimulation> snapshots;
  snapshots.reserve(static_cast<std::size_t>(s.replications));
  for (int r = 0; r < s.replications; ++r) {
    snapshots.emplace_back(day, s, static_cast<std::uint64_t>(r), stream_id);
  }
  staffing::validate_targets(IntervalSimulationEngine(snapshots, 0, s), targets, o);

  DayStaffing out;
  const int n = static_cast<int>(day.intervals.size());
  for (int i = 0; i < n; ++i) {
    const SimInterval& iv = day.intervals[static_cast<std::size_t>(i)];
    const IntervalSimulationEngine engine(snapshots, i, s);
    // An interval without calls may have no AHT; its load is 0 whatever the AHT.
    const staffing::IntervalLoad load{iv.calls, day.interval_s, iv.aht_s > 0 ? iv.aht_s : 1.0};
    o.start = iv.agents;
    staffing::StaffingResult result = staffing::solve(engine, load, targets, o);
    out.evaluations += engine.evaluations();
    const int agents = static_cast<int>(result.agents);
    core::parallel_for(0, snapshots.size(), [&](std::size_t r) {
      snapshots[r].set_agents(i, agents);
      snapshots[r].run_interval(i);
      snapshots[r].discard_closed_tallies();
    });
    out.intervals.push_back(result);
    if (on_interval) on_interval(i);
  }
  return out;
}

}  // namespace wfm::sim
