// `wfm kpi` and `wfm aggregate` through wfm::cli::run: reports in every format, bad input exits 2
// naming file, line and column with nothing written, and an export goes to a staffing plan in
// two commands (aggregate, then staff).
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/app.hpp"
#include "cli_test_support.hpp"
#include "wfm/io/interval_csv.hpp"

namespace fs = std::filesystem;
using namespace wfm::cli::test;

namespace {

// Writes `text` to `name` in `dir` and returns its path.
std::string write_in(const TempDir& dir, const std::string& name, const std::string& text) {
  write_file(dir.file(name), text);
  return dir.file(name);
}

// An export with its own column names and codes, and the mapping that reads it.
const std::string export_csv =
    "CallId;Skill;Caller;Start;Answered;Ended;Result;Talk;Agent\n"
    "1;sales;100;04/03/2024 08:00:00;04/03/2024 08:00:10;04/03/2024 08:03:10;ANS;180;ann\n"
    "2;sales;101;04/03/2024 08:05:00;;04/03/2024 08:05:40;ABN;;\n"
    "3;sales;100;04/03/2024 09:00:00;04/03/2024 09:00:30;04/03/2024 09:02:30;ANS;2:00;bob\n"
    "4;support;102;04/03/2024 08:10:00;04/03/2024 08:10:05;04/03/2024 08:15:05;ANS;300;ann\n"
    "5;support;0;05/03/2024 08:10:00;05/03/2024 08:10:05;05/03/2024 08:12:05;ANS;120;bob\n";
const std::string export_mapping = R"(
[format]
delimiter = ";"
time_format = "%d/%m/%Y %H:%M:%S"
[columns]
contact_id = "CallId"
queue = "Skill"
customer_id = "Caller"
arrival = "Start"
answer = "Answered"
end = "Ended"
outcome = "Result"
talk_s = "Talk"
agent = "Agent"
[absent]
customer_id = ["0"]
[outcomes]
ANS = "answered"
ABN = "abandoned"
)";

}  // namespace

TEST_CASE("wfm kpi reads an export through a mapping, in every format", "[cli][kpi]") {
  TempDir dir("kpi");
  const auto contacts = write_in(dir, "export.csv", export_csv);
  const auto mapping = write_in(dir, "export.toml", export_mapping);
  auto r = run_wfm({"kpi", "--contacts", contacts, "--mapping", mapping});
  REQUIRE(r.code == 0);
  CHECK(r.err.empty());
  CHECK(r.out.find("service_level       answered within 20 s / offered") != std::string::npos);
  CHECK(r.out.find("offered                                 5") != std::string::npos);
  // Handled within 20 s: calls 1, 4, 5 of 5 offered.
  CHECK(r.out.find("service_level                       60.0%") != std::string::npos);

  const auto out = (dir.path / "kpi.csv").string();
  r = run_wfm({"kpi", "--contacts", contacts, "--mapping", mapping, "--by", "day,queue",
               "--sl-threshold", "30s", "--format", "csv", "--out", out});
  REQUIRE(r.code == 0);
  CHECK(r.out ==
        "wfm kpi: 5 contacts from " + contacts + " (3 report rows), written to " + out + "\n");
  const auto csv = slurp(out);
  CHECK(csv.find("# service_level: answered within 30 s / offered") != std::string::npos);
  CHECK(csv.find("\nday,queue,offered,") != std::string::npos);
  CHECK(csv.find("\n2024-03-04,sales,3,2,1,0,0,,0.333333333,0.666666667,2,") != std::string::npos);

  r = run_wfm({"kpi", "--contacts", contacts, "--mapping", mapping, "--by", "day", "--compare",
               "previous", "--format", "json"});
  REQUIRE(r.code == 0);
  CHECK(r.out.find("\"offered_delta\": -3.0") != std::string::npos);  // Tuesday 1 - Monday 4
  r = run_wfm({"kpi", "--contacts", contacts, "--mapping", mapping, "--format", "markdown"});
  REQUIRE(r.code == 0);
  CHECK(r.out.find("## wfm kpi report") == 0);
}

TEST_CASE("wfm kpi: bad input exits 2, names where, writes nothing", "[cli][kpi]") {
  TempDir dir("kpi");
  const auto contacts =
      write_in(dir, "export.csv", export_csv + "6;sales;103;31/02/2024 08:00:00;;;ABN;;\n");
  const auto mapping = write_in(dir, "export.toml", export_mapping);
  const auto out = (dir.path / "kpi.csv").string();
  auto r = run_wfm({"kpi", "--contacts", contacts, "--mapping", mapping, "--out", out});
  CHECK(r.code == 2);
  CHECK(r.err.find(contacts + ":7: column 'Start': expected a date-time like 04/03/2024 20:05:09 "
                              "(format \"%d/%m/%Y %H:%M:%S\"), got \"31/02/2024 08:00:00\"") !=
        std::string::npos);
  CHECK_FALSE(fs::exists(out));
  // An existing report is left as it was.
  std::ofstream(out) << "old";
  r = run_wfm({"kpi", "--contacts", contacts, "--mapping", mapping, "--out", out});
  CHECK(r.code == 2);
  CHECK(slurp(out) == "old");
  // Skipping reports without the row, says so, and writes.
  r = run_wfm({"kpi", "--contacts", contacts, "--mapping", mapping, "--out", out, "--format", "csv",
               "--skip-bad-rows"});
  CHECK(r.code == 0);
  CHECK(r.err.find("skipped 1 bad rows") != std::string::npos);
  CHECK(slurp(out).find("1 bad rows skipped (--skip-bad-rows)") != std::string::npos);

  const auto bad_mapping = write_in(dir, "bad.toml", "[columns]\narrival = \"Start\"\nqueue = 7\n");
  r = run_wfm({"kpi", "--contacts", contacts, "--mapping", bad_mapping});
  CHECK(r.code == 2);
  CHECK(r.err == "wfm: error: " + bad_mapping +
                     ":3: column 'columns.queue': expected a string or an array of strings\n");

  struct Case {
    std::vector<std::string> args;
    std::string message;
  };
  const std::vector<Case> cases = {
      {{"--by", "year"},
       "--by: expected a list of interval, day, week, month, queue, agent, got \"year\""},
      {{"--by", "day,week"}, "--by: at most one of interval, day, week, month can be given"},
      {{"--sl-definition", "fast"}, "--sl-definition: expected offered, answered"},
      {{"--sl-threshold", "-5"}, "--sl-threshold: expected a duration >= 0"},
      {{"--fcr-window", "0"}, "--fcr-window: expected a duration > 0"},
      {{"--compare", "previous"}, "--compare previous needs a time dimension"},
      {{"--compare", "last-year"}, "--compare: expected previous"},
      {{"--cost-per-hour", "30"}, "--cost-per-hour: cost per contact needs agent hours"},
      {{"--format", "xml"}, "--format: expected table, csv, json or markdown"},
      {{"--interval", "7m", "--by", "interval"}, "--interval: expected a whole number of seconds"},
      {{"--aht-parts", "talk,wrap"},
       "--aht-parts: expected parts among talk, hold, acw, got \"wrap\""},
      {{"--utilization-exclude", "on_contact"}, "--utilization-exclude: expected states among"},
      {{"--schedule", "s.csv"}, "--schedule: adherence compares the schedule with agent states"},
  };
  for (const auto& c : cases) {
    auto args = std::vector<std::string>{"kpi", "--contacts", contacts, "--mapping", mapping};
    args.insert(args.end(), c.args.begin(), c.args.end());
    INFO(c.message);
    r = run_wfm(args);
    CHECK(r.code == 2);
    CHECK(r.err.find(c.message) != std::string::npos);
  }
  r = run_wfm({"kpi"});
  CHECK(r.code == 2);
  CHECK(r.err == "wfm: error: --contacts: required: the file to read\n");
  r = run_wfm({"kpi", "--contacts", (dir.path / "none.csv").string()});
  CHECK(r.code == 2);
  CHECK(r.err.find("none.csv: cannot open the file") != std::string::npos);
  r = run_wfm({"kpi", "--contacts", contacts});  // the export read without its mapping
  CHECK(r.code == 2);
  CHECK(r.err.find("missing column 'arrival'") != std::string::npos);
  CHECK(r.err.find("is it \";\"?") != std::string::npos);
}

TEST_CASE("wfm aggregate then wfm staff: an export to a staffing plan", "[cli][kpi]") {
  TempDir dir("kpi");
  const auto contacts = write_in(dir, "export.csv", export_csv);
  const auto mapping = write_in(dir, "export.toml", export_mapping);
  const auto history = (dir.path / "history.csv").string();
  auto r = run_wfm({"aggregate", "--contacts", contacts, "--mapping", mapping, "--interval", "30m",
                    "--out", history});
  REQUIRE(r.code == 0);
  CHECK(r.out.find("wfm aggregate: 5 rows of " + contacts + ": 5 contacts\n") == 0);
  // sales has calls on Monday only (48 half hours), support on Monday and Tuesday (96).
  CHECK(r.out.find("wrote 144 intervals (2 queues, 2024-03-04T00:00 to 2024-03-05T23:30)") !=
        std::string::npos);
  const auto table = wfm::io::load_interval_table(history);
  CHECK(table.interval_s == 1800);
  const auto plan = (dir.path / "plan.csv").string();
  r = run_wfm({"staff", "--demand", history, "--sl", "0.8", "--threshold", "20s", "--out", plan});
  CHECK(r.code == 0);
  CHECK(fs::exists(plan));

  r = run_wfm({"aggregate", "--contacts", contacts, "--mapping", mapping});
  CHECK(r.code == 2);
  CHECK(r.err == "wfm: error: --out: required: the interval history to write\n");
  r = run_wfm({"aggregate", "--contacts", contacts, "--mapping", mapping, "--out", history,
               "--empty-intervals", "none"});
  CHECK(r.code == 2);
  CHECK(r.err.find("--empty-intervals: expected zero or omit") != std::string::npos);
}
