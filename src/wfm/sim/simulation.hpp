// Replications of many queue-days in parallel, reduced to means with 95% confidence half-widths.
//
// Replication r of day d uses the random streams of (seed, r, first_stream + d) only, and results
// are reduced in (day, replication) order after all have run, so an explicit seed gives
// bit-identical output whatever the thread count. Ratios (service level, ASA, abandonment rate,
// occupancy) use the ratio estimator sum(y)/sum(x) over replications with its delta-method standard
// error, so a replication without calls in an interval does not make the estimate undefined; a
// measure with no calls in any replication is reported as undefined (never NaN).
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "wfm/core/progress.hpp"
#include "wfm/sim/day_simulator.hpp"
#include "wfm/sim/model.hpp"

namespace wfm::sim {

struct Estimate {
  double mean = 0;
  double half_width = 0;  // 95% confidence half-width (Student t over replications)
  bool defined = false;   // false: no call (or no agent time) to measure it on
};

struct Estimates {
  Estimate offered, answered, abandoned, unfinished, blocked;
  Estimate service_level, p_wait, asa_s, abandon_rate, occupancy, queue_length;
  Estimate blocking;  // blocked / offered (lines)
  // Blend: outbound jobs finished, and (inbound + outbound agent time) / staffed agent time;
  // occupancy is inbound only. Without blending 0 and equal to occupancy.
  Estimate outbound, total_occupancy;
};

struct DayResult {
  std::string queue;
  core::LocalTime start{};
  double interval_s = 0;
  std::vector<Estimates> intervals;
  Estimates total;
};

struct SimulationResult {
  std::vector<DayResult> days;
  Estimates total;  // every day of every queue
  int replications = 0;
};

// Estimates from per-replication tallies (tallies[r] already summed over what is measured).
// `span_s`: the time the tallies cover, for the mean queue length.
// `level`: confidence level of the half-widths.
Estimates estimate(const std::vector<IntervalTally>& per_replication,
                   const staffing::ServiceMeasure& measure, double span_s, double level = 0.95);

// The two reductions `estimate` uses, for other per-replication values (backlog_simulation.hpp):
// the mean of values[r] with its Student-t half-width, and the ratio estimator
// Σ y[r] / Σ x[r] with its delta-method half-width (undefined when Σ x is not > 0).
Estimate mean_estimate(const std::vector<double>& values, double level = 0.95);
Estimate ratio_estimate(const std::vector<double>& y, const std::vector<double>& x,
                        double level = 0.95);

// Adds x to s, field by field.
IntervalTally& operator+=(IntervalTally& s, const IntervalTally& x);

// Sums `tallies[first, last)` into one.
IntervalTally sum_tallies(const std::vector<IntervalTally>& tallies, std::size_t first,
                          std::size_t last);

using ProgressFn = core::ProgressCallback;  // reported in increasing order (core/progress.hpp)

// Runs settings.replications replications of every day (on the fast path where it applies). Day d
// draws from the random streams of (settings.seed, replication, first_stream + d): a caller that
// simulates parts of one set of days separately keeps every day's streams by passing the index of
// the part's first day.
SimulationResult simulate(const std::vector<QueueDay>& days, const SimSettings& settings,
                          const ProgressFn& progress = {}, std::uint64_t first_stream = 0);

}  // namespace wfm::sim
