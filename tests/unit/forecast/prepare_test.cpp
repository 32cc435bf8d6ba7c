// forecast::prepare_queue: the one preparation of a queue's history shared by run_forecast and
// backtest_methods: missing days reported (not zero), special days left out, outliers found and
// down-weighted only when asked, and the previous-day naive MASE scale of the raw series.
#include <catch2/catch.hpp>

#include <cmath>

#include "forecast_fixtures.hpp"
#include "wfm/forecast/prepare.hpp"
#include "wfm/metrics/scale.hpp"

using namespace wfm;
using namespace wfm::forecast;
using namespace wfm::forecast::test;

TEST_CASE("prepare_queue lays out, cleans and scales one queue", "[forecast][prepare]") {
  HistorySpec spec;
  spec.noise = 1.0;
  const Date missing = kMonday + std::chrono::days{9};   // a Wednesday, absent
  const Date spike = kMonday + std::chrono::days{16};    // a Wednesday, 3x the calls
  const Date holiday = kMonday + std::chrono::days{22};  // a Tuesday
  spec.missing_days = {missing};
  spec.day_factor = {{spike, 3.0}};
  const core::QueueSeries series = make_series(spec);
  SpecialDays special;
  special.days.push_back(SpecialDay{holiday, "holiday", SpecialDay::Kind::holiday, 1.0, 2});
  special.days.push_back(
      SpecialDay{kMonday + std::chrono::days{100}, "later", SpecialDay::Kind::closed, 1.0, 3});

  const PreparedQueue kept = prepare_queue(series, kInterval, special, false);
  CHECK(kept.history_days == 35);  // 42 days less 6 Sundays and the missing Wednesday
  CHECK(kept.missing_days == std::vector<Date>{missing});
  // Only the special day present in the history is excluded; its cells are missing.
  CHECK(kept.excluded_special == std::vector<Date>{holiday});
  CHECK(kept.grid.calls.row(kept.grid.row_of(holiday)).array().isNaN().all());
  REQUIRE(kept.outliers.size() == 1);
  CHECK(kept.outliers[0].date == spike);
  // Found but not down-weighted.
  CHECK(kept.grid.calls.row(kept.grid.row_of(spike)).sum() == Approx(kept.outliers[0].total));
  REQUIRE(kept.mase_scale);
  CHECK(*kept.mase_scale ==
        Approx(*metrics::seasonal_naive_scale(series, metrics::SeasonalLag::previous_day)));

  const PreparedQueue down = prepare_queue(series, kInterval, special, true);
  REQUIRE(down.outliers.size() == 1);
  CHECK(down.grid.calls.row(down.grid.row_of(spike)).sum() == Approx(down.outliers[0].adjusted));
  CHECK(down.outliers[0].adjusted < down.outliers[0].total);
  // The scale is of the raw series, not the down-weighted grid.
  CHECK(*down.mase_scale == Approx(*kept.mase_scale));
}

TEST_CASE("missing_days: open weekdays without a row", "[forecast][prepare]") {
  HistorySpec spec;
  spec.days = 14;
  spec.missing_days = {kMonday + std::chrono::days{1}, kMonday + std::chrono::days{6}};  // Tue, Sun
  const DayGrid g = make_day_grid(make_series(spec), kInterval);
  // Sunday is closed: only the Tuesday is missing.
  CHECK(missing_days(g) == std::vector<Date>{kMonday + std::chrono::days{1}});
}
