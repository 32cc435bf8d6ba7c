// wfm::io forecast CSV: writing (columns, order, levels, optional queue and aht_s), reading back,
// every validation rule with its message, and loading the same file with load_interval_table (so
// `wfm staff --demand forecast.csv` reads a forecast).
#include <catch2/catch.hpp>

#include <sstream>
#include <string>

#include "wfm/core/error.hpp"
#include "wfm/io/forecast_csv.hpp"
#include "wfm/io/interval_csv.hpp"

using wfm::core::Bounds;
using wfm::core::ForecastInterval;
using wfm::core::ForecastTable;
using wfm::core::parse_local_time;
using wfm::core::QueueForecast;
using wfm::io::ForecastCsvOptions;
using wfm::io::load_forecast_table;
using wfm::io::write_forecast_table;

namespace {

ForecastTable load(const std::string& text, const ForecastCsvOptions& options = {}) {
  std::istringstream in(text);
  return load_forecast_table(in, "forecast.csv", options);
}

std::string write(const ForecastTable& table) {
  std::ostringstream out;
  write_forecast_table(out, table);
  return out.str();
}

ForecastInterval interval(const char* start, double calls, std::vector<Bounds> bounds,
                          std::optional<double> aht = std::nullopt) {
  ForecastInterval iv;
  iv.start = *parse_local_time(start);
  iv.calls = calls;
  iv.bounds = std::move(bounds);
  iv.aht_s = aht;
  return iv;
}

// Two queues, levels 80 and 97.5, with handle times; "support" listed first.
ForecastTable two_queue_table() {
  ForecastTable t;
  t.interval_s = 1800;
  t.levels = {80, 97.5};
  t.has_aht = true;
  t.queues.push_back(
      QueueForecast{"support",
                    {interval("2024-03-04T08:00", 20, {{15, 25}, {10.5, 31}}, 300),
                     interval("2024-03-04T08:30", 22.25, {{17, 27}, {12, 33}}, 310)}});
  t.queues.push_back(
      QueueForecast{"sales",
                    {interval("2024-03-04T08:00", 10, {{8, 12}, {6, 14}}, 200),
                     interval("2024-03-04T08:30", 0, {{0, 1}, {0, 2}}, std::nullopt)}});
  return t;
}

const std::string header_80_95 =
    "interval_start,calls,calls_lo_80,calls_hi_80,calls_lo_95,calls_hi_95\n";

}  // namespace

TEST_CASE("write_forecast_table: columns, levels, time order, queues in table order",
          "[io][forecast_csv]") {
  CHECK(write(two_queue_table()) ==
        "interval_start,queue,calls,calls_lo_80,calls_hi_80,calls_lo_97.5,calls_hi_97.5,aht_s\n"
        "2024-03-04T08:00,support,20,15,25,10.5,31,300\n"
        "2024-03-04T08:00,sales,10,8,12,6,14,200\n"
        "2024-03-04T08:30,support,22.25,17,27,12,33,310\n"
        "2024-03-04T08:30,sales,0,0,1,0,2,\n");

  // One unnamed queue, no levels, no AHT: just interval_start and calls.
  ForecastTable plain;
  plain.interval_s = 900;
  plain.queues.push_back(QueueForecast{
      "", {interval("2024-03-04T08:00", 1.5, {}), interval("2024-03-04T08:15", 2, {})}});
  CHECK(write(plain) == "interval_start,calls\n2024-03-04T08:00,1.5\n2024-03-04T08:15,2\n");

  // An interval whose bounds do not match the levels is a bug of the caller.
  plain.levels = {80};
  CHECK_THROWS_AS(write(plain), wfm::core::InternalError);
}

TEST_CASE("load_forecast_table reads back what write_forecast_table wrote", "[io][forecast_csv]") {
  const ForecastTable original = two_queue_table();
  const ForecastTable t = load(write(original));
  CHECK(t.source == "forecast.csv");
  CHECK(t.interval_s == 1800);
  CHECK(t.levels == std::vector<double>{80, 97.5});
  CHECK(t.has_aht);
  REQUIRE(t.queues.size() == 2);
  for (std::size_t q = 0; q < 2; ++q) {
    CHECK(t.queues[q].queue == original.queues[q].queue);
    REQUIRE(t.queues[q].intervals.size() == 2);
    for (std::size_t i = 0; i < 2; ++i) {
      const auto& a = t.queues[q].intervals[i];
      const auto& b = original.queues[q].intervals[i];
      CHECK(a.start == b.start);
      CHECK(a.calls == b.calls);
      CHECK(a.aht_s == b.aht_s);
      REQUIRE(a.bounds.size() == 2);
      for (std::size_t k = 0; k < 2; ++k) {
        CHECK(a.bounds[k].lo == b.bounds[k].lo);
        CHECK(a.bounds[k].hi == b.bounds[k].hi);
      }
    }
  }
  // Rows are interleaved support, sales, support, sales: lines 2..5.
  CHECK(t.queues[0].intervals[1].source_line == 4);
  CHECK(t.queues[1].intervals[1].source_line == 5);
}

TEST_CASE("a forecast file loads as interval demand too", "[io][forecast_csv]") {
  const std::string text = write(two_queue_table());
  std::istringstream in(text);
  const auto demand = wfm::io::load_interval_table(in, "forecast.csv");
  CHECK(demand.interval_s == 1800);
  CHECK(demand.has_aht);
  REQUIRE(demand.queues.size() == 2);
  CHECK(demand.queues[0].queue == "support");
  REQUIRE(demand.queues[0].intervals.size() == 2);
  CHECK(demand.queues[0].intervals[1].offered == 22.25);
  CHECK(demand.queues[0].intervals[1].aht_s == 310);
  CHECK(demand.queues[1].intervals[1].offered == 0);
  CHECK_FALSE(demand.queues[1].intervals[1].aht_s.has_value());
}

TEST_CASE("load_forecast_table: columns in any order, extra columns ignored, names any case",
          "[io][forecast_csv]") {
  const auto t = load(
      "Queue,note,CALLS_HI_80,interval_start,calls,calls_lo_80\n"
      "a,x,12,2024-03-04T08:00,10,8\n"
      "a,y,13,2024-03-04T08:15,11,9\n");
  CHECK(t.interval_s == 900);
  CHECK(t.levels == std::vector<double>{80});
  CHECK_FALSE(t.has_aht);
  REQUIRE(t.queues.size() == 1);
  CHECK(t.queues[0].queue == "a");
  CHECK(t.queues[0].intervals[1].bounds[0].lo == 9);
  CHECK(t.queues[0].intervals[1].bounds[0].hi == 13);

  ForecastCsvOptions explicit_length;
  explicit_length.interval_s = 3600;
  const auto single = load("interval_start,calls\n2024-03-04T08:00,1\n", explicit_length);
  CHECK(single.interval_s == 3600);
}

TEST_CASE("load_forecast_table: header errors", "[io][forecast_csv]") {
  CHECK_THROWS_WITH(load("interval_start,offered\n2024-03-04T08:00,1\n"),
                    "forecast.csv:1: missing column 'calls'; columns present: interval_start, "
                    "offered");
  CHECK_THROWS_WITH(load("interval_start,calls\n"),
                    "forecast.csv:1: no data rows after the header");
  CHECK_THROWS_WITH(
      load("interval_start,calls,calls_lo_80\n2024-03-04T08:00,1,0\n"),
      "forecast.csv:1: column 'calls_lo_80' has no matching 'calls_hi_80': each level needs "
      "both bounds");
  CHECK_THROWS_WITH(
      load("interval_start,calls,calls_hi_95\n2024-03-04T08:00,1,2\n"),
      "forecast.csv:1: column 'calls_hi_95' has no matching 'calls_lo_95': each level needs "
      "both bounds");
  CHECK_THROWS_WITH(
      load("interval_start,calls,calls_lo_95,calls_hi_95,calls_lo_80,calls_hi_80\n"
           "2024-03-04T08:00,1,0,3,0,2\n"),
      "forecast.csv:1: level columns out of order: 'calls_lo_80' comes after the columns of level "
      "95; levels must be in increasing order");
  CHECK_THROWS_WITH(load("interval_start,calls,calls_lo_x,calls_hi_x\n2024-03-04T08:00,1,0,3\n"),
                    Catch::Contains("column 'calls_lo_x': expected a prediction-interval level "
                                    "between 0 and 100"));
  CHECK_THROWS_WITH(
      load("interval_start,calls,calls_lo_100,calls_hi_100\n2024-03-04T08:00,1,0,3\n"),
      Catch::Contains("between 0 and 100"));
  CHECK_THROWS_WITH(
      load(
          "interval_start,calls,calls_lo_80,calls_hi_80,calls_lo_80.0\n2024-03-04T08:00,1,0,3,0\n"),
      "forecast.csv:1: columns 'calls_lo_80' and 'calls_lo_80.0' are the same level's lower bound");
  CHECK_THROWS_WITH(load("interval_start,calls,Calls\n2024-03-04T08:00,1,1\n"),
                    "forecast.csv:1: column 'calls' appears 2 times in the header");
}

TEST_CASE("load_forecast_table: row errors name line and column", "[io][forecast_csv]") {
  const std::string row1 = "2024-03-04T08:00,10,8,12,6,14\n";
  CHECK_THROWS_WITH(load(header_80_95 + row1 + "2024-03-04T08:30,x,8,12,6,14\n"),
                    "forecast.csv:3: column 'calls': expected a number >= 0, got \"x\"");
  CHECK_THROWS_WITH(load(header_80_95 + row1 + "2024-03-04T08:30,-1,8,12,6,14\n"),
                    "forecast.csv:3: column 'calls': expected a number >= 0, got \"-1\"");
  CHECK_THROWS_WITH(load(header_80_95 + row1 + "2024-03-04T08:30,10,8,,6,14\n"),
                    "forecast.csv:3: column 'calls_hi_80': expected a number >= 0, got an empty "
                    "field");
  CHECK_THROWS_WITH(load(header_80_95 + row1 + "2024-03-04T08:30,10,NaN,12,6,14\n"),
                    "forecast.csv:3: column 'calls_lo_80': expected a number >= 0, got \"NaN\"");
  // lo > calls, calls > hi
  CHECK_THROWS_WITH(load(header_80_95 + row1 + "2024-03-04T08:30,10,10.5,12,6,14\n"),
                    "forecast.csv:3: column 'calls_lo_80': expected at most calls (10), got "
                    "\"10.5\"");
  CHECK_THROWS_WITH(load(header_80_95 + row1 + "2024-03-04T08:30,12.5,8,12,6,14\n"),
                    "forecast.csv:3: column 'calls_hi_80': expected at least calls (12.5), got "
                    "\"12\"");
  // Bounds not nested: lo_95 > lo_80, hi_95 < hi_80.
  CHECK_THROWS_WITH(load(header_80_95 + row1 + "2024-03-04T08:30,10,8,12,9,14\n"),
                    "forecast.csv:3: column 'calls_lo_95': expected at most calls_lo_80 (8): "
                    "bounds must widen with the level, got \"9\"");
  CHECK_THROWS_WITH(load(header_80_95 + row1 + "2024-03-04T08:30,10,8,12,6,11\n"),
                    "forecast.csv:3: column 'calls_hi_95': expected at least calls_hi_80 (12): "
                    "bounds must widen with the level, got \"11\"");
  // Equal bounds across levels are allowed (e.g. a zero forecast at night).
  CHECK_NOTHROW(load(header_80_95 + row1 + "2024-03-04T08:30,0,0,0,0,0\n"));
  CHECK_THROWS_WITH(load(header_80_95 + "2024-03-04 8am,10,8,12,6,14\n"),
                    Catch::StartsWith("forecast.csv:2: column 'interval_start': expected a local "
                                      "date-time"));
  CHECK_THROWS_WITH(load("interval_start,queue,calls\n2024-03-04T08:00,,1\n"),
                    "forecast.csv:2: column 'queue': expected a queue name, got an empty field");
  // AHT as in the interval loader: > 0 when there are calls.
  CHECK_THROWS_WITH(load("interval_start,calls,aht_s\n2024-03-04T08:00,1,0\n"),
                    "forecast.csv:2: column 'aht_s': expected a number > 0 (calls is 1), got "
                    "\"0\"");
  const auto t = load("interval_start,calls,aht_s\n2024-03-04T08:00,0,\n2024-03-04T08:15,0,0\n");
  CHECK_FALSE(t.queues[0].intervals[0].aht_s.has_value());
  CHECK_FALSE(t.queues[0].intervals[1].aht_s.has_value());
}

TEST_CASE("load_forecast_table: duplicates, order, interval length", "[io][forecast_csv]") {
  const std::string h = "interval_start,queue,calls\n";
  CHECK_THROWS_WITH(load(h + "2024-03-04T08:00,a,1\n"
                             "2024-03-04T08:15,a,1\n"
                             "2024-03-04T08:00,b,1\n"
                             "2024-03-04T08:00,a,1\n"),
                    "forecast.csv:5: column 'interval_start': duplicate interval "
                    "2024-03-04T08:00 of queue 'a' (first on line 2)");
  CHECK_THROWS_WITH(load(h + "2024-03-04T08:00,a,1\n"
                             "2024-03-04T08:30,a,1\n"
                             "2024-03-04T08:15,a,1\n"),
                    "forecast.csv:4: column 'interval_start': interval 2024-03-04T08:15 of queue "
                    "'a' is out of order: it follows 2024-03-04T08:30 on line 3 (rows of a queue "
                    "must be in increasing time order)");
  // Queues may be interleaved and start at different times.
  CHECK_NOTHROW(load(h + "2024-03-04T08:15,b,1\n"
                         "2024-03-04T08:00,a,1\n"
                         "2024-03-04T08:30,b,1\n"
                         "2024-03-04T08:15,a,1\n"));
  // Mixed interval lengths: a day of 30-minute rows in a 15-minute file (named at its 2nd row).
  CHECK_THROWS_WITH(load(h + "2024-03-04T08:00,a,1\n"
                             "2024-03-04T08:15,a,1\n"
                             "2024-03-05T08:00,a,1\n"
                             "2024-03-05T08:30,a,1\n"
                             "2024-03-05T09:00,a,1\n"),
                    Catch::StartsWith("forecast.csv:5: column 'interval_start': mixed interval "
                                      "lengths: on 2024-03-05 of queue 'a' the intervals are "
                                      "1800 s apart, but the file's interval length is 900 s"));
  CHECK_THROWS_WITH(load(h + "2024-03-04T08:00,a,1\n2024-03-04T08:07,a,1\n"),
                    Catch::StartsWith("forecast.csv:3: column 'interval_start': the step of 420 "
                                      "s from line 2 to this line is not an interval length"));
  CHECK_THROWS_WITH(load(h + "2024-03-04T08:00,a,1\n"),
                    Catch::StartsWith("forecast.csv: cannot infer the interval length"));
  ForecastCsvOptions hourly;
  hourly.interval_s = 3600;
  CHECK_THROWS_WITH(load(h + "2024-03-04T08:00,a,1\n2024-03-04T09:30,a,1\n", hourly),
                    Catch::StartsWith("forecast.csv:3: column 'interval_start': 2024-03-04T09:30 "
                                      "is not on the 3600 s interval grid"));
  CHECK_THROWS_WITH(load_forecast_table("/nonexistent/dir/forecast.csv"),
                    Catch::StartsWith("/nonexistent/dir/forecast.csv: cannot open the file"));
}

TEST_CASE("format_level writes levels without trailing zeros", "[io][forecast_csv]") {
  CHECK(wfm::io::format_level(80) == "80");
  CHECK(wfm::io::format_level(97.5) == "97.5");
  CHECK(wfm::io::lo_column(95) == "calls_lo_95");
  CHECK(wfm::io::hi_column(99.9) == "calls_hi_99.9");
}

TEST_CASE("load_forecast_table: calls and handle times beyond the limits are errors",
          "[io][forecast_csv][limits]") {
  CHECK_THROWS_WITH(
      load("interval_start,calls\n2024-03-04T08:00,1e23\n"),
      Catch::Contains("forecast.csv:2: column 'calls': expected at most 1e+06 calls"));
  CHECK_THROWS_WITH(load("interval_start,calls,aht_s\n2024-03-04T08:00,3,90000\n"),
                    Catch::Contains("forecast.csv:2: column 'aht_s': expected a handle time of at "
                                    "most 86400 s"));
}

TEST_CASE("load_forecast_table: a time zone rejects skipped starts",
          "[io][forecast_csv][time_zone]") {
  const std::string text =
      "interval_start,calls\n"
      "2024-03-31T01:00,4\n"
      "2024-03-31T02:00,4\n";
  std::istringstream plain(text);
  CHECK(wfm::io::load_forecast_table(plain, "forecast.csv").queues.at(0).intervals.size() == 2);
  wfm::io::ForecastCsvOptions options;
  options.time_zone = wfm::core::TimeZone::locate("Europe/Paris", wfm::core::at_flag("--timezone"));
  options.interval_s = 3600;
  std::istringstream in(text);
  CHECK_THROWS_WITH(wfm::io::load_forecast_table(in, "forecast.csv", options),
                    Catch::StartsWith("forecast.csv:3: column 'interval_start': 2024-03-31T02:00 "
                                      "does not exist in Europe/Paris"));
}

TEST_CASE("load_forecast_table: a queue spanning more than 10,000,000 intervals is an error",
          "[io][forecast_csv][limits]") {
  CHECK_THROWS_WITH(load("interval_start,calls\n2024-03-04T08:00,1\n2024-03-04T08:30,1\n"
                         "9024-03-04T08:30,1\n"),
                    Catch::Contains("forecast.csv:4: column 'interval_start': the intervals span "
                                    "2024-03-04T08:00 to 9024-03-04T08:30, more than 10000000 "
                                    "intervals of 1800 s"));
}

TEST_CASE("load_forecast_table: a spreadsheet export reads as the plain file with reader options",
          "[io][forecast_csv][reader]") {
  const std::string plain =
      "interval_start,queue,calls,calls_lo_80,calls_hi_80,aht_s\n"
      "2024-03-04T08:00,sales,10.5,8.25,12.75,181.5\n"
      "2024-03-04T08:30,sales,11,9,13,180\n";
  const std::string export_text =
      "Beginn;Warteschlange;Prognose;calls_lo_80;calls_hi_80;AHT\n"
      "04/03/2024 08:00;sales;10,5;8,25;12,75;181,5\n"
      "04/03/2024 08:30;sales;11;9;13;180\n";
  ForecastCsvOptions options;
  options.reader.delimiter = ';';
  options.reader.decimal_mark = wfm::io::DecimalMark::comma;
  options.reader.time_format = wfm::io::parse_interval_time_format("%d/%m/%Y %H:%M", {});
  options.reader.columns = {{"interval_start", "Beginn"},
                            {"queue", "Warteschlange"},
                            {"calls", "Prognose"},
                            {"aht_s", "AHT"}};
  const ForecastTable mapped = load(export_text, options);
  CHECK(write(mapped) == write(load(plain)));
  CHECK(mapped.levels == std::vector<double>{80});
  CHECK(mapped.queues.at(0).intervals.at(0).bounds.at(0).lo == 8.25);

  CHECK_THROWS_WITH(load("Beginn;Warteschlange;Calls\n04/03/2024 08:00;a;1\n", options),
                    "forecast.csv:1: missing column 'Prognose' (field 'calls' in the column "
                    "mapping); columns present: Beginn, Warteschlange, Calls");
  options.reader.columns = {{"offered", "Calls"}};
  CHECK_THROWS_WITH(load(export_text, options),
                    "columns: unknown field 'offered' in the column mapping (fields: "
                    "interval_start, queue, calls, aht_s)");
  // A plain forecast read with the wrong delimiter names the option.
  CHECK_THROWS_WITH(load("interval_start;calls\n2024-03-04T08:00;1\n"),
                    Catch::Contains("give --delimiter ';'"));
}
