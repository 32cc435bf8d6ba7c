// wfm::metrics aggregation of a forecast to a coarser resolution: calls summed, bounds dropped
// (interval series and the checks: tests/unit/io/resample_test.cpp).
#include <catch2/catch.hpp>

#include "wfm/core/error.hpp"
#include "wfm/metrics/aggregate.hpp"

using wfm::core::format_local_time;
using wfm::core::parse_local_time;
using wfm::metrics::aggregate;

TEST_CASE("aggregate a forecast drops the bounds", "[metrics][aggregate]") {
  wfm::core::ForecastTable f;
  f.interval_s = 1800;
  f.levels = {80};
  wfm::core::ForecastInterval a, b;
  a.start = *parse_local_time("2024-03-04T08:00");
  a.calls = 2.5;
  a.bounds = {{1, 4}};
  a.aht_s = 100;
  b.start = *parse_local_time("2024-03-04T08:30");
  b.calls = 3;
  b.bounds = {{2, 5}};
  b.aht_s = 200;
  f.queues.push_back(wfm::core::QueueForecast{"", {a, b}});
  const auto hourly = aggregate(f, 3600);
  CHECK(hourly.levels.empty());
  REQUIRE(hourly.queues[0].intervals.size() == 1);
  CHECK(hourly.queues[0].intervals[0].calls == 5.5);
  CHECK(hourly.queues[0].intervals[0].bounds.empty());
  // AHT weighted by calls: (2.5*100 + 3*200) / 5.5
  CHECK(*hourly.queues[0].intervals[0].aht_s == Approx(850.0 / 5.5));
}
