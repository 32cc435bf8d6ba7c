#include "wfm/sim/day_simulator.hpp"

#include <algorithm>
#include <functional>
#include <limits>
#include <queue>

#include "wfm/core/error.hpp"
#include "wfm/sim/random.hpp"

namespace wfm::sim {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// Adds the part of [a, b) inside each interval to field(tally).
template <class Field>
void add_overlap(std::vector<IntervalTally>& tallies, double interval_s, double a, double b,
                 Field field) {
  const double end = interval_s * static_cast<double>(tallies.size());
  a = std::max(a, 0.0);
  b = std::min(b, end);
  if (!(b > a)) return;
  auto i = static_cast<std::size_t>(a / interval_s);
  while (a < b && i < tallies.size()) {
    const double stop = std::min(b, interval_s * static_cast<double>(i + 1));
    field(tallies[i]) += stop - a;
    a = stop;
    ++i;
  }
}

}  // namespace

void simulate_day(const QueueDay& day, const SimSettings& settings, std::uint64_t replication,
                  std::uint64_t stream_id, std::vector<IntervalTally>& tallies,
                  const CallRecorder* recorder) {
  DaySimulation sim(day, settings, replication, stream_id, recorder);
  sim.run_to(day.interval_s * static_cast<double>(day.intervals.size()));
  sim.drain();
  WFM_ENSURE(sim.first_tally() == 0 && sim.tallies().size() == day.intervals.size(),
             "a whole day leaves every interval's tally");
  tallies = sim.tallies();
}

bool fast_path_applies(const QueueDay& day, const SimSettings& s) {
  if (s.redial.probability > 0 || s.arrivals.noise != RateNoise::kNone || s.lines ||
      !s.chat.handle_s.empty() || s.blend)
    return false;
  for (const auto& iv : day.intervals) {
    if (iv.agents != day.intervals.front().agents) return false;
  }
  return true;
}

void simulate_day_fast(const QueueDay& day, const SimSettings& settings, std::uint64_t replication,
                       std::uint64_t stream_id, std::vector<IntervalTally>& tallies) {
  WFM_ENSURE(fast_path_applies(day, settings), "fast path used where it does not apply");
  const int n = static_cast<int>(day.intervals.size());
  const double len = day.interval_s;
  const double threshold = settings.measure.threshold_s;
  tallies.assign(n, IntervalTally{});
  Draws draws(settings, replication, stream_id);
  const int agents = n > 0 ? day.intervals.front().agents : 0;
  // Min-heap of the times at which each agent is next free.
  std::priority_queue<double, std::vector<double>, std::greater<>> free_at;
  for (int k = 0; k < agents; ++k) free_at.push(0.0);
  for (int i = 0; i < n; ++i) {
    tallies[i].available_s = agents * len;
    const double rate = day.intervals[i].calls / len;
    const double end = len * (i + 1);
    for (double t = draws.next_arrival(len * i, rate); t < end; t = draws.next_arrival(t, rate)) {
      IntervalTally& tally = tallies[i];
      tally.offered += 1;
      const double patience = draws.patience();
      if (agents == 0) {
        tally.delayed += 1;
        if (patience < kInf) {
          tally.abandoned += 1;
          tally.wait_abandoned_s += patience;
          if (patience <= threshold) tally.abandoned_within += 1;
          add_overlap(tallies, len, t, t + patience,
                      [](IntervalTally& x) -> double& { return x.queue_s; });
        } else {
          tally.unfinished += 1;
          add_overlap(tallies, len, t, kInf, [](IntervalTally& x) -> double& { return x.queue_s; });
        }
        continue;
      }
      const double start = std::max(t, free_at.top());
      const double wait = start - t;
      if (free_at.top() > t) tally.delayed += 1;
      if (wait > patience) {
        tally.abandoned += 1;
        tally.wait_abandoned_s += patience;
        if (patience <= threshold) tally.abandoned_within += 1;
        add_overlap(tallies, len, t, t + patience,
                    [](IntervalTally& x) -> double& { return x.queue_s; });
        continue;
      }
      tally.answered += 1;
      tally.wait_answered_s += wait;
      if (wait <= threshold) tally.answered_within += 1;
      const double handle = draws.handle(day.intervals[i].aht_s);
      free_at.pop();
      free_at.push(start + handle);
      add_overlap(tallies, len, t, start, [](IntervalTally& x) -> double& { return x.queue_s; });
      add_overlap(tallies, len, start, start + handle,
                  [](IntervalTally& x) -> double& { return x.busy_s; });
    }
  }
}

}  // namespace wfm::sim
