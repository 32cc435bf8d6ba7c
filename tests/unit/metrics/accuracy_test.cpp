// wfm::metrics::Accumulator: every score against values computed by hand (the arithmetic is in
// the comments), undefined scores as nullopt (empty, zero actuals, all zero), coverage per level,
// merge, and misuse.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <vector>

#include "wfm/core/error.hpp"
#include "wfm/metrics/accuracy.hpp"

using wfm::core::Bounds;
using wfm::metrics::Accumulator;
using wfm::metrics::Scores;

namespace {

struct Pair {
  double actual, forecast;
  std::vector<Bounds> bounds;
};

// (actual, forecast, bounds at 80 and 95)
const std::vector<Pair> pairs = {
    {10, 12, {{11, 13}, {9, 15}}},   // 80: 10 outside; 95: inside
    {20, 15, {{13, 17}, {10, 20}}},  // 80: outside; 95: inside (hi is inclusive)
    {0, 3, {{0, 5}, {0, 6}}},        // inside both (lo is inclusive)
    {5, 6, {{5.5, 7}, {4, 8}}},      // 80: outside; 95: inside
    {0, 0, {}},                      // no bounds: not counted for coverage
};

Accumulator fill(const std::vector<Pair>& ps) {
  Accumulator acc;
  for (const auto& p : ps) acc.add(p.actual, p.forecast, p.bounds);
  return acc;
}

}  // namespace

TEST_CASE("Accumulator scores against hand-computed values", "[metrics][accuracy]") {
  const Scores s = fill(pairs).scores(4.0);
  // errors f - a: 2, -5, 3, 1, 0; |e| sum = 11; e^2 sum = 4 + 25 + 9 + 1 + 0 = 39
  CHECK(s.n == 5);
  CHECK(s.sum_actual == 35);    // 10 + 20 + 0 + 5 + 0
  CHECK(s.sum_forecast == 36);  // 12 + 15 + 3 + 6 + 0
  REQUIRE(s.mae);
  CHECK(*s.mae == Approx(11.0 / 5));  // 2.2
  REQUIRE(s.rmse);
  CHECK(*s.rmse == Approx(std::sqrt(39.0 / 5)));
  // wape = 11 / (10 + 20 + 0 + 5 + 0)
  REQUIRE(s.wape);
  CHECK(*s.wape == Approx(11.0 / 35));
  // smape over the 4 pairs not both zero: 2*2/22 + 2*5/35 + 2*3/3 + 2*1/11, divided by 4
  REQUIRE(s.smape);
  CHECK(*s.smape == Approx((4.0 / 22 + 10.0 / 35 + 2.0 + 2.0 / 11) / 4));
  CHECK(s.smape_skipped == 1);
  // mape over the 3 non-zero actuals: 2/10 + 5/20 + 1/5 = 0.65, divided by 3
  REQUIRE(s.mape);
  CHECK(*s.mape == Approx(0.65 / 3));
  CHECK(s.mape_skipped == 2);
  // bias = (2 - 5 + 3 + 1 + 0) / 35
  REQUIRE(s.bias);
  CHECK(*s.bias == Approx(1.0 / 35));
  // mase = mae / scale = 2.2 / 4
  REQUIRE(s.mase);
  CHECK(*s.mase == Approx(0.55));
  // coverage over the 4 pairs with bounds: 80: only (0, 3) inside -> 1/4; 95: all 4
  CHECK(s.coverage_n == 4);
  REQUIRE(s.coverage.size() == 2);
  REQUIRE(s.coverage[0]);
  CHECK(*s.coverage[0] == Approx(0.25));
  REQUIRE(s.coverage[1]);
  CHECK(*s.coverage[1] == Approx(1.0));
}

TEST_CASE("Accumulator: bias is signed", "[metrics][accuracy]") {
  Accumulator under;
  under.add(100, 90);  // -10
  under.add(50, 45);   // -5
  const auto s = under.scores(std::nullopt);
  REQUIRE(s.bias);
  CHECK(*s.bias == Approx(-15.0 / 150));
  CHECK_FALSE(s.mase);  // no scale
  CHECK(s.coverage.empty());
  CHECK(s.coverage_n == 0);
}

TEST_CASE("Accumulator: undefined scores are nullopt, never NaN", "[metrics][accuracy]") {
  SECTION("no data") {
    const auto s = Accumulator{}.scores(1.0);
    CHECK(s.n == 0);
    CHECK_FALSE(s.mae);
    CHECK_FALSE(s.rmse);
    CHECK_FALSE(s.wape);
    CHECK_FALSE(s.smape);
    CHECK_FALSE(s.mape);
    CHECK_FALSE(s.bias);
    CHECK_FALSE(s.mase);
    CHECK(s.mape_skipped == 0);
    CHECK(s.smape_skipped == 0);
  }
  SECTION("all zero: actuals and forecasts") {
    Accumulator acc;
    acc.add(0, 0);
    acc.add(0, 0);
    const auto s = acc.scores(2.0);
    CHECK(s.n == 2);
    CHECK(s.mae == 0.0);
    CHECK(s.rmse == 0.0);
    CHECK(s.mase == 0.0);  // 0 / 2
    CHECK_FALSE(s.wape);   // 0 / 0
    CHECK_FALSE(s.bias);   // 0 / 0
    CHECK_FALSE(s.smape);  // every pair skipped
    CHECK(s.smape_skipped == 2);
    CHECK_FALSE(s.mape);  // every actual zero
    CHECK(s.mape_skipped == 2);
  }
  SECTION("zero actuals, forecast calls") {
    Accumulator acc;
    acc.add(0, 4);  // smape term 2*4/4 = 2
    acc.add(0, 1);  // smape term 2
    const auto s = acc.scores(std::nullopt);
    CHECK(*s.mae == Approx(2.5));
    CHECK_FALSE(s.wape);
    CHECK_FALSE(s.bias);
    CHECK_FALSE(s.mape);
    CHECK(s.mape_skipped == 2);
    REQUIRE(s.smape);
    CHECK(*s.smape == Approx(2.0));  // the maximum
  }
  SECTION("a zero or missing scale gives no MASE") {
    Accumulator acc;
    acc.add(1, 2);
    CHECK_FALSE(acc.scores(0.0).mase);
    CHECK_FALSE(acc.scores(std::nullopt).mase);
    CHECK(acc.scores(0.5).mase == 2.0);
  }
}

TEST_CASE("Accumulator: merge equals adding everything to one", "[metrics][accuracy]") {
  const std::vector<Pair> first(pairs.begin(), pairs.begin() + 2);
  const std::vector<Pair> second(pairs.begin() + 2, pairs.end());
  Accumulator a = fill(first);
  a.merge(fill(second));
  const auto merged = a.scores(4.0);
  const auto whole = fill(pairs).scores(4.0);
  CHECK(merged.n == whole.n);
  CHECK(*merged.mae == Approx(*whole.mae));
  CHECK(*merged.rmse == Approx(*whole.rmse));
  CHECK(*merged.wape == Approx(*whole.wape));
  CHECK(*merged.smape == Approx(*whole.smape));
  CHECK(*merged.mape == Approx(*whole.mape));
  CHECK(*merged.bias == Approx(*whole.bias));
  CHECK(merged.mape_skipped == whole.mape_skipped);
  CHECK(merged.coverage_n == whole.coverage_n);
  CHECK(*merged.coverage[0] == Approx(*whole.coverage[0]));
  // Merging into an empty accumulator, and an empty one into a full one.
  Accumulator empty;
  empty.merge(fill(pairs));
  CHECK(empty.scores(std::nullopt).coverage_n == 4);
  Accumulator full = fill(pairs);
  full.merge(Accumulator{});
  CHECK(full.size() == 5);
}

TEST_CASE("Accumulator: misuse is an internal error", "[metrics][accuracy]") {
  Accumulator acc;
  const std::vector<Bounds> two = {{0, 1}, {0, 2}};
  const std::vector<Bounds> one = {{0, 1}};
  acc.add(1, 1, two);
  CHECK_THROWS_AS(acc.add(1, 1, one), wfm::core::InternalError);
  CHECK_THROWS_AS(acc.add(std::numeric_limits<double>::quiet_NaN(), 1), wfm::core::InternalError);
  CHECK_THROWS_AS(acc.add(1, std::numeric_limits<double>::infinity()), wfm::core::InternalError);
}
