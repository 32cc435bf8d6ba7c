// wfm::io interval CSV: every validation rule with its exact message, gap detection, round trips,
// and the real fpp2 bank-call file from ../shared/data when present.
#include <catch2/catch.hpp>

#include "support/shared_data.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <fmt/format.h>

#include "wfm/core/error.hpp"
#include "wfm/io/csv_writer.hpp"
#include "wfm/io/interval_csv.hpp"
#include "wfm/io/reader_options.hpp"

using wfm::core::IntervalTable;
using wfm::core::parse_local_time;
using wfm::io::GapPolicy;
using wfm::io::IntervalCsvOptions;
using wfm::io::load_interval_table;

namespace {

IntervalTable load(const std::string& text, const IntervalCsvOptions& options = {}) {
  std::istringstream in(text);
  return load_interval_table(in, "history.csv", options);
}

// Rows "YYYY-MM-DDTHH:MM,<offered>" for each day in [first_day, first_day + days) whose weekday
// (0 = Monday) passes `open_day`, from open_h to close_h (exclusive) every step_min minutes.
template <typename OpenDay>
std::string day_rows(const std::string& first_day, int days, int open_h, int close_h, int step_min,
                     OpenDay open_day, const std::string& queue = "") {
  std::string out;
  const auto first = *wfm::core::parse_local_date(first_day);
  for (int d = 0; d < days; ++d) {
    const auto day = first + std::chrono::days{d};
    const int weekday = static_cast<int>(std::chrono::weekday{day}.iso_encoding()) - 1;
    if (!open_day(weekday)) continue;
    for (int m = open_h * 60; m < close_h * 60; m += step_min) {
      out +=
          wfm::core::format_local_time(std::chrono::local_seconds{day} + std::chrono::minutes{m});
      if (!queue.empty()) out += "," + queue;
      out += ",10\n";
    }
  }
  return out;
}

bool every_day(int) {
  return true;
}
bool weekdays(int wd) {
  return wd < 5;
}

}  // namespace

TEST_CASE("load_interval_table reads a simple file", "[io][interval_csv]") {
  const auto table = load(
      "interval_start,offered,aht_s,handled,abandoned\n"
      "2024-03-04T08:00,12,240.5,11,1\n"
      "2024-03-04 08:15:00,0,,,\n"
      "2024-03-04T08:30,3.5,300,3,0\n");
  CHECK(table.source == "history.csv");
  CHECK(table.interval_s == 900);
  CHECK(table.has_aht);
  CHECK(table.has_handled);
  CHECK(table.has_abandoned);
  REQUIRE(table.queues.size() == 1);
  CHECK(table.queues[0].queue.empty());
  const auto& iv = table.queues[0].intervals;
  REQUIRE(iv.size() == 3);
  CHECK(iv[0].start == *parse_local_time("2024-03-04T08:00"));
  CHECK(iv[0].offered == 12);
  CHECK(iv[0].aht_s == 240.5);
  CHECK(iv[0].handled == 11);
  CHECK(iv[0].abandoned == 1);
  CHECK(iv[0].source_line == 2);
  CHECK(iv[1].start == *parse_local_time("2024-03-04T08:15"));
  CHECK_FALSE(iv[1].aht_s.has_value());  // empty allowed: nothing offered
  CHECK(iv[1].handled == 0);             // empty count on a row with nothing offered reads as 0
  CHECK(iv[1].abandoned == 0);
  CHECK(iv[2].offered == 3.5);  // forecasts may be fractional
  CHECK(table.gaps.empty());
  CHECK(table.interval_count() == 3);
}

TEST_CASE("optional columns absent", "[io][interval_csv]") {
  const auto table = load("interval_start,offered\n2024-03-04T08:00,1\n2024-03-04T08:30,2\n");
  CHECK(table.interval_s == 1800);
  CHECK_FALSE(table.has_aht);
  CHECK_FALSE(table.has_handled);
  CHECK_FALSE(table.has_abandoned);
  CHECK_FALSE(table.queues[0].intervals[0].aht_s.has_value());
  CHECK_FALSE(table.queues[0].intervals[0].handled.has_value());
}

TEST_CASE("queues may be interleaved and keep their order of first appearance",
          "[io][interval_csv]") {
  const auto table = load(
      "interval_start,queue,offered\n"
      "2024-03-04T08:00,support,5\n"
      "2024-03-04T08:00,sales,7\n"
      "2024-03-04T08:15,sales,8\n"
      "2024-03-04T08:15,support,6\n");
  REQUIRE(table.queues.size() == 2);
  CHECK(table.queues[0].queue == "support");
  CHECK(table.queues[1].queue == "sales");
  CHECK(table.queues[1].intervals[1].offered == 8);
  CHECK(table.queues[1].intervals[1].source_line == 4);
}

TEST_CASE("'calls' is accepted for offered; extra columns are ignored", "[io][interval_csv]") {
  const auto table = load(
      "interval_start,date,calls,calls_lo_80,calls_hi_80\n"
      "2024-03-04T08:00,2024-03-04,12.5,10,15\n"
      "2024-03-04T08:30,2024-03-04,13,11,x\n");
  CHECK(table.queues[0].intervals[1].offered == 13);
  // offered wins over calls when both are present
  const auto both = load(
      "interval_start,calls,offered\n2024-03-04T08:00,1,2\n"
      "2024-03-04T09:00,1,2\n");
  CHECK(both.queues[0].intervals[0].offered == 2);
}

TEST_CASE("column names can be mapped", "[io][interval_csv]") {
  IntervalCsvOptions options;
  options.reader.columns = {{"interval_start", "Interval"},
                            {"offered", "CallsOffered"},
                            {"aht_s", "AHT"},
                            {"queue", "Skill"}};
  const auto table = load(
      "Skill;Interval;CallsOffered;AHT\n"
      "s1;2024-03-04 08:00;4;200\n"
      "s1;2024-03-04 08:30;5;210\n",
      [&] {
        auto o = options;
        o.reader.delimiter = ';';
        return o;
      }());
  CHECK(table.queues[0].queue == "s1");
  CHECK(table.queues[0].intervals[1].aht_s == 210);

  CHECK_THROWS_WITH(load("Interval,calls\n2024-03-04T08:00,1\n", options),
                    "history.csv:1: missing column 'CallsOffered' (field 'offered' in the column "
                    "mapping); columns present: Interval, calls");
  options.reader.columns = {{"offerd", "x"}};
  CHECK_THROWS_WITH(load("interval_start,offered\n2024-03-04T08:00,1\n", options),
                    "columns: unknown field 'offerd' in the column mapping (fields: "
                    "interval_start, queue, offered, aht_s, handled, abandoned)");
}

TEST_CASE("a tab-delimited file", "[io][interval_csv]") {
  IntervalCsvOptions options;
  options.reader.delimiter = '\t';
  const auto table =
      load("interval_start\tqueue\toffered\n2024-03-04T08:00\ta b\t1\n2024-03-04T08:15\ta b\t2\n",
           options);
  CHECK(table.queues[0].queue == "a b");
}

TEST_CASE("missing, duplicate and misdelimited columns", "[io][interval_csv]") {
  CHECK_THROWS_WITH(load("interval_start,date,foo\n2024-03-04T08:00,x,1\n"),
                    "history.csv:1: missing column 'offered' (or its alias 'calls'); columns "
                    "present: interval_start, date, foo");
  CHECK_THROWS_WITH(load("start,offered\n2024-03-04T08:00,1\n"),
                    "history.csv:1: missing column 'interval_start' (or its alias 'date'); columns "
                    "present: start, "
                    "offered");
  CHECK_THROWS_WITH(load("interval_start;offered\n2024-03-04T08:00;1\n"),
                    "history.csv:1: missing column 'interval_start' (or its alias 'date'); columns "
                    "present: "
                    "interval_start;offered (the file was read with delimiter \",\"; is it "
                    "\";\"? give --delimiter ';', or delimiter = \";\" in a mapping file or "
                    "scenario)");
  CHECK_THROWS_WITH(load("interval_start,offered,Offered\n2024-03-04T08:00,1,2\n"),
                    "history.csv:1: column 'offered' appears 2 times in the header");
}

TEST_CASE("empty file, header only, unreadable file", "[io][interval_csv]") {
  CHECK_THROWS_WITH(load(""), "history.csv: empty file, expected a header row");
  CHECK_THROWS_WITH(load("interval_start,offered\n"),
                    "history.csv:1: no data rows after the header");
  CHECK_THROWS_WITH(load("interval_start,offered\n\n\n"),
                    "history.csv:1: no data rows after the header");
  CHECK_THROWS_WITH(load_interval_table("/nonexistent/dir/history.csv"),
                    "/nonexistent/dir/history.csv: cannot open the file: No such file or "
                    "directory");
  const auto dir = std::filesystem::temp_directory_path().string();
  CHECK_THROWS_WITH(load_interval_table(dir), dir + ": cannot read the file: it is a directory");
}

TEST_CASE("bad CSV structure is reported with its line", "[io][interval_csv]") {
  CHECK_THROWS_WITH(load("interval_start,offered\n2024-03-04T08:00,1\n2024-03-04T08:15\n"),
                    "history.csv:3: expected 2 fields (as in the header on line 1), got 1");
  CHECK_THROWS_WITH(load("interval_start,offered\n2024-03-04T08:00,\"1\n"),
                    "history.csv:2: unterminated quoted field (a '\"' opened on this line is "
                    "never closed)");
}

TEST_CASE("bad timestamps", "[io][interval_csv]") {
  const std::string header = "interval_start,offered\n2024-03-04T08:00,1\n";
  // A date alone is a whole day (a daily file: tests/unit/forecast/daily_test.cpp).
  for (const char* bad : {"2024-03-0", "04/03/2024 08:00", "2024-02-30T08:00", "2024-03-04T24:00",
                          "2024-03-04T08:00Z", ""}) {
    INFO(bad);
    const std::string quoted = *bad ? fmt::format("\"{}\"", bad) : "an empty field";
    CHECK_THROWS_WITH(load(header + bad + ",1\n"),
                      "history.csv:3: column 'interval_start': expected a local date-time like "
                      "2024-03-04T08:00 or 2024-03-04 08:00:00, got " +
                          quoted);
  }
}

TEST_CASE("bad counts", "[io][interval_csv]") {
  const std::string header = "interval_start,offered,handled,abandoned\n";
  CHECK_THROWS_WITH(load(header + "2024-03-04T08:00,-3,0,0\n"),
                    "history.csv:2: column 'offered': expected a number >= 0, got \"-3\"");
  CHECK_THROWS_WITH(load(header + "2024-03-04T08:00,twelve,0,0\n"),
                    "history.csv:2: column 'offered': expected a number >= 0, got \"twelve\"");
  CHECK_THROWS_WITH(load(header + "2024-03-04T08:00,NaN,0,0\n"),
                    "history.csv:2: column 'offered': expected a number >= 0, got \"NaN\"");
  CHECK_THROWS_WITH(load(header + "2024-03-04T08:00,inf,0,0\n"),
                    "history.csv:2: column 'offered': expected a number >= 0, got \"inf\"");
  CHECK_THROWS_WITH(load(header + "2024-03-04T08:00,,0,0\n"),
                    "history.csv:2: column 'offered': expected a number >= 0, got an empty field");
  CHECK_THROWS_WITH(load(header + "2024-03-04T08:00,5,-1,0\n"),
                    "history.csv:2: column 'handled': expected a number >= 0, got \"-1\"");
  CHECK_THROWS_WITH(load(header + "2024-03-04T08:00,5,,0\n"),
                    "history.csv:2: column 'handled': expected a number >= 0, got an empty field");
  CHECK_THROWS_WITH(load(header + "2024-03-04T08:00,5,1,x\n"),
                    "history.csv:2: column 'abandoned': expected a number >= 0, got \"x\"");
  CHECK_THROWS_WITH(load("interval_start,queue,offered\n2024-03-04T08:00, ,1\n"),
                    "history.csv:2: column 'queue': expected a queue name, got an empty field");
}

TEST_CASE("handled and abandoned against offered", "[io][interval_csv]") {
  const std::string header = "interval_start,offered,handled,abandoned\n";
  CHECK_THROWS_WITH(load(header + "2024-03-04T08:00,12,13,0\n"),
                    "history.csv:2: column 'handled': expected at most the calls offered (12), "
                    "got \"13\"");
  CHECK_THROWS_WITH(load(header + "2024-03-04T08:00,12,0,12.5\n"),
                    "history.csv:2: column 'abandoned': expected at most the calls offered (12), "
                    "got \"12.5\"");
  // handled + abandoned > offered is allowed (exports attribute calls to different intervals).
  const auto table = load(header + "2024-03-04T08:00,12,10,5\n2024-03-04T08:15,0,0,0\n");
  CHECK(table.queues[0].intervals[0].abandoned == 5);
}

TEST_CASE("aht_s rules", "[io][interval_csv]") {
  const std::string header = "interval_start,offered,aht_s\n";
  CHECK_THROWS_WITH(load(header + "2024-03-04T08:00,12,\n"),
                    "history.csv:2: column 'aht_s': expected a number > 0 (offered is 12), got an "
                    "empty field");
  CHECK_THROWS_WITH(load(header + "2024-03-04T08:00,12,0\n"),
                    "history.csv:2: column 'aht_s': expected a number > 0 (offered is 12), got "
                    "\"0\"");
  CHECK_THROWS_WITH(load(header + "2024-03-04T08:00,0.5,-30\n"),
                    "history.csv:2: column 'aht_s': expected a number > 0 (offered is 0.5), got "
                    "\"-30\"");
  CHECK_THROWS_WITH(load(header + "2024-03-04T08:00,0,-30\n"),
                    "history.csv:2: column 'aht_s': expected a number >= 0, got \"-30\"");
  CHECK_THROWS_WITH(load(header + "2024-03-04T08:00,0,nan\n"),
                    "history.csv:2: column 'aht_s': expected a number >= 0, got \"nan\"");
  // With nothing offered, an empty or zero AHT is absent and a positive one is kept.
  const auto table =
      load(header + "2024-03-04T08:00,0,\n2024-03-04T08:15,0,0\n2024-03-04T08:30,0,180\n");
  const auto& iv = table.queues[0].intervals;
  CHECK_FALSE(iv[0].aht_s.has_value());
  CHECK_FALSE(iv[1].aht_s.has_value());
  CHECK(iv[2].aht_s == 180);
}

TEST_CASE("duplicate and out-of-order intervals", "[io][interval_csv]") {
  CHECK_THROWS_WITH(load("interval_start,queue,offered\n"
                         "2024-03-04T08:00,a,1\n"
                         "2024-03-04T08:00,b,1\n"
                         "2024-03-04 08:00:00,a,2\n"),
                    "history.csv:4: column 'interval_start': duplicate interval 2024-03-04T08:00 "
                    "of queue 'a' (first on line 2)");
  CHECK_THROWS_WITH(load("interval_start,offered\n"
                         "2024-03-04T08:00,1\n"
                         "2024-03-04T08:15,1\n"
                         "2024-03-04T08:30,1\n"
                         "2024-03-04T08:15,2\n"),
                    "history.csv:5: column 'interval_start': duplicate interval 2024-03-04T08:15 "
                    "(first on line 3)");
  CHECK_THROWS_WITH(load("interval_start,queue,offered\n"
                         "2024-03-04T08:00,a,1\n"
                         "2024-03-04T08:30,a,1\n"
                         "2024-03-04T08:00,b,1\n"
                         "2024-03-04T08:15,a,2\n"),
                    "history.csv:5: column 'interval_start': interval 2024-03-04T08:15 of queue "
                    "'a' is out of order: it follows 2024-03-04T08:30 on line 3 (rows of a queue "
                    "must be in increasing time order)");
}

TEST_CASE("interval length: inferred, explicit, nonstandard, unknown", "[io][interval_csv]") {
  CHECK(load("interval_start,offered\n2024-03-04T08:00,1\n2024-03-04T08:05,1\n").interval_s == 300);
  CHECK(load("interval_start,offered\n2024-03-04T08:00,1\n2024-03-04T09:00,1\n").interval_s ==
        3600);
  // The smallest step of any queue; other steps are gaps.
  const auto t = load(
      "interval_start,queue,offered\n2024-03-04T08:00,a,1\n"
      "2024-03-04T09:00,a,1\n2024-03-04T08:00,b,1\n2024-03-04T08:30,b,1\n"
      "2024-03-04T09:00,b,1\n");
  CHECK(t.interval_s == 1800);

  CHECK_THROWS_WITH(load("interval_start,offered\n2024-03-04T08:00,1\n2024-03-04T08:07,1\n"),
                    "history.csv:3: column 'interval_start': the step of 420 s from line 2 to this "
                    "line is not an interval length wfm infers (expected one of 300, 600, 900, "
                    "1800, 3600, 86400, 604800 s; give the interval length explicitly if it is "
                    "right)");
  CHECK_THROWS_WITH(load("interval_start,queue,offered\n2024-03-04T08:00,a,1\n"
                         "2024-03-04T08:00,b,1\n"),
                    "history.csv: cannot infer the interval length: every queue has a single "
                    "interval; give the interval length explicitly (interval_s)");

  IntervalCsvOptions options;
  options.interval_s = 900;
  const auto single = load("interval_start,offered\n2024-03-04T08:00,1\n", options);
  CHECK(single.interval_s == 900);
  options.interval_s = 120;  // any length that divides a day may be given explicitly
  CHECK(load("interval_start,offered\n2024-03-04T08:02,1\n", options).interval_s == 120);
  options.interval_s = 700;
  CHECK_THROWS_WITH(load("interval_start,offered\n2024-03-04T08:00,1\n", options),
                    "interval_s: expected an interval length in seconds that divides a day "
                    "(86400 s), got 700");
  options.interval_s = 0;
  CHECK_THROWS_AS(load("interval_start,offered\n2024-03-04T08:00,1\n", options),
                  wfm::core::InputError);
}

TEST_CASE("timestamps must lie on the interval grid", "[io][interval_csv]") {
  CHECK_THROWS_WITH(load("interval_start,offered\n2024-03-04T08:10,1\n2024-03-04T08:40,1\n"
                         "2024-03-04T09:10,1\n"),
                    "history.csv:2: column 'interval_start': 2024-03-04T08:10 is not on the 1800 "
                    "s interval grid (interval starts must be whole multiples of 1800 s after "
                    "midnight)");
  IntervalCsvOptions options;
  options.interval_s = 900;
  CHECK_THROWS_WITH(
      load("interval_start,offered\n2024-03-04T08:00,1\n2024-03-04T08:15:30,1\n", options),
      "history.csv:3: column 'interval_start': 2024-03-04T08:15:30 is not on the 900 "
      "s interval grid (interval starts must be whole multiples of 900 s after "
      "midnight)");
}

TEST_CASE("mixed interval lengths", "[io][interval_csv]") {
  // Monday in 15-minute intervals, Tuesday in 30-minute intervals.
  const std::string text = "interval_start,offered\n" +
                           day_rows("2024-03-04", 1, 8, 10, 15, every_day) +
                           day_rows("2024-03-05", 1, 8, 10, 30, every_day);
  CHECK_THROWS_WITH(load(text),
                    "history.csv:11: column 'interval_start': mixed interval lengths: on "
                    "2024-03-05 the intervals are 1800 s apart, but the file's interval length "
                    "is 900 s (the step ending on line 3); give the interval length explicitly if "
                    "the missing intervals are gaps");
  // Given explicitly, Tuesday's missing quarter hours are gaps instead.
  IntervalCsvOptions options;
  options.interval_s = 900;
  const auto table = load(text, options);
  CHECK(table.gaps.size() == 3);
}

TEST_CASE("gaps inside the usual opening times are recorded", "[io][interval_csv]") {
  const auto table = load(
      "interval_start,queue,offered\n"
      "2024-03-04T08:00,a,1\n"
      "2024-03-04T08:15,a,1\n"
      "2024-03-04T08:30,a,1\n"
      "2024-03-04T09:15,a,1\n"  // 08:45 and 09:00 missing
      "2024-03-05T08:00,a,1\n"
      "2024-03-05T08:15,a,1\n"
      "2024-03-05T08:30,a,1\n"
      "2024-03-05T08:45,a,1\n"
      "2024-03-05T09:00,a,1\n"
      "2024-03-05T09:15,a,1\n");
  REQUIRE(table.gaps.size() == 1);
  const auto& gap = table.gaps[0];
  CHECK(gap.queue == "a");
  CHECK(gap.first_missing == *parse_local_time("2024-03-04T08:45"));
  CHECK(gap.missing_intervals == 2);
  CHECK(gap.line_after == 5);
}

TEST_CASE("closed nights, weekends and short Saturdays are not gaps", "[io][interval_csv]") {
  // Two weeks: weekdays 08:00-20:00, Saturday 09:00-13:00, Sunday closed.
  const auto saturday = [](int wd) { return wd == 5; };
  std::string text = "interval_start,offered\n";
  for (int week = 0; week < 2; ++week) {
    const auto monday = *wfm::core::parse_local_date("2024-03-04") + std::chrono::days{7 * week};
    const std::string day = wfm::core::format_local_date(monday);
    text += day_rows(day, 5, 8, 20, 30, weekdays);
    text += day_rows(wfm::core::format_local_date(monday + std::chrono::days{5}), 1, 9, 13, 30,
                     saturday);
  }
  const auto table = load(text);
  CHECK(table.interval_s == 1800);
  CHECK(table.gaps.empty());
}

TEST_CASE("a missing weekday is a gap, reported as one run per day", "[io][interval_csv]") {
  // Three weeks of weekdays 07:00-09:00; Friday 2024-03-15 and Monday 2024-03-18 are missing.
  const auto open = [](int wd) { return wd < 5; };
  std::string rows =
      day_rows("2024-03-04", 11, 7, 9, 30, open) + day_rows("2024-03-19", 12, 7, 9, 30, open);
  const auto table = load("interval_start,offered\n" + rows);
  REQUIRE(table.gaps.size() == 2);
  CHECK(table.gaps[0].first_missing == *parse_local_time("2024-03-15T07:00"));
  CHECK(table.gaps[0].missing_intervals == 4);
  CHECK(table.gaps[1].first_missing == *parse_local_time("2024-03-18T07:00"));
  CHECK(table.gaps[1].missing_intervals == 4);
  // Both gaps end at the row of Tuesday 2024-03-19 07:00: 1 header + 9 days x 4 rows + 1.
  CHECK(table.gaps[0].line_after == 38);
  CHECK(table.gaps[1].line_after == 38);

  IntervalCsvOptions options;
  options.gap_policy = GapPolicy::error;
  CHECK_THROWS_WITH(load("interval_start,offered\n" + rows, options),
                    "history.csv:38: 4 missing intervals before this row (2024-03-15T07:00 to "
                    "2024-03-15T08:30); gaps are errors with gap policy 'error'");
}

TEST_CASE("gap policy error names the queue and a single interval", "[io][interval_csv]") {
  IntervalCsvOptions options;
  options.gap_policy = GapPolicy::error;
  CHECK_THROWS_WITH(load("interval_start,queue,offered\n"
                         "2024-03-04T08:00,s,1\n"
                         "2024-03-04T08:15,s,1\n"
                         "2024-03-04T08:30,s,1\n"
                         "2024-03-05T08:00,s,1\n"
                         "2024-03-05T08:30,s,1\n",
                         options),
                    "history.csv:6: 1 missing interval of queue 's' before this row "
                    "(2024-03-05T08:15); gaps are errors with gap policy 'error'");
  CHECK(wfm::io::parse_gap_policy("error") == GapPolicy::error);
  CHECK(wfm::io::parse_gap_policy("allow") == GapPolicy::allow);
  CHECK_FALSE(wfm::io::parse_gap_policy("warn").has_value());
}

TEST_CASE("a 24/7 queue: gaps across midnight are one run", "[io][interval_csv]") {
  // Two weeks, so that every weekday has a full-day span elsewhere.
  std::string rows = day_rows("2024-03-04", 14, 0, 24, 60, every_day);
  // Remove Wednesday 23:00 to Thursday 01:00 (three hours).
  for (const char* t :
       {"2024-03-06T23:00,10\n", "2024-03-07T00:00,10\n", "2024-03-07T01:00,10\n"}) {
    rows.erase(rows.find(t), std::string(t).size());
  }
  const auto table = load("interval_start,offered\n" + rows);
  REQUIRE(table.gaps.size() == 1);
  CHECK(table.gaps[0].first_missing == *parse_local_time("2024-03-06T23:00"));
  CHECK(table.gaps[0].missing_intervals == 3);
}

TEST_CASE("write_interval_table round trips", "[io][interval_csv]") {
  const std::string text =
      "interval_start,queue,offered,aht_s,handled,abandoned\n"
      "2024-03-04T08:00,sales,12.25,240.125,11,1\n"
      "2024-03-04T08:00,\"support, tier 2\",0,,0,0\n"
      "2024-03-04T08:15,sales,0.1,0.30000000000000004,0,0\n"
      "2024-03-04T08:15,\"support, tier 2\",7,301,7,0\n";
  const auto table = load(text);
  std::ostringstream out;
  wfm::io::write_interval_table(out, table);
  // Numbers are written with 9 significant digits (csv_writer.hpp): 0.30000000000000004 -> 0.3.
  std::string want = text;
  want.replace(want.find("0.30000000000000004"), 19, "0.3");
  CHECK(out.str() == want);
  const auto again = load(out.str());
  REQUIRE(again.queues.size() == 2);
  CHECK(again.queues[0].intervals[1].aht_s == wfm::io::csv_rounded(0.30000000000000004));
  CHECK(again.queues[0].intervals[0].aht_s == 240.125);  // up to 9 digits: exact

  // Without queue names and optional columns.
  const auto plain = load("interval_start,calls\n2024-03-04T08:00,1\n2024-03-04T08:30,2\n");
  std::ostringstream out2;
  wfm::io::write_interval_table(out2, plain);
  CHECK(out2.str() == "interval_start,offered\n2024-03-04T08:00,1\n2024-03-04T08:30,2\n");
}

TEST_CASE("the real fpp2 bank-call series loads with its six missing weekdays as gaps",
          "[io][interval_csv][shared-data]") {
  const std::filesystem::path path =
      std::filesystem::path(WFM_SHARED_DATA_DIR) / "fpp2_calls_30min.csv";
  if (!wfm::test::shared_data_present(path)) return;
  const auto table = load_interval_table(path.string());
  CHECK(table.interval_s == 1800);
  REQUIRE(table.queues.size() == 1);
  CHECK(table.queues[0].queue.empty());
  CHECK(table.interval_count() == 4592);  // 164 days x 28 intervals
  CHECK_FALSE(table.has_aht);
  // Weekends and nights are never open, so they are not gaps; each missing weekday is one gap.
  REQUIRE(table.gaps.size() == 6);
  const char* missing[] = {"2003-04-04", "2003-04-07", "2003-05-26",
                           "2003-07-04", "2003-09-01", "2003-10-14"};
  for (std::size_t i = 0; i < 6; ++i) {
    INFO(missing[i]);
    CHECK(table.gaps[i].first_missing == *parse_local_time(std::string(missing[i]) + "T07:00"));
    CHECK(table.gaps[i].missing_intervals == 28);
  }
  IntervalCsvOptions options;
  options.gap_policy = GapPolicy::error;
  // The first gap by line: Friday 2003-04-04, before the row of Tuesday 2003-04-08 07:00.
  CHECK_THROWS_WITH(load_interval_table(path.string(), options),
                    path.string() +
                        ":674: 28 missing intervals before this row (2003-04-04T07:00 to "
                        "2003-04-04T20:30); gaps are errors with gap policy 'error'");
}

TEST_CASE("counts and handle times beyond the documented limits are errors, not clamps",
          "[io][interval_csv][limits]") {
  // core/limits.hpp: at most 1e6 calls in one interval, handle times of at most a day.
  CHECK(load("interval_start,offered,aht_s\n2024-03-04T08:00,1000000,86400\n"
             "2024-03-04T08:15,0,\n")
            .queues[0]
            .intervals[0]
            .offered == 1e6);
  for (const char* count : {"1000001", "1e308", "99999999999999999999999"}) {
    CHECK_THROWS_WITH(
        load(std::string("interval_start,offered,aht_s\n2024-03-04T08:00,1,60\n2024-03-04T08:15,") +
             count + ",60\n"),
        Catch::Contains("history.csv:3: column 'offered': expected at most 1e+06 calls in one "
                        "interval"));
  }
  CHECK_THROWS_WITH(load("interval_start,offered,aht_s\n2024-03-04T08:00,5,1e308\n"),
                    Catch::Contains("history.csv:2: column 'aht_s': expected a handle time of at "
                                    "most 86400 s (a day), got \"1e308\""));
}

// Daylight saving (docs/formats.md, "Time zones and daylight saving"). Europe/Paris goes from
// 02:00 CET to 03:00 CEST on 2024-03-31 and from 03:00 CEST back to 02:00 CET on 2024-10-27 (EU
// rule: 01:00 UTC on the last Sunday of March and October, Directive 2000/84/EC).
TEST_CASE("time zone: a start in the skipped spring hour is an error naming the change",
          "[io][interval_csv][time_zone]") {
  const std::string file =
      "interval_start,offered\n"
      "2024-03-31T01:30,1\n"
      "2024-03-31T02:00,1\n"
      "2024-03-31T02:30,1\n";
  // Without a zone the wall-clock times are taken as they are (as before --timezone existed).
  CHECK(load(file).interval_count() == 3);
  IntervalCsvOptions paris;
  paris.time_zone = wfm::core::TimeZone::locate("Europe/Paris", wfm::core::at_flag("--timezone"));
  CHECK_THROWS_WITH(load(file, paris),
                    "history.csv:3: column 'interval_start': 2024-03-31T02:00 does not exist in "
                    "Europe/Paris: clocks go forward from 02:00 to 03:00 on 2024-03-31 (CET to "
                    "CEST); no interval starts in the skipped hour (remove the row, or check the "
                    "time zone)");
}

TEST_CASE("time zone: the skipped hour is not a gap, other missing hours still are",
          "[io][interval_csv][time_zone]") {
  // A 24-hour queue, hourly, from Saturday 2024-03-30 to Monday 2024-04-01, without the
  // 02:00 row of Sunday (which does not exist in Paris).
  std::string rows = "interval_start,offered\n";
  for (int d = 30; d <= 32; ++d) {
    for (int h = 0; h < 24; ++h) {
      if (d == 31 && h == 2) continue;
      const int month = d <= 31 ? 3 : 4;
      const int dom = d <= 31 ? d : d - 31;
      rows += fmt::format("2024-{:02d}-{:02d}T{:02d}:00,5\n", month, dom, h);
    }
  }
  const auto plain = load(rows);
  REQUIRE(plain.gaps.size() == 1);  // without a zone the hour is missing data
  CHECK(plain.gaps[0].first_missing == *parse_local_time("2024-03-31T02:00"));
  IntervalCsvOptions paris;
  paris.time_zone = wfm::core::TimeZone::locate("Europe/Paris", wfm::core::at_flag("--timezone"));
  CHECK(load(rows, paris).gaps.empty());
  IntervalCsvOptions new_york;
  new_york.time_zone =
      wfm::core::TimeZone::locate("America/New_York", wfm::core::at_flag("--timezone"));
  CHECK(load(rows, new_york).gaps.size() == 1);  // an ordinary day in New York
}

TEST_CASE("time zone: the repeated autumn hour", "[io][interval_csv][time_zone]") {
  // An export that lists the repeated hour twice, as a 24-hour ACD logs it.
  const std::string twice =
      "interval_start,offered\n"
      "2024-10-27T01:00,1\n"
      "2024-10-27T02:00,1\n"
      "2024-10-27T03:00,1\n"
      "2024-10-27T02:00,1\n";
  // Without a zone: the duplicate, with a hint that it may be daylight saving.
  CHECK_THROWS_WITH(load(twice),
                    "history.csv:5: column 'interval_start': duplicate interval 2024-10-27T02:00 "
                    "(first on line 3); if the file is in local time with a daylight-saving "
                    "change, this may be the hour that happens twice when clocks go back: give "
                    "--timezone (the scenario key timezone) (an IANA name such as Europe/Paris) "
                    "for a message naming the change, or export in UTC");
  // A daytime duplicate gets no such hint.
  CHECK_THROWS_WITH(
      load("interval_start,queue,offered\n2024-03-04T09:00,a,1\n2024-03-04T09:00,a,1\n"),
      "history.csv:3: column 'interval_start': duplicate interval 2024-03-04T09:00 of queue 'a' "
      "(first on line 2)");
  // With the zone: the first row in the repeated hour is the error, naming the change.
  IntervalCsvOptions paris;
  paris.time_zone = wfm::core::TimeZone::locate("Europe/Paris", wfm::core::at_flag("--timezone"));
  CHECK_THROWS_WITH(load(twice, paris),
                    "history.csv:3: column 'interval_start': 2024-10-27T02:00 occurs twice in "
                    "Europe/Paris: clocks go back from 03:00 to 02:00 on 2024-10-27 (CEST to "
                    "CET), so 02:00 to 03:00 is lived twice; interval files are wall-clock times "
                    "without a UTC offset, so wfm cannot tell which pass a row is: export the "
                    "file in UTC or standard time and run without a time zone, or leave the "
                    "repeated hour out");
  // Without the repeated hour the day loads with the zone (01:00 then 03:00: a gap, reported).
  const auto table = load(
      "interval_start,offered\n"
      "2024-10-26T01:00,1\n2024-10-26T02:00,1\n2024-10-26T03:00,1\n"
      "2024-10-27T01:00,1\n2024-10-27T03:00,1\n",
      paris);
  CHECK(table.interval_count() == 5);
  CHECK(table.gaps.size() == 1);
}

TEST_CASE("a queue spanning more than 10,000,000 intervals (a mistyped year) is an error",
          "[io][interval_csv][limits]") {
  // Found by fuzz/interval_csv_fuzz: a year 1012 for 2024 made the gap search walk 35 million
  // 15-minute intervals (a hang). core/limits.hpp: a queue spans at most 1e7 intervals.
  CHECK_THROWS_WITH(load("interval_start,queue,offered\n"
                         "2024-03-04T08:00,sales,29\n"
                         "1012-03-04T08:15,billing,36\n"
                         "2024-03-04T08:15,sales,31\n"
                         "2024-03-04T08:30,billing,31\n"
                         "2024-03-04T08:45,billing,30\n"),
                    "history.csv:5: column 'interval_start': the intervals of queue 'billing' "
                    "span 1012-03-04T08:15 to 2024-03-04T08:45, more than 10000000 intervals of "
                    "900 s; the step from 1012-03-04T08:15 on line 3 to 2024-03-04T08:30 on this "
                    "line is the longest (a mistyped date?)");
  // A span of 9,999,999 one-hour intervals (1,141 years), just under the limit, is accepted.
  const auto t = load(
      "interval_start,offered\n1000-01-01T00:00,1\n1000-01-01T01:00,1\n" +
      fmt::format("{},1\n", wfm::core::format_local_time(*parse_local_time("1000-01-01T00:00") +
                                                         std::chrono::hours{9'999'999})));
  CHECK(t.queues[0].intervals.size() == 3);
}

TEST_CASE("a European export: semicolons, decimal commas, day/month/year", "[io][interval_csv]") {
  IntervalCsvOptions options;
  options.reader.delimiter = ';';
  options.reader.decimal_mark = wfm::io::DecimalMark::comma;
  options.reader.time_format =
      wfm::io::parse_interval_time_format("%d/%m/%Y %H:%M", wfm::core::Location{});
  options.reader.columns = {{"interval_start", "Datum"}, {"offered", "Angebot"}, {"aht_s", "AHT"}};
  const auto eu =
      load("Datum;Angebot;AHT\n04/03/2024 08:00;12,5;181,25\n04/03/2024 08:30;3;90\n", options);
  const auto plain =
      load("interval_start,offered,aht_s\n2024-03-04T08:00,12.5,181.25\n2024-03-04T08:30,3,90\n");
  REQUIRE(eu.queues.size() == 1);
  REQUIRE(eu.queues[0].intervals.size() == 2);
  CHECK(eu.interval_s == plain.interval_s);
  for (std::size_t i = 0; i < 2; ++i) {
    CHECK(eu.queues[0].intervals[i].start == plain.queues[0].intervals[i].start);
    CHECK(eu.queues[0].intervals[i].offered == plain.queues[0].intervals[i].offered);
    CHECK(eu.queues[0].intervals[i].aht_s == plain.queues[0].intervals[i].aht_s);
  }
  // A point with decimal commas asked for, and an ISO time with the pattern, say where.
  CHECK_THROWS_WITH(load("Datum;Angebot;AHT\n04/03/2024 08:00;12.5;181\n", options),
                    "history.csv:2: column 'Angebot': expected a number >= 0 with a decimal comma "
                    "such as 12,5, got \"12.5\"");
  CHECK_THROWS_WITH(load("Datum;Angebot;AHT\n04/03/2024 08:00;12;1.5\n", options),
                    "history.csv:2: column 'AHT': expected a number > 0 with a decimal comma "
                    "(offered is 12), got \"1.5\"");
  CHECK_THROWS_WITH(load("Datum;Angebot;AHT\n2024-03-04 08:00;12;1\n", options),
                    "history.csv:2: column 'Datum': expected a date-time like 04/03/2024 20:05 "
                    "(format \"%d/%m/%Y %H:%M\"), got \"2024-03-04 08:00\"");
  // Without the option, a decimal comma names it.
  options.reader.decimal_mark = wfm::io::DecimalMark::point;
  CHECK_THROWS_WITH(load("Datum;Angebot;AHT\n04/03/2024 08:00;12,5;181\n", options),
                    Catch::Contains("history.csv:2: column 'Angebot': expected a number >= 0 (for "
                                    "a decimal comma such as 12,5 give --decimal-comma"));
}

TEST_CASE("the bundled European sample reads as the plain sample", "[io][interval_csv]") {
  const std::string dir = std::string(WFM_SOURCE_DIR) + "/data/";
  IntervalCsvOptions options;
  options.reader = wfm::io::load_reader_mapping(dir + "mappings/european_intervals.toml");
  const auto eu = load_interval_table(dir + "sample/history_european.csv", options);
  // The plain sample's first two days are the same rows.
  std::ifstream in(dir + "sample/history.csv");
  std::string text, line;
  for (int n = 0; n < 1 + 288 && std::getline(in, line); ++n) text += line + "\n";
  const auto plain = load(text);
  REQUIRE(eu.queues.size() == plain.queues.size());
  CHECK(eu.interval_s == plain.interval_s);
  CHECK(eu.has_handled);
  CHECK(eu.has_abandoned);
  for (std::size_t q = 0; q < plain.queues.size(); ++q) {
    CHECK(eu.queues[q].queue == plain.queues[q].queue);
    REQUIRE(eu.queues[q].intervals.size() == plain.queues[q].intervals.size());
    for (std::size_t i = 0; i < plain.queues[q].intervals.size(); ++i) {
      const auto& a = eu.queues[q].intervals[i];
      const auto& b = plain.queues[q].intervals[i];
      CHECK(a.start == b.start);
      CHECK(a.offered == b.offered);
      CHECK(a.aht_s == b.aht_s);
      CHECK(a.handled == b.handled);
      CHECK(a.abandoned == b.abandoned);
    }
  }
}

TEST_CASE("several queues' rows without a queue column name the column to map",
          "[io][interval_csv]") {
  IntervalCsvOptions options;
  options.reader.columns = {{"offered", "Calls"}};
  CHECK_THROWS_WITH(
      load("interval_start,Skill,Calls\n2024-03-04T08:00,a,1\n2024-03-04T08:00,b,2\n", options),
      "history.csv:3: column 'interval_start': duplicate interval 2024-03-04T08:00 (first on line "
      "2), and the file has no column 'queue': if it holds several queues, map the column naming "
      "the queue (--columns queue=COLUMN, or queue = \"COLUMN\" under [columns] in a mapping file "
      "or columns in a scenario); columns present: interval_start, Skill, Calls");
  // With a queue column a duplicate is still a duplicate.
  CHECK_THROWS_WITH(
      load("interval_start,queue,offered\n2024-03-04T08:00,a,1\n2024-03-04T08:00,a,2\n"),
      "history.csv:3: column 'interval_start': duplicate interval 2024-03-04T08:00 of queue 'a' "
      "(first on line 2)");
}
