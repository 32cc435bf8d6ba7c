// wfm::io::resample: bins from midnight, sums and the offered-weighted AHT, partial bins (a gap of
// the file inside: error or left out; closed time is not a gap), refusals (upsampling, not a
// multiple, not dividing a day), and the fpp2 5-minute bank calls re-binned to 30 minutes against
// the published 30-minute file (../shared/data, when present). Other columns: summed, weighted by
// handled or dropped as asked, numbers never dropped unasked.
#include <catch2/catch.hpp>

#include "support/shared_data.hpp"

#include <filesystem>
#include <functional>
#include <map>
#include <sstream>
#include <string>

#include "wfm/core/error.hpp"
#include "wfm/io/interval_csv.hpp"
#include "wfm/io/resample.hpp"

using wfm::core::format_local_time;
using wfm::core::IntervalTable;
using wfm::core::parse_local_time;
using wfm::io::bin_start;
using wfm::io::GapPolicy;
using wfm::io::load_interval_table;
using wfm::io::resample;

namespace {

IntervalTable load(const std::string& text) {
  std::istringstream in(text);
  return load_interval_table(in, "t.csv");
}

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

std::string message_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const wfm::core::InputError& e) {
    return e.what();
  }
  return "(no error)";
}

}  // namespace

TEST_CASE("bin_start floors to the bin from midnight", "[io][resample]") {
  const auto t = *parse_local_time("2024-03-04T08:45");
  CHECK(format_local_time(bin_start(t, 1800)) == "2024-03-04T08:30");
  CHECK(format_local_time(bin_start(t, 3600)) == "2024-03-04T08:00");
  CHECK(format_local_time(bin_start(t, 86400)) == "2024-03-04T00:00");
  CHECK(format_local_time(bin_start(t, 900)) == "2024-03-04T08:45");
  // Before 1970 the floor still goes down, not toward zero.
  CHECK(format_local_time(bin_start(*parse_local_time("1969-12-31T23:50"), 3600)) ==
        "1969-12-31T23:00");
}

TEST_CASE("rebin sums counts and weights the AHT by offered calls", "[io][resample]") {
  const wfm::core::QueueSeries series{
      "sales",
      {record("2024-03-04T08:00", 10, 100.0, 2), record("2024-03-04T08:15", 30, 200.0, 3),
       record("2024-03-04T08:30", 0, std::nullopt, 4), record("2024-03-04T09:00", 5, 60.0, 5),
       record("2024-03-05T08:00", 4, std::nullopt, 6)}};
  const auto half_hour = wfm::io::rebin(series, 900, 1800);
  const auto& iv = half_hour.intervals;
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

  const auto daily = wfm::io::rebin(series, 900, 86400);
  REQUIRE(daily.intervals.size() == 2);
  CHECK(daily.intervals[0].offered == 45);  // 10 + 30 + 0 + 5
  CHECK(*daily.intervals[0].aht_s == Approx((1000.0 + 6000 + 300) / 45));
  CHECK(format_local_time(daily.intervals[1].start) == "2024-03-05T00:00");
}

TEST_CASE("resample: partial bins follow the gap policy, closed time does not", "[io][resample]") {
  // Queue a misses 08:30 inside its opening span (08:00-09:00): the 08:30 bin is partial. Its
  // 09:00 bin has no 09:15, which is after the span: closed time, so the bin is complete.
  const std::string text =
      "interval_start,queue,offered,aht_s,handled,abandoned,note\n"
      "2024-03-04T08:00,a,10,100,9,1,x\n"   // line 2
      "2024-03-04T08:00,b,1,60,1,0,x\n"     // line 3
      "2024-03-04T08:15,a,30,200,28,2,x\n"  // line 4
      "2024-03-04T08:15,b,3,80,3,0,x\n"     // line 5
      "2024-03-04T08:30,b,0,,,,x\n"         // line 6
      "2024-03-04T08:45,a,4,50,4,0,x\n"     // line 7
      "2024-03-04T08:45,b,2,100,2,0,x\n"    // line 8
      "2024-03-04T09:00,a,6,60,5,1,x\n";    // line 9
  const IntervalTable table = load(text);
  REQUIRE(table.interval_s == 900);
  REQUIRE(table.gaps.size() == 1);
  CHECK(table.ignored_columns == std::vector<std::string>{"note"});

  CHECK(message_of([&] { resample(table, 1800, GapPolicy::error); }) ==
        "t.csv:7: the 30 min bin 2024-03-04T08:30 of queue 'a' is partial: 1 of its 2 "
        "intervals is missing (a gap of the file), so its sums would be too small; partial bins "
        "are errors with gap policy 'error' (with 'allow' they are left out)");

  const auto result = resample(table, 1800, GapPolicy::allow);
  REQUIRE(result.dropped_bins.size() == 1);
  CHECK(result.dropped_bins[0].queue == "a");
  CHECK(format_local_time(result.dropped_bins[0].start) == "2024-03-04T08:30");
  CHECK(result.dropped_bins[0].present == 1);
  CHECK(result.dropped_bins[0].expected == 2);
  CHECK(result.dropped_bins[0].line == 7);
  const auto& out = result.table;
  CHECK(out.interval_s == 1800);
  CHECK(out.gaps.empty());
  CHECK(out.has_handled);
  CHECK(out.has_abandoned);
  REQUIRE(out.queues.size() == 2);
  const auto& a = out.queues[0].intervals;
  REQUIRE(a.size() == 2);
  CHECK(format_local_time(a[0].start) == "2024-03-04T08:00");
  CHECK(a[0].offered == 40);
  CHECK(*a[0].aht_s == Approx(175));  // (10*100 + 30*200) / 40
  CHECK(*a[0].handled == 37);
  CHECK(*a[0].abandoned == 3);
  CHECK(format_local_time(a[1].start) == "2024-03-04T09:00");  // closed 09:15: complete
  CHECK(a[1].offered == 6);
  const auto& b = out.queues[1].intervals;
  REQUIRE(b.size() == 2);
  CHECK(b[0].offered == 4);
  CHECK(*b[0].aht_s == Approx((60.0 + 3 * 80) / 4));
  CHECK(b[1].offered == 2);  // 08:30 with no calls and 08:45 with 2
  CHECK(*b[1].aht_s == Approx(100));

  // Sums are preserved over everything kept: the dropped bin holds a's 08:45 (4 calls).
  double in = 0, kept = 0;
  for (const auto& q : table.queues)
    for (const auto& r : q.intervals) in += r.offered;
  for (const auto& q : out.queues)
    for (const auto& r : q.intervals) kept += r.offered;
  CHECK(kept == in - 4);

  // The same interval is the file itself.
  CHECK(resample(table, 900, GapPolicy::allow).table.interval_count() == table.interval_count());
}

TEST_CASE("resample: a bin with no calls has no AHT", "[io][resample]") {
  const IntervalTable table = load(
      "interval_start,offered,aht_s\n2024-03-04T08:00,0,\n2024-03-04T08:15,0,0\n"
      "2024-03-04T08:30,2,90\n2024-03-04T08:45,0,\n");
  const auto out = resample(table, 1800, GapPolicy::error).table;
  REQUIRE(out.queues[0].intervals.size() == 2);
  CHECK_FALSE(out.queues[0].intervals[0].aht_s);
  CHECK(*out.queues[0].intervals[1].aht_s == 90);
}

TEST_CASE("resample refuses upsampling and bins that do not fit", "[io][resample]") {
  const wfm::core::Location where{{}, 0, "--interval"};
  CHECK_NOTHROW(wfm::io::check_coarser_interval(300, 1800, where));
  CHECK_NOTHROW(wfm::io::check_coarser_interval(900, 86400, where));
  CHECK_NOTHROW(wfm::io::check_coarser_interval(1800, 1800, where));
  CHECK(message_of([&] { wfm::io::check_coarser_interval(1800, 900, where); }) ==
        "--interval: expected an interval no finer than the data's interval length (30 min), got "
        "15 min: wfm does not split intervals (upsampling would invent how the calls spread "
        "inside one)");
  CHECK(message_of([&] { wfm::io::check_coarser_interval(1800, 2700, where); }) ==
        "--interval: expected an interval that is a whole multiple of the data's interval "
        "length (1800 s), got 2700 s");
  CHECK(message_of([&] { wfm::io::check_coarser_interval(900, 7 * 3600, where, "resolution"); }) ==
        "--interval: expected a resolution that divides a day (such as 30m, 1h, 1d), got 25200 s");
  const IntervalTable table = load(
      "interval_start,offered\n2024-03-04T08:00,1\n"
      "2024-03-04T08:30,2\n");
  CHECK(message_of([&] {
          resample(table, 900, GapPolicy::error, where);
        }).rfind("--interval: expected an interval no finer than", 0) == 0);
}

TEST_CASE("interval_text", "[io][resample]") {
  CHECK(wfm::io::interval_text(86400) == "1 day");
  CHECK(wfm::io::interval_text(1800) == "30 min");
  CHECK(wfm::io::interval_text(7200) == "2 h");
  CHECK(wfm::io::interval_text(90) == "90 s");
}

TEST_CASE("fpp2 5-minute calls re-binned to 30 minutes equal the published 30-minute file",
          "[io][resample][data]") {
  const auto dir = std::filesystem::path(WFM_SHARED_DATA_DIR);
  if (!wfm::test::shared_data_present(dir / "fpp2_calls_5min.csv")) return;
  if (!wfm::test::shared_data_present(dir / "fpp2_calls_30min.csv")) return;
  const auto five = load_interval_table((dir / "fpp2_calls_5min.csv").string());
  const auto thirty = load_interval_table((dir / "fpp2_calls_30min.csv").string());
  REQUIRE(five.interval_s == 300);
  REQUIRE(thirty.interval_s == 1800);
  CHECK(five.ignored_columns == std::vector<std::string>{"date", "weekday", "slot"});

  // Whole missing days (holidays) are gaps but cut no bin; the lone 21:00-21:05 slot is closed
  // time after it, so every bin is complete.
  const auto result = resample(five, 1800, GapPolicy::error);
  CHECK(result.dropped_bins.empty());
  const auto& mine = result.table.queues.at(0).intervals;
  std::map<wfm::core::LocalTime, double> published;
  for (const auto& r : thirty.queues.at(0).intervals) published[r.start] = r.offered;

  // The published file leaves the 21:00 slot out (the data's README): every other bin is equal.
  std::size_t equal = 0, at_21 = 0;
  double sum_21 = 0;
  for (const auto& r : mine) {
    const auto it = published.find(r.start);
    if (it == published.end()) {
      CHECK(format_local_time(r.start).substr(11) == "21:00");
      ++at_21;
      sum_21 += r.offered;
      continue;
    }
    CHECK(r.offered == it->second);
    ++equal;
  }
  CHECK(equal == published.size());  // 4,592 bins: 164 days x 28
  CHECK(equal == 4592);
  CHECK(at_21 == 164);

  // Calls are preserved: the 5-minute total is the 30-minute total plus the 21:00 slots.
  double total5 = 0, total30 = 0;
  for (const auto& r : five.queues[0].intervals) total5 += r.offered;
  for (const auto& [t, c] : published) total30 += c;
  CHECK(total5 == 5323661);
  CHECK(total30 == 5312234);
  CHECK(total5 == total30 + sum_21);
}

TEST_CASE("resample: other columns summed, handled-weighted or dropped as asked",
          "[io][resample][extra]") {
  const std::string text =
      "interval_start,offered,handled,answered_in_sl,asa_s,slot,shift\n"
      "2024-03-04T08:00,10,8,6,10,32,early\n"  // line 2
      "2024-03-04T08:15,3,2,1,40,33,early\n"   // line 3
      "2024-03-04T08:30,0,0,,,34,late\n"       // line 4: no calls, empty cells
      "2024-03-04T08:45,5,0,0,7,35,late\n";    // line 5: calls, none handled
  // Loaded without extra columns: both numeric columns are found, the label is not numeric.
  const IntervalTable plain = load(text);
  CHECK(plain.numeric_ignored_columns ==
        std::vector<std::string>{"answered_in_sl", "asa_s", "slot"});
  // Scoring re-bins without columns: only the fields, no refusal.
  CHECK(resample(plain, 1800, GapPolicy::error).table.extra_columns.empty());
  // wfm resample's policy: a column of numbers given no aggregation is refused, naming it.
  wfm::io::ExtraColumns columns;
  columns.drop = {"slot"};
  CHECK(message_of(
            [&] { resample(plain, 1800, GapPolicy::error, wfm::core::Location{}, columns); }) ==
        "t.csv: column 'answered_in_sl': holds numbers, and wfm does not know how to re-bin "
        "it: give --sum answered_in_sl (a count: summed), --mean answered_in_sl (a time per "
        "handled call: weighted by handled) or --drop answered_in_sl");

  columns.sum = {"answered_in_sl"};
  columns.mean = {"ASA_S"};
  wfm::io::IntervalCsvOptions options;
  options.extra_columns = wfm::io::extra_columns_to_load(columns);
  std::istringstream in(text);
  const IntervalTable table = load_interval_table(in, "t.csv", options);
  CHECK(table.extra_columns == std::vector<std::string>{"answered_in_sl", "asa_s"});
  CHECK(table.ignored_columns == std::vector<std::string>{"slot", "shift"});
  const auto result = resample(table, 1800, GapPolicy::error, wfm::core::Location{}, columns);
  CHECK(result.dropped_columns == std::vector<std::string>{"slot", "shift"});
  const auto& bins = result.table.queues.at(0).intervals;
  REQUIRE(bins.size() == 2);
  REQUIRE(bins[0].extra.size() == 2);
  CHECK(bins[0].extra[0] == 7.0);             // 6 + 1
  CHECK(*bins[0].extra[1] == Approx(16.0));   // (8 x 10 + 2 x 40) / 10
  CHECK(bins[1].extra[0] == 0.0);             // an empty cell counts 0
  CHECK_FALSE(bins[1].extra[1].has_value());  // no handled calls: no mean
  std::ostringstream out;
  wfm::io::write_interval_table(out, result.table);
  CHECK(out.str() ==
        "interval_start,offered,handled,answered_in_sl,asa_s\n"
        "2024-03-04T08:00,13,10,7,16\n"
        "2024-03-04T08:30,5,0,0,\n");

  // Bad extra cells name file, line and column; a name given twice, or dropped but absent, is
  // refused.
  wfm::io::IntervalCsvOptions bad;
  bad.extra_columns = {"asa_s"};
  std::istringstream negative("interval_start,offered,asa_s\n2024-03-04T08:00,1,-2\n");
  CHECK(message_of([&] { load_interval_table(negative, "b.csv", bad); }) ==
        "b.csv:2: column 'asa_s': expected a number >= 0, got \"-2\"");
  std::istringstream absent("interval_start,offered\n2024-03-04T08:00,1\n");
  CHECK(message_of([&] { load_interval_table(absent, "b.csv", bad); }) ==
        "b.csv:1: expected a column 'asa_s' (columns present: interval_start, offered)");
  wfm::io::ExtraColumns twice;
  twice.sum = {"asa_s"};
  twice.drop = {"ASA_S"};
  CHECK(message_of([&] { wfm::io::extra_columns_to_load(twice); }) ==
        "--drop: column 'ASA_S' is given more than once (--sum, --mean and --drop each name "
        "different columns)");
  wfm::io::ExtraColumns unknown;
  unknown.drop = {"slot", "sl"};
  CHECK(message_of([&] {
          resample(plain, 1800, GapPolicy::error, wfm::core::Location{}, unknown);
        }).starts_with("--drop: no column 'sl' to drop"));
}
