// The staffing solver: the fewest agents that meet every target at once, over any engine.
//
// Targets: service level X within T (as ServiceMeasure defines it), max ASA, max abandonment
// rate, max occupancy, max blocking. The search assumes each measure is monotone in agents (more
// agents never worsen it: tested as a property for every engine). It starts from a square-root
// staffing guess (Halfin & Whitt 1981), brackets the answer by galloping, and scans runs of
// consecutive agent counts, which the Erlang C engine evaluates with the O(1) Erlang B
// recurrence. Fractional staffing (an option planners use to avoid rounding every interval up)
// then bisects between the integer answer and the one below on the continuous extension.
//
// The measures returned are those the search computed at the answer: for Erlang C they come from
// the O(1) recurrence and agree with a direct ErlangCEngine::evaluate to ~1e-15 relative (not
// always to the last bit). Infeasible is a result, not an exception: feasible = false with the
// cap's performance. Scheduled agents = agents / (1 - shrinkage), rounded up unless fractional.
//
// Results with an error estimate (simulation engines) are judged at ServiceTargets::confidence c:
// c = 0.5 compares the means with the targets; c > 0.5 compares the one-sided bound
// mean - z se (service level) or mean + z se (ASA, abandonment rate, occupancy), z the standard
// normal quantile of c (boost::math::normal; 1.645 for 0.95) and se the standard error, the 95%
// half-width divided by the Student t quantile t_{0.975, R-1} it was made with. Blocking has no
// error estimate and is always compared by its value.
#pragma once

#include <optional>

#include "wfm/staffing/engine.hpp"

namespace wfm::staffing {

struct ServiceTargets {
  ServiceMeasure measure;                  // threshold and definition of service level
  std::optional<double> service_level;     // minimum, in (0, 1)
  std::optional<double> max_asa_s;         // > 0
  std::optional<double> max_abandon_rate;  // in (0, 1), engines with abandonment only
  std::optional<double> max_occupancy;     // in (0, 1]
  std::optional<double> max_blocking;      // in (0, 1), loss engines (Erlang B) only
  // blend only: outbound jobs completed per hour, at least (> 0)
  std::optional<double> min_outbound_per_hour;
  double confidence = 0.5;  // in [0.5, 1); for results with an error estimate (above)

  bool empty() const {
    return !service_level && !max_asa_s && !max_abandon_rate && !max_occupancy && !max_blocking &&
           !min_outbound_per_hour;
  }
};

struct SolveOptions {
  bool fractional = false;           // continuous agents (engine must support it)
  double min_agents = 0;             // floor, also for zero-volume intervals
  std::optional<double> max_agents;  // cap; default 20 * load + 1000
  // Where the search starts (clamped to [min, cap]); default a square-root staffing guess. A
  // hint: it changes how many evaluations the search takes, not the answer of monotone measures.
  std::optional<double> start;
};

// Throws core::InputError when a target is out of range or not something `engine` models
// (abandonment without Erlang A, blocking without Erlang B, no target at all, ...).
void validate_targets(const StaffingEngine& engine, const ServiceTargets& targets,
                      const SolveOptions& options);

// True when `result` satisfies every target (at targets.confidence, when it has an error estimate).
bool meets_targets(const StaffingResult& result, const ServiceTargets& targets);

// The fewest agents meeting every target (validate_targets first). A zero-volume interval needs
// options.min_agents (0 by default).
StaffingResult solve(const StaffingEngine& engine, const IntervalLoad& load,
                     const ServiceTargets& targets, const SolveOptions& options = {});

// agents / (1 - shrinkage), rounded up to whole agents unless fractional. 0 <= shrinkage < 1.
double scheduled_agents(double agents, double shrinkage, bool fractional);

}  // namespace wfm::staffing
