// DaySimulation, the resumable engine: bit-identical to the event engine as it was before it
// (a verbatim copy of that simulate_day and simulate_day_fast is below, as the reference), a copy
// continues exactly as the original, agents set per interval, the drain.
#include "wfm/sim/day_simulation.hpp"
#include "wfm/sim/simulation.hpp"

#include <algorithm>
#include <cmath>
#include <deque>
#include <functional>
#include <limits>
#include <numeric>
#include <optional>
#include <queue>
#include <tuple>
#include <vector>

#include <catch2/catch.hpp>

#include "wfm/core/error.hpp"
#include "wfm/sim/day_simulator.hpp"
#include "wfm/sim/random.hpp"

using namespace wfm::sim;

namespace reference {

// Verbatim from src/wfm/sim/day_simulator.cpp at commit 2d23177 (before DaySimulation), less
// fast_path_applies (unchanged, and ambiguous here with wfm::sim::fast_path_applies), with the
// header's default recorder argument.
using namespace wfm::sim;

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

void simulate_day(const QueueDay& day, const SimSettings& settings, std::uint64_t replication,
                  std::uint64_t stream_id, std::vector<IntervalTally>& tallies,
                  const CallRecorder* recorder = nullptr) {
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

}  // namespace reference

namespace {

bool same(const IntervalTally& a, const IntervalTally& b) {
  return a.offered == b.offered && a.answered == b.answered && a.abandoned == b.abandoned &&
         a.unfinished == b.unfinished && a.delayed == b.delayed &&
         a.answered_within == b.answered_within && a.abandoned_within == b.abandoned_within &&
         a.wait_answered_s == b.wait_answered_s && a.wait_abandoned_s == b.wait_abandoned_s &&
         a.busy_s == b.busy_s && a.available_s == b.available_s && a.queue_s == b.queue_s;
}

bool same(const CallRecord& a, const CallRecord& b) {
  return a.call == b.call && a.interval == b.interval && a.arrival_s == b.arrival_s &&
         a.wait_s == b.wait_s && a.handle_s == b.handle_s && a.outcome == b.outcome &&
         a.redial == b.redial;
}

// Every tally equal to the last bit; the interval that differs is reported.
void check_same(const std::vector<IntervalTally>& got, const std::vector<IntervalTally>& want) {
  REQUIRE(got.size() == want.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    INFO("interval " << i << ": offered " << got[i].offered << " vs " << want[i].offered
                     << ", answered " << got[i].answered << " vs " << want[i].answered
                     << ", busy_s " << got[i].busy_s << " vs " << want[i].busy_s);
    CHECK(same(got[i], want[i]));
  }
}

struct Case {
  const char* name;
  QueueDay day;
  SimSettings settings;
};

// Days with every behaviour the engine has: patience (three laws), redials, rate noise per day
// and per interval, lognormal, gamma and empirical handle times, staffing up, down and to zero,
// an interval without calls, staffing that cannot answer everybody.
std::vector<Case> cases() {
  std::vector<Case> out;
  const auto day_of = [](std::vector<SimInterval> v, double len = 900) {
    QueueDay d;
    d.queue = "q";
    d.interval_s = len;
    d.intervals = std::move(v);
    return d;
  };
  {
    SimSettings s;
    s.patience = {PatienceDist::kExponential, 90, 1, 1};
    s.redial = {0.3, 120};
    s.arrivals = {RateNoise::kPerInterval, 0.2};
    s.handle.dist = HandleDist::kLognormal;
    s.handle.cv = 0.8;
    s.seed = 11;
    std::vector<SimInterval> v;
    for (int i = 0; i < 16; ++i)
      v.push_back({60.0 + 40 * std::sin(i * 0.7), 240, 12 + (i * 7) % 11});
    v[5].agents = 3;  // a sharp drop: busy agents finish their calls first
    v[6].agents = 30;
    out.push_back({"exponential patience, redials, per-interval noise, lognormal", day_of(v), s});
  }
  {
    SimSettings s;
    s.patience = {PatienceDist::kWeibull, 150, 0.7, 1};
    s.arrivals = {RateNoise::kPerDay, 0.3};
    s.handle.dist = HandleDist::kEmpirical;
    s.handle.empirical = {30, 95, 180, 240, 410, 900, 1600};
    s.measure.threshold_s = 30;
    s.seed = 3;
    std::vector<SimInterval> v;
    for (int i = 0; i < 12; ++i) v.push_back({40.0 + 5 * i, 300 + 20.0 * i, 10 + (i % 4) * 3});
    v[4].calls = 0;  // an interval without calls
    out.push_back({"Weibull patience, per-day noise, empirical handle", day_of(v, 1800), s});
  }
  {
    SimSettings s;  // no patience: with no agent callers stay
    s.handle.dist = HandleDist::kGamma;
    s.handle.cv = 1.4;
    s.seed = 7;
    std::vector<SimInterval> v;
    for (int i = 0; i < 10; ++i) v.push_back({50, 600, 40 - 4 * i});
    v[9].agents = 0;  // the drain has nobody: callers left are unfinished
    out.push_back({"no patience, gamma handle, staffing down to zero", day_of(v), s});
  }
  {
    SimSettings s;
    s.patience = {PatienceDist::kLognormal, 60, 1, 1.5};
    s.redial = {0.6, 30};
    s.seed = 2026;
    std::vector<SimInterval> v;
    for (int i = 0; i < 20; ++i) v.push_back({i < 10 ? 80.0 : 20.0, 200, i < 10 ? 15 : 6});
    out.push_back({"lognormal patience, frequent quick redials", day_of(v, 600), s});
  }
  return out;
}

std::vector<CallRecord> records_of(const std::function<void(const CallRecorder*)>& run) {
  std::vector<CallRecord> calls;
  const CallRecorder rec = [&](const CallRecord& c) { calls.push_back(c); };
  run(&rec);
  return calls;
}

// Every call record equal, in order.
bool same_calls(const std::vector<CallRecord>& got, const std::vector<CallRecord>& want) {
  if (got.size() != want.size()) return false;
  for (std::size_t k = 0; k < got.size(); ++k) {
    if (!same(got[k], want[k])) return false;
  }
  return true;
}

}  // namespace

TEST_CASE("simulate_day (over DaySimulation) equals the previous engine bit for bit") {
  for (const Case& c : cases()) {
    for (std::uint64_t rep : {0, 1, 5, 29}) {
      INFO(c.name << ", replication " << rep);
      std::vector<IntervalTally> got, want;
      const auto got_calls = records_of(
          [&](const CallRecorder* r) { simulate_day(c.day, c.settings, rep, 4, got, r); });
      const auto want_calls = records_of([&](const CallRecorder* r) {
        reference::simulate_day(c.day, c.settings, rep, 4, want, r);
      });
      check_same(got, want);
      REQUIRE(got_calls.size() == want_calls.size());
      CHECK(same_calls(got_calls, want_calls));
    }
  }
}

TEST_CASE("agents set interval by interval equal the same staffing in the day") {
  for (const Case& c : cases()) {
    INFO(c.name);
    QueueDay flat = c.day;  // a different default staffing, overridden at every boundary
    for (auto& iv : flat.intervals) iv.agents = 1;
    DaySimulation sim(flat, c.settings, 2, 9);
    for (int i = 0; i < sim.intervals(); ++i) {
      sim.set_agents(i, c.day.intervals[i].agents);
      sim.run_interval(i);
    }
    sim.drain();
    std::vector<IntervalTally> want;
    reference::simulate_day(c.day, c.settings, 2, 9, want);
    REQUIRE(sim.first_tally() == 0);
    check_same(sim.tallies(), want);
  }
}

TEST_CASE("the fast path equals the previous fast path bit for bit") {
  QueueDay d;
  d.interval_s = 900;
  d.intervals.assign(8, SimInterval{100, 300, 36});
  for (double patience : {0.0, 80.0}) {
    SimSettings s;
    if (patience > 0) s.patience = {PatienceDist::kExponential, patience, 1, 1};
    s.handle.dist = HandleDist::kLognormal;
    s.handle.cv = 0.6;
    for (std::uint64_t rep : {0, 3}) {
      std::vector<IntervalTally> got, want;
      simulate_day_fast(d, s, rep, 1, got);
      reference::simulate_day_fast(d, s, rep, 1, want);
      check_same(got, want);
    }
  }
}

TEST_CASE("a copy continues exactly as the original") {
  for (const Case& c : cases()) {
    INFO(c.name);
    DaySimulation whole(c.day, c.settings, 1, 3);
    whole.run_to(c.day.interval_s * static_cast<double>(c.day.intervals.size()));
    whole.drain();
    // Copies taken at boundaries and inside intervals, each run on to the end.
    const double end = c.day.interval_s * static_cast<double>(c.day.intervals.size());
    for (double frac : {0.0, 0.13, 0.5, 0.77, 1.0}) {
      DaySimulation original(c.day, c.settings, 1, 3);
      original.run_to(end * frac);
      DaySimulation copy = original;
      original.run_to(end);  // the original runs on: the copy must not share its state
      original.drain();
      copy.run_to(end);
      copy.drain();
      INFO("copied at " << frac << " of the day");
      check_same(copy.tallies(), whole.tallies());
      check_same(original.tallies(), whole.tallies());
    }
  }
}

TEST_CASE("discarding closed tallies keeps every tally that can still change") {
  for (const Case& c : cases()) {
    INFO(c.name);
    DaySimulation kept(c.day, c.settings, 4, 0);
    DaySimulation lean(c.day, c.settings, 4, 0);
    std::vector<IntervalTally> closed;  // what lean dropped, in order
    for (int i = 0; i < kept.intervals(); ++i) {
      kept.run_interval(i);
      lean.run_interval(i);
      const int before = lean.first_tally();
      const std::vector<IntervalTally> window = lean.tallies();
      lean.discard_closed_tallies();
      for (int k = before; k < lean.first_tally(); ++k) closed.push_back(window[k - before]);
      CHECK(lean.first_tally() <= i);
      // A copy of the lean state continues to the same day.
      if (i == kept.intervals() / 2) {
        DaySimulation copy = lean;
        copy.run_interval(kept.intervals() - 1);
        copy.drain();
        DaySimulation full = kept;
        full.run_interval(kept.intervals() - 1);
        full.drain();
        for (int k = copy.first_tally(); k < kept.intervals(); ++k) {
          CHECK(same(copy.tally(k), full.tally(k)));
        }
      }
    }
    kept.drain();
    lean.drain();
    for (int k = lean.first_tally(); k < lean.intervals(); ++k) closed.push_back(lean.tally(k));
    check_same(closed, kept.tallies());
  }
}

TEST_CASE("the drain ends the day where it stands: as the day cut after that interval") {
  for (const Case& c : cases()) {
    for (int cut : {0, 3, 7}) {
      INFO(c.name << ", cut after interval " << cut);
      QueueDay prefix = c.day;
      prefix.intervals.resize(static_cast<std::size_t>(cut) + 1);
      std::vector<IntervalTally> want;
      reference::simulate_day(prefix, c.settings, 6, 2, want);
      DaySimulation sim(c.day, c.settings, 6, 2);
      sim.run_interval(cut);
      sim.drain();
      check_same(sim.tallies(), want);
    }
  }
}

TEST_CASE("a drain inside an interval stops arrivals and the clock there") {
  QueueDay d;
  d.interval_s = 900;
  d.intervals.assign(3, SimInterval{120, 300, 10});
  const SimSettings s;
  DaySimulation sim(d, s, 0, 0);
  sim.run_to(1200);  // a third into interval 1
  sim.drain();
  DaySimulation longer(d, s, 0, 0);
  longer.run_to(1800);
  longer.drain();
  CHECK(sim.tally(1).offered < longer.tally(1).offered);
  CHECK(sim.tally(1).available_s == Approx(10 * 300.0).epsilon(1e-12));
  CHECK(sim.tallies().size() == 2);
  for (const auto& t : sim.tallies()) {
    CHECK(t.offered == t.answered + t.abandoned + t.unfinished);
    CHECK(t.unfinished == 0);  // agents stay and answer everybody
  }
}

TEST_CASE("with nobody to answer, the drain leaves callers unfinished") {
  QueueDay d;
  d.interval_s = 900;
  d.intervals.assign(2, SimInterval{30, 300, 0});
  const SimSettings settings;
  DaySimulation sim(d, settings, 0, 0);
  sim.run_interval(1);
  sim.drain();
  for (const auto& t : sim.tallies()) {
    CHECK(t.answered == 0);
    CHECK(t.unfinished == t.offered);
  }
}

TEST_CASE("DaySimulation misuse: errors name what is wrong") {
  QueueDay d;
  d.queue = "sales";
  d.interval_s = 900;
  d.intervals.assign(3, SimInterval{30, 300, 5});
  const SimSettings s;
  DaySimulation sim(d, s, 0, 0);
  CHECK_THROWS_WITH(sim.set_agents(0, -1), Catch::Contains("expected agents >= 0, got -1"));
  sim.run_interval(0);
  CHECK_THROWS_AS(sim.set_agents(0, 4), wfm::core::InternalError);  // its boundary is behind
  CHECK_THROWS_AS(sim.run_to(100), wfm::core::InternalError);       // backwards
  CHECK_THROWS_AS(sim.tally(1), wfm::core::InternalError);          // not started
  sim.set_agents(2, 4);
  sim.drain();
  CHECK(sim.drained());
  CHECK_THROWS_AS(sim.run_interval(1), wfm::core::InternalError);
  CHECK_THROWS_AS(sim.set_agents(2, 4), wfm::core::InternalError);
}

TEST_CASE("chat with one chat per agent is the voice simulation, call for call", "[chat]") {
  for (const Case& c : cases()) {
    INFO(c.name);
    SimSettings chat = c.settings;
    chat.chat.handle_s = {123};  // only ratios matter: one chat at speed 1
    std::vector<IntervalTally> got, want;
    const auto got_calls =
        records_of([&](const CallRecorder* r) { simulate_day(c.day, chat, 3, 4, got, r); });
    const auto want_calls =
        records_of([&](const CallRecorder* r) { simulate_day(c.day, c.settings, 3, 4, want, r); });
    check_same(got, want);
    REQUIRE(got_calls.size() == want_calls.size());
    CHECK(same_calls(got_calls, want_calls));
  }
}

TEST_CASE("chat: a copy continues exactly as the original", "[chat]") {
  for (const Case& c : cases()) {
    INFO(c.name);
    SimSettings s = c.settings;
    s.chat.handle_s = {200, 250, 300};
    const double end = c.day.interval_s * static_cast<double>(c.day.intervals.size());
    DaySimulation whole(c.day, s, 1, 3);
    whole.run_to(end);
    whole.drain();
    for (double frac : {0.0, 0.4, 0.9}) {
      DaySimulation original(c.day, s, 1, 3);
      original.run_to(end * frac);
      DaySimulation copy = original;
      original.run_to(end);
      original.drain();
      copy.run_to(end);
      copy.drain();
      INFO("copied at " << frac << " of the day");
      check_same(copy.tallies(), whole.tallies());
      check_same(original.tallies(), whole.tallies());
    }
  }
}

TEST_CASE("chat: more chats per agent answer more, and occupancy counts chat slots", "[chat]") {
  QueueDay d;
  d.interval_s = 900;
  d.intervals.assign(8, SimInterval{120, 300, 10});  // 40 Erlangs of single chats on 10 agents
  SimSettings s;
  s.patience = {PatienceDist::kExponential, 120, 1, 1};
  s.measure.threshold_s = 30;
  IntervalTally one, three;
  std::vector<IntervalTally> t;
  simulate_day(d, s, 0, 0, t);
  one = sum_tallies(t, 0, t.size());
  s.chat.handle_s = {300, 330, 360};  // capacity: 3 x 300 / 360 = 2.5 agents' worth each
  simulate_day(d, s, 0, 0, t);
  three = sum_tallies(t, 0, t.size());
  CHECK(three.answered > 2 * one.answered);
  CHECK(three.answered_within > 2 * one.answered_within);
  // Available time counts 3 slots per agent: occupancy is busy slots over 30 slots.
  CHECK(three.available_s == Approx(3 * one.available_s).epsilon(1e-12));
  CHECK(three.busy_s <= three.available_s);
  CHECK(three.busy_s > 2 * one.busy_s);
}

TEST_CASE("blend with a reserve of every agent is the voice simulation, call for call",
          "[blend]") {
  for (const Case& c : cases()) {
    INFO(c.name);
    int most = 0;
    for (const auto& iv : c.day.intervals) most = std::max(most, iv.agents);
    SimSettings blend = c.settings;
    blend.blend = BlendModel{most, 300};  // never that many idle after starting a job
    std::vector<IntervalTally> got, want;
    simulate_day(c.day, blend, 3, 4, got);
    simulate_day(c.day, c.settings, 3, 4, want);
    check_same(got, want);
    for (const auto& t : got) CHECK(t.outbound_done == 0);
  }
}

TEST_CASE("blend: idle agents beyond the reserve work outbound, and leave when staffing drops",
          "[blend]") {
  QueueDay d;
  d.interval_s = 900;
  d.intervals = {SimInterval{0, 0, 10}, SimInterval{0, 0, 4}};  // no calls at all
  SimSettings s;
  s.blend = BlendModel{1, 300};
  std::vector<IntervalTally> t;
  simulate_day(d, s, 0, 0, t);
  // 9 of 10 agents on outbound from the first instant: 9 x 900 agent-seconds, 1 idle.
  CHECK(t[0].outbound_s == Approx(9 * 900.0));
  CHECK(t[0].available_s == Approx(10 * 900.0));
  CHECK(t[0].outbound_done > 9 * 900.0 / 300 * 0.6);
  // After the drop to 4 agents, agents on outbound finish their job and leave: at most 3 work.
  CHECK(t[1].outbound_s <= 9 * 900.0);
  CHECK(t[1].outbound_s >= 3 * 900.0 * 0.5);
  CHECK(t[1].busy_s == 0);
}
