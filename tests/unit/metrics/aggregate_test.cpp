// wfm::metrics aggregation to a coarser resolution: buckets from midnight (and by date for a
// day), sums, calls-weighted AHT, bounds dropped for forecasts, resolution checks.
#include <catch2/catch.hpp>

#include "wfm/core/error.hpp"
#include "wfm/metrics/aggregate.hpp"

using wfm::core::format_local_time;
using wfm::core::parse_local_time;
using wfm::metrics::aggregate;
using wfm::metrics::bucket_start;

namespace {

wfm::core::IntervalRecord record(const char* start, double offered, std::optional<double> aht,
                                 std::size_t line) {
  wfm::core::IntervalRecord r;
  r.start = *parse_local_time(start);
  r.offered = offered;
  r.aht_s = aht;
  r.handled = offered;
  r.source_line = line;
  return r;
}

}  // namespace

TEST_CASE("bucket_start floors to the resolution from midnight", "[metrics][aggregate]") {
  const auto t = *parse_local_time("2024-03-04T08:45");
  CHECK(format_local_time(bucket_start(t, 1800)) == "2024-03-04T08:30");
  CHECK(format_local_time(bucket_start(t, 3600)) == "2024-03-04T08:00");
  CHECK(format_local_time(bucket_start(t, 86400)) == "2024-03-04T00:00");
  CHECK(format_local_time(bucket_start(t, 900)) == "2024-03-04T08:45");
  // Before 1970 the floor still goes down, not toward zero.
  CHECK(format_local_time(bucket_start(*parse_local_time("1969-12-31T23:50"), 3600)) ==
        "1969-12-31T23:00");
}

TEST_CASE("aggregate an interval series", "[metrics][aggregate]") {
  wfm::core::IntervalTable table;
  table.source = "h.csv";
  table.interval_s = 900;
  table.has_aht = true;
  table.has_handled = true;
  table.queues.push_back(wfm::core::QueueSeries{
      "sales",
      {record("2024-03-04T08:00", 10, 100.0, 2), record("2024-03-04T08:15", 30, 200.0, 3),
       record("2024-03-04T08:30", 0, std::nullopt, 4), record("2024-03-04T09:00", 5, 60.0, 5),
       record("2024-03-05T08:00", 4, std::nullopt, 6)}});
  const auto half_hour = aggregate(table, 1800);
  CHECK(half_hour.interval_s == 1800);
  REQUIRE(half_hour.queues.size() == 1);
  const auto& iv = half_hour.queues[0].intervals;
  REQUIRE(iv.size() == 4);
  CHECK(format_local_time(iv[0].start) == "2024-03-04T08:00");
  CHECK(iv[0].offered == 40);  // 10 + 30
  // AHT weighted by calls: (10*100 + 30*200) / 40 = 175
  REQUIRE(iv[0].aht_s);
  CHECK(*iv[0].aht_s == Approx(175));
  CHECK(iv[0].handled == 40.0);
  CHECK(iv[0].source_line == 2);
  CHECK(iv[1].offered == 0);  // 08:30: no calls, no AHT
  CHECK_FALSE(iv[1].aht_s);
  CHECK(iv[2].offered == 5);
  CHECK(iv[3].offered == 4);
  CHECK_FALSE(iv[3].aht_s);  // calls without an AHT: unknown

  const auto daily = aggregate(table, 86400);
  REQUIRE(daily.queues[0].intervals.size() == 2);
  CHECK(daily.queues[0].intervals[0].offered == 45);  // 10 + 30 + 0 + 5
  CHECK(*daily.queues[0].intervals[0].aht_s == Approx((1000.0 + 6000 + 300) / 45));
  CHECK(format_local_time(daily.queues[0].intervals[1].start) == "2024-03-05T00:00");
}

TEST_CASE("aggregate a forecast drops the bounds", "[metrics][aggregate]") {
  wfm::core::ForecastTable f;
  f.interval_s = 1800;
  f.levels = {80};
  wfm::core::ForecastInterval a, b;
  a.start = *parse_local_time("2024-03-04T08:00");
  a.calls = 2.5;
  a.bounds = {{1, 4}};
  b.start = *parse_local_time("2024-03-04T08:30");
  b.calls = 3;
  b.bounds = {{2, 5}};
  f.queues.push_back(wfm::core::QueueForecast{"", {a, b}});
  const auto hourly = aggregate(f, 3600);
  CHECK(hourly.levels.empty());
  REQUIRE(hourly.queues[0].intervals.size() == 1);
  CHECK(hourly.queues[0].intervals[0].calls == 5.5);
  CHECK(hourly.queues[0].intervals[0].bounds.empty());
}

TEST_CASE("resolution must be a multiple of the interval and divide a day",
          "[metrics][aggregate]") {
  const wfm::core::Location where{{}, 0, "--resolution"};
  CHECK_NOTHROW(wfm::metrics::check_resolution(300, 1800, where));
  CHECK_NOTHROW(wfm::metrics::check_resolution(900, 86400, where));
  CHECK_THROWS_WITH(wfm::metrics::check_resolution(1800, 900, where),
                    "--resolution: expected a resolution that is a whole multiple of the "
                    "data's interval length (1800 s), got 900 s");
  CHECK_THROWS_WITH(wfm::metrics::check_resolution(900, 7 * 3600, where),
                    "--resolution: expected a resolution that divides a day (such as "
                    "30m, 1h, 1d), got 25200 s");
}
