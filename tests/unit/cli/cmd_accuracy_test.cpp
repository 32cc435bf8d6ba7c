// `wfm accuracy` through wfm::cli::run: pairing counts, scores per group against hand-computed
// values (arithmetic in the comments), MASE from --history, --resolution, thresholds and exit
// codes, CSV and JSON output, bad input. Also: a forecast file staffs with `wfm staff --demand`.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "cli_test_support.hpp"

namespace fs = std::filesystem;
using namespace wfm::cli::test;

namespace {

// Forecast: sales has no 08:30; support has 08:00..09:30; chat is only in the forecast.
const std::string forecast_csv =
    "interval_start,queue,calls,calls_lo_80,calls_hi_80,aht_s\n"
    "2024-03-11T08:00,sales,10,8,12,200\n"
    "2024-03-11T08:00,support,20,17,25,300\n"
    "2024-03-11T08:00,chat,3,2,4,100\n"
    "2024-03-11T08:30,support,22,18,26,300\n"
    "2024-03-11T09:00,sales,8,6,10,200\n"
    "2024-03-11T09:00,support,10,8,12,300\n"
    "2024-03-11T09:30,support,5,4,6,300\n";

// Actuals: sales 08:30 has no forecast (inside sales' forecast period 08:00-09:00), sales 10:00
// is after it, support 09:00 is missing, email is only in the actuals.
const std::string actuals_csv =
    "interval_start,queue,offered,aht_s\n"
    "2024-03-11T08:00,sales,12,210\n"
    "2024-03-11T08:00,support,16,290\n"
    "2024-03-11T08:00,email,4,500\n"
    "2024-03-11T08:30,sales,12,190\n"
    "2024-03-11T08:30,support,22,310\n"
    "2024-03-11T09:00,sales,6,200\n"
    "2024-03-11T09:30,support,5,300\n"
    "2024-03-11T10:00,sales,7,200\n";
// Pairs (actual, forecast, 80% bounds):
//   sales   08:00 (12, 10, [8,12])  e = -2  covered
//   sales   09:00 ( 6,  8, [6,10])  e = +2  covered
//   support 08:00 (16, 20, [17,25]) e = +4  not covered
//   support 08:30 (22, 22, [18,26]) e =  0  covered
//   support 09:30 ( 5,  5, [4,6])   e =  0  covered

// History (Thu 2024-03-07, Fri 2024-03-08) for the MASE scale, previous day:
//   sales   Thu 10 12 8 6, Fri 14 10 8 9  -> |4|+|2|+|0|+|3| = 9 / 4 = 2.25
//   support Thu 20 20 10 5, Fri 22 26 10 5 -> 2 + 6 + 0 + 0 = 8 / 4 = 2
const std::string history_csv =
    "interval_start,queue,offered\n"
    "2024-03-07T08:00,sales,10\n2024-03-07T08:30,sales,12\n"
    "2024-03-07T09:00,sales,8\n2024-03-07T09:30,sales,6\n"
    "2024-03-08T08:00,sales,14\n2024-03-08T08:30,sales,10\n"
    "2024-03-08T09:00,sales,8\n2024-03-08T09:30,sales,9\n"
    "2024-03-07T08:00,support,20\n2024-03-07T08:30,support,20\n"
    "2024-03-07T09:00,support,10\n2024-03-07T09:30,support,5\n"
    "2024-03-08T08:00,support,22\n2024-03-08T08:30,support,26\n"
    "2024-03-08T09:00,support,10\n2024-03-08T09:30,support,5\n";

struct Files {
  TempDir dir{"accuracy"};
  std::string forecast = dir.file("forecast.csv");
  std::string actuals = dir.file("actuals.csv");
  std::string history = dir.file("history.csv");
  Files() {
    write_file(forecast, forecast_csv);
    write_file(actuals, actuals_csv);
    write_file(history, history_csv);
  }
};

// The JSON row whose group has `key` = `value` (the overall row has "all").
const nlohmann::json& row_where(const nlohmann::json& j, const std::string& key,
                                const std::string& value) {
  for (const auto& r : j["rows"]) {
    if (r["group"].contains(key) && r["group"][key] == value) return r;
  }
  FAIL("no row with " << key << " = " << value);
  return j;
}

}  // namespace

TEST_CASE("wfm accuracy: pairing and scores per queue", "[cli][accuracy]") {
  Files f;
  const auto j = run_json({"accuracy", "--forecast", f.forecast, "--actuals", f.actuals});
  CHECK(j["pairing"]["pairs"] == 5);
  CHECK(j["pairing"]["forecast_unmatched"] == 2);       // support 09:00, chat 08:00
  CHECK(j["pairing"]["actual_unmatched"] == 1);         // sales 08:30
  CHECK(j["pairing"]["actual_outside_forecast"] == 1);  // sales 10:00
  CHECK(j["pairing"]["forecast_only_queues"] == nlohmann::json::array({"chat"}));
  CHECK(j["pairing"]["actual_only_queues"] == nlohmann::json::array({"email"}));
  REQUIRE(j["rows"].size() == 3);  // overall, sales, support

  const auto& all = row_where(j, "queue", "all");
  // |e| = 2 + 2 + 4 + 0 + 0 = 8 over 5 pairs; sum of actuals 12 + 6 + 16 + 22 + 5 = 61
  CHECK(all["n"] == 5);
  CHECK(all["mae"].get<double>() == Approx(1.6));
  CHECK(all["rmse"].get<double>() == Approx(std::sqrt(24.0 / 5)));  // 4 + 4 + 16
  CHECK(all["wape"].get<double>() == Approx(8.0 / 61));
  CHECK(all["bias"].get<double>() == Approx(4.0 / 61));  // -2 + 2 + 4
  // mape: (2/12 + 2/6 + 4/16 + 0 + 0) / 5 = 0.75 / 5
  CHECK(all["mape"].get<double>() == Approx(0.15));
  CHECK(all["mape_skipped"] == 0);
  CHECK(all["coverage_80"].get<double>() == Approx(0.8));  // 4 of 5
  CHECK(all["mase"].is_null());
  CHECK(j["notes"][0].get<std::string>().find("needs --history") != std::string::npos);

  const auto& sales = row_where(j, "queue", "sales");
  CHECK(sales["n"] == 2);
  CHECK(sales["mae"].get<double>() == Approx(2.0));
  CHECK(sales["bias"].get<double>() == Approx(0.0));
  CHECK(sales["wape"].get<double>() == Approx(4.0 / 18));
  CHECK(sales["coverage_80"].get<double>() == Approx(1.0));
  const auto& support = row_where(j, "queue", "support");
  CHECK(support["n"] == 3);
  CHECK(support["wape"].get<double>() == Approx(4.0 / 43));
  CHECK(support["coverage_80"].get<double>() == Approx(2.0 / 3));
}

TEST_CASE("wfm accuracy: MASE from --history", "[cli][accuracy]") {
  Files f;
  auto j = run_json(
      {"accuracy", "--forecast", f.forecast, "--actuals", f.actuals, "--history", f.history});
  // sales: mae 2 / scale 2.25; support: mae 4/3 / scale 2
  CHECK(row_where(j, "queue", "sales")["mase"].get<double>() == Approx(2.0 / 2.25));
  CHECK(row_where(j, "queue", "support")["mase"].get<double>() == Approx(2.0 / 3));
  // Across queues: the mean of errors each scaled by its queue: (2/2.25 + 2/2.25 + 4/2) / 5
  CHECK(row_where(j, "queue", "all")["mase"].get<double>() == Approx((4.0 / 2.25 + 2) / 5));

  // A weekly lag has no pairs in two days of history: no MASE, and a note saying why.
  j = run_json({"accuracy", "--forecast", f.forecast, "--actuals", f.actuals, "--history",
                f.history, "--season", "week"});
  CHECK(row_where(j, "queue", "sales")["mase"].is_null());
  bool noted = false;
  for (const auto& n : j["notes"]) {
    noted |= n.get<std::string>().find("queue 'sales'") != std::string::npos &&
             n.get<std::string>().find("week earlier") != std::string::npos;
  }
  CHECK(noted);
}

TEST_CASE("wfm accuracy: --resolution sums pairs per bucket, no coverage", "[cli][accuracy]") {
  Files f;
  const auto j = run_json({"accuracy", "--forecast", f.forecast, "--actuals", f.actuals,
                           "--history", f.history, "--resolution", "1h"});
  CHECK(j["resolution_s"] == 3600);
  CHECK(j["levels"].empty());
  CHECK(j["pairing"]["buckets"] == 4);
  // Buckets: sales 08 (12, 10), sales 09 (6, 8), support 08 (16+22, 20+22), support 09 (5, 5)
  const auto& all = row_where(j, "queue", "all");
  CHECK(all["n"] == 4);
  CHECK(all["mae"].get<double>() == Approx(2.0));              // (2 + 2 + 4 + 0) / 4
  CHECK(all["rmse"].get<double>() == Approx(std::sqrt(6.0)));  // (4 + 4 + 16) / 4
  CHECK_FALSE(all.contains("coverage_80"));
  // Hourly history: sales 22,14 then 24,17 -> (2 + 3) / 2 = 2.5; support 40,15 then 48,15 -> 4
  CHECK(row_where(j, "queue", "sales")["mase"].get<double>() == Approx(2.0 / 2.5));
  CHECK(row_where(j, "queue", "support")["mase"].get<double>() == Approx(2.0 / 4));
  bool noted = false;
  for (const auto& n : j["notes"]) {
    noted |= n.get<std::string>().find("coverage is only reported at the native resolution") !=
             std::string::npos;
  }
  CHECK(noted);
}

TEST_CASE("wfm accuracy: --by interval, day and week", "[cli][accuracy]") {
  Files f;
  auto j =
      run_json({"accuracy", "--forecast", f.forecast, "--actuals", f.actuals, "--by", "interval"});
  REQUIRE(j["rows"].size() == 5);  // overall + 08:00, 08:30, 09:00, 09:30
  const auto& eight = row_where(j, "time_of_day", "08:00");
  CHECK(eight["n"] == 2);                                  // sales and support at 08:00
  CHECK(eight["mae"].get<double>() == Approx(3.0));        // (2 + 4) / 2
  CHECK(row_where(j, "time_of_day", "09:30")["n"] == 1);   // support only
  CHECK(j["rows"][1]["group"]["time_of_day"] == "08:00");  // in time order
  CHECK(j["rows"][4]["group"]["time_of_day"] == "09:30");

  j = run_json({"accuracy", "--forecast", f.forecast, "--actuals", f.actuals, "--by", "day,queue"});
  REQUIRE(j["rows"].size() == 3);
  CHECK(j["rows"][1]["group"]["date"] == "2024-03-11");
  CHECK(j["rows"][1]["group"]["queue"] == "sales");
  CHECK(j["rows"][2]["group"]["queue"] == "support");

  // Week: Wednesday 2024-03-13 and Sunday 2024-03-17 are in the week of Monday 2024-03-11,
  // Monday 2024-03-18 starts the next one.
  const std::string fc =
      "interval_start,calls\n2024-03-13T08:00,8\n2024-03-13T08:30,8\n"
      "2024-03-17T08:00,8\n2024-03-18T08:00,8\n";
  const std::string ac =
      "interval_start,offered\n2024-03-13T08:00,10\n2024-03-13T08:30,10\n"
      "2024-03-17T08:00,10\n2024-03-18T08:00,4\n";
  write_file(f.dir.file("wf.csv"), fc);
  write_file(f.dir.file("wa.csv"), ac);
  j = run_json({"accuracy", "--forecast", f.dir.file("wf.csv"), "--actuals", f.dir.file("wa.csv"),
                "--by", "week"});
  REQUIRE(j["rows"].size() == 3);
  const auto& w1 = row_where(j, "week_start", "2024-03-11");
  CHECK(w1["n"] == 3);
  CHECK(w1["bias"].get<double>() == Approx(-0.2));  // (24 - 30) / 30
  CHECK(row_where(j, "week_start", "2024-03-18")["bias"].get<double>() == Approx(1.0));
}

TEST_CASE("wfm accuracy: thresholds set the exit code", "[cli][accuracy]") {
  Files f;
  const std::vector<std::string> base = {"accuracy", "--forecast", f.forecast, "--actuals",
                                         f.actuals};
  auto with = [&](std::vector<std::string> extra) {
    auto args = base;
    args.insert(args.end(), extra.begin(), extra.end());
    return run_wfm(args);
  };
  // wape: overall 8/61 = 0.131, sales 4/18 = 0.222, support 4/43 = 0.093
  auto r = with({"--fail-above", "wape=0.10"});
  CHECK(r.code == 1);
  CHECK(r.err.find("wape 0.1311 > 0.1 for overall") != std::string::npos);
  CHECK(r.err.find("for queue=sales") != std::string::npos);
  CHECK(r.err.find("queue=support") == std::string::npos);
  CHECK(r.out.find("thresholds: 2 failed") != std::string::npos);
  r = with({"--fail-above", "wape=0.25"});
  CHECK(r.code == 0);
  CHECK(r.err.empty());
  CHECK(r.out.find("thresholds: all met") != std::string::npos);
  r = with({"--fail-above", "wape=25%"});
  CHECK(r.code == 0);
  // coverage 80: overall 0.8, support 2/3
  r = with({"--fail-below", "coverage80=0.7"});
  CHECK(r.code == 1);
  CHECK(r.err.find("coverage80 0.6667 < 0.7 for queue=support") != std::string::npos);
  CHECK(with({"--fail-below", "coverage80=0.6"}).code == 0);
  // A metric that cannot be computed is a failure with the reason, not a pass: MAPE of a queue
  // whose actuals are all zero.
  write_file(f.dir.file("zero.csv"),
             "interval_start,queue,offered\n2024-03-11T08:00,sales,0\n2024-03-11T08:30,sales,0\n"
             "2024-03-11T09:00,sales,0\n");
  r = run_wfm({"accuracy", "--forecast", f.forecast, "--actuals", f.dir.file("zero.csv"),
               "--fail-above", "mape=0.5"});
  CHECK(r.code == 1);
  CHECK(r.err.find("mape cannot be checked for overall (limit 0.5): every actual is 0") !=
        std::string::npos);

  // Bias is compared by its absolute value: actuals 10, 10 against 8, 8 is bias -0.2.
  write_file(f.dir.file("bf.csv"),
             "interval_start,calls\n2024-03-11T08:00,8\n2024-03-11T08:30,8\n");
  write_file(f.dir.file("ba.csv"),
             "interval_start,offered\n2024-03-11T08:00,10\n2024-03-11T08:30,10\n");
  const std::vector<std::string> b = {"accuracy",  "--forecast",         f.dir.file("bf.csv"),
                                      "--actuals", f.dir.file("ba.csv"), "--fail-above"};
  auto args = b;
  args.push_back("bias=0.1");
  r = run_wfm(args);
  CHECK(r.code == 1);
  CHECK(r.err.find("bias -0.2 > 0.1 for overall") != std::string::npos);
  args = b;
  args.push_back("bias=0.25");
  CHECK(run_wfm(args).code == 0);
}

TEST_CASE("wfm accuracy: CSV output and the text table", "[cli][accuracy]") {
  Files f;
  const auto out = f.dir.file("scores.csv");
  const auto r = run_wfm({"accuracy", "--forecast", f.forecast, "--actuals", f.actuals, "--out",
                          out, "--by", "queue"});
  REQUIRE(r.code == 0);
  const Csv csv = read_csv(out);
  CHECK(csv.header == std::vector<std::string>{"queue", "n", "mae", "rmse", "wape", "smape", "mape",
                                               "mape_skipped", "bias", "mase", "coverage_80"});
  REQUIRE(csv.rows.size() == 3);
  CHECK(csv.text(0, "queue") == "all");
  CHECK(csv.num(0, "wape") == Approx(8.0 / 61));
  CHECK(csv.text(0, "mase").empty());  // undefined: empty cell
  CHECK(csv.text(1, "queue") == "sales");
  CHECK(csv.num(1, "n") == 2);
  // The table: the pairing lines, the note on MASE and one line per group.
  CHECK(r.out.find("forecast without actual") != std::string::npos);
  CHECK(r.out.find("queues only in the forecast (not scored): chat") != std::string::npos);
  CHECK(r.out.find("queues only in the actuals (not scored): email") != std::string::npos);
  CHECK(r.out.find("note: mase is not reported: it needs --history") != std::string::npos);
  CHECK(r.out.find("written to " + out) != std::string::npos);
}

TEST_CASE("wfm accuracy: bad input exits 2 and writes nothing", "[cli][accuracy]") {
  Files f;
  const auto out = f.dir.file("scores.csv");
  // Runs with `extra` flags (and other forecast/actuals files when given): exit 2, `message`.
  const auto bad = [&](std::vector<std::string> extra, const std::string& message,
                       const std::string& forecast = "", const std::string& actuals = "") {
    std::vector<std::string> args = {"accuracy",
                                     "--forecast",
                                     forecast.empty() ? f.forecast : forecast,
                                     "--actuals",
                                     actuals.empty() ? f.actuals : actuals,
                                     "--out",
                                     out};
    args.insert(args.end(), extra.begin(), extra.end());
    const auto r = run_wfm(args);
    CHECK(r.code == 2);
    INFO(r.err);
    CHECK(r.err.find(message) != std::string::npos);
    CHECK_FALSE(fs::exists(out));
  };
  bad({"--by", "month"}, "--by: expected a list of interval, day, week, queue, got \"month\"");
  bad({"--season", "year"}, "--season: expected day or week");
  bad({"--fail-above", "accuracy=1"}, "--fail-above: expected a metric among");
  bad({"--fail-above", "mase=1"}, "mase needs --history");
  bad({"--fail-below", "coverage95=0.9"}, "the forecast has no level 95");
  bad({"--fail-below", "coverage80=0.9", "--resolution", "1h"},
      "coverage is only scored at the native resolution");
  bad({"--resolution", "7h"},
      "--resolution: expected a whole number of seconds that divides a day");
  bad({"--resolution", "15m"}, "no finer than the data's interval length (30 min)");
  bad({"--resolution", "45m"}, "whole multiple of the data's interval length (1800 s)");
  bad({"--resolution", "1d", "--by", "interval"}, "needs a resolution shorter than a day");
  write_file(f.dir.file("badf.csv"), "interval_start,calls\n2024-03-11T08:00,-1\n");
  bad({}, "badf.csv:2: column 'calls': expected a number >= 0, got \"-1\"", f.dir.file("badf.csv"));
  const auto r = run_wfm({"accuracy", "--actuals", f.actuals});
  CHECK(r.code == 2);
  CHECK(r.err.find("--forecast: required") != std::string::npos);
}

TEST_CASE("a forecast file staffs with wfm staff --demand", "[cli][accuracy]") {
  Files f;
  const auto plan = f.dir.file("plan.csv");
  const auto r = run_wfm({"staff", "--demand", f.forecast, "--sl", "0.8", "--out", plan});
  INFO(r.err);
  REQUIRE(r.code == 0);
  const Csv csv = read_csv(plan);
  REQUIRE(csv.rows.size() == 7);  // every forecast interval
  CHECK(csv.text(0, "queue") == "sales");
  CHECK(csv.num(0, "calls") == 10);
  CHECK(csv.num(0, "agents") >= 1);
}

TEST_CASE("wfm accuracy re-bins the finer file to the coarser interval and says so",
          "[cli][accuracy]") {
  Files f;
  // 15-minute actuals of sales: 08:00 + 08:15 = 12 against the 30-minute forecast of 10.
  const auto q = f.dir.file("q.csv");
  write_file(q,
             "interval_start,queue,offered\n2024-03-11T08:00,sales,5\n"
             "2024-03-11T08:15,sales,7\n");
  const auto j = run_json({"accuracy", "--forecast", f.forecast, "--actuals", q});
  CHECK(j["rebinned"] == "actuals");
  CHECK(j["rebinned_from_s"] == 900);
  CHECK(j["interval_s"] == 1800);
  CHECK(j["pairing"]["pairs"] == 1);
  CHECK(row_where(j, "queue", "sales")["mae"].get<double>() == Approx(2));
  const auto text = run_wfm({"accuracy", "--forecast", f.forecast, "--actuals", q});
  CHECK(text.code == 0);
  CHECK(text.out.find("30 min (native), the actuals re-binned from 15 min") != std::string::npos);
  CHECK(text.out.find("note: the actuals (15 min intervals) were re-binned") != std::string::npos);
}
