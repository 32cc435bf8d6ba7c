// `wfm staff` through wfm::cli::run: one plan row per input interval with the solver's agents,
// zero-volume intervals, daily totals, thread-count independence, bad input exiting 2 without
// touching the output, column mapping, --aht for files without aht_s, and the bundled sample.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "cli_test_support.hpp"
#include "wfm/io/csv_reader.hpp"
#include "wfm/io/csv_writer.hpp"
#include "wfm/staffing/engine.hpp"
#include "wfm/staffing/solver.hpp"

namespace fs = std::filesystem;
using namespace wfm::cli::test;

namespace {

// Two queues, 15-minute intervals on two days; zero-volume intervals with an empty aht_s.
const char* const kDemand =
    "interval_start,queue,offered,aht_s\n"
    "2024-03-04T08:00,a,40,300\n"
    "2024-03-04T08:00,b,12,420.5\n"
    "2024-03-04T08:15,a,0,\n"
    "2024-03-04T08:15,b,7.5,380\n"
    "2024-03-04T08:30,a,55,310\n"
    "2024-03-04T08:30,b,0,\n"
    "2024-03-05T08:00,a,33,290\n"
    "2024-03-05T08:00,b,9,400\n";

struct DemandRow {
  std::string start, queue;
  double calls;
  double aht_s;  // 0: none
};
const std::vector<DemandRow> kRows = {
    {"2024-03-04T08:00", "a", 40, 300}, {"2024-03-04T08:00", "b", 12, 420.5},
    {"2024-03-04T08:15", "a", 0, 0},    {"2024-03-04T08:15", "b", 7.5, 380},
    {"2024-03-04T08:30", "a", 55, 310}, {"2024-03-04T08:30", "b", 0, 0},
    {"2024-03-05T08:00", "a", 33, 290}, {"2024-03-05T08:00", "b", 9, 400},
};

const std::vector<std::string> kPlanColumns = {"interval_start",
                                               "queue",
                                               "calls",
                                               "aht_s",
                                               "offered_load_erlangs",
                                               "agents",
                                               "scheduled_agents",
                                               "service_level",
                                               "p_wait",
                                               "asa_s",
                                               "occupancy",
                                               "abandon_rate",
                                               "meets_targets"};

const std::vector<std::string> kDailyColumns = {"date",
                                                "queue",
                                                "calls",
                                                "required_agent_hours",
                                                "scheduled_agent_hours",
                                                "fte",
                                                "peak_agents",
                                                "peak_scheduled_agents",
                                                "service_level",
                                                "asa_s",
                                                "abandon_rate",
                                                "occupancy",
                                                "intervals",
                                                "infeasible_intervals"};

// (interval_start, queue) -> row index in the plan.
std::map<std::pair<std::string, std::string>, std::size_t> index_rows(const Csv& plan) {
  std::map<std::pair<std::string, std::string>, std::size_t> out;
  for (std::size_t i = 0; i < plan.rows.size(); ++i) {
    const bool fresh =
        out.emplace(std::make_pair(plan.text(i, "interval_start"), plan.text(i, "queue")), i)
            .second;
    CHECK(fresh);
  }
  return out;
}

}  // namespace

TEST_CASE("wfm staff writes one plan row per interval with the solver's agents", "[cli][staff]") {
  TempDir dir("staff");
  const auto demand = dir.file("demand.csv");
  write_file(demand, kDemand);
  const auto out = dir.file("plan.csv");
  const auto r = run_wfm({"staff", "--demand", demand, "--sl", "0.8", "--threshold", "20s",
                          "--shrinkage", "0.3", "--out", out});
  INFO(r.err);
  REQUIRE(r.code == 0);
  CHECK(r.err.empty());
  CHECK_THAT(r.out, Catch::Matchers::Contains("8 intervals (2 queues, 15-minute)"));

  const Csv plan = read_csv(out);
  CHECK(plan.header == kPlanColumns);
  REQUIRE(plan.rows.size() == kRows.size());
  const auto index = index_rows(plan);

  const wfm::staffing::ErlangCEngine engine;
  wfm::staffing::ServiceTargets targets;
  targets.service_level = 0.8;
  targets.measure.threshold_s = 20;
  for (const auto& d : kRows) {
    INFO(d.start << " " << d.queue);
    REQUIRE(index.count({d.start, d.queue}) == 1);
    const std::size_t i = index.at({d.start, d.queue});
    CHECK(plan.num(i, "calls") == d.calls);
    wfm::staffing::IntervalLoad load;
    load.calls = d.calls;
    load.interval_s = 900;
    load.aht_s = d.aht_s > 0 ? d.aht_s : 1.0;
    const auto expected = wfm::staffing::solve(engine, load, targets);
    CHECK(plan.num(i, "agents") == expected.agents);
    CHECK(plan.num(i, "scheduled_agents") ==
          wfm::staffing::scheduled_agents(expected.agents, 0.3, false));
    // The file holds 9 significant digits (docs/formats.md): compared at that precision.
    CHECK(plan.num(i, "service_level") == wfm::io::csv_rounded(expected.service_level));
    CHECK(plan.num(i, "offered_load_erlangs") ==
          wfm::io::csv_rounded(d.calls * (d.aht_s > 0 ? d.aht_s : 0) / 900));
    CHECK(plan.text(i, "meets_targets") == "true");
    if (d.calls == 0) {
      CHECK(plan.num(i, "agents") == 0);
      CHECK(plan.num(i, "scheduled_agents") == 0);
    } else {
      CHECK(plan.num(i, "aht_s") == d.aht_s);
      CHECK(plan.num(i, "agents") > 0);
      CHECK(plan.num(i, "service_level") >= 0.8);
    }
  }
  // Spot values: 40 calls x 300 s / 900 s = 13.33 E -> 18 agents, 26 scheduled at 30%.
  CHECK(plan.num(index.at({"2024-03-04T08:00", "a"}), "agents") == 18);
  CHECK(plan.num(index.at({"2024-03-04T08:00", "a"}), "scheduled_agents") == 26);

  // The daily file: default name <out stem>_daily.csv.
  const auto daily_path = dir.file("plan_daily.csv");
  REQUIRE(fs::exists(daily_path));
  const Csv daily = read_csv(daily_path);
  CHECK(daily.header == kDailyColumns);
  // (date, queue) for queues a, b and "*" (all) on 2 days.
  REQUIRE(daily.rows.size() == 6);
  std::map<std::pair<std::string, std::string>, double> agents_sum, calls_sum;
  std::map<std::pair<std::string, std::string>, int> count;
  for (std::size_t i = 0; i < plan.rows.size(); ++i) {
    const auto date = plan.text(i, "interval_start").substr(0, 10);
    for (const std::string& q : {plan.text(i, "queue"), std::string("*")}) {
      agents_sum[{date, q}] += plan.num(i, "agents");
      calls_sum[{date, q}] += plan.num(i, "calls");
      count[{date, q}] += 1;
    }
  }
  for (std::size_t i = 0; i < daily.rows.size(); ++i) {
    const std::pair<std::string, std::string> key{daily.text(i, "date"), daily.text(i, "queue")};
    INFO(key.first << " " << key.second);
    REQUIRE(agents_sum.count(key) == 1);
    CHECK(daily.num(i, "required_agent_hours") == Approx(agents_sum[key] * 0.25).epsilon(1e-12));
    CHECK(daily.num(i, "calls") == Approx(calls_sum[key]).epsilon(1e-12));
    CHECK(daily.num(i, "intervals") == count[key]);
    CHECK(daily.num(i, "infeasible_intervals") == 0);
  }
  // 2024-03-04, all queues: (18 + 0 + 24) + (9 + 6 + 0) agents x 0.25 h = 14.25 agent-hours.
  bool found = false;
  for (std::size_t i = 0; i < daily.rows.size(); ++i) {
    if (daily.text(i, "date") == "2024-03-04" && daily.text(i, "queue") == "*") {
      CHECK(daily.num(i, "required_agent_hours") == 14.25);
      found = true;
    }
  }
  CHECK(found);
}

TEST_CASE("wfm staff --min-agents staffs zero-volume intervals", "[cli][staff]") {
  TempDir dir("staff");
  const auto demand = dir.file("demand.csv");
  write_file(demand, kDemand);
  const auto out = dir.file("plan.csv");
  const auto r =
      run_wfm({"staff", "--demand", demand, "--sl", "0.8", "--min-agents", "2", "--out", out});
  REQUIRE(r.code == 0);
  const Csv plan = read_csv(out);
  const auto index = index_rows(plan);
  CHECK(plan.num(index.at({"2024-03-04T08:15", "a"}), "agents") == 2);
  CHECK(plan.num(index.at({"2024-03-04T08:30", "b"}), "agents") == 2);
  CHECK(plan.num(index.at({"2024-03-04T08:00", "a"}), "agents") == 18);  // unchanged above 2
}

TEST_CASE("wfm staff output does not depend on the thread count", "[cli][staff]") {
  TempDir dir("staff");
  const auto demand = dir.file("demand.csv");
  write_file(demand, kDemand);
  const fs::path sample = fs::path(WFM_SOURCE_DIR) / "data" / "sample" / "history.csv";
  for (const std::string& input : {demand, sample.string()}) {
    INFO(input);
    std::vector<std::string> plans;
    for (const char* threads : {"1", "2", "4"}) {
      const auto out = dir.file(std::string("t") + threads + ".csv");
      const auto r = run_wfm({"staff", "--demand", input, "--sl", "0.8", "--shrinkage", "0.3",
                              "--threads", threads, "--out", out});
      REQUIRE(r.code == 0);
      plans.push_back(slurp(out) + "\n--- daily ---\n" +
                      slurp(dir.file(std::string("t") + threads + "_daily.csv")));
    }
    CHECK(plans[0] == plans[1]);
    CHECK(plans[0] == plans[2]);
  }
}

TEST_CASE("wfm staff: bad input exits 2 naming file, line and column, and writes nothing",
          "[cli][staff]") {
  TempDir dir("staff");
  struct Case {
    std::string name;
    std::string csv;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"negative.csv",
       "interval_start,queue,offered,aht_s\n"
       "2024-03-04T08:00,a,40,300\n"
       "2024-03-04T08:15,a,-3,300\n",
       "negative.csv:3: column 'offered': expected a number >= 0, got \"-3\""},
      {"timestamp.csv",
       "interval_start,queue,offered,aht_s\n"
       "2024-03-04T08:00,a,40,300\n"
       "2024-02-30T08:15,a,30,300\n",
       "timestamp.csv:3: column 'interval_start': "},
      {"missing.csv",
       "interval_start,queue,aht_s\n"
       "2024-03-04T08:00,a,300\n"
       "2024-03-04T08:15,a,300\n",
       "missing.csv:1: missing column 'offered'"},
  };
  for (const auto& c : cases) {
    INFO(c.name);
    const auto demand = dir.file(c.name);
    write_file(demand, c.csv);
    // No output file is created...
    const auto out = dir.file("new_plan.csv");
    const auto r = run_wfm({"staff", "--demand", demand, "--sl", "0.8", "--out", out});
    CHECK(r.code == 2);
    CHECK_THAT(r.err,
               Catch::Matchers::StartsWith("wfm: error: " + dir.path.string() + "/" + c.message));
    CHECK_FALSE(fs::exists(out));
    CHECK_FALSE(fs::exists(dir.file("new_plan_daily.csv")));
    // ... and an existing one is left untouched.
    const auto existing = dir.file("existing.csv");
    write_file(existing, "keep me\n");
    write_file(dir.file("existing_daily.csv"), "keep me too\n");
    const auto again = run_wfm({"staff", "--demand", demand, "--sl", "0.8", "--out", existing});
    CHECK(again.code == 2);
    CHECK(slurp(existing) == "keep me\n");
    CHECK(slurp(dir.file("existing_daily.csv")) == "keep me too\n");
  }
  // Only the files written by the test are in the directory (no temporaries left behind).
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir.path)) ++files;
  CHECK(files == cases.size() + 2);
}

TEST_CASE("wfm staff: bad flags exit 2 naming the flag", "[cli][staff]") {
  TempDir dir("staff");
  const auto demand = dir.file("demand.csv");
  write_file(demand, kDemand);
  const auto out = dir.file("plan.csv");
  struct Case {
    std::vector<std::string> args;
    std::string flag;
  };
  const std::vector<Case> cases = {
      {{"--sl", "0.8", "--out", out}, "--demand"},
      {{"--demand", demand, "--sl", "0.8"}, "--out"},
      {{"--demand", demand, "--out", out}, "targets"},
      {{"--demand", demand, "--sl", "1.2", "--out", out}, "--sl"},
      {{"--demand", demand, "--sl", "0.8", "--shrinkage", "1", "--out", out}, "--shrinkage"},
      {{"--demand", demand, "--sl", "0.8", "--threads", "-1", "--out", out}, "--threads"},
      {{"--demand", demand, "--sl", "0.8", "--aht", "0", "--out", out}, "--aht"},
      {{"--demand", demand, "--sl", "0.8", "--gaps", "maybe", "--out", out}, "--gaps"},
      {{"--demand", demand, "--sl", "0.8", "--columns", "offered", "--out", out}, "--columns"},
      {{"--demand", demand, "--sl", "0.8", "--fte-hours-week", "0", "--out", out},
       "--fte-hours-week"},
  };
  for (const auto& c : cases) {
    auto args = c.args;
    args.insert(args.begin(), "staff");
    const auto r = run_wfm(args);
    INFO(c.flag << ": " << r.err);
    CHECK(r.code == 2);
    CHECK_THAT(r.err, Catch::Matchers::StartsWith("wfm: error: " + c.flag + ": "));
    CHECK_FALSE(fs::exists(out));
  }
}

TEST_CASE("wfm staff --columns maps the file's column names", "[cli][staff]") {
  TempDir dir("staff");
  const auto demand = dir.file("demand.csv");
  write_file(demand, kDemand);
  std::string renamed = kDemand;
  renamed.replace(0, renamed.find('\n'), "interval_start,queue,Calls,AHT");
  const auto mapped = dir.file("mapped.csv");
  write_file(mapped, renamed);

  REQUIRE(run_wfm({"staff", "--demand", demand, "--sl", "0.8", "--out", dir.file("a.csv")}).code ==
          0);
  const auto r = run_wfm({"staff", "--demand", mapped, "--columns", "offered=Calls,aht_s=AHT",
                          "--sl", "0.8", "--out", dir.file("b.csv")});
  INFO(r.err);
  REQUIRE(r.code == 0);
  CHECK(slurp(dir.file("a.csv")) == slurp(dir.file("b.csv")));
  CHECK(slurp(dir.file("a_daily.csv")) == slurp(dir.file("b_daily.csv")));

  // Without the mapping, AHT is not aht_s (and "Calls" is the `calls` alias of offered): the file
  // has no aht_s column, which is an error unless --aht is given.
  const auto unmapped =
      run_wfm({"staff", "--demand", mapped, "--sl", "0.8", "--out", dir.file("c.csv")});
  CHECK(unmapped.code == 2);
  CHECK_THAT(unmapped.err, Catch::Matchers::Contains("aht_s"));
  CHECK_FALSE(fs::exists(dir.file("c.csv")));
}

TEST_CASE("wfm staff: a file without aht_s needs --aht", "[cli][staff]") {
  TempDir dir("staff");
  const auto demand = dir.file("noaht.csv");
  write_file(demand,
             "interval_start,queue,offered\n"
             "2024-03-04T08:00,a,40\n"
             "2024-03-04T08:15,a,0\n"
             "2024-03-04T08:30,a,55\n");
  const auto out = dir.file("plan.csv");
  const auto r = run_wfm({"staff", "--demand", demand, "--sl", "0.8", "--out", out});
  CHECK(r.code == 2);
  CHECK(r.err == "wfm: error: " + demand +
                     ": column 'aht_s': the file has no aht_s column: add one or give --aht\n");
  CHECK_FALSE(fs::exists(out));

  const auto ok =
      run_wfm({"staff", "--demand", demand, "--sl", "0.8", "--aht", "5m", "--out", out});
  INFO(ok.err);
  REQUIRE(ok.code == 0);
  const Csv plan = read_csv(out);
  REQUIRE(plan.rows.size() == 3);
  const wfm::staffing::ErlangCEngine engine;
  wfm::staffing::ServiceTargets targets;
  targets.service_level = 0.8;
  wfm::staffing::IntervalLoad load;
  load.calls = 40;
  load.interval_s = 900;
  load.aht_s = 300;
  const auto index = index_rows(plan);
  const auto i = index.at({"2024-03-04T08:00", "a"});
  CHECK(plan.num(i, "aht_s") == 300);
  CHECK(plan.num(i, "agents") == wfm::staffing::solve(engine, load, targets).agents);
  CHECK(plan.num(index.at({"2024-03-04T08:15", "a"}), "agents") == 0);
}

TEST_CASE("wfm staff --out into a missing directory exits 2 with a clear message", "[cli][staff]") {
  TempDir dir("staff");
  const auto demand = dir.file("demand.csv");
  write_file(demand, kDemand);
  const auto out = (dir.path / "nope" / "plan.csv").string();
  const auto r = run_wfm({"staff", "--demand", demand, "--sl", "0.8", "--out", out});
  CHECK(r.code == 2);
  CHECK(r.err == "wfm: error: " + out + ": cannot create the file: directory '" +
                     (dir.path / "nope").string() + "' does not exist\n");
  CHECK_FALSE(fs::exists(dir.path / "nope"));
}

// docs/formats.md: "Output files are written atomically ... so a failed run leaves no partial
// file and an existing file intact." A run whose --daily-out cannot be written fails (exit 2)
// and leaves the existing --out file as it was.
TEST_CASE("wfm staff: a failing --daily-out leaves an existing --out intact", "[cli][staff]") {
  TempDir dir("staff");
  const auto demand = dir.file("demand.csv");
  write_file(demand, kDemand);
  const auto out = dir.file("plan.csv");
  write_file(out, "keep me\n");
  const auto r = run_wfm({"staff", "--demand", demand, "--sl", "0.8", "--out", out, "--daily-out",
                          (dir.path / "nope" / "daily.csv").string()});
  CHECK(r.code == 2);
  CHECK(slurp(out) == "keep me\n");
}

TEST_CASE("wfm staff runs the README's job on data/sample/history.csv", "[cli][staff]") {
  TempDir dir("staff");
  const fs::path sample = fs::path(WFM_SOURCE_DIR) / "data" / "sample" / "history.csv";
  REQUIRE(fs::exists(sample));
  const auto out = dir.file("plan.csv");
  const auto r = run_wfm({"staff", "--demand", sample.string(), "--sl", "0.8", "--threshold", "20s",
                          "--shrinkage", "0.3", "--out", out});
  INFO(r.err);
  REQUIRE(r.code == 0);
  CHECK(r.err.empty());  // every interval feasible: no warning
  const Csv plan = read_csv(out);
  CHECK(plan.header == kPlanColumns);
  CHECK(plan.rows.size() == 3120);  // data/README.md: 3,120 rows
  for (std::size_t i = 0; i < plan.rows.size(); ++i) {
    REQUIRE(plan.text(i, "meets_targets") == "true");
    REQUIRE(plan.num(i, "scheduled_agents") >= plan.num(i, "agents"));
  }
  const Csv daily = read_csv(dir.file("plan_daily.csv"));
  // 24 open days (4 weeks, Sundays closed) x (3 queues + "*").
  CHECK(daily.rows.size() == 24 * 4);
}

TEST_CASE("wfm staff flags intervals that cannot meet the targets within --max-agents",
          "[cli][staff]") {
  TempDir dir("staff");
  const auto demand = dir.file("demand.csv");
  write_file(demand, kDemand);
  const auto out = dir.file("plan.csv");
  const auto r =
      run_wfm({"staff", "--demand", demand, "--sl", "0.8", "--max-agents", "5", "--out", out});
  CHECK(r.code == 0);  // infeasible is a result, not an error
  CHECK_THAT(r.err, Catch::Matchers::Contains("wfm staff: WARNING: 6 of 8 intervals (75.0%)"));
  const Csv plan = read_csv(out);
  const auto index = index_rows(plan);
  CHECK(plan.text(index.at({"2024-03-04T08:00", "a"}), "meets_targets") == "false");
  CHECK(plan.num(index.at({"2024-03-04T08:00", "a"}), "agents") == 5);
  CHECK(plan.text(index.at({"2024-03-04T08:15", "a"}), "meets_targets") == "true");  // no calls
}

TEST_CASE("wfm staff --method sim staffs every queue target by simulation", "[cli][staff][sim]") {
  TempDir dir("staff_sim");
  const auto demand = dir.file("demand.csv");
  write_file(demand, kDemand);
  struct Case {
    std::vector<std::string> flags;
    std::string column;  // the measure the target bounds
    double bound;
    bool at_least;  // true: measure >= bound (SL); false: measure <= bound
  };
  const std::vector<Case> cases = {
      {{"--sl", "0.8"}, "service_level", 0.8, true},
      {{"--max-asa", "15s"}, "asa_s", 15, false},
      {{"--patience", "2m", "--max-abandon", "0.03"}, "abandon_rate", 0.03, false},
      {{"--max-occupancy", "0.7"}, "occupancy", 0.7, false},
  };
  for (const auto& c : cases) {
    const auto out = dir.file("plan.csv");
    std::vector<std::string> args = {"staff", "--demand",       demand, "--method", "sim", "--seed",
                                     "5",     "--replications", "20",   "--out",    out};
    args.insert(args.end(), c.flags.begin(), c.flags.end());
    const auto r = run_wfm(args);
    INFO(c.column << "\n" << r.err);
    REQUIRE(r.code == 0);
    const Csv plan = read_csv(out);
    for (const char* col :
         {"analytic_agents", "service_level_hw", "asa_s_hw", "abandon_rate_hw", "occupancy_hw"}) {
      CHECK(std::find(plan.header.begin(), plan.header.end(), col) != plan.header.end());
    }
    for (std::size_t i = 0; i < plan.rows.size(); ++i) {
      if (plan.num(i, "calls") == 0) continue;
      INFO(plan.text(i, "interval_start") << " " << plan.text(i, "queue"));
      REQUIRE(plan.text(i, "meets_targets") == "true");
      // Each interval reports the simulated means its staffing was decided on.
      if (c.at_least)
        CHECK(plan.num(i, c.column) >= c.bound);
      else
        CHECK(plan.num(i, c.column) <= c.bound);
      CHECK(plan.num(i, "service_level_hw") >= 0);
    }
  }
}

TEST_CASE("wfm staff --method sim keeps to --max-agents exactly", "[cli][staff][sim]") {
  TempDir dir("staff_sim");
  const auto demand = dir.file("demand.csv");
  write_file(demand, kDemand);
  const auto out = dir.file("plan.csv");
  const auto r = run_wfm({"staff", "--demand", demand, "--sl", "0.8", "--method", "sim",
                          "--max-agents", "5", "--replications", "10", "--out", out});
  INFO(r.err);
  REQUIRE(r.code == 0);
  const Csv plan = read_csv(out);
  const auto index = index_rows(plan);
  for (std::size_t i = 0; i < plan.rows.size(); ++i) CHECK(plan.num(i, "agents") <= 5);
  // 40 calls of 300 s in 15 minutes need more than 5 agents: the cap, flagged.
  CHECK(plan.num(index.at({"2024-03-04T08:00", "a"}), "agents") == 5);
  CHECK(plan.text(index.at({"2024-03-04T08:00", "a"}), "meets_targets") == "false");
}

TEST_CASE("wfm staff --method sim: what it cannot do exits 2 naming the flag",
          "[cli][staff][sim]") {
  TempDir dir("staff_sim");
  const auto demand = dir.file("demand.csv");
  write_file(demand, kDemand);
  const auto out = dir.file("plan.csv");
  const auto loss = run_wfm({"staff", "--demand", demand, "--model", "erlang-b", "--max-blocking",
                             "0.01", "--method", "sim", "--out", out});
  CHECK(loss.code == 2);
  CHECK_THAT(loss.err, Catch::Matchers::Contains("method"));
  const auto fractional = run_wfm({"staff", "--demand", demand, "--sl", "0.8", "--fractional",
                                   "--method", "sim", "--out", out});
  CHECK(fractional.code == 2);
  CHECK_THAT(fractional.err, Catch::Matchers::Contains("whole agents"));
  const auto confidence = run_wfm({"staff", "--demand", demand, "--sl", "0.8", "--method", "sim",
                                   "--sim-confidence", "1.5", "--out", out});
  CHECK(confidence.code == 2);
  CHECK_THAT(confidence.err, Catch::Matchers::Contains("confidence"));
  CHECK_FALSE(fs::exists(out));
}

TEST_CASE("huge but finite counts and handle times exit 2 naming the line, never hang",
          "[cli][staff][limits]") {
  // Issue 12: 1e308 calls made wfm simulate run forever and wfm staff / forecast fail with
  // internal errors. core/limits.hpp bounds them; every command reports the file and line.
  TempDir dir("limits");
  const auto demand = dir.file("demand.csv");
  const auto out = dir.file("out.csv");
  for (const char* row :
       {"2024-03-04T08:15,1e308,300", "2024-03-04T08:15,99999999999999999999999,300",
        "2024-03-04T08:15,5,1e308"}) {
    write_file(demand,
               std::string("interval_start,offered,aht_s\n2024-03-04T08:00,10,300\n") + row + "\n");
    INFO(row);
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"staff", "--demand", demand, "--sl", "0.8", "--out", out},
          std::vector<std::string>{"simulate", "--demand", demand, "--agents", "10",
                                   "--replications", "2", "--out", out},
          std::vector<std::string>{"forecast", "--history", demand, "--horizon", "1d", "--out",
                                   out}}) {
      const auto r = run_wfm(args);
      INFO(args[0] << ": " << r.err);
      CHECK(r.code == 2);
      CHECK_THAT(r.err, Catch::Matchers::Contains(demand + ":3:"));
      CHECK_FALSE(fs::exists(out));
    }
  }
  // A load beyond 1e6 Erlangs from calls and AHT that are each within their limits.
  write_file(
      demand,
      "interval_start,offered,aht_s\n2024-03-04T08:00,1000000,3600\n2024-03-04T08:15,1,60\n");
  const auto r = run_wfm({"staff", "--demand", demand, "--sl", "0.8", "--out", out});
  CHECK(r.code == 2);
  CHECK_THAT(r.err,
             Catch::Matchers::Contains(demand + ":2: column 'offered': the offered load 4e+06 "
                                                "Erlangs"));
  const auto e =
      run_wfm({"erlang", "--calls", "1e13", "--interval", "1800", "--aht", "1800", "--sl", "0.8"});
  CHECK(e.code == 2);
  CHECK_THAT(e.err, Catch::Matchers::Contains("--calls") &&
                        Catch::Matchers::Contains("above the largest supported"));
}

TEST_CASE("an output that is an input or another output exits 2 and changes nothing",
          "[cli][staff][paths]") {
  // Issue 12: wfm staff --demand h.csv --out h.csv replaced the history with the plan.
  TempDir dir("paths");
  const auto demand = dir.file("h.csv");
  write_file(demand, kDemand);
  const std::string other_spelling = (dir.path / "." / "h.csv").string();
  const auto cases = std::vector<std::vector<std::string>>{
      {"staff", "--demand", demand, "--sl", "0.8", "--out", other_spelling},
      {"staff", "--demand", demand, "--sl", "0.8", "--out", dir.file("p.csv"), "--daily-out",
       dir.file("p.csv")},
      {"staff", "--demand", demand, "--sl", "0.8", "--out", dir.file("p.csv"), "--daily-out",
       demand},
      {"simulate", "--demand", demand, "--agents", "10", "--replications", "2", "--out", demand},
      {"forecast", "--history", demand, "--horizon", "1d", "--out", demand},
      {"accuracy", "--forecast", dir.file("p.csv"), "--actuals", demand, "--out", demand},
  };
  for (const auto& args : cases) {
    const auto r = run_wfm(args);
    INFO(args[0] << " " << r.err);
    CHECK(r.code == 2);
    CHECK_THAT(r.err, Catch::Matchers::Contains("is the same file as"));
    CHECK(slurp(demand) == kDemand);
    CHECK_FALSE(fs::exists(dir.file("p.csv")));
  }
}

TEST_CASE("wfm staff --aht with an aht_s column: the file wins, and a warning says so",
          "[cli][staff]") {
  TempDir dir("staff_aht");
  const auto demand = dir.file("demand.csv");
  write_file(demand, kDemand);  // 8 intervals, 2 with a blank aht_s
  const auto with_flag = run_wfm(
      {"staff", "--demand", demand, "--sl", "0.8", "--aht", "100", "--out", dir.file("a.csv")});
  REQUIRE(with_flag.code == 0);
  CHECK(with_flag.err == "wfm staff: warning: " + demand +
                             " has an aht_s column, which wins: --aht 100 is used only for the 2 "
                             "of 8 intervals without an aht_s value\n");
  // The rows with an aht_s value are staffed exactly as without --aht: the file won.
  const Csv a = read_csv(dir.file("a.csv"));
  bool compared = false;
  for (std::size_t r = 0; r < a.rows.size(); ++r) {
    if (a.text(r, "queue") == "a" && a.text(r, "interval_start") == "2024-03-04T08:00") {
      CHECK(a.num(r, "aht_s") == 300);
      compared = true;
    }
  }
  CHECK(compared);
}

TEST_CASE("wfm staff: absurd shrinkage ends with a loud warning", "[cli][staff]") {
  TempDir dir("staff_shrink");
  const auto demand = dir.file("demand.csv");
  write_file(demand, kDemand);
  const auto r = run_wfm({"staff", "--demand", demand, "--sl", "0.8", "--shrinkage", "0.99",
                          "--out", dir.file("p.csv")});
  REQUIRE(r.code == 0);
  CHECK_THAT(r.err, Catch::Matchers::Contains(
                        "wfm staff: WARNING: shrinkage 0.99 schedules 100 agents for each one"));
  const auto ok = run_wfm({"staff", "--demand", demand, "--sl", "0.8", "--shrinkage", "0.3",
                           "--out", dir.file("q.csv")});
  CHECK(ok.err.find("WARNING") == std::string::npos);
}

TEST_CASE("wfm staff --open, --days and --min-calls leave intervals unstaffed, and say so",
          "[cli][staff]") {
  TempDir dir("staff");
  const auto demand = dir.file("demand.csv");
  write_file(demand, kDemand);  // Monday 2024-03-04 08:00-08:45, Tuesday 08:00
  const auto out = dir.file("plan.csv");
  // Open from 08:15 on Mondays only, and no staff for fewer than 8 calls.
  const auto r = run_wfm({"staff", "--demand", demand, "--sl", "0.8", "--open", "08:15-20:00",
                          "--days", "mon", "--min-calls", "8", "--out", out});
  REQUIRE(r.code == 0);
  // Closed: both 08:00 rows of Monday and both Tuesday rows (4, outside the hours), then of the
  // Monday 08:15-08:30 rows those under 8 calls: a 08:15 (0), b 08:15 (7.5), b 08:30 (0).
  CHECK_THAT(r.out, Catch::Contains("note: 7 intervals not staffed (4 outside --open/--days, 3 "
                                    "under --min-calls), 101.5 calls in them, in no total"));
  const Csv plan = read_csv(out);
  REQUIRE(plan.rows.size() == 1);
  const auto index = index_rows(plan);
  CHECK(plan.num(index.at({"2024-03-04T08:30", "a"}), "agents") > 0);
  // Without the flags every row is staffed and no note is printed.
  const auto all = run_wfm({"staff", "--demand", demand, "--sl", "0.8", "--out", out});
  REQUIRE(all.code == 0);
  CHECK_THAT(all.out, !Catch::Contains("not staffed"));
  CHECK(read_csv(out).rows.size() == 8);
  // Bad values name their flag.
  for (const auto& [flag, value, message] :
       std::vector<std::tuple<std::string, std::string, std::string>>{
           {"--open", "20:00-08:00", "--open: expected opening hours HH:MM-HH:MM"},
           {"--days", "someday", "--days: expected days like mon-fri"},
           {"--min-calls", "-1", "--min-calls: expected a number of calls >= 0"}}) {
    const auto bad =
        run_wfm({"staff", "--demand", demand, "--sl", "0.8", flag, value, "--out", out});
    CHECK(bad.code == 2);
    CHECK_THAT(bad.err, Catch::Contains(message));
  }
}
