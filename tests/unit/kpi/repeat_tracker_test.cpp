// Repeat-contact tracking: the window's edges and ties, streaming and buffered modes against a
// brute-force reference on random data, rows out of order, and memory bounded by the window.
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "wfm/kpi/repeat_tracker.hpp"

using namespace wfm::kpi;

namespace {

struct Row {
  std::string customer;
  TimeMs arrival;
  std::size_t seq;
};

struct Result {
  bool repeated = false;
  bool censored = false;
  bool seen = false;
};

// Runs the tracker over rows (in the given order); results indexed by seq.
std::vector<Result> track(const std::vector<Row>& rows, double window_s, RepeatTracker::Mode mode,
                          double slack_s = 0, std::size_t* peak = nullptr) {
  std::vector<Result> out(rows.size());
  RepeatTracker t(
      window_s, mode,
      [&](const RepeatTracker::Payload& p, bool repeated, bool censored) {
        REQUIRE_FALSE(out[p.group].seen);
        out[p.group] = Result{repeated, censored, true};
      },
      slack_s);
  for (const auto& r : rows) {
    t.add(r.customer, r.arrival, r.seq,
          RepeatTracker::Payload{static_cast<std::uint32_t>(r.seq), 1});
  }
  t.finish();
  if (peak) *peak = t.peak_held();
  return out;
}

// The definition, by brute force.
std::vector<Result> reference(const std::vector<Row>& rows, double window_s) {
  const TimeMs w = static_cast<TimeMs>(window_s * 1000);
  TimeMs last = rows.front().arrival;
  for (const auto& r : rows) last = std::max(last, r.arrival);
  std::vector<Result> out(rows.size());
  for (const auto& a : rows) {
    Result res{false, a.arrival + w > last, true};
    for (const auto& b : rows) {
      const bool after = b.arrival > a.arrival || (b.arrival == a.arrival && b.seq > a.seq);
      if (b.customer == a.customer && after && b.arrival - a.arrival <= w) res.repeated = true;
    }
    out[a.seq] = res;
  }
  return out;
}

bool same(const std::vector<Result>& a, const std::vector<Result>& b) {
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].repeated != b[i].repeated || a[i].censored != b[i].censored || !a[i].seen)
      return false;
  }
  return true;
}

}  // namespace

TEST_CASE("window edges and ties", "[kpi][fcr]") {
  const TimeMs h = 3'600'000;
  const std::vector<Row> rows = {
      {"a", 0, 0},       // repeated by row 1 exactly 24 h later
      {"a", 24 * h, 1},  // not repeated: row 2 is 24 h + 1 ms later
      {"a", 48 * h + 1, 2},
      {"b", 10 * h, 3},  // tie with row 4: the later row in the file is the repeat
      {"b", 10 * h, 4},
      {"c", 11 * h, 5},  // alone
  };
  for (auto mode : {RepeatTracker::Mode::streaming, RepeatTracker::Mode::buffered}) {
    // The rows are out of arrival order by up to 38 h: a slack of 48 h keeps streaming exact.
    const auto r = track(rows, 86400, mode, 48 * 3600);
    CHECK(r[0].repeated);
    CHECK_FALSE(r[1].repeated);
    CHECK_FALSE(r[2].repeated);
    CHECK(r[3].repeated);
    CHECK_FALSE(r[4].repeated);
    CHECK_FALSE(r[5].repeated);
    // Censored: the window reaches past the last arrival (48 h + 1 ms).
    CHECK_FALSE(r[0].censored);
    CHECK_FALSE(r[1].censored);  // its window ends at 48 h, before the last arrival
    CHECK(r[2].censored);
    CHECK_FALSE(r[5].censored);
  }
}

TEST_CASE("streaming and buffered agree with the definition on random data", "[kpi][fcr]") {
  std::mt19937_64 rng(11);
  for (int trial = 0; trial < 20; ++trial) {
    std::vector<Row> rows;
    const int n = 400;
    // Few customers on odd trials: rows of one customer are then often out of order among
    // themselves in the jittered file below.
    std::uniform_int_distribution<int> customer(0, trial % 2 ? 4 : 60);
    std::uniform_int_distribution<TimeMs> gap(0, 900'000);  // 0-15 min between arrivals
    TimeMs t = 0;
    for (int i = 0; i < n; ++i) {
      t += gap(rng);
      rows.push_back({"cust" + std::to_string(customer(rng)), t, static_cast<std::size_t>(i)});
    }
    const double window_s = 3600.0 * (1 + trial % 5);
    const auto expected = reference(rows, window_s);
    CHECK(same(track(rows, window_s, RepeatTracker::Mode::streaming), expected));
    CHECK(same(track(rows, window_s, RepeatTracker::Mode::buffered), expected));
    // Rows written when calls end: out of arrival order by up to 30 min; a slack of 1 h keeps
    // streaming correct.
    std::vector<Row> jittered = rows;
    std::uniform_int_distribution<TimeMs> delay(0, 1'800'000);
    std::vector<std::pair<TimeMs, std::size_t>> keys;
    for (std::size_t i = 0; i < rows.size(); ++i)
      keys.emplace_back(rows[i].arrival + delay(rng), i);
    std::sort(keys.begin(), keys.end());
    for (std::size_t i = 0; i < keys.size(); ++i) jittered[i] = rows[keys[i].second];
    CHECK(same(track(jittered, window_s, RepeatTracker::Mode::streaming, 3600), expected));
    // Fully shuffled: buffered is right; streaming refuses rather than answer wrong.
    std::vector<Row> shuffled = rows;
    std::shuffle(shuffled.begin(), shuffled.end(), rng);
    CHECK(same(track(shuffled, window_s, RepeatTracker::Mode::buffered), expected));
    CHECK_THROWS_AS(track(shuffled, window_s, RepeatTracker::Mode::streaming, 0),
                    RepeatTracker::OutOfOrder);
  }
}

TEST_CASE("streaming memory is bounded by the window, not the rows", "[kpi][fcr]") {
  // 200,000 contacts over ~70 days, 50,000 customers, a 24 h window: about 2,900 contacts a day.
  std::vector<Row> rows;
  std::mt19937_64 rng(5);
  std::uniform_int_distribution<int> customer(0, 49'999);
  for (std::size_t i = 0; i < 200'000; ++i) {
    rows.push_back({std::to_string(customer(rng)), static_cast<TimeMs>(i) * 30'000, i});
  }
  std::size_t peak = 0;
  const auto r = track(rows, 86400, RepeatTracker::Mode::streaming, 4 * 3600, &peak);
  // Window + slack = 28 h = 3,360 contacts at one every 30 s (both ends included), plus the one
  // being added.
  CHECK(peak <= 3363);
  CHECK(peak >= 3360);
  std::size_t buffered_peak = 0;
  track(rows, 86400, RepeatTracker::Mode::buffered, 0, &buffered_peak);
  CHECK(buffered_peak == rows.size());
  std::size_t repeated = 0;
  for (const auto& x : r) repeated += x.repeated ? 1 : 0;
  CHECK(repeated > 0);
}

TEST_CASE("customers idle for longer than the window are forgotten", "[kpi][fcr]") {
  // 300,000 contacts of 300,000 different customers, one a minute: the table of customers must
  // not keep them all.
  std::size_t max_customers = 0, finals = 0;
  RepeatTracker t(
      3600, RepeatTracker::Mode::streaming,
      [&](const RepeatTracker::Payload&, bool repeated, bool) {
        CHECK_FALSE(repeated);
        ++finals;
      },
      600);
  for (std::size_t i = 0; i < 300'000; ++i) {
    t.add("customer-with-a-long-id-" + std::to_string(i), static_cast<TimeMs>(i) * 60'000, i, {});
    max_customers = std::max(max_customers, t.customers_held());
  }
  t.finish();
  CHECK(finals == 300'000);
  // 70 minutes of contacts are live; purges run when the table doubles.
  CHECK(max_customers < 1024 + 2 * 71 + 10);
}
