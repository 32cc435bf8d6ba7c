#include "wfm/sim/backlog_staffing.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

#include "wfm/core/error.hpp"
#include "wfm/core/parallel.hpp"

namespace wfm::sim {
namespace {

using core::Location;

// Shares are compared with p within this (floating-point rounding of the ratio).
constexpr double kShareTolerance = 1e-12;

// A business day of the grid: its arrivals, the slots a run covers, its open slots in blocks.
struct Day {
  std::chrono::local_days date{};
  std::size_t first = 0, end = 0;  // arrivals: slots [first, end)
  std::size_t run_end = 0;         // a run covers [first, run_end): through the last deadline
  bool due = false;                // some arrival slot (or opening item) is due within the grid
  bool opening = false;            // the first day: the opening backlog's target is decided with it
  std::vector<std::vector<std::size_t>> blocks;  // open slots of [first, end), ~one hour each
};

std::vector<Day> business_days(const staffing::BacklogResult& g) {
  const std::size_t n = g.slots.size();
  std::vector<std::size_t> open_before(n + 1, 0), open_slots;
  for (std::size_t t = 0; t < n; ++t) {
    open_before[t + 1] = open_before[t] + (g.slots[t].open ? 1 : 0);
    if (g.slots[t].open) open_slots.push_back(t);
  }
  const auto k = static_cast<std::size_t>(g.deadline_intervals);
  const std::size_t per_block = std::max(1, 3600 / g.interval_s);
  std::vector<Day> days;
  std::size_t first = 0;
  for (std::size_t i = 0; i < open_slots.size(); ++i) {
    const std::size_t t = open_slots[i];
    const auto date = std::chrono::floor<std::chrono::days>(g.slots[t].start);
    const bool last_of_day =
        i + 1 == open_slots.size() ||
        std::chrono::floor<std::chrono::days>(g.slots[open_slots[i + 1]].start) != date;
    if (!last_of_day) continue;
    Day d;
    d.date = date;
    d.first = first;
    d.end = t + 1;
    d.run_end = d.end;
    // Deadlines grow with the arrival slot: the last slot due within the grid sets the run's end.
    for (std::size_t s = d.end; s-- > d.first;) {
      const std::size_t due = open_before[s] + k - 1;
      if (due < open_slots.size()) {
        d.due = true;
        d.run_end = std::max(d.end, open_slots[due] + 1);
        break;
      }
    }
    // The first day carries the opening backlog's items that are not overdue and due within the
    // grid (opening_target_items): its run goes on to their last deadline.
    if (days.empty()) {
      for (const auto& group : g.opening) {
        const auto due = static_cast<std::size_t>(group.due_open);
        if (group.overdue || std::round(group.items) <= 0 || due >= open_slots.size()) continue;
        d.opening = true;
        d.due = true;
        d.run_end = std::max(d.run_end, open_slots[due] + 1);
      }
    }
    for (std::size_t s = d.first; s < d.end; ++s) {
      if (!g.slots[s].open) continue;
      if (d.blocks.empty() || d.blocks.back().size() == per_block) d.blocks.emplace_back();
      d.blocks.back().push_back(s);
    }
    days.push_back(std::move(d));
    first = t + 1;
  }
  return days;
}

// What is compared with p: the ratio estimator's mean, or its one-sided lower bound at
// `confidence` (the two-sided half-width at level 2c - 1); 1 when nothing is due.
// The opening backlog's items with a target: not overdue, due within the grid (whole items, as
// the simulation has them). Overdue items are never within target and are not a target.
double opening_target_items(const staffing::BacklogResult& g) {
  std::size_t open = 0;
  for (const auto& slot : g.slots) open += slot.open ? 1 : 0;
  double items = 0;
  for (const auto& group : g.opening) {
    if (!group.overdue && static_cast<std::size_t>(group.due_open) < open)
      items += std::round(group.items);
  }
  return items;
}

double compared_share(const std::vector<double>& within, const std::vector<double>& due,
                      double confidence) {
  const Estimate e = ratio_estimate(within, due, 2 * confidence - 1);
  if (!e.defined) return 1.0;
  return confidence > 0.5 ? e.mean - e.half_width : e.mean;
}

class Search {
 public:
  Search(const staffing::BacklogResult& grid, const SimSettings& settings,
         const BacklogSimStaffingOptions& o, std::optional<int> max_agents, double p,
         std::uint64_t stream_id)
      : o_(o), max_agents_(max_agents), p_(p), opening_due_(opening_target_items(grid)) {
    const auto reps = static_cast<std::size_t>(settings.replications);
    for (std::size_t r = 0; r < reps; ++r) snapshots_.emplace_back(grid, settings, r, stream_id);
  }

  // Advances every snapshot to slot `to` with `agents`.
  void advance(std::size_t to, const std::vector<int>& agents) {
    core::parallel_for(0, snapshots_.size(), [&](std::size_t r) {
      std::vector<BacklogTally> none;
      BacklogReplication& run = snapshots_[r];
      while (run.next_slot() < to)
        run.run_slot(static_cast<std::size_t>(agents[run.next_slot()]), none);
    });
  }

  // The compared share of day d's arrivals for each candidate: agents of the slots [d.first,
  // d.run_end), one vector per candidate. Snapshots must be at d.first.
  std::vector<double> evaluate(const Day& d, const std::vector<std::vector<int>>& candidates) {
    const std::size_t reps = snapshots_.size();
    const std::size_t c_n = candidates.size();
    std::vector<double> within(c_n * reps, 0.0), due(c_n * reps, 0.0);
    std::vector<double> opening_within(d.opening ? c_n * reps : 0, 0.0);
    core::parallel_for(0, c_n * reps, [&](std::size_t i) {
      const std::size_t c = i / reps, r = i % reps;
      BacklogReplication run = snapshots_[r];
      std::vector<BacklogTally> tally(d.end - d.first);
      for (std::size_t t = d.first; t < d.run_end; ++t)
        run.run_slot(static_cast<std::size_t>(candidates[c][t - d.first]), tally, d.first);
      for (const BacklogTally& x : tally) {
        within[i] += x.within_target;
        due[i] += x.due;
      }
      if (d.opening) opening_within[i] = run.opening().within_target;
    });
    evaluations_ += c_n;
    std::vector<double> out(c_n);
    for (std::size_t c = 0; c < c_n; ++c) {
      const auto from = static_cast<std::ptrdiff_t>(c * reps);
      const auto to = static_cast<std::ptrdiff_t>((c + 1) * reps);
      out[c] = compared_share({within.begin() + from, within.begin() + to},
                              {due.begin() + from, due.begin() + to}, o_.confidence);
      if (d.opening) {  // the lower of the day's and the opening backlog's compared shares
        out[c] = std::min(
            out[c], compared_share({opening_within.begin() + from, opening_within.begin() + to},
                                   std::vector<double>(reps, opening_due_), o_.confidence));
      }
    }
    return out;
  }

  bool meets(double share) const { return share >= p_ - kShareTolerance; }

  // Decides day d (snapshots at d.first): raises `agents` until the day meets p. Returns whether
  // it raised anything; sets `capped` when a raise was stopped.
  bool decide(const Day& d, std::vector<int>& agents, bool& capped) {
    const auto window = [&] {
      return std::vector<int>(agents.begin() + static_cast<std::ptrdiff_t>(d.first),
                              agents.begin() + static_cast<std::ptrdiff_t>(d.run_end));
    };
    double share = evaluate(d, {window()}).front();
    if (meets(share)) return false;
    const auto below_cap = [&](std::size_t t) { return !max_agents_ || agents[t] < *max_agents_; };
    std::vector<std::size_t> last_raised;
    for (int step = 0; !meets(share); ++step) {
      if (step == o_.max_steps_per_day) {
        capped = true;
        break;
      }
      std::vector<std::vector<int>> candidates;
      std::vector<std::size_t> which;  // block of each candidate
      const std::vector<int> base = window();
      for (std::size_t b = 0; b < d.blocks.size(); ++b) {
        std::vector<int> c = base;
        bool raised = false;
        for (std::size_t t : d.blocks[b]) {
          if (!below_cap(t)) continue;
          ++c[t - d.first];
          raised = true;
        }
        if (!raised) continue;
        candidates.push_back(std::move(c));
        which.push_back(b);
      }
      if (candidates.empty()) {
        capped = true;
        break;
      }
      const std::vector<double> shares = evaluate(d, candidates);
      const std::size_t best = static_cast<std::size_t>(
          std::max_element(shares.begin(), shares.end()) - shares.begin());  // first on ties
      last_raised.clear();
      for (std::size_t t : d.blocks[which[best]]) {
        if (!below_cap(t)) continue;
        ++agents[t];
        last_raised.push_back(t);
      }
      share = shares[best];
    }
    // Give back the last block's agents one interval at a time, latest first, while it meets p.
    if (meets(share)) {
      for (std::size_t i = last_raised.size(); i-- > 0;) {
        const std::size_t t = last_raised[i];
        --agents[t];
        const double trial = evaluate(d, {window()}).front();
        if (meets(trial)) {
          share = trial;
        } else {
          ++agents[t];
        }
      }
    }
    return true;
  }

  std::size_t evaluations() const { return evaluations_; }

 private:
  const BacklogSimStaffingOptions& o_;
  std::optional<int> max_agents_;
  double p_;
  double opening_due_;  // opening_target_items of the grid
  std::vector<BacklogReplication> snapshots_;
  std::size_t evaluations_ = 0;
};

}  // namespace

BacklogSimStaffing staff_backlog_by_simulation(const staffing::BacklogQueue& queue,
                                               const staffing::BacklogOptions& options,
                                               const SimSettings& settings,
                                               const BacklogSimStaffingOptions& sim_options,
                                               std::uint64_t stream_id,
                                               const BacklogStaffingProgress& progress) {
  const double p = options.target.fraction;
  WFM_REQUIRE(std::isfinite(p) && p > 0 && p < 1, (Location{{}, 0, "target"}),
              "staffing by simulation needs a target fraction in (0, 1), got {}: a simulated "
              "share of 100% asks every random item of every replication to be in time",
              p);
  const double c = sim_options.confidence;
  WFM_REQUIRE(std::isfinite(c) && c >= 0.5 && c < 1, core::at_flag("--sim-confidence"),
              "expected a confidence in [0.5, 1), got {}", c);
  WFM_REQUIRE(settings.replications >= 2, core::at_flag("--replications"),
              "staffing by simulation needs at least 2 replications, got {}",
              settings.replications);
  WFM_REQUIRE(sim_options.max_sweeps >= 1 && sim_options.max_steps_per_day >= 1,
              (Location{{}, 0, "max_sweeps"}), "expected at least one sweep and one step per day");

  const staffing::BacklogResult fluid = staffing::staff_backlog(queue, options);
  BacklogSimStaffing out;
  out.fluid_agent_hours = fluid.agent_hours;
  // Validates the settings against the grid, and the fluid staffing's own simulated share.
  out.fluid_fraction_within_target =
      simulate_backlog(fluid, settings, stream_id).total.fraction_within_target;

  const std::size_t n = fluid.slots.size();
  std::vector<int> agents(n, 0);
  for (std::size_t t = 0; t < n; ++t) {
    agents[t] = static_cast<int>(std::floor(fluid.slots[t].agents + 1e-9));
    out.fluid_agents.push_back(fluid.slots[t].agents);
  }
  const std::vector<Day> days = business_days(fluid);
  std::vector<bool> capped(days.size(), false);

  std::size_t evaluations = 0;
  for (int sweep = 1; sweep <= sim_options.max_sweeps; ++sweep) {
    Search search(fluid, settings, sim_options, options.max_agents, p, stream_id);
    bool changed = false;
    for (std::size_t i = 0; i < days.size(); ++i) {
      const Day& d = days[i];
      if (d.due) {
        search.advance(d.first, agents);
        bool stopped = false;
        changed = search.decide(d, agents, stopped) || changed;
        capped[i] = stopped;
      }
      if (progress) progress(sweep, i + 1, days.size());
    }
    evaluations += search.evaluations();
    out.sweeps = sweep;
    if (!changed) break;
  }
  out.evaluations = evaluations;

  std::vector<double> final_agents(agents.begin(), agents.end());
  out.result = staffing::project_backlog(queue, options, final_agents);
  out.simulated = simulate_backlog(out.result, settings, stream_id);

  // Per day, the ratio estimator over the replications of the final staffing.
  const auto reps = static_cast<std::size_t>(settings.replications);
  std::vector<std::vector<double>> within(days.size(), std::vector<double>(reps, 0.0));
  std::vector<std::vector<double>> due = within;
  std::vector<double> all_within(reps, 0.0), all_due(reps, 0.0);
  std::vector<double> opening_within(reps, 0.0);
  core::parallel_for(0, reps, [&](std::size_t r) {
    BacklogTally opening;
    const std::vector<BacklogTally> tally =
        simulate_backlog_once(out.result, settings, r, stream_id, nullptr, &opening);
    opening_within[r] = opening.within_target;
    for (std::size_t i = 0; i < days.size(); ++i) {
      for (std::size_t t = days[i].first; t < days[i].end; ++t) {
        within[i][r] += tally[t].within_target;
        due[i][r] += tally[t].due;
      }
    }
    for (const BacklogTally& x : tally) {
      all_within[r] += x.within_target;
      all_due[r] += x.due;
    }
  });
  const double dt_h = fluid.interval_s / 3600.0;
  for (std::size_t i = 0; i < days.size(); ++i) {
    const Day& d = days[i];
    BacklogSimDay day;
    day.date = d.date;
    day.first_slot = d.first;
    day.end_slot = d.end;
    day.items_due = mean_estimate(due[i]).mean;
    day.fraction_within_target = ratio_estimate(within[i], due[i]);
    day.compared = compared_share(within[i], due[i], c);
    for (std::size_t t = d.first; t < d.end; ++t) {
      day.fluid_agent_hours += fluid.slots[t].agents * dt_h;
      day.agent_hours += out.result.slots[t].agents * dt_h;
    }
    day.met = day.compared >= p - kShareTolerance;
    day.capped = capped[i];
    if (!day.met) ++out.days_missed;
    out.days.push_back(day);
  }
  out.fraction_within_target = ratio_estimate(all_within, all_due);
  out.compared = compared_share(all_within, all_due, c);
  out.opening_target_items = opening_target_items(out.result);
  if (out.opening_target_items > 0) {
    const std::vector<double> opening_due(reps, out.opening_target_items);
    out.opening_fraction_within_target = ratio_estimate(opening_within, opening_due);
    out.opening_compared = compared_share(opening_within, opening_due, c);
    out.opening_met = out.opening_compared >= p - kShareTolerance;
  }
  out.met = out.days_missed == 0 && out.opening_met && out.compared >= p - kShareTolerance;
  return out;
}

}  // namespace wfm::sim
