// One replication of one queue-day: the discrete-event engine.
//
// Events sit in one binary heap ordered by (time, kind, sequence number). At equal times the
// order is: interval boundary (staffing and arrival rate change), service completion, abandonment,
// arrival. So an agent freed at time t serves a caller arriving at t, and a caller whose patience
// runs out at the instant an agent frees is served. Abandonment timers of callers already served
// are not removed from the heap but skipped when they come up (lazily), as OMNeT++ does.
// Memory is proportional to agents + queue length, not to calls simulated: statistics are added
// up per interval as calls finish; per-call records only when a recorder is given.
// Calls are counted in the interval in which they arrive (offered, answered, abandoned, service
// level, ASA); time-based measures (occupancy, queue length) in the interval in which time passes.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "wfm/sim/model.hpp"

namespace wfm::sim {

// Totals of one interval in one replication.
struct IntervalTally {
  double offered = 0;
  double answered = 0;
  double abandoned = 0;
  double unfinished = 0;        // still waiting when the simulation ended (no agents, no patience)
  double delayed = 0;           // had to wait (found every agent busy)
  double answered_within = 0;   // answered with wait <= threshold
  double abandoned_within = 0;  // abandoned with wait <= threshold
  double wait_answered_s = 0;   // sum of waits of answered calls
  double wait_abandoned_s = 0;  // sum of waits of abandoned calls
  double busy_s = 0;            // agent-seconds on calls in the interval
  double available_s = 0;       // agent-seconds staffed (or busy, if above staffing) in it
  double queue_s = 0;           // caller-seconds waiting in it
};

enum class CallOutcome { kAnswered, kAbandoned, kUnfinished };

struct CallRecord {
  std::uint64_t call = 0;  // sequence number within the replication
  int interval = 0;        // arrival interval
  double arrival_s = 0;    // since the day's start
  double wait_s = 0;
  double handle_s = 0;  // 0 unless answered
  CallOutcome outcome = CallOutcome::kAnswered;
  bool redial = false;
};

using CallRecorder = std::function<void(const CallRecord&)>;

// The event calendar's order, exposed for its test: kinds in the order they run at equal times.
enum EventKind : int { kBoundary = 0, kDeparture = 1, kAbandon = 2, kArrival = 3 };
struct Event {
  double t;
  int kind;
  std::uint64_t seq;   // insertion counter: equal time and kind run first-in first-out
  std::uint64_t data;  // waiting number (abandonment), interval (boundary), redial flag (arrival)
  bool operator>(const Event& o) const;
};

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
