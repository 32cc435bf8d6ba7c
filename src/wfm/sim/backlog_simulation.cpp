#include "wfm/sim/backlog_simulation.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <deque>
#include <limits>
#include <optional>

#include "wfm/core/error.hpp"
#include "wfm/core/parallel.hpp"
#include "wfm/sim/random.hpp"

namespace wfm::sim {
namespace {

using core::at_flag;

void validate_deferred(const staffing::BacklogResult& grid, const SimSettings& s) {
  validate(s);
  WFM_REQUIRE(s.patience.dist == PatienceDist::kNone, at_flag("--patience"),
              "deferred work never abandons: remove the patience");
  WFM_REQUIRE(s.redial.probability == 0, at_flag("--redial-prob"),
              "deferred work never abandons, so it has no redials");
  WFM_REQUIRE(!s.lines, at_flag("--lines"), "deferred work has no lines");
  WFM_REQUIRE(s.chat.handle_s.empty() && !s.blend, at_flag("--model"),
              "deferred work is simulated without chat concurrency or blending");
  WFM_REQUIRE(grid.interval_s > 0 && grid.deadline_intervals >= 1, at_flag("interval_s"),
              "expected a backlog result (interval {} s, deadline {} intervals)", grid.interval_s,
              grid.deadline_intervals);
  for (const auto& slot : grid.slots) {
    WFM_REQUIRE(std::isfinite(slot.agents) && slot.agents >= 0, at_flag("agents"),
                "interval {}: expected agents >= 0, got {}", core::format_local_time(slot.start),
                slot.agents);
    WFM_REQUIRE(slot.items == 0 || slot.handle_s > 0, at_flag("aht_s"),
                "interval {}: expected work per item > 0", core::format_local_time(slot.start));
  }
}

}  // namespace

// The grid's clock: open intervals before each slot and the deadline of each slot's arrivals.
struct BacklogReplication::Clock {
  double dt = 0;
  std::vector<std::size_t> open_before;  // open slots strictly before each slot; one more at the end
  std::vector<double> deadline_s;        // end of the slot's deadline interval; +inf beyond the grid

  explicit Clock(const staffing::BacklogResult& g) : dt(g.interval_s) {
    const std::size_t n = g.slots.size();
    open_before.assign(n + 1, 0);
    for (std::size_t t = 0; t < n; ++t) {
      open_before[t + 1] = open_before[t] + (g.slots[t].open ? 1 : 0);
      if (g.slots[t].open) open_slots.push_back(t);
    }
    // The model's deadline (backlog.cpp, Cohort::due): open index open_before + k - 1.
    deadline_s.assign(n, std::numeric_limits<double>::infinity());
    const auto k = static_cast<std::size_t>(g.deadline_intervals);
    for (std::size_t t = 0; t < n; ++t) deadline_s[t] = open_end_s(open_before[t] + k - 1);
    // The opening groups' deadlines (BacklogResult::OpeningGroup::due_open).
    for (const auto& group : g.opening)
      opening_deadline_s.push_back(open_end_s(static_cast<std::size_t>(group.due_open)));
  }

  std::vector<double> opening_deadline_s;  // per opening group; +inf beyond the grid
  std::vector<std::size_t> open_slots;

  // The end of open interval `j` (seconds since the grid's start); +inf beyond the grid.
  double open_end_s(std::size_t j) const {
    return j < open_slots.size() ? static_cast<double>(open_slots[j] + 1) * dt
                                 : std::numeric_limits<double>::infinity();
  }

  // Open time from the grid's start to x (seconds since the grid's start).
  double business_s(double x, const staffing::BacklogResult& g) const {
    const std::size_t n = g.slots.size();
    const double pos = std::floor(x / dt);
    if (pos >= static_cast<double>(n)) return static_cast<double>(open_before[n]) * dt;
    const auto t = static_cast<std::size_t>(std::max(0.0, pos));
    const double into = g.slots[t].open ? x - static_cast<double>(t) * dt : 0.0;
    return static_cast<double>(open_before[t]) * dt + into;
  }
};

BacklogReplication::BacklogReplication(const staffing::BacklogResult& grid,
                                       const SimSettings& settings, std::uint64_t replication,
                                       std::uint64_t stream_id)
    : grid_(&grid),
      clock_(std::make_shared<const Clock>(grid)),
      draws_(settings, replication, stream_id),
      settings_(&settings) {
  // The opening backlog: in the queue at time 0, oldest group first, before any arrival.
  for (std::size_t gi = 0; gi < grid.opening.size(); ++gi) {
    const auto& group = grid.opening[gi];
    const double whole = std::round(group.items);
    opening_.items += whole;
    if (std::isfinite(clock_->opening_deadline_s[gi])) opening_.due += whole;
    for (double i = 0; i < whole; ++i)
      waiting_.push_back({0.0, draws_.handle(group.handle_s), kOpening, gi, group.age_s});
  }
}

void BacklogReplication::run_slot(std::size_t agents_given, std::vector<BacklogTally>& tally,
                                  std::size_t first) {
  const staffing::BacklogResult& grid = *grid_;
  const Clock& clock = *clock_;
  WFM_ENSURE(t_ < grid.slots.size(), "backlog replication: slot {} beyond the grid of {}", t_,
             grid.slots.size());
  const std::size_t t = t_++;
  const auto at = [&](std::size_t slot) -> BacklogTally* {
    return slot >= first && slot - first < tally.size() ? &tally[slot - first] : nullptr;
  };
  BacklogTally scratch;
  BacklogTally& here = at(t) ? *at(t) : scratch;
  const double dt = clock.dt;
  const staffing::BacklogSlot& slot = grid.slots[t];
  const double start = static_cast<double>(t) * dt;
  const double end = start + dt;
  const std::size_t agents = slot.open ? agents_given : std::size_t{0};
  // Pause the youngest items in service beyond this interval's agents.
  while (service_.size() > agents) {
    Item it = service_.back();
    service_.pop_back();
    it.work_s -= start;  // remaining work
    waiting_.push_front(it);
  }
  const auto fill = [&](double now) {
    while (service_.size() < agents && !waiting_.empty()) {
      Item it = waiting_.front();
      waiting_.pop_front();
      it.work_s += now;  // completion time
      service_.push_back(it);
    }
  };
  fill(start);
  if (settings_->arrivals.noise == RateNoise::kPerInterval) {
    multiplier_ = draws_.rate_multiplier();
  } else if (settings_->arrivals.noise == RateNoise::kPerDay) {
    const auto day = std::chrono::floor<std::chrono::days>(slot.start);
    if (noise_day_ != day) multiplier_ = draws_.rate_multiplier();
    noise_day_ = day;
  }
  const double rate = slot.items > 0 ? slot.items * multiplier_ / dt : 0.0;
  double next_arrival = draws_.next_arrival(start, rate);
  double now = start;
  for (;;) {
    std::size_t first_done = service_.size();
    double completion = std::numeric_limits<double>::infinity();
    for (std::size_t i = 0; i < service_.size(); ++i) {
      if (service_[i].work_s < completion) {
        completion = service_[i].work_s;
        first_done = i;
      }
    }
    const double next = std::min(completion, next_arrival);
    if (!(next < end)) break;
    here.work_done_s += static_cast<double>(service_.size()) * (next - now);
    now = next;
    if (completion <= next_arrival) {  // an agent freed at t serves an item arriving at t
      const Item done = service_[first_done];
      service_.erase(service_.begin() + static_cast<std::ptrdiff_t>(first_done));
      const bool from_opening = done.slot == kOpening;
      const double age =
          clock.business_s(now, grid) - clock.business_s(done.arrival_s, grid) + done.age0_s;
      max_age_ = std::max(max_age_, age);
      if (BacklogTally* own = from_opening ? &opening_ : at(done.slot)) {
        own->arrivals_done += 1;
        own->business_age_s += age;
        const double deadline = from_opening ? (grid.opening[done.group].overdue
                                                    ? -std::numeric_limits<double>::infinity()
                                                    : clock.opening_deadline_s[done.group])
                                             : clock.deadline_s[done.slot];
        if (now <= deadline && std::isfinite(deadline)) own->within_target += 1;
      }
      here.items_done += 1;
    } else {
      here.items += 1;
      if (std::isfinite(clock.deadline_s[t])) here.due += 1;
      waiting_.push_back({now, draws_.handle(slot.handle_s), t});
      next_arrival = draws_.next_arrival(now, rate);
    }
    fill(now);
  }
  here.work_done_s += static_cast<double>(service_.size()) * (end - now);
  here.backlog_items = static_cast<double>(waiting_.size() + service_.size());
}

std::vector<BacklogTally> simulate_backlog_once(const staffing::BacklogResult& grid,
                                                const SimSettings& settings,
                                                std::uint64_t replication, std::uint64_t stream_id,
                                                double* max_business_age_s, BacklogTally* opening) {
  const std::size_t n = grid.slots.size();
  std::vector<BacklogTally> tally(n);
  BacklogReplication run(grid, settings, replication, stream_id);
  for (std::size_t t = 0; t < n; ++t) {
    run.run_slot(static_cast<std::size_t>(std::floor(grid.slots[t].agents + 1e-9)), tally);
  }
  if (max_business_age_s) *max_business_age_s = run.max_business_age_s();
  if (opening) *opening = run.opening();
  return tally;
}

BacklogSimulation simulate_backlog(const staffing::BacklogResult& grid,
                                   const SimSettings& settings, std::uint64_t stream_id) {
  validate_deferred(grid, settings);
  const auto reps = static_cast<std::size_t>(settings.replications);
  std::vector<std::vector<BacklogTally>> tallies(reps);
  std::vector<double> max_age(reps, 0.0);
  std::vector<BacklogTally> opening(reps);
  core::parallel_for(0, reps, [&](std::size_t r) {
    tallies[r] = simulate_backlog_once(grid, settings, r, stream_id, &max_age[r], &opening[r]);
  });

  const auto estimates = [&](const std::vector<BacklogTally>& v) {
    std::vector<double> items(reps), due(reps), within(reps), done(reps), age(reps), items_done(reps),
        work(reps), backlog(reps);
    for (std::size_t r = 0; r < reps; ++r) {
      items[r] = v[r].items;
      due[r] = v[r].due;
      within[r] = v[r].within_target;
      done[r] = v[r].arrivals_done;
      age[r] = v[r].business_age_s;
      items_done[r] = v[r].items_done;
      work[r] = v[r].work_done_s;
      backlog[r] = v[r].backlog_items;
    }
    BacklogEstimates e;
    e.items = mean_estimate(items);
    e.items_due = mean_estimate(due);
    e.items_within_target = mean_estimate(within);
    e.fraction_within_target = ratio_estimate(within, due);
    e.items_done = mean_estimate(items_done);
    e.work_done_s = mean_estimate(work);
    e.backlog_items = mean_estimate(backlog);
    e.mean_business_age_s = ratio_estimate(age, done);
    return e;
  };

  BacklogSimulation out;
  out.replications = settings.replications;
  const std::size_t n = grid.slots.size();
  out.slots.reserve(n);
  std::vector<BacklogTally> per_rep(reps), sums(reps);
  for (std::size_t t = 0; t < n; ++t) {
    for (std::size_t r = 0; r < reps; ++r) {
      const BacklogTally& x = tallies[r][t];
      per_rep[r] = x;
      BacklogTally& s = sums[r];
      s.items += x.items;
      s.due += x.due;
      s.within_target += x.within_target;
      s.arrivals_done += x.arrivals_done;
      s.business_age_s += x.business_age_s;
      s.items_done += x.items_done;
      s.work_done_s += x.work_done_s;
      s.backlog_items = x.backlog_items;  // the last interval's: the final backlog
    }
    out.slots.push_back(estimates(per_rep));
  }
  out.total = estimates(sums);
  if (!grid.opening.empty()) out.opening = estimates(opening);
  out.max_business_age_s = mean_estimate(max_age);
  return out;
}

}  // namespace wfm::sim
