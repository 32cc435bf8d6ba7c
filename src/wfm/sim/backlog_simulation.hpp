// Deferred work (email, tickets, back-office items) simulated item by item over a backlog grid, to
// check the fluid cumulative-capacity model of staffing/backlog.hpp against random arrivals and
// random work (docs/sim.md, "Deferred work"; docs/backlog.md).
//
// The input is a backlog result (staff_backlog or project_backlog): its dense grid of intervals,
// their open flags (business hours and time zone already applied), items, work per item and whole
// agents, and its deadline in intervals k. Per replication:
//  - Items arrive as a Poisson process within each interval at rate items / Δ (times a gamma
//    multiplier with SimSettings::arrivals' rate noise, per interval or per calendar day), whether
//    the interval is open or not. They never abandon and wait in one FIFO queue.
//  - An item's work is drawn at its arrival from SimSettings::handle (exponential by default) with
//    the mean of its arrival interval's work per item.
//  - The first min(n, queue) items in FIFO order are in service, n the interval's agents (0 when
//    closed): at every boundary where n falls, the youngest items in service are paused with
//    their remaining work and resumed first when an agent is free; at a closing every item in
//    progress is paused this way and resumed at the next opening (preemptive resume). So the work
//    done in an interval never exceeds n x Δ, as in the model.
//  - An item is within target when it is done by the model's deadline for its interval (the same
//    definition as BacklogSlot::arrivals_within_target): the end of the (k-1)-th open interval
//    after its own when it arrives in an open interval, the end of the k-th open interval from
//    the next opening when it arrives while closed. Items whose deadline lies beyond the grid are
//    not due (left out of the share), as in the model. Unlike the model, an item is workable as
//    soon as it arrives (the model waits for the next interval, its conservative discretisation).
//  - Business age at completion: the open time between the item's actual arrival and its
//    completion (closed intervals add none).
//  - The opening backlog (BacklogResult::opening): its groups' items (rounded to whole items) are
//    in the FIFO queue at time 0, oldest group first, before any arrival, each with its work
//    drawn as above and its business age at the start. One is within target when done by the
//    model's deadline for its group (the end of its due_open-th open interval); an overdue one
//    never is. Their figures are tallied apart (BacklogSimulation::opening), as in the model;
//    the backlog and items done per interval include them.
// The simulation ends at the grid's end; items not done then are the final backlog.
// SimSettings: handle, arrivals (rate noise), seed and replications are used; deferred work
// never abandons, so patience, redials, lines, chat and blend must be unset (InputError).
// Replication r uses the random streams of (seed, r, stream_id) (random.hpp) and results are
// reduced in replication order, so an explicit seed gives identical results whatever the thread
// count. Means have 95% half-widths; the share within target is the ratio estimator
// Σ within / Σ due over replications (simulation.hpp).
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <vector>

#include "wfm/sim/model.hpp"
#include "wfm/sim/random.hpp"
#include "wfm/sim/simulation.hpp"
#include "wfm/staffing/backlog.hpp"

namespace wfm::sim {

// Totals of one interval of the grid in one replication.
struct BacklogTally {
  double items = 0;           // arrived in the interval
  double due = 0;             // of those, due within the grid
  double within_target = 0;   // of those, done by their deadline
  double arrivals_done = 0;   // of the interval's arrivals, done within the grid
  double business_age_s = 0;  // sum of the business ages at completion of those
  double items_done = 0;      // items completed in the interval (whatever their arrival)
  double work_done_s = 0;     // agent-seconds worked in the interval
  double backlog_items = 0;   // arrived and not done at the interval's end
};

struct BacklogEstimates {
  Estimate items;
  Estimate items_due, items_within_target;  // means of BacklogTally::due and within_target
  Estimate fraction_within_target;  // Σ within_target / Σ due; undefined when nothing is due
  Estimate items_done;
  Estimate work_done_s;
  Estimate backlog_items;          // at the interval's end (the total: at the grid's end)
  Estimate mean_business_age_s;    // of the items done, by arrival interval
};

struct BacklogSimulation {
  std::vector<BacklogEstimates> slots;  // one per slot of the grid
  BacklogEstimates total;               // the grid: sums, the final backlog, ratios over all
  Estimate max_business_age_s;          // per replication the largest age of an item done
  // The opening backlog: items, items_due, items_within_target, fraction_within_target and
  // mean_business_age_s are defined (the others are 0); all 0 without one.
  BacklogEstimates opening;
  int replications = 0;
};

// One replication in progress, advanced one interval at a time: what simulate_backlog_once runs.
// It is copyable, so a run can be resumed from a copy taken at an interval boundary with other
// agents from there on (sim/backlog_staffing.hpp). Its random numbers (arrival times, work per
// item) do not depend on the agents, so two runs from one copy differ by their agents only.
class BacklogReplication {
 public:
  // `grid` and `settings` must outlive the replication (the grid's slots' open flags, items, work
  // and deadline; its agents are not read: run_slot takes them).
  BacklogReplication(const staffing::BacklogResult& grid, const SimSettings& settings,
                     std::uint64_t replication, std::uint64_t stream_id = 0);
  // Runs slot next_slot() with `agents` whole agents (none when the slot is closed). The tallies
  // of slots first..first + tally.size() - 1 go to tally[slot - first]; others are dropped.
  void run_slot(std::size_t agents, std::vector<BacklogTally>& tally, std::size_t first = 0);
  std::size_t next_slot() const { return t_; }
  // The largest business age at completion of an item done so far.
  double max_business_age_s() const { return max_age_; }
  // The opening backlog's tally so far (items and due from the start; done, within target and
  // ages as its items are done).
  const BacklogTally& opening() const { return opening_; }
  // The slot of an opening item (Item::slot); its group is Item::group.
  static constexpr std::size_t kOpening = static_cast<std::size_t>(-1);

 private:
  struct Clock;
  struct Item {
    double arrival_s;
    double work_s;  // remaining work (waiting) or completion time (in service)
    std::size_t slot;
    std::size_t group = 0;  // opening items: their group
    double age0_s = 0;      // opening items: business age at the grid's start
  };
  const staffing::BacklogResult* grid_;
  std::shared_ptr<const Clock> clock_;
  Draws draws_;
  const SimSettings* settings_;
  std::deque<Item> waiting_;   // FIFO; paused items at the front, with their remaining work
  std::vector<Item> service_;  // in FIFO order; work_s = completion time
  std::size_t t_ = 0;
  double max_age_ = 0;
  std::optional<std::chrono::local_days> noise_day_;
  double multiplier_ = 1;
  BacklogTally opening_;
};

// One replication's tallies, one per slot of `grid` (exposed for tests).
std::vector<BacklogTally> simulate_backlog_once(const staffing::BacklogResult& grid,
                                                const SimSettings& settings,
                                                std::uint64_t replication,
                                                std::uint64_t stream_id = 0,
                                                double* max_business_age_s = nullptr,
                                                BacklogTally* opening = nullptr);

// settings.replications replications in parallel (see above).
BacklogSimulation simulate_backlog(const staffing::BacklogResult& grid,
                                   const SimSettings& settings, std::uint64_t stream_id = 0);

}  // namespace wfm::sim
