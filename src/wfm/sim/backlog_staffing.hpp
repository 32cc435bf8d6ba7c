// Email / backlog work staffed by simulation: the fluid staffing (staffing::staff_backlog) raised
// where the item-by-item simulation (backlog_simulation.hpp) misses the target, until it meets it
// in simulation (docs/backlog.md, "Staffing by simulation").
//
// The fluid model staffs deadlines exactly for its expected work, with no slack: with random
// arrivals and work it answers fewer items in time than planned (about 0.76 instead of 0.9 on
// data/sample/email.csv). This adds the margin the randomness needs.
//  - Target: for every business day, the share within target of the day's arrivals is at least
//    p = options.target.fraction. A business day's arrivals are the items arriving from the end of
//    the previous business day's last open interval to the end of its own (evening, night and
//    weekend items join the next business day, whose clock they start); only items due within the
//    grid count (as in the model). The share is the ratio estimator Σ in time / Σ due over the
//    replications, compared by its mean (confidence 0.5) or by its one-sided lower bound at the
//    confidence c (mean - t_{c,R-1} x standard error). The whole period's share then meets p as
//    well (a sum of days that each meet it); it is reported too.
//  - Search: the days in time order, earlier days fixed, later days at their current staffing (the
//    fluid one on the first sweep). At a day boundary one replication state per replication is
//    kept (BacklogReplication, the snapshots); a candidate runs every snapshot through the day and
//    on to the last deadline of its arrivals. A day that misses is raised greedily: each step
//    simulates +1 agent on each block of about one hour of the day's open intervals (capped by
//    max_agents) and keeps the block that raises the compared share most (the earliest on ties),
//    until the day meets p; then the last block's intervals are given back one at a time while
//    the day still meets it. Random numbers do not depend on the agents (common random numbers),
//    so candidates differ by their staffing only, and a day's run from its snapshot is exactly its
//    part of the whole simulation.
//  - Opening backlog (BacklogResult::opening): its items are first in the FIFO queue at time 0 in
//    every run. Its items that are not overdue and due within the grid are a target of their own,
//    reported apart as in the model: the first business day is decided on the lower of its
//    arrivals' compared share and theirs (its runs go on to their last deadline), so the first
//    day is raised until both meet p. Overdue items (due and missed whatever the staffing) are
//    no target: the fluid staffing already clears fraction p of them in the first open interval,
//    and they are served before any arrival, so the first day's target cannot be met before they
//    are out of the way; no agents are added for them alone.
//  - Sweeps: a later day's raise only helps earlier days (their last items are then answered
//    sooner), but simulated shares are not exactly monotone, so the days are swept again until a
//    sweep raises nothing (at most max_sweeps). The result is then simulated once more with the
//    same seed: its figures are the final staffing's own.
//  - What it guarantees: the target met in the simulation it was decided on (its seed and
//    replications), flagged per day when max_agents or the step limit stops it (never thrown).
//    Not guaranteed: the minimum agent-hours (a greedy over one-hour blocks; only agents are
//    added to the fluid staffing, never removed), nor the target with other random numbers (a
//    fresh seed lands near p, within the noise of R replications; confidence > 0.5 adds margin).
//  - Cost: per raise step, (blocks of the day) x R runs of about one day and a half; per sweep
//    the runs that advance the snapshots (one simulation of the grid). Days with no item due are
//    left as the fluid model staffs them. Replication r draws from the streams of
//    (settings.seed, r, stream_id) and results are reduced in index order: the same for any
//    thread count.
// Tested in tests/unit/sim/backlog_staffing_test.cpp.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

#include "wfm/sim/backlog_simulation.hpp"
#include "wfm/sim/model.hpp"
#include "wfm/sim/simulation.hpp"
#include "wfm/staffing/backlog.hpp"

namespace wfm::sim {

struct BacklogSimStaffingOptions {
  double confidence = 0.5;      // in [0.5, 1): 0.5 compares the means (above)
  int max_sweeps = 3;           // passes over the days, >= 1
  int max_steps_per_day = 200;  // raise steps per day and sweep, >= 1
};

// One business day of the final staffing, simulated with the decision's random numbers.
struct BacklogSimDay {
  std::chrono::local_days date{};
  std::size_t first_slot = 0;  // its arrivals: slots first_slot .. end_slot - 1 of the grid
  std::size_t end_slot = 0;
  double items_due = 0;             // mean over replications
  Estimate fraction_within_target;  // ratio estimator, 95% half-width; undefined: nothing due
  double compared = 1;              // what was compared with p (mean, or the bound)
  double fluid_agent_hours = 0;     // of its open intervals, fluid staffing
  double agent_hours = 0;           // of its open intervals, final staffing
  bool met = true;                  // compared >= p (true when nothing is due)
  bool capped = false;              // max_agents or max_steps_per_day stopped a raise
};

struct BacklogSimStaffing {
  staffing::BacklogResult result;    // the fluid projection of the final staffing (its agents)
  BacklogSimulation simulated;       // the final staffing simulated with the decision's settings
  std::vector<double> fluid_agents;  // per slot of the grid: the fluid staffing it started from
  std::vector<BacklogSimDay> days;
  double fluid_agent_hours = 0;           // the fluid staffing's
  Estimate fluid_fraction_within_target;  // the fluid staffing simulated (same random numbers)
  Estimate fraction_within_target;        // the final staffing, whole period (ratio, 95%)
  double compared = 1;                    // the whole period's compared share
  // The opening backlog's items that are not overdue and due within the grid (whole items), their
  // share within target (ratio, 95%; undefined without any), compared share and whether it meets
  // p (true without any). Overdue opening items are not in it (never within target).
  double opening_target_items = 0;
  Estimate opening_fraction_within_target;
  double opening_compared = 1;
  bool opening_met = true;
  int sweeps = 0;               // sweeps run
  std::size_t evaluations = 0;  // candidate day runs (each of R replications)
  std::size_t days_missed = 0;  // days with met == false
  bool met = true;              // every day, the opening backlog and the period
};

// Called after each business day is decided: sweep (1-based), days decided in it, days.
using BacklogStaffingProgress = std::function<void(int sweep, std::size_t day, std::size_t days)>;

// Staffs `queue` by simulation (above). options.target.fraction must be below 1 and max_agents,
// when given, bounds every raise; settings: as simulate_backlog (handle-time law, rate noise,
// seed, replications >= 2). Throws core::InputError on bad input.
BacklogSimStaffing staff_backlog_by_simulation(const staffing::BacklogQueue& queue,
                                               const staffing::BacklogOptions& options,
                                               const SimSettings& settings,
                                               const BacklogSimStaffingOptions& sim_options = {},
                                               std::uint64_t stream_id = 0,
                                               const BacklogStaffingProgress& progress = {});

}  // namespace wfm::sim
