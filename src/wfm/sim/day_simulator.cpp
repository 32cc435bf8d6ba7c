#include "wfm/sim/day_simulator.hpp"

#include <algorithm>
#include <cmath>
#include <deque>
#include <functional>
#include <limits>
#include <numeric>
#include <optional>
#include <queue>
#include <tuple>

#include "wfm/core/error.hpp"
#include "wfm/sim/random.hpp"

namespace wfm::sim {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// The random draws of one replication of one queue-day, shared by both engines so that they
// consume every stream in the same order.
class Draws {
 public:
  Draws(const SimSettings& s, std::uint64_t replication, std::uint64_t stream_id)
      : s_(s),
        arrivals_(s.seed, replication, stream_id, Purpose::kArrivals),
        handle_(s.seed, replication, stream_id, Purpose::kHandle),
        patience_(s.seed, replication, stream_id, Purpose::kPatience),
        redial_(s.seed, replication, stream_id, Purpose::kRedial),
        rate_(s.seed, replication, stream_id, Purpose::kRate) {
    if (s.handle.dist == HandleDist::kEmpirical && !s.handle.empirical.empty()) {
      empirical_mean_ = std::accumulate(s.handle.empirical.begin(), s.handle.empirical.end(), 0.0) /
                        static_cast<double>(s.handle.empirical.size());
    }
    if (s.patience.dist == PatienceDist::kWeibull) {
      weibull_scale_ = s.patience.mean_s / std::tgamma(1.0 + 1.0 / s.patience.shape);
    }
  }

  // Gamma multiplier of mean 1 and the configured CV (1 without rate noise).
  double rate_multiplier() {
    const double cv = s_.arrivals.cv;
    if (s_.arrivals.noise == RateNoise::kNone || cv == 0) return 1.0;
    return rate_.gamma(1.0 / (cv * cv), cv * cv);
  }

  // The next arrival after `t` at `rate` per second; +inf when there is none.
  double next_arrival(double t, double rate) {
    if (rate <= 0) return kInf;
    return t + arrivals_.exponential(1.0 / rate);
  }

  double handle(double mean) {
    switch (s_.handle.dist) {
      case HandleDist::kExponential:
        return handle_.exponential(mean);
      case HandleDist::kLognormal:
        return lognormal(handle_, mean, s_.handle.cv);
      case HandleDist::kGamma: {
        const double cv2 = s_.handle.cv * s_.handle.cv;
        return handle_.gamma(1.0 / cv2, mean * cv2);
      }
      case HandleDist::kEmpirical: {
        const auto& v = s_.handle.empirical;
        const auto i = static_cast<std::size_t>(handle_.uniform() * static_cast<double>(v.size()));
        return v[std::min(i, v.size() - 1)] * (mean / empirical_mean_);
      }
    }
    return mean;
  }

  double patience() {
    const auto& p = s_.patience;
    switch (p.dist) {
      case PatienceDist::kNone:
        return kInf;
      case PatienceDist::kExponential:
        return patience_.exponential(p.mean_s);
      case PatienceDist::kWeibull:
        return weibull_scale_ * std::pow(-std::log(patience_.uniform_open()), 1.0 / p.shape);
      case PatienceDist::kLognormal:
        return lognormal(patience_, p.mean_s, p.cv);
    }
    return kInf;
  }

  // Whether an abandoning caller redials, and after how long.
  std::optional<double> redial_delay() {
    if (s_.redial.probability <= 0) return std::nullopt;
    if (redial_.uniform() >= s_.redial.probability) return std::nullopt;
    return redial_.exponential(s_.redial.delay_s);
  }

 private:
  static double lognormal(Stream& st, double mean, double cv) {
    const double sigma2 = std::log1p(cv * cv);
    return mean * std::exp(std::sqrt(sigma2) * st.normal() - 0.5 * sigma2);
  }

  const SimSettings& s_;
  Stream arrivals_, handle_, patience_, redial_, rate_;
  double empirical_mean_ = 1;
  double weibull_scale_ = 1;
};

struct Waiting {
  double arrival;
  std::uint64_t call;
  int interval;
  bool redial;
  bool gone;
};

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

bool Event::operator>(const Event& o) const {
  return std::tie(t, kind, seq) > std::tie(o.t, o.kind, o.seq);
}

void simulate_day(const QueueDay& day, const SimSettings& settings, std::uint64_t replication,
                  std::uint64_t stream_id, std::vector<IntervalTally>& tallies,
                  const CallRecorder* recorder) {
  const int n = static_cast<int>(day.intervals.size());
  const double len = day.interval_s;
  const double day_end = len * n;
  const double threshold = settings.measure.threshold_s;
  tallies.assign(n, IntervalTally{});
  Draws draws(settings, replication, stream_id);
  double day_multiplier =
      settings.arrivals.noise == RateNoise::kPerDay ? draws.rate_multiplier() : 1.0;

  std::priority_queue<Event, std::vector<Event>, std::greater<>> heap;
  std::uint64_t event_seq = 0;
  const auto push = [&](double t, int kind, std::uint64_t data) {
    heap.push(Event{t, kind, event_seq++, data});
  };

  std::deque<Waiting> queue;
  std::uint64_t front_number = 0;  // waiting number of queue.front()
  std::uint64_t next_call = 0;
  int live = 0;  // callers waiting (not abandoned)
  int busy = 0;
  int staffed = 0;
  int cur = -1;     // current interval; n during the drain
  double rate = 0;  // arrivals per second in the current interval
  double now = 0;

  const auto advance = [&](double t) {
    if (cur >= 0 && cur < n && t > now) {
      const double dt = t - now;
      IntervalTally& tally = tallies[cur];
      tally.busy_s += busy * dt;
      tally.available_s += std::max(staffed, busy) * dt;
      tally.queue_s += live * dt;
    }
    now = t;
  };
  const auto record = [&](std::uint64_t call, int interval, double arrival, double wait,
                          double handle, CallOutcome outcome, bool redial) {
    if (recorder) (*recorder)(CallRecord{call, interval, arrival, wait, handle, outcome, redial});
  };
  const auto start_service = [&](std::uint64_t call, int interval, double arrival, bool redial) {
    const double wait = now - arrival;
    IntervalTally& tally = tallies[interval];
    tally.answered += 1;
    tally.wait_answered_s += wait;
    if (wait <= threshold) tally.answered_within += 1;
    const double handle = draws.handle(day.intervals[interval].aht_s);
    ++busy;
    push(now + handle, kDeparture, 0);
    record(call, interval, arrival, wait, handle, CallOutcome::kAnswered, redial);
  };
  const auto drop_gone_front = [&] {
    while (!queue.empty() && queue.front().gone) {
      queue.pop_front();
      ++front_number;
    }
  };
  const auto serve_queue = [&] {
    while (busy < staffed && live > 0) {
      drop_gone_front();
      const Waiting w = queue.front();
      queue.pop_front();
      ++front_number;
      --live;
      start_service(w.call, w.interval, w.arrival, w.redial);
    }
  };

  push(0.0, kBoundary, 0);
  while (!heap.empty()) {
    const Event e = heap.top();
    heap.pop();
    advance(e.t);
    switch (e.kind) {
      case kBoundary: {
        cur = static_cast<int>(e.data);
        if (cur < n) {
          const SimInterval& iv = day.intervals[cur];
          staffed = iv.agents;
          const double mult = settings.arrivals.noise == RateNoise::kPerInterval
                                  ? draws.rate_multiplier()
                                  : day_multiplier;
          rate = iv.calls * mult / len;
          const double first = draws.next_arrival(now, rate);
          if (first < len * (cur + 1)) push(first, kArrival, 0);
          push(len * (cur + 1), kBoundary, static_cast<std::uint64_t>(cur + 1));
        }
        // At the day's end staffing stays as in the last interval (the drain).
        serve_queue();
        break;
      }
      case kDeparture:
        --busy;
        serve_queue();
        break;
      case kAbandon: {
        if (e.data < front_number) break;  // served already: a stale timer
        Waiting& w = queue[e.data - front_number];
        if (w.gone) break;
        w.gone = true;
        --live;
        const double wait = now - w.arrival;
        IntervalTally& tally = tallies[w.interval];
        tally.abandoned += 1;
        tally.wait_abandoned_s += wait;
        if (wait <= threshold) tally.abandoned_within += 1;
        record(w.call, w.interval, w.arrival, wait, 0, CallOutcome::kAbandoned, w.redial);
        if (const auto delay = draws.redial_delay()) {
          if (now + *delay < day_end) push(now + *delay, kArrival, 1);
        }
        drop_gone_front();
        break;
      }
      case kArrival: {
        const bool redial = e.data == 1;
        const int interval = std::min(cur, n - 1);
        tallies[interval].offered += 1;
        const std::uint64_t call = next_call++;
        const double patience = draws.patience();
        if (busy < staffed && live == 0) {
          start_service(call, interval, now, redial);
        } else {
          tallies[interval].delayed += 1;
          queue.push_back(Waiting{now, call, interval, redial, false});
          ++live;
          if (patience < kInf) {
            push(now + patience, kAbandon, front_number + queue.size() - 1);
          }
        }
        if (!redial) {
          const double next = draws.next_arrival(now, rate);
          if (next < len * (cur + 1)) push(next, kArrival, 0);
        }
        break;
      }
    }
  }
  // Callers still waiting: no agent and no patience left them there.
  for (const Waiting& w : queue) {
    if (w.gone) continue;
    tallies[w.interval].unfinished += 1;
    record(w.call, w.interval, w.arrival, now - w.arrival, 0, CallOutcome::kUnfinished, w.redial);
  }
}

bool fast_path_applies(const QueueDay& day, const SimSettings& s) {
  if (s.redial.probability > 0 || s.arrivals.noise != RateNoise::kNone) return false;
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
