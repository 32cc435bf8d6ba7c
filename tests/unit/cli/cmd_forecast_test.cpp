// `wfm forecast` and `wfm backtest` through wfm::cli::run: history -> forecast -> staff on the
// bundled sample, reports in text and JSON, saved models reused, and bad input exiting 2 with
// nothing written.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "cli_test_support.hpp"

namespace fs = std::filesystem;
using namespace wfm::cli::test;

namespace {

const std::string sample = std::string(WFM_SOURCE_DIR) + "/data/sample/history.csv";

}  // namespace

TEST_CASE("wfm forecast: history -> forecast -> staff on the sample", "[cli][forecast]") {
  TempDir dir("forecast");
  const auto out = dir.file("forecast.csv");
  auto r = run_wfm({"forecast", "--history", sample, "--horizon", "7d", "--out", out});
  INFO(r.err);
  REQUIRE(r.code == 0);
  CHECK(r.err.empty());
  CHECK(r.out.find("wfm forecast: 3 queues from") != std::string::npos);
  CHECK(r.out.find("queue sales: 24 history days (2024-03-04 to 2024-03-30)") != std::string::npos);
  CHECK(r.out.find("method: ") != std::string::npos);
  CHECK(r.out.find("candidate") != std::string::npos);
  CHECK(r.out.find("intervals: ") != std::string::npos);
  const Csv csv = read_csv(out);
  CHECK(csv.header == std::vector<std::string>{"interval_start", "queue", "calls", "calls_lo_80",
                                               "calls_hi_80", "calls_lo_95", "calls_hi_95",
                                               "aht_s"});
  REQUIRE(!csv.rows.empty());
  CHECK(csv.text(0, "interval_start").rfind("2024-04-01T", 0) == 0);  // the Monday after
  for (std::size_t i = 0; i < csv.rows.size(); ++i) {
    CHECK(csv.num(i, "calls_lo_95") <= csv.num(i, "calls_lo_80"));
    CHECK(csv.num(i, "calls_lo_80") <= csv.num(i, "calls"));
    CHECK(csv.num(i, "calls") <= csv.num(i, "calls_hi_80"));
    CHECK(csv.num(i, "calls_hi_80") <= csv.num(i, "calls_hi_95"));
    CHECK(csv.num(i, "aht_s") > 0);
  }

  const auto plan = dir.file("plan.csv");
  r = run_wfm({"staff", "--demand", out, "--sl", "80%", "--threshold", "20s", "--out", plan});
  INFO(r.err);
  REQUIRE(r.code == 0);
  const Csv p = read_csv(plan);
  CHECK(p.rows.size() == csv.rows.size());
  CHECK(fs::exists(dir.file("plan_daily.csv")));
}

TEST_CASE("wfm forecast: table on stdout, report on stderr; JSON report", "[cli][forecast]") {
  TempDir dir("forecast_json");
  auto r = run_wfm({"forecast", "--history", sample, "--method", "weekday-avg", "--horizon", "14d",
                    "--level", "90"});
  INFO(r.err);
  REQUIRE(r.code == 0);
  CHECK(r.out.rfind("interval_start,queue,calls,calls_lo_90,calls_hi_90,aht_s\n", 0) == 0);
  CHECK(r.err.find("method: weekday-avg") != std::string::npos);

  const auto out = dir.file("f.csv");
  const auto j = run_json({"forecast", "--history", sample, "--method", "snaive", "--horizon", "7d",
                           "--out", out, "--outliers", "downweight"});
  CHECK(j["command"] == "forecast");
  CHECK(j["method"] == "snaive");
  CHECK(j["outliers"] == "downweight");
  REQUIRE(j["queues"].size() == 3);
  const auto& q = j["queues"][0];
  CHECK(q["queue"] == "sales");
  CHECK(q["history_days"] == 24);
  CHECK(q["method"] == "snaive");
  CHECK(q["candidates"].size() == 1);
  CHECK(q["candidates"][0]["scores"].contains("mase"));
  CHECK(q["intervals"].contains("basis"));
  CHECK(q["forecast_intervals"].get<int>() > 0);
  CHECK(fs::exists(out));
}

TEST_CASE("wfm forecast: a saved model forecasts the same table", "[cli][forecast]") {
  TempDir dir("forecast_model");
  const auto out1 = dir.file("a.csv");
  const auto out2 = dir.file("b.csv");
  const auto model = dir.file("models/x.json");
  auto r = run_wfm({"forecast", "--history", sample, "--horizon", "7d", "--out", out1,
                    "--save-model", model, "--report", dir.file("report.json")});
  INFO(r.err);
  REQUIRE(r.code == 0);
  CHECK(fs::exists(model));
  CHECK(fs::exists(dir.file("report.json")));
  r = run_wfm({"forecast", "--load-model", model, "--horizon", "7d", "--out", out2});
  INFO(r.err);
  REQUIRE(r.code == 0);
  CHECK(r.out.find("from the saved model") != std::string::npos);
  CHECK(slurp(out1) == slurp(out2));
  // A later start with the saved model.
  r = run_wfm({"forecast", "--load-model", model, "--horizon", "7d", "--start", "2024-04-08"});
  REQUIRE(r.code == 0);
  CHECK(r.out.find("\n2024-04-08T") != std::string::npos);
  // --method is fixed by the model.
  r = run_wfm({"forecast", "--load-model", model, "--method", "hw"});
  CHECK(r.code == 2);
  CHECK(r.err.find("--method") != std::string::npos);
}

TEST_CASE("wfm forecast: bad input exits 2 and writes nothing", "[cli][forecast]") {
  TempDir dir("forecast_bad");
  const auto out = dir.file("f.csv");
  const auto check_fails = [&](std::vector<std::string> args, const std::string& message) {
    args.insert(args.begin(), "forecast");
    const auto r = run_wfm(args);
    INFO(r.err);
    CHECK(r.code == 2);
    CHECK(r.err.find(message) != std::string::npos);
    CHECK_FALSE(fs::exists(out));
  };
  check_fails(
      {"--history", sample, "--horizon", "36h", "--out", out},
      "--horizon: expected a whole number of days such as 7d or 14d (or weeks: 13w), got \"36h\"");
  check_fails({"--history", sample, "--horizon", "0d", "--out", out}, "--horizon");
  check_fails({"--history", sample, "--method", "prophet", "--out", out},
              "unknown forecasting method 'prophet'");
  check_fails(
      {"--history", sample, "--method", "weekday-avg", "--start", "2024-03-20", "--out", out},
      "--start: the forecast must start after the history of queue 'sales' ends on 2024-03-30");
  check_fails({"--history", sample, "--outliers", "drop", "--out", out},
              "--outliers: expected off or downweight, got \"drop\"");
  check_fails({"--horizon", "7d", "--out", out}, "--history: required");
  {  // Auto on 8 days of history: not even a 1-day backtest leaves the 14 days a model needs.
    std::istringstream in(slurp(sample));
    std::string line, text;
    while (std::getline(in, line)) {
      if (line.rfind("2024-03-1", 0) == 0 && line.compare(0, 10, "2024-03-12") > 0) continue;
      if (line.rfind("2024-03-2", 0) == 0 || line.rfind("2024-03-3", 0) == 0) continue;
      text += line + "\n";
    }
    write_file(dir.file("short.csv"), text);
    check_fails({"--history", dir.file("short.csv"), "--horizon", "14d", "--out", out},
                "enough history");
  }
  write_file(dir.file("special.csv"), "date,name,kind\n2024-04-01,Easter Monday,feast\n");
  check_fails({"--history", sample, "--special-days", dir.file("special.csv"), "--out", out},
              "special.csv:2: column 'kind': expected closed, holiday or event, got \"feast\"");
  write_file(dir.file("bad.json"), "{\"format\": \"wfm-forecast-model\", \"version\": 1}");
  check_fails({"--load-model", dir.file("bad.json"), "--out", out},
              "bad.json: key 'queues': missing");
}

TEST_CASE("wfm forecast: a short history is backtested over a shorter horizon, and says so",
          "[cli][forecast]") {
  TempDir dir("forecast_short");
  const auto out = dir.file("f.csv");
  // The sample has 24 open days: no room for a 14-day backtest after the 14 days models need.
  const auto r = run_wfm({"forecast", "--history", sample, "--horizon", "14d", "--out", out});
  INFO(r.err);
  REQUIRE(r.code == 0);
  CHECK((r.out + r.err).find("backtested 7 days ahead instead") != std::string::npos);
  CHECK(fs::exists(out));
}

TEST_CASE("wfm forecast: special days close and scale days", "[cli][forecast]") {
  TempDir dir("forecast_special");
  write_file(dir.file("special.csv"),
             "date,name,kind,multiplier\n2024-04-01,Easter Monday,closed,\n"
             "2024-04-02,Campaign,event,2\n");
  const auto out = dir.file("f.csv");
  auto r = run_wfm({"forecast", "--history", sample, "--method", "weekday-avg", "--horizon", "7d",
                    "--special-days", dir.file("special.csv"), "--out", out});
  INFO(r.err);
  REQUIRE(r.code == 0);
  const auto text = slurp(out);
  CHECK(text.find("2024-04-01T") == std::string::npos);
  CHECK(text.find("2024-04-02T") != std::string::npos);
}

TEST_CASE("wfm backtest: per queue and method, table, CSV and JSON", "[cli][backtest]") {
  TempDir dir("backtest");
  auto r =
      run_wfm({"backtest", "--history", sample, "--method", "snaive,weekday-avg,snaive+weekday-avg",
               "--origins", "3", "--horizon", "7d", "--step", "3d"});
  INFO(r.err);
  REQUIRE(r.code == 0);
  CHECK(r.out.find("wfm backtest: 3 queues") != std::string::npos);
  CHECK(r.out.find("snaive+weekday-avg") != std::string::npos);
  CHECK(r.out.find("cov80") != std::string::npos);

  const auto out = dir.file("bt.csv");
  const auto j = run_json({"backtest", "--history", sample, "--method", "all", "--origins", "2",
                           "--horizon", "7d", "--step", "3d", "--out", out});
  REQUIRE(j["queues"].size() == 3);
  const auto& rows = j["queues"][0]["rows"];
  CHECK(rows.size() == 7);  // all: the 7 models of forecast::method_names()
  for (const auto& row : rows) {
    CHECK(row["folds"] == 2);
    CHECK(row["scores"]["coverage"].contains("80"));
    CHECK(row["scores"].contains("mape_skipped"));
  }
  const Csv csv = read_csv(out);
  CHECK(csv.rows.size() == 21);
  CHECK(csv.col("coverage_95") > 0);

  // The default 4 origins do not fit in 4 weeks with a 7-day horizon: said on stderr and in notes.
  const auto ar =
      run_wfm({"backtest", "--history", sample, "--method", "auto", "--horizon", "7d", "--json"});
  REQUIRE(ar.code == 0);
  CHECK_THAT(ar.err, Catch::Matchers::Contains(
                         "wfm backtest: warning: queue sales: only 1 of the 4 requested origins "
                         "fit the history (7 days apart, a 7-day horizon): 1 fold run"));
  const auto a = nlohmann::json::parse(ar.out);
  CHECK(a["queues"][0]["rows"][0]["folds"] == 1);
  bool noted = false;
  for (const auto& n : a["notes"])
    noted = noted || n.get<std::string>().find("only 1 of the 4") != std::string::npos;
  CHECK(noted);
  std::size_t chosen = 0;
  for (const auto& row : a["queues"][0]["rows"]) chosen += row["chosen"].get<bool>() ? 1 : 0;
  CHECK(chosen == 1);

  r = run_wfm({"backtest", "--history", sample, "--method", "auto,snaive"});
  CHECK(r.code == 2);
  r = run_wfm({"backtest", "--history", sample, "--method", "nope"});
  CHECK(r.code == 2);
  CHECK(r.err.find("unknown forecasting method 'nope'") != std::string::npos);
}

TEST_CASE("wfm forecast --start far after the history ends with a loud warning",
          "[cli][forecast]") {
  TempDir dir("fc_far");
  const auto far = run_wfm({"forecast", "--history", sample, "--method", "snaive", "--horizon",
                            "7d", "--start", "2030-01-01", "--out", dir.file("f.csv")});
  REQUIRE(far.code == 0);
  CHECK_THAT(far.err, Catch::Matchers::Contains("wfm forecast: WARNING: the forecast starts "));
  CHECK_THAT(far.err, Catch::Matchers::Contains("days after the last history day"));
  const auto next = run_wfm({"forecast", "--history", sample, "--method", "snaive", "--horizon",
                             "7d", "--out", dir.file("g.csv")});
  REQUIRE(next.code == 0);
  CHECK(next.err.find("WARNING") == std::string::npos);
}
