// Staffing by simulation, interval by interval in time order (the queue carried over included).
//
// Erlang formulas staff each interval as if it started empty and were stationary; a real day
// carries the queue of 10:00 into 10:15. This search staffs a queue-day the way it runs: for
// interval i, with the agents of intervals 0..i-1 already chosen, it finds the fewest agents
// whose simulated service level, for the calls arriving in interval i, meets the target with the
// given confidence (confidence 0.5: the mean meets it; 0.95: the one-sided 95% lower bound does).
// It starts from the analytic (Erlang) answer and steps down or up. Each candidate simulates the
// day from its start through interval i, then lets the queue drain with the candidate's agents
// (later intervals are not yet staffed). All candidates use the same random streams (common
// random numbers), so candidates differ only by their staffing.
#pragma once

#include <cstdint>
#include <vector>

#include "wfm/sim/model.hpp"
#include "wfm/sim/simulation.hpp"

namespace wfm::sim {

struct SequentialResult {
  std::vector<int> agents;             // per interval
  std::vector<Estimates> performance;  // per interval, with the final staffing of the day
  std::vector<bool> feasible;          // false: max_agents could not meet the target
};

// `day.intervals[i].agents` holds the starting point (the Erlang answer) for interval i.
SequentialResult staff_by_simulation(const QueueDay& day, const SimSettings& settings,
                                     double target_service_level, double confidence, int max_agents,
                                     std::uint64_t stream_id);

}  // namespace wfm::sim
