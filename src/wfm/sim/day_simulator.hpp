// One replication of one queue-day, start to finish: the event engine (DaySimulation, in
// day_simulation.hpp, run over the whole day and drained) and, for constant staffing, the FCFS
// fast path. Memory is proportional to agents + queue length, not to calls simulated: statistics
// are added up per interval as calls finish; per-call records only when a recorder is given.
#pragma once

#include <cstdint>
#include <vector>

#include "wfm/sim/day_simulation.hpp"
#include "wfm/sim/model.hpp"

namespace wfm::sim {

// Simulates `day` once with the streams of (settings.seed, replication, stream_id).
// tallies gets one entry per interval.
void simulate_day(const QueueDay& day, const SimSettings& settings, std::uint64_t replication,
                  std::uint64_t stream_id, std::vector<IntervalTally>& tallies,
                  const CallRecorder* recorder = nullptr);

// The fast path for a day with constant staffing, no redials and no rate noise: callers taken in
// arrival order against a min-heap of agent free times (exact for FCFS). Draws the same random
// numbers in the same order as simulate_day, so both give the same calls and tallies (tested).
bool fast_path_applies(const QueueDay& day, const SimSettings& settings);
void simulate_day_fast(const QueueDay& day, const SimSettings& settings, std::uint64_t replication,
                       std::uint64_t stream_id, std::vector<IntervalTally>& tallies);

}  // namespace wfm::sim
