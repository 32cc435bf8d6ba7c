#include "wfm/sim/sequential_staffing.hpp"

#include <algorithm>
#include <cmath>

#include <tbb/parallel_for.h>
#include <boost/math/distributions/students_t.hpp>

#include "wfm/core/error.hpp"
#include "wfm/sim/day_simulator.hpp"

namespace wfm::sim {
namespace {

// Per-replication tallies of every interval of `day`.
std::vector<std::vector<IntervalTally>> replicate(const QueueDay& day, const SimSettings& s,
                                                  std::uint64_t stream_id) {
  std::vector<std::vector<IntervalTally>> out(static_cast<std::size_t>(s.replications));
  tbb::parallel_for(0, s.replications, [&](int r) {
    simulate_day(day, s, static_cast<std::uint64_t>(r), stream_id, out[r]);
  });
  return out;
}

Estimates interval_estimate(const std::vector<std::vector<IntervalTally>>& reps, std::size_t i,
                            const SimSettings& s, double interval_s) {
  std::vector<IntervalTally> v(reps.size());
  for (std::size_t r = 0; r < reps.size(); ++r) v[r] = reps[r][i];
  return estimate(v, s.measure, interval_s);
}

}  // namespace

SequentialResult staff_by_simulation(const QueueDay& day, const SimSettings& settings,
                                     double target, double confidence, int max_agents,
                                     std::uint64_t stream_id) {
  validate(settings);
  validate(day);
  WFM_REQUIRE(target > 0 && target < 1, core::at_flag("--sl"),
              "expected a service level target strictly between 0 and 1, got {}", target);
  WFM_REQUIRE(confidence >= 0.5 && confidence < 1, core::at_flag("--sim-confidence"),
              "expected a confidence in [0.5, 1), got {}", confidence);
  // One-sided bound: mean - k * (95% half-width / t_0.975) * t_confidence.
  const boost::math::students_t t_dist(settings.replications - 1);
  const double k = confidence == 0.5 ? 0.0
                                     : boost::math::quantile(t_dist, confidence) /
                                           boost::math::quantile(t_dist, 0.975);
  const auto meets = [&](const Estimates& e) {
    return !e.service_level.defined ||
           e.service_level.mean - k * e.service_level.half_width >= target;
  };

  SequentialResult result;
  QueueDay prefix = day;
  prefix.intervals.clear();
  const std::size_t n = day.intervals.size();
  for (std::size_t i = 0; i < n; ++i) {
    prefix.intervals.push_back(day.intervals[i]);
    int agents = std::clamp(day.intervals[i].agents, 0, max_agents);
    const auto try_agents = [&](int a) {
      prefix.intervals.back().agents = a;
      return meets(
          interval_estimate(replicate(prefix, settings, stream_id), i, settings, day.interval_s));
    };
    bool feasible = true;
    if (day.intervals[i].calls == 0) {
      agents = day.intervals[i].agents;  // nothing arrives: keep the analytic floor
    } else if (try_agents(agents)) {
      while (agents > 0 && try_agents(agents - 1)) --agents;
    } else {
      do {
        ++agents;
      } while (agents < max_agents && !try_agents(agents));
      feasible = agents < max_agents || try_agents(agents);
    }
    prefix.intervals.back().agents = agents;
    result.agents.push_back(agents);
    result.feasible.push_back(feasible);
  }
  // The whole day with the chosen staffing, for the reported performance.
  const auto reps = replicate(prefix, settings, stream_id);
  for (std::size_t i = 0; i < n; ++i) {
    result.performance.push_back(interval_estimate(reps, i, settings, day.interval_s));
  }
  return result;
}

}  // namespace wfm::sim
