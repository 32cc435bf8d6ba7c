// The one staffing pipeline: a table of interval demand -> required and scheduled agents per
// interval, with any engine and any targets, and the simulation check of the result.
//
// `wfm staff`, `wfm plan`, `wfm whatif` and `wfm capacity` all staff through staff(); the totals
// (agent-hours, FTE, weighted SL/ASA/abandonment/occupancy) have one definition, in totals.hpp,
// and the files one format, in outputs.hpp (docs/formats.md).
//
// Two methods:
//  - analytic: each interval is staffed on its own by staffing::solve over the engine the
//    registry makes (staffing/registry.hpp): Erlang B, C or A. Intervals are independent, so they
//    are solved in parallel; each result lands in its input's slot, so nothing depends on the
//    thread count.
//  - simulation: the analytic answer first, then each queue-day is re-staffed interval by
//    interval in time order by simulation, with the queue carried over
//    (sim::staff_day_by_simulation, linear in the intervals of a day); queue-days run in
//    parallel with their own random streams, so an explicit seed gives the same plan whatever the
//    thread count. Every target of the analytic solver but blocking is supported, with the
//    confidence of ServiceTargets::confidence (min_outbound: by its mean).
// Backlog (email) queues (QueueSpec::backlog) are staffed by staffing::staff_backlog over their
// whole grid with the analytic method, and by sim::staff_backlog_by_simulation (the fluid
// staffing raised until every business day meets the target in simulation, at
// targets.confidence; random streams (seed, replication, queue index)) with the simulation
// method; the simulation check simulates them item by item (sim::simulate_backlog).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "wfm/core/opening_hours.hpp"
#include "wfm/core/progress.hpp"
#include "wfm/core/series.hpp"
#include "wfm/core/time.hpp"
#include "wfm/core/time_zone.hpp"
#include "wfm/sim/model.hpp"
#include "wfm/sim/simulation.hpp"
#include "wfm/staffing/backlog.hpp"
#include "wfm/staffing/registry.hpp"
#include "wfm/staffing/solver.hpp"

namespace wfm::pipeline {

// One interval to staff.
struct IntervalDemand {
  std::size_t queue = 0;  // index into Demand::queues
  core::LocalTime start{};
  double calls = 0;  // offered calls (fractional for forecasts), >= 0
  double aht_s = 0;  // mean handle time, > 0 when calls > 0 (0: unknown, only with no calls)
};

// The demand of one run: queues, the interval length, and the intervals queue by queue in time
// order (intervals absent from the table are closed).
struct Demand {
  std::vector<std::string> queues;
  int interval_s = 0;
  std::vector<IntervalDemand> intervals;
};

// An interval table (wfm staff's input) as demand. Intervals without AHT take default_aht_s;
// without either, an interval with calls is an InputError naming the file and line. A daily file
// (one-day intervals) is an InputError: its calls do not arrive evenly over the day.
Demand demand_from_table(const core::IntervalTable& table,
                         std::optional<double> default_aht_s = std::nullopt);

// Which intervals are staffed (wfm staff --open, --days, --min-calls): an interval outside the
// business hours (its weekday closed, or not wholly within open to close), or with fewer than
// min_calls calls, is closed: left out of the demand, so it gets no agents and its calls are in
// no total. What was closed is returned, so the command can say so.
struct OpenRule {
  std::optional<core::WeekHours> hours;  // none: every interval is within hours
  double min_calls = 0;                  // >= 0
};
struct ClosedIntervals {
  std::size_t outside_hours = 0;  // intervals outside the business hours
  std::size_t under_minimum = 0;  // within hours (or without hours), under min_calls
  double calls = 0;               // the calls of both
};
ClosedIntervals close_intervals(Demand& demand, const OpenRule& rule);

enum class Method { kAnalytic, kSimulation };

// Email and back-office work (staffing/backlog.hpp): items that may wait hours, answered a
// fraction within a business-hours response time, the backlog carried between intervals.
struct BacklogSpec {
  staffing::BacklogTarget target;
  core::WeekHours hours;                    // when items are worked (on the interval grid)
  std::optional<core::TimeZone> time_zone;  // of the times, when known (backlog.hpp)
  std::vector<std::chrono::local_days> closed_dates;  // holidays (BacklogOptions::closed_dates)
  std::vector<staffing::BacklogOpening> opening;      // waiting at the start (BacklogQueue)
  std::string opening_source;                         // its file, for messages
};

// A queue staffed with its own engine and targets (a scenario's [queues.NAME]: a chat queue, an
// Erlang X voice queue), or, with `backlog`, as deferred work (engine and targets unused).
struct QueueSpec {
  staffing::EngineSpec engine;
  staffing::ServiceTargets targets;
  std::optional<BacklogSpec> backlog;
};

struct StaffingSpec {
  staffing::EngineSpec engine;  // the analytic engine (the start of the simulation method)
  staffing::ServiceTargets targets;
  // Queues with their own engine and targets, by queue name; the others use engine and targets.
  // The simulation method and the simulation check simulate each queue with its engine's callers
  // (simulate_check); a blend queue's outbound work is simulated too, and the simulation method
  // staffs it to its min_outbound target as well (compared by the simulated mean).
  std::map<std::string, QueueSpec> queue_specs;
  staffing::SolveOptions solve;
  double shrinkage = 0;  // scheduled = required / (1 - shrinkage), in [0, 1)
  Method method = Method::kAnalytic;
  sim::SimSettings simulation;  // kSimulation: caller behaviour, seed, replications
};

// Simulation settings whose callers behave as `spec`'s engine assumes: its service measure, and its
// mean patience (exponential, Erlang A) or none. What `wfm staff --method sim` and wfm.staff use.
sim::SimSettings simulation_like_engine(const StaffingSpec& spec, int replications,
                                        std::uint64_t seed);

// The whole agents the simulation simulates for a required count (fractional counts rounded up).
int whole_agents(double agents);

// One staffed interval. `result` holds the required agents and their performance: the engine's
// for the analytic method; for the simulation method, the simulated means of the interval's calls
// as its staffing was decided (the queue left at its end drained by its own agents:
// sim/simulation_staffing.hpp) and their 95% half-widths in result.error.
//
// A backlog queue (QueueSpec::backlog) has one interval per step of its grid, from its first
// interval to its last, absent ones included (the backlog is worked there too), staffed by
// staffing::staff_backlog with the queue's whole grid at once. Its result: agents (whole),
// offered_load = items x work per item / interval length, service_level = of the interval's
// items due within the plan, the share done by their deadline (1 when none is due), p_wait 1 with
// items (an item waits at least to the next interval), asa_s +infinity (not measured: the ages are
// in `backlog`), occupancy = work done / (agents x interval length), mean_queue_length = the
// backlog items at the interval's end, feasible = every deadline due by its end met.
struct StaffedInterval : IntervalDemand {
  staffing::StaffingResult result;
  std::optional<staffing::BacklogSlot> backlog;  // backlog queues: the interval of the grid
  double scheduled = 0;                     // scheduled agents (shrinkage included)
  std::optional<double> analytic_agents;    // kSimulation: the engine's answer it started from
  std::optional<sim::Estimates> simulated;  // the simulation check (simulate_check)
};

// Totals over a set of intervals; definitions in totals.hpp.
struct Totals {
  double calls = 0;
  double required_hours = 0;   // required agents x interval hours (agents on the phones)
  double scheduled_hours = 0;  // scheduled agents x interval hours (paid, shrinkage included)
  double fte = 0;              // scheduled hours per week / paid hours per FTE per week
  std::optional<double> cost;  // scheduled hours x cost per agent-hour
  double peak_required = 0;
  double peak_scheduled = 0;
  double service_level = 0;  // call-weighted
  double asa_s = 0;          // weighted by answered calls
  double abandon_rate = 0;   // call-weighted
  double blocking = 0;       // call-weighted (Erlang B)
  double occupancy = 0;      // busy hours / required hours
  std::size_t intervals = 0;
  std::size_t infeasible = 0;
  std::optional<double> simulated_sl;  // call-weighted simulated SL of the simulation check
};

struct DayTotals {
  std::size_t queue = 0;  // index into queues; npos: all queues
  std::chrono::local_days date{};
  Totals totals;
};

struct StaffingPlan {
  std::vector<std::string> queues;
  int interval_s = 0;
  int span_days = 1;   // calendar days the plan covers: the basis of weekly FTE (totals.hpp)
  std::string engine;  // the analytic engine's name (of queues without their own)
  std::vector<std::string> queue_engines;  // per queue: the engine it was staffed with
  std::vector<staffing::EngineSpec> queue_engine_specs;  // per queue: that engine's spec
  // Per queue: the service measure of its own targets (StaffingSpec::queue_specs); nullopt: the
  // spec's. simulate_check measures such a queue with it.
  std::vector<std::optional<staffing::ServiceMeasure>> queue_measures;
  // Per queue: a backlog queue's deadline in intervals (BacklogResult::deadline_intervals), 0 for
  // the others (or empty): simulate_check simulates its grid with it.
  std::vector<int> backlog_deadline_intervals;
  // Per queue: a backlog queue's opening backlog (BacklogResult::opening), for the same (empty
  // for the others, or altogether).
  std::vector<std::vector<staffing::BacklogResult::OpeningGroup>> backlog_opening;
  Method method = Method::kAnalytic;
  bool loss_system = false;                // the engine is Erlang B (blocking, no queue)
  bool models_abandonment = false;         // the engine models abandonment
  std::vector<StaffedInterval> intervals;  // the demand's order
  std::vector<DayTotals> daily;            // per queue and day, then all queues per day
  std::vector<Totals> queue_totals;        // per queue
  Totals overall;
  bool simulated = false;  // simulate_check ran
  // Queues simulate_check left out: their engine models what the simulator does not (every
  // engine and backlog queues are simulated today); their intervals have no `simulated`.
  std::vector<std::string> unsimulated;
  // Set by simulate_check when the staffing engine and the simulation model callers
  // differently (e.g. Erlang C staffing checked with patience): a sentence for planners.
  std::optional<std::string> model_note;
};

// Progress of long work: `done` of `total` units (queue-days).
using Progress = core::ProgressCallback;  // reported in increasing order (core/progress.hpp)

// Checks the spec (InputError naming the target or setting) and staffs every interval of
// `demand`. Totals are not computed: call compute_totals (totals.hpp).
StaffingPlan staff(const Demand& demand, const StaffingSpec& spec, const Progress& progress = {});

// Simulates the plan's required agents (whole agents, rounded up) with `settings` and fills
// StaffedInterval::simulated, StaffingPlan::simulated and model_note. Recompute the totals after.
// Erlang X queues are simulated with their engine's lines, redials (probability and delay),
// patience and forecast variance (a gamma rate multiplier per interval, as Erlang X averages over);
// chat queues with their engine's concurrency, handle-time profile and patience; blend queues
// with their outbound threshold, outbound handle time and patience. A queue with its
// own targets is measured with their threshold and SL definition, the others with `settings`'.
// Backlog (email) queues are simulated over their grid by sim::simulate_backlog with `settings`'
// handle-time law, rate noise, seed and replications (items never abandon: no patience, redials
// or lines), random streams (seed, replication, number of queue-days + queue index); their
// `simulated`: offered = items arriving, answered = items done in the interval, service_level =
// the share of the interval's items due within the plan done by their deadline (the model's
// definition), occupancy = work done / (agents x interval length), queue_length = backlog items
// at the interval's end; the rest undefined.
void simulate_check(StaffingPlan& plan, const sim::SimSettings& settings,
                    const Progress& progress = {});

// Calendar days from the first to the last day with demand (1 when there is none).
int span_days(const Demand& demand);

}  // namespace wfm::pipeline
