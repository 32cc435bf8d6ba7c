// auto: with data from a stable weekly pattern plus noise, the weekday average (which averages the
// noise away) is clearly best and chosen; the candidates are reported best first.
#include <catch2/catch.hpp>

#include "forecast_fixtures.hpp"
#include "wfm/core/error.hpp"
#include "wfm/forecast/auto_select.hpp"
#include "wfm/metrics/scale.hpp"

using namespace wfm;
using namespace wfm::forecast;
using namespace wfm::forecast::test;

TEST_CASE("auto picks the model that generated the data when it is clearly best",
          "[forecast][auto]") {
  HistorySpec spec;
  spec.days = 70;
  spec.noise = 1.5;
  const auto series = make_series(spec);
  const DayGrid g = make_day_grid(series, kInterval);
  const auto scale = metrics::seasonal_naive_scale(series, metrics::SeasonalLag::previous_day);
  const std::vector<std::string> methods{"snaive", "snaive-day", "weekday-avg"};
  const Selection s = select_model(g, methods, BacktestOptions{}, scale);
  CHECK(s.members == std::vector<std::string>{"weekday-avg"});
  CHECK(s.chosen == 0);
  REQUIRE(s.candidates.size() == 5);  // 3 models + best two + best three
  CHECK(s.candidates.front().method == "weekday-avg");
  for (std::size_t i = 1; i < s.candidates.size(); ++i) {
    CHECK(selection_error(s.candidates[i - 1].scores) <= selection_error(s.candidates[i].scores));
  }
  CHECK(s.candidates.front().folds.size() == 4);
}

TEST_CASE("auto with too little history is a clear error", "[forecast][auto]") {
  HistorySpec spec;
  spec.days = 10;
  const DayGrid g = make_day_grid(make_series(spec), kInterval);
  const std::vector<std::string> methods{"snaive", "weekday-avg"};
  CHECK_THROWS_WITH(select_model(g, methods, BacktestOptions{}, std::nullopt),
                    Catch::Contains("needs enough history to backtest"));
}
