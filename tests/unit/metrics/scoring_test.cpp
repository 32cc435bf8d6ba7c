// wfm::metrics::score_forecast: a tiny forecast and actuals table scored by hand (pairing counts,
// WAPE, bias, MAE, MASE, coverage), MASE across queues (each error scaled by its own queue),
// buckets at a coarser resolution, grouping, thresholds that pass and fail (bias by its absolute
// value, an undefined metric fails), and the input errors with the flag they name.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "wfm/core/error.hpp"
#include "wfm/core/time.hpp"
#include "wfm/metrics/scoring.hpp"

using namespace wfm;
using metrics::GroupBy;
using metrics::ScoringOptions;
using metrics::Threshold;

namespace {

core::LocalTime at(const char* text) {
  return *core::parse_local_time(text);
}

core::ForecastInterval fc(const char* start, double calls, double lo, double hi) {
  core::ForecastInterval f;
  f.start = at(start);
  f.calls = calls;
  f.bounds = {{lo, hi}};
  return f;
}

core::IntervalRecord rec(const char* start, double offered) {
  core::IntervalRecord r;
  r.start = at(start);
  r.offered = offered;
  return r;
}

// Queue a (15-minute, level 80):
//   start  forecast [80% bounds]  actual   error f - a
//   08:00  10 [8, 12]              8        +2   inside
//   08:15  12 [10, 14]            12         0   inside
//   08:30   6 [5, 7]              10        -4   outside
//   08:45   4 [2, 6]               -            (forecast without actual)
//   09:00   -                      5            (actual after the forecast period)
// Queue b: 08:00 forecast 5 [3, 7], actual 1 (error +4, outside). Queue c: actuals only.
core::ForecastTable forecast_table() {
  core::ForecastTable t;
  t.source = "forecast.csv";
  t.interval_s = 900;
  t.levels = {80};
  t.queues.push_back({"a",
                      {fc("2024-03-04T08:00", 10, 8, 12), fc("2024-03-04T08:15", 12, 10, 14),
                       fc("2024-03-04T08:30", 6, 5, 7), fc("2024-03-04T08:45", 4, 2, 6)}});
  t.queues.push_back({"b", {fc("2024-03-04T08:00", 5, 3, 7)}});
  return t;
}

core::IntervalTable actual_table() {
  core::IntervalTable t;
  t.source = "actuals.csv";
  t.interval_s = 900;
  t.queues.push_back({"a",
                      {rec("2024-03-04T08:00", 8), rec("2024-03-04T08:15", 12),
                       rec("2024-03-04T08:30", 10), rec("2024-03-04T09:00", 5)}});
  t.queues.push_back({"b", {rec("2024-03-04T08:00", 1)}});
  t.queues.push_back({"c", {rec("2024-03-04T08:00", 3)}});
  return t;
}

// Previous-day naive scales: a: |13 - 10| and |11 - 10| -> mean 2; b: |6 - 2| -> 4.
core::IntervalTable history_table() {
  core::IntervalTable t;
  t.source = "history.csv";
  t.interval_s = 900;
  t.queues.push_back({"a",
                      {rec("2024-03-02T08:00", 10), rec("2024-03-02T08:15", 10),
                       rec("2024-03-03T08:00", 13), rec("2024-03-03T08:15", 11)}});
  t.queues.push_back({"b", {rec("2024-03-02T08:00", 2), rec("2024-03-03T08:00", 6)}});
  return t;
}

// Queue a's actuals in 30-minute intervals: 08:00 20, 08:30 12.
core::IntervalTable metrics_test_half_hour_actuals() {
  core::IntervalTable t;
  t.source = "actuals.csv";
  t.interval_s = 1800;
  t.queues.push_back({"a", {rec("2024-03-04T08:00", 20), rec("2024-03-04T08:30", 12)}});
  return t;
}

// Queue a only (no b in the forecast).
core::ForecastTable queue_a() {
  auto t = forecast_table();
  t.queues.pop_back();
  return t;
}

const metrics::ScoredRow& row(const metrics::AccuracyReport& r, const std::string& name) {
  for (const auto& x : r.rows) {
    if (x.name == name) return x;
  }
  FAIL("no row " << name);
  return r.rows.front();
}

}  // namespace

TEST_CASE("score_forecast: a tiny table scored by hand", "[metrics][scoring]") {
  const auto history = history_table();
  const auto r = metrics::score_forecast(queue_a(), actual_table(), &history, {});
  CHECK(r.native);
  CHECK(r.resolution_s == 900);
  CHECK(r.levels == std::vector<double>{80});
  CHECK(r.pairing.pairs == 3);
  CHECK(r.pairing.buckets == 3);
  CHECK(r.pairing.forecast_unmatched == 1);  // 08:45
  CHECK(r.pairing.actual_unmatched == 0);
  CHECK(r.pairing.actual_outside == 1);  // 09:00
  CHECK(r.pairing.forecast_only_queues.empty());
  CHECK(r.pairing.actual_only_queues == std::vector<std::string>{"b", "c"});
  CHECK(r.notes.empty());
  // Named queues: rows overall and queue=a (the same pairs).
  REQUIRE(r.by == std::vector<GroupBy>{GroupBy::queue});
  REQUIRE(r.rows.size() == 2);
  CHECK(r.rows[0].name == "overall");
  CHECK(r.rows[0].labels == std::vector<std::string>{"all"});
  CHECK(r.rows[1].name == "queue=a");
  CHECK(r.rows[1].labels == std::vector<std::string>{"a"});
  for (const auto& x : r.rows) {
    const auto& s = x.scores;
    INFO(x.name);
    CHECK(s.n == 3);
    // |e| = 2 + 0 + 4 = 6 over actuals 8 + 12 + 10 = 30.
    CHECK(*s.mae == Approx(2.0));
    CHECK(*s.wape == Approx(0.2));
    // sum e = 2 + 0 - 4 = -2: under-forecast by 2/30.
    CHECK(*s.bias == Approx(-2.0 / 30));
    // MASE = MAE / scale = 2 / 2.
    CHECK(*s.mase == Approx(1.0));
    // 2 of 3 actuals inside the 80% bounds.
    REQUIRE(s.coverage.size() == 1);
    CHECK(*s.coverage[0] == Approx(2.0 / 3));
  }
  CHECK(r.passed());
  CHECK(metrics::score_columns(r.levels) ==
        std::vector<std::string>{"n", "mae", "rmse", "wape", "smape", "mape", "mape_skipped",
                                 "bias", "mase", "coverage_80"});
  const auto v = metrics::score_values(r.rows[0].scores);
  REQUIRE(v.size() == 10);
  CHECK(*v[0] == 3);
  CHECK(*v[3] == Approx(0.2));
}

TEST_CASE("score_forecast: MASE across queues scales each error by its own queue",
          "[metrics][scoring]") {
  const auto history = history_table();
  const auto r = metrics::score_forecast(forecast_table(), actual_table(), &history, {});
  REQUIRE(r.mase_scales.size() == 2);
  CHECK(*r.mase_scales[0] == Approx(2.0));
  CHECK(*r.mase_scales[1] == Approx(4.0));
  REQUIRE(r.rows.size() == 3);  // overall, queue=a, queue=b
  // Overall: (2/2 + 0/2 + 4/2 + 4/4) / 4 pairs = 1.0 (not MAE 2.5 over one scale).
  CHECK(r.rows[0].scores.n == 4);
  CHECK(*r.rows[0].scores.mae == Approx(2.5));
  CHECK(*r.rows[0].scores.mase == Approx(1.0));
  // Queue b: MAE 4 / scale 4.
  CHECK(*row(r, "queue=b").scores.mase == Approx(1.0));
  CHECK(r.pairing.actual_only_queues == std::vector<std::string>{"c"});

  SECTION("a queue without a scale leaves the overall MASE undefined") {
    auto h = history;
    h.queues.pop_back();  // no b
    const auto r2 = metrics::score_forecast(forecast_table(), actual_table(), &h, {});
    CHECK_FALSE(r2.rows[0].scores.mase.has_value());
    CHECK(row(r2, "queue=a").scores.mase.has_value());
    REQUIRE(r2.notes.size() == 1);
    CHECK(r2.notes[0] == "mase is not reported for queue 'b': it is not in history.csv");
  }
  SECTION("without a history there is no MASE, and a note says why") {
    const auto r2 = metrics::score_forecast(forecast_table(), actual_table(), nullptr, {});
    CHECK_FALSE(r2.rows[0].scores.mase.has_value());
    REQUIRE(r2.notes.size() == 1);
    CHECK(r2.notes[0].rfind("mase is not reported: it needs --history", 0) == 0);
  }
}

TEST_CASE("score_forecast: buckets at a coarser resolution and grouping", "[metrics][scoring]") {
  SECTION("30 minutes: pairs summed per bucket, no coverage") {
    ScoringOptions o;
    o.resolution_s = 1800;
    const auto r = metrics::score_forecast(queue_a(), actual_table(), nullptr, o);
    CHECK_FALSE(r.native);
    CHECK(r.pairing.pairs == 3);
    CHECK(r.pairing.buckets == 2);  // 08:00 (8+12 vs 10+12), 08:30 (10 vs 6)
    CHECK(r.levels.empty());
    // |22 - 20| + |6 - 10| = 6 over 30; MAE 6 / 2 buckets.
    CHECK(*r.rows[0].scores.wape == Approx(0.2));
    CHECK(*r.rows[0].scores.mae == Approx(3.0));
    CHECK(r.rows[0].scores.coverage.empty());
    REQUIRE(r.notes.size() == 2);
    CHECK(r.notes[1] ==
          "coverage is only reported at the native resolution (15 min): prediction bounds do not "
          "add up over a 30 min bucket");
  }
  SECTION("--by interval: one row per time of day, in time order") {
    ScoringOptions o;
    o.by = std::vector<GroupBy>{GroupBy::interval};
    const auto r = metrics::score_forecast(forecast_table(), actual_table(), nullptr, o);
    REQUIRE(r.rows.size() == 4);
    CHECK(r.rows[1].name == "time_of_day=08:00");
    CHECK(r.rows[1].scores.n == 2);  // a and b
    CHECK(r.rows[2].labels == std::vector<std::string>{"08:15"});
    CHECK(r.rows[3].labels == std::vector<std::string>{"08:30"});
  }
  SECTION("no dimensions: the overall row only") {
    ScoringOptions o;
    o.by = std::vector<GroupBy>{};
    const auto r = metrics::score_forecast(forecast_table(), actual_table(), nullptr, o);
    REQUIRE(r.rows.size() == 1);
    CHECK(r.rows[0].labels.empty());
  }
}

TEST_CASE("score_forecast: thresholds", "[metrics][scoring]") {
  const auto history = history_table();
  ScoringOptions o;
  SECTION("met") {
    o.thresholds = {{"wape", 0.25, true}, {"mase", 1.5, true}, {"coverage80", 0.6, false}};
    CHECK(metrics::score_forecast(queue_a(), actual_table(), &history, o).passed());
  }
  SECTION("WAPE 0.2 above 0.1 fails on every row") {
    o.thresholds = {{"wape", 0.1, true}};
    const auto r = metrics::score_forecast(queue_a(), actual_table(), &history, o);
    CHECK_FALSE(r.passed());
    REQUIRE(r.breaches.size() == 2);
    CHECK(r.breaches[0].row == "overall");
    CHECK(r.breaches[1].row == "queue=a");
    CHECK(r.breaches[0].metric == "wape");
    CHECK(*r.breaches[0].value == Approx(0.2));
    CHECK(r.breaches[0].limit == 0.1);
    CHECK(r.breaches[0].above);
  }
  SECTION("bias is compared by its absolute value") {
    o.thresholds = {{"bias", 0.05, true}};  // |-0.0667| > 0.05
    o.by = std::vector<GroupBy>{};
    const auto r = metrics::score_forecast(queue_a(), actual_table(), &history, o);
    REQUIRE(r.breaches.size() == 1);
    CHECK(*r.breaches[0].value == Approx(-2.0 / 30));
  }
  SECTION("coverage below its minimum") {
    o.thresholds = {{"coverage80", 0.7, false}};  // 2/3 < 0.7
    o.by = std::vector<GroupBy>{};
    const auto r = metrics::score_forecast(queue_a(), actual_table(), &history, o);
    REQUIRE(r.breaches.size() == 1);
    CHECK_FALSE(r.breaches[0].above);
    CHECK(*r.breaches[0].value == Approx(2.0 / 3));
  }
  SECTION("an undefined metric fails, with the reason") {
    auto actuals = actual_table();
    for (auto& iv : actuals.queues[0].intervals) iv.offered = 0;
    o.thresholds = {{"wape", 0.5, true}};
    o.by = std::vector<GroupBy>{};
    const auto r = metrics::score_forecast(queue_a(), actuals, &history, o);
    REQUIRE(r.breaches.size() == 1);
    CHECK_FALSE(r.breaches[0].value.has_value());
    CHECK(r.breaches[0].reason == "the actual calls sum to 0");
  }
}

TEST_CASE("score_forecast: input errors name the flag or file", "[metrics][scoring]") {
  const auto message = [](const auto& f) -> std::string {
    try {
      f();
    } catch (const core::InputError& e) {
      return e.what();
    }
    return "no error";
  };
  const auto forecast = queue_a();
  auto actuals = actual_table();
  ScoringOptions o;
  SECTION("interval lengths neither of which is a multiple of the other") {
    actuals.interval_s = 600;
    CHECK(message([&] { metrics::score_forecast(forecast, actuals, nullptr, o); }) ==
          "actuals.csv: the actuals have 600 s intervals but the forecast (forecast.csv) has "
          "900 s, and neither is a whole multiple of the other: re-bin both to a common "
          "interval first (wfm resample)");
  }
  SECTION("coverage of a re-binned forecast") {
    actuals = metrics_test_half_hour_actuals();
    o.thresholds = {{"coverage80", 0.5, false}};
    CHECK(message([&] { metrics::score_forecast(forecast, actuals, nullptr, o); }) ==
          "--fail-below: coverage cannot be scored: the forecast was re-binned from 15 min to "
          "the actuals' 30 min intervals, and prediction bounds do not add up");
  }
  SECTION("a resolution that is not a multiple of the interval") {
    o.resolution_s = 1200;
    CHECK(message([&] {
            metrics::score_forecast(forecast, actuals, nullptr, o);
          }).rfind("--resolution: expected a resolution that is a whole multiple", 0) == 0);
  }
  SECTION("time of day at a day's resolution") {
    o.resolution_s = 86400;
    o.by = std::vector<GroupBy>{GroupBy::interval};
    CHECK(message([&] { metrics::score_forecast(forecast, actuals, nullptr, o); }) ==
          "--by: interval (time of day) needs a resolution shorter than a day");
  }
  SECTION("a coverage level the forecast does not have") {
    o.thresholds = {{"coverage95", 0.9, false}};
    CHECK(message([&] { metrics::score_forecast(forecast, actuals, nullptr, o); }) ==
          "--fail-below: the forecast has no level 95 (it has calls_lo_/calls_hi_ columns for: "
          "80)");
  }
  SECTION("coverage off the native resolution") {
    o.thresholds = {{"coverage80", 0.9, false}};
    o.resolution_s = 3600;
    CHECK(message([&] { metrics::score_forecast(forecast, actuals, nullptr, o); }) ==
          "--fail-below: coverage is only scored at the native resolution (prediction bounds do "
          "not add up over a 1 h bucket); drop --resolution or the coverage threshold");
  }
  SECTION("mase without a history") {
    o.thresholds = {{"mase", 1, true}};
    CHECK(message([&] { metrics::score_forecast(forecast, actuals, nullptr, o); }) ==
          "--fail-above: mase needs --history (the MASE scale is the seasonal naive error on it)");
  }
}

TEST_CASE("scoring helpers", "[metrics][scoring]") {
  CHECK(metrics::parse_group_by("week") == GroupBy::week);
  CHECK_FALSE(metrics::parse_group_by("month").has_value());
  CHECK(metrics::column_name(GroupBy::interval) == "time_of_day");
  CHECK(metrics::is_limit_metric("mase"));
  CHECK_FALSE(metrics::is_limit_metric("coverage80"));
  CHECK(metrics::coverage_level("coverage97.5") == 97.5);
  CHECK_FALSE(metrics::coverage_level("coverage").has_value());
  CHECK_FALSE(metrics::coverage_level("wape").has_value());
}

TEST_CASE("score_forecast: the finer file is re-binned to the coarser one's interval",
          "[metrics][scoring]") {
  SECTION("a 15-minute forecast against 30-minute actuals") {
    // Forecast a re-binned: 08:00 10 + 12 = 22, 08:30 6 + 4 = 10; actuals 20 and 12.
    const auto r =
        metrics::score_forecast(queue_a(), metrics_test_half_hour_actuals(), nullptr, {});
    CHECK(r.rebinned == "forecast");
    CHECK(r.rebinned_from_s == 900);
    CHECK(r.interval_s == 1800);
    CHECK(r.levels.empty());  // bounds do not add up
    CHECK(r.pairing.pairs == 2);
    CHECK(r.rows[0].scores.sum_forecast == 32);
    CHECK(r.rows[0].scores.sum_actual == 32);
    CHECK(*r.rows[0].scores.wape == Approx(4.0 / 32));  // |22 - 20| + |10 - 12|
    REQUIRE_FALSE(r.notes.empty());
    CHECK(r.notes[0] ==
          "the forecast (15 min intervals) was re-binned to the actuals' 30 min intervals: calls "
          "summed, AHT weighted by calls; prediction bounds do not add up, so no coverage");
  }
  SECTION("30-minute forecast against 15-minute actuals") {
    core::ForecastTable f;
    f.source = "forecast.csv";
    f.interval_s = 1800;
    f.levels = {80};
    f.queues.push_back(
        {"a", {fc("2024-03-04T08:00", 18, 10, 30), fc("2024-03-04T08:30", 12, 5, 20)}});
    // Actuals a re-binned: 08:00 8 + 12 = 20, 08:30 10 (no 08:45 row and no gap), 09:00 5.
    const auto r = metrics::score_forecast(f, actual_table(), nullptr, {});
    CHECK(r.rebinned == "actuals");
    CHECK(r.rebinned_from_s == 900);
    CHECK(r.levels == std::vector<double>{80});  // the forecast kept its bounds
    CHECK(r.pairing.pairs == 2);
    CHECK(r.pairing.actual_outside == 1);  // 09:00
    CHECK(r.rows[0].scores.sum_actual == 30);
    CHECK(*r.rows[0].scores.mae == Approx((2.0 + 2.0) / 2));  // |18 - 20|, |12 - 10|
    CHECK(r.notes[0] ==
          "the actuals (15 min intervals) were re-binned to the forecast's 30 min intervals: "
          "calls summed");
  }
}
