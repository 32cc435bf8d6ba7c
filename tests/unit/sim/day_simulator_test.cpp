// The event engine: event order at equal times, conservation, fast path = general engine,
// memory-free statistics, reproducibility per (seed, replication).
#include "wfm/sim/day_simulator.hpp"

#include <cmath>
#include <functional>
#include <queue>
#include <vector>

#include <catch2/catch.hpp>

using namespace wfm::sim;

namespace {

QueueDay flat_day(int intervals, double calls, double aht_s, int agents, double len = 900) {
  QueueDay d;
  d.queue = "q";
  d.interval_s = len;
  d.intervals.assign(intervals, SimInterval{calls, aht_s, agents});
  return d;
}

SimSettings with_patience(double mean_s) {
  SimSettings s;
  s.patience.dist = PatienceDist::kExponential;
  s.patience.mean_s = mean_s;
  return s;
}

}  // namespace

TEST_CASE("event calendar: equal times run boundary, departure, abandonment, arrival, then FIFO") {
  std::priority_queue<Event, std::vector<Event>, std::greater<>> heap;
  heap.push(Event{5.0, kArrival, 0, 0});
  heap.push(Event{5.0, kAbandon, 1, 0});
  heap.push(Event{5.0, kDeparture, 2, 0});
  heap.push(Event{5.0, kBoundary, 3, 0});
  heap.push(Event{4.0, kArrival, 4, 0});
  heap.push(Event{5.0, kDeparture, 5, 0});
  std::vector<std::pair<int, std::uint64_t>> order;
  while (!heap.empty()) {
    order.emplace_back(heap.top().kind, heap.top().seq);
    heap.pop();
  }
  const std::vector<std::pair<int, std::uint64_t>> expected = {{kArrival, 4},   {kBoundary, 3},
                                                               {kDeparture, 2}, {kDeparture, 5},
                                                               {kAbandon, 1},   {kArrival, 0}};
  CHECK(order == expected);
}

TEST_CASE("conservation: offered = answered + abandoned + unfinished, in every interval") {
  QueueDay d = flat_day(12, 120, 240, 30);
  for (int i = 0; i < 12; ++i) d.intervals[i].agents = 20 + (i * 7) % 15;  // staffing moves
  d.intervals[3].agents = 0;                                               // an empty interval
  SimSettings s = with_patience(90);
  s.redial = RedialModel{0.3, 120};
  s.arrivals = ArrivalModel{RateNoise::kPerInterval, 0.2};
  s.handle.dist = HandleDist::kLognormal;
  s.handle.cv = 0.8;
  std::vector<IntervalTally> t;
  simulate_day(d, s, 3, 0, t);
  double offered = 0;
  for (const auto& x : t) {
    CHECK(x.offered == x.answered + x.abandoned + x.unfinished);
    CHECK(x.answered_within <= x.answered);
    CHECK(x.abandoned_within <= x.abandoned);
    CHECK(x.busy_s <= x.available_s + 1e-6);
    offered += x.offered;
  }
  CHECK(offered > 1200);  // 12 x 120 expected, plus redials
  // With patience everybody leaves: nothing is unfinished.
  for (const auto& x : t) CHECK(x.unfinished == 0);
}

TEST_CASE("conservation with lines: offered = answered + abandoned + unfinished + blocked") {
  QueueDay d = flat_day(12, 120, 240, 30);
  for (int i = 0; i < 12; ++i) d.intervals[i].agents = 20 + (i * 7) % 15;  // staffing moves
  SimSettings s = with_patience(90);
  s.lines = 32;
  s.redial = RedialModel{0.3, 120};
  std::vector<IntervalTally> t;
  simulate_day(d, s, 3, 0, t);
  double blocked = 0;
  for (const auto& x : t) {
    CHECK(x.offered == x.answered + x.abandoned + x.unfinished + x.blocked);
    blocked += x.blocked;
  }
  CHECK(blocked > 0);  // 32 lines for up to 34 agents and 120 calls of 4 minutes per 15 minutes
  // Without lines, the same day blocks nobody.
  s.lines.reset();
  simulate_day(d, s, 3, 0, t);
  for (const auto& x : t) CHECK(x.blocked == 0);
}

TEST_CASE("without agents or patience callers are unfinished, not lost") {
  QueueDay d = flat_day(2, 40, 200, 0);
  std::vector<IntervalTally> t;
  simulate_day(d, SimSettings{}, 0, 0, t);
  for (const auto& x : t) {
    CHECK(x.answered == 0);
    CHECK(x.unfinished == x.offered);
  }
}

TEST_CASE("the fast path gives the same calls as the event engine") {
  for (double patience : {0.0, 60.0, 600.0}) {
    for (int agents : {0, 7, 12, 40}) {
      const QueueDay d = flat_day(6, 100, 300, agents);  // 33 Erlangs
      SimSettings s = patience > 0 ? with_patience(patience) : SimSettings{};
      s.handle.dist = HandleDist::kGamma;
      s.handle.cv = 1.3;
      REQUIRE(fast_path_applies(d, s));
      std::vector<IntervalTally> general, fast;
      simulate_day(d, s, 11, 2, general);
      simulate_day_fast(d, s, 11, 2, fast);
      INFO("patience " << patience << " agents " << agents);
      for (std::size_t i = 0; i < general.size(); ++i) {
        CHECK(fast[i].offered == general[i].offered);
        CHECK(fast[i].answered == general[i].answered);
        CHECK(fast[i].abandoned == general[i].abandoned);
        CHECK(fast[i].unfinished == general[i].unfinished);
        CHECK(fast[i].delayed == general[i].delayed);
        CHECK(fast[i].answered_within == general[i].answered_within);
        CHECK(fast[i].abandoned_within == general[i].abandoned_within);
        CHECK(fast[i].wait_answered_s == Approx(general[i].wait_answered_s).epsilon(1e-12));
        CHECK(fast[i].busy_s == Approx(general[i].busy_s).epsilon(1e-9));
        CHECK(fast[i].queue_s == Approx(general[i].queue_s).epsilon(1e-9).margin(1e-6));
        CHECK(fast[i].available_s == Approx(general[i].available_s).epsilon(1e-12));
      }
    }
  }
}

TEST_CASE("a replication depends only on (seed, replication, stream)") {
  const QueueDay d = flat_day(4, 80, 200, 20);
  const SimSettings s = with_patience(120);
  std::vector<IntervalTally> a, b, c;
  simulate_day(d, s, 5, 1, a);
  simulate_day(d, s, 6, 1, c);  // another replication in between changes nothing
  simulate_day(d, s, 5, 1, b);
  for (std::size_t i = 0; i < a.size(); ++i) {
    CHECK(a[i].offered == b[i].offered);
    CHECK(a[i].wait_answered_s == b[i].wait_answered_s);
  }
  double diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) diff += std::fabs(a[i].offered - c[i].offered);
  CHECK(diff > 0);
}

TEST_CASE("per-call records add up to the tallies") {
  const QueueDay d = flat_day(3, 60, 240, 14);
  SimSettings s = with_patience(45);
  std::vector<IntervalTally> t;
  std::vector<CallRecord> calls;
  const CallRecorder rec = [&](const CallRecord& c) { calls.push_back(c); };
  simulate_day(d, s, 1, 0, t, &rec);
  double offered = 0, answered = 0, waits = 0;
  for (const auto& x : t) {
    offered += x.offered;
    answered += x.answered;
    waits += x.wait_answered_s;
  }
  double rec_answered = 0, rec_waits = 0;
  for (const auto& c : calls) {
    if (c.outcome == CallOutcome::kAnswered) {
      rec_answered += 1;
      rec_waits += c.wait_s;
      CHECK(c.handle_s > 0);
    }
  }
  CHECK(static_cast<double>(calls.size()) == offered);
  CHECK(rec_answered == answered);
  CHECK(rec_waits == Approx(waits).epsilon(1e-12));
}
