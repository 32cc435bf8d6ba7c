// One replication of one queue-day as a resumable object: the discrete-event engine whose whole
// state (event heap, waiting callers, agents, tallies, random-stream positions) is a value.
//
// Why: staffing a day by simulation decides interval i with the agents of 0..i-1 already chosen.
// Re-simulating the day from its start for every candidate costs O(intervals^2) per day; a copy
// of the state at the start of interval i costs only what is in the system then (once the tallies
// of closed intervals are discarded). A copy continues exactly as the original would (tested:
// copy-then-continue equals a continuous run).
//
// Events sit in one binary heap ordered by (time, kind, sequence number). At equal times the
// order is: interval boundary (staffing and arrival rate change), service completion, abandonment,
// arrival. So an agent freed at time t serves a caller arriving at t, and a caller whose patience
// runs out at the instant an agent frees is served. Abandonment timers of callers already served
// are not removed from the heap but skipped when they come up (lazily), as OMNeT++ does.
// Calls are counted in the interval in which they arrive (offered, answered, abandoned, service
// level, ASA); time-based measures (occupancy, queue length) in the interval in which time passes.
//
// Agents of interval i are applied at its boundary (set_agents before running into it; by default
// the day's). drain() ends the day at the current point: no call arrives after it, staffing stays
// as it is, and the agents present answer the callers still waiting; time after it is not
// tallied. A run of the whole day followed by drain() is simulate_day (day_simulator.hpp), which
// is implemented so; its test compares it bit for bit with the implementation before this class.
// The random streams are those of (settings.seed, replication, stream_id) (random.hpp), drawn in
// the same order as before, so a seed gives the same calls.
//
// Chat (settings.chat, model.hpp): busy counts chats in service and the staffed capacity is
// agents x concurrency (so occupancy is the share of chat slots used). When an agent's number of
// chats changes, the work done by each of its chats is settled at the old speed and its
// completion rescheduled at the new one; the superseded completion events carry an older version
// number and are skipped when they come up. A chat's CallRecord::handle_s is its work (seconds at
// the speed of a chat handled alone), not its time in service. When staffing drops by d, the d
// agents holding the fewest chats wind down: they take no new chat and leave once their last chat
// ends (an idle one at once); until then, they are the d holding the fewest. With one chat per
// agent that is the voice rule (the first d agents to be free leave), and the simulation is the
// voice simulation call for call (tested).
//
// Blend (settings.blend): after every boundary and completion (and not after a drain), agents
// with no call waiting start outbound jobs while at least the threshold of agents stays idle;
// a completion event with data 1 is an outbound job's. busy counts inbound calls only, outbound_s
// the agent-seconds on outbound jobs.
#pragma once

#include <cstdint>
#include <functional>
#include <set>
#include <utility>
#include <vector>

#include "wfm/sim/model.hpp"
#include "wfm/sim/random.hpp"

namespace wfm::sim {

// Totals of one interval in one replication.
struct IntervalTally {
  double offered = 0;
  double answered = 0;
  double abandoned = 0;
  double blocked = 0;           // found every line busy (SimSettings::lines); counted in offered
  double unfinished = 0;        // still waiting when the simulation ended (no agents, no patience)
  double delayed = 0;           // had to wait (found every agent busy)
  double answered_within = 0;   // answered with wait <= threshold
  double abandoned_within = 0;  // abandoned with wait <= threshold
  double wait_answered_s = 0;   // sum of waits of answered calls
  double wait_abandoned_s = 0;  // sum of waits of abandoned calls
  double busy_s = 0;            // agent-seconds on calls in the interval
  double available_s = 0;       // agent-seconds staffed (or busy, if above staffing) in it
  double queue_s = 0;           // caller-seconds waiting in it
  double outbound_s = 0;        // agent-seconds on outbound jobs in it (SimSettings::blend)
  double outbound_done = 0;     // outbound jobs finished in it
};

enum class CallOutcome { kAnswered, kAbandoned, kUnfinished, kBlocked };

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

class DaySimulation {
 public:
  // `day` and `settings` (and `recorder`, if given) must outlive the object and its copies.
  // Agents default to day.intervals[i].agents. Copies share the recorder.
  DaySimulation(const QueueDay& day, const SimSettings& settings, std::uint64_t replication,
                std::uint64_t stream_id, const CallRecorder* recorder = nullptr);
  // Temporaries would dangle: refused at compile time.
  DaySimulation(QueueDay&&, const SimSettings&, std::uint64_t, std::uint64_t,
                const CallRecorder* = nullptr) = delete;
  DaySimulation(const QueueDay&, SimSettings&&, std::uint64_t, std::uint64_t,
                const CallRecorder* = nullptr) = delete;

  int intervals() const { return static_cast<int>(day_->intervals.size()); }
  // The next interval whose boundary has not been processed (intervals() once past the last).
  int next_interval() const { return next_boundary_; }
  // Time up to which events have been processed (events at exactly this time are still pending).
  double position_s() const { return position_s_; }
  bool drained() const { return drained_; }

  // Agents of `interval` from its boundary on; the boundary must still be ahead.
  void set_agents(int interval, int agents);
  // Processes every event before t_s, from position_s() to at most the day's end.
  void run_to(double t_s);
  // Processes every event before the end of `interval` (its own boundary included).
  void run_interval(int interval);
  // Ends the day at position_s(): pending arrivals are dropped and none is generated, staffing
  // stays, the agents present answer the waiting callers (or they abandon). Callers left waiting
  // (no agent, no patience) are counted unfinished. Once nobody waits, the agents' remaining
  // work changes no tally and is not simulated. Nothing can run after a drain.
  void drain();

  // Tallies of intervals [first_tally(), first_tally() + tallies().size()): every interval whose
  // boundary has been processed, less those dropped by discard_closed_tallies().
  const std::vector<IntervalTally>& tallies() const { return tallies_; }
  int first_tally() const { return first_tally_; }
  const IntervalTally& tally(int interval) const;
  // Drops the tallies that can no longer change (intervals before the current one of which no
  // caller is still waiting), so that a copy costs what is in the system, not the day so far.
  void discard_closed_tallies();

 private:
  struct Waiting {
    double arrival_s;
    std::uint64_t call;
    int interval;
    bool redial;
    bool gone;  // abandoned; removed when it reaches the front
  };

  void push(double t, int kind, std::uint64_t data);
  void advance(double t);
  IntervalTally& tally_at(int interval);
  void record(std::uint64_t call, int interval, double arrival_s, double wait_s, double handle_s,
              CallOutcome outcome, bool redial);
  void start_service(std::uint64_t call, int interval, double arrival_s, bool redial);
  void pop_front();
  void drop_gone_front();
  bool queue_empty() const { return head_ == waiting_.size(); }
  void serve_queue();
  void process(const Event& e);
  void boundary(int interval);
  int agents_of(int interval);
  void set_staffed(int agents);
  bool has_room() const;
  // Chat: the work done by agent a's chats since they were last settled, at its current speed.
  void settle(int agent);
  // Chat: new completion events for agent a's chats at the speed of its current number of chats,
  // and its place among the agents present.
  void reschedule(int agent, int chats_before);
  // Chat: winding-down agents that are idle leave.
  void release_idle();
  // Blend: agents with no call waiting start outbound jobs while `threshold` stay idle.
  void start_outbound();

  const QueueDay* day_;
  const SimSettings* settings_;
  const CallRecorder* recorder_;
  Draws draws_;
  double len_s_;
  double day_end_s_;       // no redial is scheduled at or after it (the drain point once drained)
  double day_multiplier_;  // per-day rate noise (1 without)

  std::vector<Event> heap_;  // a min-heap (std::push_heap with std::greater)
  std::uint64_t event_seq_ = 0;
  // Waiting callers in arrival order: waiting_[head_...]; waiting number of waiting_[head_] is
  // front_number_ (abandonment timers name callers by waiting number).
  std::vector<Waiting> waiting_;
  std::size_t head_ = 0;
  std::uint64_t front_number_ = 0;
  std::uint64_t next_call_ = 0;
  int live_ = 0;  // callers waiting (not abandoned)
  int busy_ = 0;
  int outbound_ = 0;  // agents on outbound jobs (blend)
  int staffed_ = 0;
  int cur_ = -1;      // current interval (-1 before the first boundary)
  double rate_ = 0;   // arrivals per second in the current interval
  double now_s_ = 0;  // time of the last event processed
  double position_s_ = 0;
  int next_boundary_ = 0;
  bool drained_ = false;
  // Chat only (settings.chat); empty for voice.
  struct Chat {
    double work_s;   // work left at since_s
    double since_s;
    int agent;
    std::uint32_t version;  // of its pending completion event
  };
  int concurrency_ = 1;
  std::vector<double> speed_;  // [c]: h(1) / h(c)
  std::vector<Chat> chats_;    // slots, reused through free_chats_
  std::vector<int> free_chats_;
  std::vector<std::vector<int>> agent_chats_;  // per agent number: its chats' slots
  std::set<std::pair<int, int>> present_;      // (chats held, agent) of every agent present
  int winding_ = 0;  // the first winding_ of present_ take no new chat and leave once idle
  std::vector<int> free_agents_;  // agent numbers free for reuse
  std::vector<std::pair<int, int>> agents_set_;  // (interval, agents) from set_agents, ahead only
  std::vector<IntervalTally> tallies_;
  int first_tally_ = 0;
};

}  // namespace wfm::sim
