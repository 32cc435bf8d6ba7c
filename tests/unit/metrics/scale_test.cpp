// wfm::metrics seasonal naive scale: a hand-made series with a missing day and a day missing a
// slot (arithmetic in the comments), the weekly lag, aggregation before scaling, and agreement
// with R's definition (mean |y_t - y_{t-m}| over the concatenated series) on regular days and on
// the fpp2 bank calls (../shared/data, skipped when absent).
#include <catch2/catch.hpp>

#include "support/shared_data.hpp"

#include <cmath>
#include <cstdint>
#include <filesystem>

#include "wfm/io/interval_csv.hpp"
#include "wfm/metrics/scale.hpp"

using wfm::core::parse_local_time;
using wfm::core::QueueSeries;
using wfm::metrics::seasonal_naive_error;
using wfm::metrics::seasonal_naive_scale;
using wfm::metrics::SeasonalLag;

namespace {

void add(QueueSeries& s, const char* start, double offered) {
  wfm::core::IntervalRecord r;
  r.start = *parse_local_time(start);
  r.offered = offered;
  s.intervals.push_back(r);
}

// Half-hour slots 08:00 and 08:30; 2024-03-04 is a Monday.
QueueSeries hand_made() {
  QueueSeries s;
  add(s, "2024-03-04T08:00", 10);  // Mon
  add(s, "2024-03-04T08:30", 20);
  add(s, "2024-03-05T08:00", 14);  // Tue
  add(s, "2024-03-05T08:30", 18);
  //                                  Wed 2024-03-06 missing
  add(s, "2024-03-07T08:00", 11);  // Thu
  add(s, "2024-03-07T08:30", 25);
  add(s, "2024-03-08T08:30", 20);  // Fri: 08:00 missing
  add(s, "2024-03-11T08:00", 12);  // Mon
  add(s, "2024-03-11T08:30", 21);
  add(s, "2024-03-14T08:00", 15);  // Thu
  return s;
}

}  // namespace

TEST_CASE("seasonal naive scale, previous day, over a missing day and slot", "[metrics][scale]") {
  // Each value against the same slot on the most recent earlier day that has it:
  //   Tue 08:00 |14-10| = 4, Tue 08:30 |18-20| = 2
  //   Thu 08:00 |11-14| = 3, Thu 08:30 |25-18| = 7      (Wednesday is skipped over)
  //   Fri 08:30 |20-25| = 5
  //   Mon 08:00 |12-11| = 1 (Friday has no 08:00), Mon 08:30 |21-20| = 1
  //   Thu 08:00 |15-12| = 3
  // sum 26 over 8 pairs = 3.25
  const auto e = seasonal_naive_error(hand_made(), SeasonalLag::previous_day);
  REQUIRE(e);
  CHECK(e->pairs == 8);
  CHECK(e->scale == Approx(26.0 / 8));
  CHECK(seasonal_naive_scale(hand_made(), SeasonalLag::previous_day) == Approx(3.25));
}

TEST_CASE("seasonal naive scale, previous week: exactly 7 days back", "[metrics][scale]") {
  // Mon 03-11 08:00 |12-10| = 2, 08:30 |21-20| = 1; Thu 03-14 08:00 |15-11| = 4; no other
  // value has one 7 days earlier: 7 / 3.
  const auto e = seasonal_naive_error(hand_made(), SeasonalLag::previous_week);
  REQUIRE(e);
  CHECK(e->pairs == 3);
  CHECK(e->scale == Approx(7.0 / 3));
}

TEST_CASE("seasonal naive scale on daily totals", "[metrics][scale]") {
  // Daily totals: Mon 30, Tue 32, Thu 36, Fri 20, Mon 33, Thu 15.
  // previous day: |32-30| + |36-32| + |20-36| + |33-20| + |15-33| = 2 + 4 + 16 + 13 + 18 = 53, /5
  CHECK(*seasonal_naive_scale(hand_made(), 1800, SeasonalLag::previous_day, 86400) == Approx(10.6));
  // previous week: Mon |33-30| = 3, Thu |15-36| = 21: 24 / 2
  CHECK(*seasonal_naive_scale(hand_made(), 1800, SeasonalLag::previous_week, 86400) ==
        Approx(12.0));
  // 1-hour buckets (08:00-09:00) are the daily totals here too.
  CHECK(*seasonal_naive_scale(hand_made(), 1800, SeasonalLag::previous_day, 3600) == Approx(10.6));
  // The native resolution is the series itself.
  CHECK(*seasonal_naive_scale(hand_made(), 1800, SeasonalLag::previous_day, 1800) == Approx(3.25));
}

TEST_CASE("seasonal naive scale: no pairs is nullopt", "[metrics][scale]") {
  CHECK_FALSE(seasonal_naive_scale(QueueSeries{}, SeasonalLag::previous_day));
  QueueSeries one_day;
  add(one_day, "2024-03-04T08:00", 1);
  add(one_day, "2024-03-04T08:30", 2);
  CHECK_FALSE(seasonal_naive_scale(one_day, SeasonalLag::previous_day));
  add(one_day, "2024-03-05T08:00", 1);
  CHECK_FALSE(seasonal_naive_scale(one_day, SeasonalLag::previous_week));
  // A history the naive forecast fits exactly has scale 0 (and so no MASE).
  CHECK(seasonal_naive_scale(one_day, SeasonalLag::previous_day) == 0.0);
}

TEST_CASE("previous-day scale equals R's lag-m differences on regular days", "[metrics][scale]") {
  // 6 slots a day (07:00..09:30 every 30 min), 10 days from Monday 2024-03-04 with day 4 missing
  // (a holiday: the concatenated series simply lacks it). R: mean(abs(diff(x, lag = 6))).
  QueueSeries s;
  std::vector<double> x;
  std::uint32_t state = 12345;
  const auto first = *wfm::core::parse_local_date("2024-03-04");
  for (int d = 0; d < 10; ++d) {
    if (d == 4) continue;
    for (int k = 0; k < 6; ++k) {
      state = state * 1664525u + 1013904223u;
      const double v = static_cast<double>(state >> 24);
      wfm::core::IntervalRecord r;
      r.start = std::chrono::local_seconds{first + std::chrono::days{d}} + std::chrono::hours{7} +
                std::chrono::minutes{30 * k};
      r.offered = v;
      s.intervals.push_back(r);
      x.push_back(v);
    }
  }
  double sum = 0;
  for (std::size_t t = 6; t < x.size(); ++t) sum += std::abs(x[t] - x[t - 6]);
  const double r_scale = sum / static_cast<double>(x.size() - 6);
  const auto e = seasonal_naive_error(s, SeasonalLag::previous_day);
  REQUIRE(e);
  CHECK(e->pairs == x.size() - 6);
  CHECK(e->scale == Approx(r_scale).epsilon(1e-12));
}

TEST_CASE("parse_seasonal_lag", "[metrics][scale]") {
  CHECK(wfm::metrics::parse_seasonal_lag("day") == SeasonalLag::previous_day);
  CHECK(wfm::metrics::parse_seasonal_lag("week") == SeasonalLag::previous_week);
  CHECK_FALSE(wfm::metrics::parse_seasonal_lag("month"));
  CHECK(wfm::metrics::to_string(SeasonalLag::previous_week) == "week");
}

TEST_CASE("MASE scale of the fpp2 bank calls is R's 24.34 (period 169)",
          "[metrics][scale][shared-data]") {
  // The benchmark split: 5-minute calls 07:00-21:00 on weekdays, training up to
  // 2003-10-10 (155 days observed, missing weekdays skipped over). R forecast's accuracy() with
  // period 169 scales by 24.34 on it.
  const std::filesystem::path path =
      std::filesystem::path(WFM_SHARED_DATA_DIR) / "fpp2_calls_5min.csv";
  if (!wfm::test::shared_data_present(path)) return;
  const auto table = wfm::io::load_interval_table(path.string());
  REQUIRE(table.queues.size() == 1);
  QueueSeries train{"", {}};
  const auto end = *parse_local_time("2003-10-11T00:00");
  for (const auto& r : table.queues[0].intervals) {
    if (r.start < end) train.intervals.push_back(r);
  }
  REQUIRE(train.intervals.size() == 155 * 169);
  const auto e = seasonal_naive_error(train, SeasonalLag::previous_day);
  REQUIRE(e);
  CHECK(e->pairs == 154 * 169);
  CHECK(e->scale == Approx(24.34).margin(0.005));
}
