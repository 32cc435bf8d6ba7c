// Staffing a queue-day by simulation, interval by interval in time order, in linear time.
//
// Erlang formulas staff each interval as if it started empty and were stationary; a real day
// carries the queue of 10:00 into 10:15, and with long handle times the agents of 10:00 are still
// busy at 10:15. This staffs the day the way it runs. Interval i is decided with the agents of
// intervals 0..i-1 already chosen: one DaySimulation per replication (day_simulation.hpp) is kept
// at the start of interval i (the snapshots). A candidate of n agents copies every snapshot, sets
// n agents for interval i, runs interval i and drains (no call arrives after it; its n agents
// answer the queue left; later intervals are not decided yet), then measures the calls that
// arrived in interval i over all replications. Every candidate draws the same random numbers
// (common random numbers), so candidates differ by their staffing only. The chosen count then
// advances the snapshots through interval i (without the drain).
//
// The search is the staffing solver's own (staffing::solve, solver.hpp) over an engine of one
// interval (IntervalSimulationEngine), starting from the analytic answer in
// day.intervals[i].agents: it brackets by galloping and interpolates, so a few candidates per
// interval, each cached (the solver asking twice simulates once).
//  - Targets: every queue target of the solver (service level, max ASA, max abandonment rate
//    (patience in the settings), max occupancy), met at targets.confidence: 0.5 compares the
//    simulated means, higher confidences their one-sided bounds (staffing::meets_targets); with
//    blending (settings.blend) also min outbound jobs per hour, compared by its mean.
//  - The cap: options.max_agents (default 20 x load + 1000). When the cap misses the targets the
//    interval gets the cap with feasible = false, and the day goes on with it.
//  - Results: per interval the solver's StaffingResult at the chosen count: the simulated means of
//    the interval's calls as measured for the decision (with the drain), 95% half-widths in
//    `error`. The whole day simulated with the final staffing differs where staffing drops at the
//    next boundary (fewer agents then answer the carried queue): pipeline::simulate_check
//    measures that.
//  - Monotonicity: with common random numbers the simulated measures are close to monotone in
//    agents but not exactly (an extra agent changes which handle time each call draws). The
//    answer is always a count that meets the targets where one agent fewer does not (or the
//    floor, or the cap); if a measure is not monotone, a smaller count further down that also
//    meets them may be missed. The test compares it with an exhaustive search from zero.
//  - Cost: per interval, (candidates + 1) x replications runs of one interval, plus a drain and a
//    copy of what is in the system per candidate: linear in the intervals of the day, where
//    re-simulating the day so far for every candidate was quadratic
//    (bench/sim_staffing_bench.cpp, bench/RESULTS.md).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <vector>

#include "wfm/sim/day_simulation.hpp"
#include "wfm/sim/model.hpp"
#include "wfm/staffing/solver.hpp"

namespace wfm::sim {

// The performance of n agents for one interval of a day in progress: evaluate(load, n) simulates
// candidate n from the snapshots (see above) and reports the interval's simulated means with
// 95% half-widths and the number of replications in StaffingResult::error. Results are cached
// per agent count; evaluate is safe to call from several threads. Whole agents only.
class IntervalSimulationEngine final : public staffing::StaffingEngine {
 public:
  // `snapshots`: one DaySimulation per replication, all before the boundary of `interval`,
  // counting calls at settings.measure.threshold_s. Both must outlive the engine.
  IntervalSimulationEngine(const std::vector<DaySimulation>& snapshots, int interval,
                           const SimSettings& settings);
  std::string_view name() const override { return "simulation"; }
  staffing::StaffingResult evaluate(const staffing::IntervalLoad& load, double agents,
                                    const staffing::ServiceMeasure& measure,
                                    staffing::Detail detail = {}) const override;
  bool models_abandonment() const override {
    return settings_->patience.dist != PatienceDist::kNone;
  }
  bool models_outbound() const override { return settings_->blend.has_value(); }
  // Agent counts simulated so far (cache misses).
  int evaluations() const;

 private:
  const std::vector<DaySimulation>* snapshots_;
  int interval_;
  const SimSettings* settings_;
  mutable std::mutex mutex_;
  mutable std::map<int, staffing::StaffingResult> cache_;
};

struct DayStaffing {
  std::vector<staffing::StaffingResult> intervals;  // one per interval of the day
  int evaluations = 0;                              // candidates simulated over the day
};

// Staffs `day` interval by interval (above). day.intervals[i].agents holds the starting guess
// (the analytic answer). settings.measure is replaced by targets.measure. Whole agents only
// (options.fractional is an InputError; options.min_agents is rounded up). Replication r uses
// the streams of (settings.seed, r, stream_id). on_interval(i) is called once interval i is
// decided.
DayStaffing staff_day_by_simulation(const QueueDay& day, const SimSettings& settings,
                                    const staffing::ServiceTargets& targets,
                                    const staffing::SolveOptions& options, std::uint64_t stream_id,
                                    const std::function<void(int interval)>& on_interval = {});

}  // namespace wfm::sim
