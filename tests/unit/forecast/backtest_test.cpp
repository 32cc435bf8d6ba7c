// Rolling-origin backtests: where the origins fall, missing days skipped in folds and scores,
// cross-validated coverage.
#include <catch2/catch.hpp>

#include "forecast_fixtures.hpp"
#include "wfm/forecast/backtest.hpp"
#include "wfm/forecast/backtest_coverage.hpp"
#include "wfm/forecast/registry.hpp"

using namespace wfm;
using namespace wfm::forecast;
using namespace wfm::forecast::test;

TEST_CASE("backtest origins step back from the last horizon", "[forecast][backtest]") {
  const DayGrid g = make_day_grid(make_series(HistorySpec{}), kInterval);  // 42 days, last a Sat
  const Date last = g.dates.back();
  REQUIRE(last == kMonday + std::chrono::days{40});
  BacktestOptions o;
  o.origins = 4;
  o.horizon_days = 14;
  o.step_days = 7;
  const auto origins = backtest_origins(g, o, 1);
  REQUIRE(origins.size() == 4);
  CHECK(origins.back() == last - std::chrono::days{14});
  CHECK(origins.front() == last - std::chrono::days{35});
  for (std::size_t k = 1; k < origins.size(); ++k) {
    CHECK(origins[k] - origins[k - 1] == std::chrono::days{7});
  }
  // Origins with too little training history are dropped (the oldest has 6 observed days).
  CHECK(backtest_origins(g, o, 10).size() == 3);
  CHECK(backtest_origins(g, o, 100).empty());
}

TEST_CASE("backtest folds skip missing days and score only observed cells",
          "[forecast][backtest]") {
  HistorySpec spec;
  const Date missing = kMonday + std::chrono::days{37};  // in the last fold's horizon
  spec.missing_days = {missing};
  spec.missing_cells = {{kMonday + std::chrono::days{36}, 40}};
  const DayGrid g = make_day_grid(make_series(spec), kInterval);
  BacktestOptions o;
  const auto model = make_forecaster("weekday-avg");
  const auto origins = backtest_origins(g, o, model->min_days());
  REQUIRE(origins.size() == 3);
  const BacktestResult r = backtest(*model, g, origins, o, 1.0);
  REQUIRE(r.folds.size() == 3);
  const auto& lastf = r.folds.back();
  CHECK(std::find(lastf.dates.begin(), lastf.dates.end(), missing) == lastf.dates.end());
  CHECK(lastf.dates.size() == 11);  // 14 days: 2 Sundays closed, 1 missing
  std::size_t scored = 0;
  for (const auto& f : r.folds)
    scored += static_cast<std::size_t>((!f.actual.array().isNaN()).count());
  CHECK(r.scores.n == scored);
  // The history repeats weekly, so a weekday average is exact.
  REQUIRE(r.scores.mae.has_value());
  CHECK(*r.scores.mae < 1e-9);
  // Coverage needs intervals from the other folds.
  const double levels[] = {80, 95};
  const auto cov = score_with_coverage(r.folds, levels, 1.0);
  CHECK(cov.has_coverage);
  CHECK(cov.scores.n == r.scores.n);
  REQUIRE(cov.scores.coverage.size() == 2);
  CHECK(*cov.scores.coverage[0] == 1.0);  // zero errors are always inside
  CHECK_FALSE(score_with_coverage(std::span(r.folds).first(1), levels, 1.0).has_coverage);
}
