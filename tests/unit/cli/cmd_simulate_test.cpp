// `wfm simulate` through wfm::cli::run: a staffing plan (written here or by `wfm staff`) or
// constant agents over 2 queues x 2 days x 4 intervals; the --json total and its conservation
// (offered = answered + abandoned + unfinished); per-interval, daily and per-call CSVs against the
// demand and the JSON; byte-identical output for a seed whatever the thread count; patience and
// redials; bad flags and bad staffing files exiting 2 with a message and no output file.
// Also: --out has no row for a gap inside a day, and a demand file without aht_s needs --aht.
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli_test_support.hpp"

namespace fs = std::filesystem;
using namespace wfm::cli::test;

namespace {

// Two queues, 15-minute intervals, 08:00-09:00 on two days: 4 queue-days, 16 demand rows.
// Queue a carries about 13 Erlangs, queue b about 4.
const char* const kDemand =
    "interval_start,queue,offered,aht_s\n"
    "2024-03-04T08:00,a,30,300\n"
    "2024-03-04T08:00,b,10,420\n"
    "2024-03-04T08:15,a,40,300\n"
    "2024-03-04T08:15,b,12,420\n"
    "2024-03-04T08:30,a,45,280\n"
    "2024-03-04T08:30,b,8,400\n"
    "2024-03-04T08:45,a,35,310\n"
    "2024-03-04T08:45,b,11,420\n"
    "2024-03-05T08:00,a,32,300\n"
    "2024-03-05T08:00,b,9,420\n"
    "2024-03-05T08:15,a,42,300\n"
    "2024-03-05T08:15,b,13,420\n"
    "2024-03-05T08:30,a,44,280\n"
    "2024-03-05T08:30,b,7,400\n"
    "2024-03-05T08:45,a,36,310\n"
    "2024-03-05T08:45,b,10,420\n";

// (interval_start, queue) -> (calls, agents in kPlan).
const std::map<std::pair<std::string, std::string>, std::pair<double, int>> kRows = {
    {{"2024-03-04T08:00", "a"}, {30, 12}}, {{"2024-03-04T08:00", "b"}, {10, 6}},
    {{"2024-03-04T08:15", "a"}, {40, 15}}, {{"2024-03-04T08:15", "b"}, {12, 7}},
    {{"2024-03-04T08:30", "a"}, {45, 16}}, {{"2024-03-04T08:30", "b"}, {8, 5}},
    {{"2024-03-04T08:45", "a"}, {35, 14}}, {{"2024-03-04T08:45", "b"}, {11, 6}},
    {{"2024-03-05T08:00", "a"}, {32, 13}}, {{"2024-03-05T08:00", "b"}, {9, 5}},
    {{"2024-03-05T08:15", "a"}, {42, 15}}, {{"2024-03-05T08:15", "b"}, {13, 7}},
    {{"2024-03-05T08:30", "a"}, {44, 16}}, {{"2024-03-05T08:30", "b"}, {7, 5}},
    {{"2024-03-05T08:45", "a"}, {36, 14}}, {{"2024-03-05T08:45", "b"}, {10, 6}},
};

// A staffing plan for kDemand with the agents of kRows (staffing varies within each day).
std::string plan_csv() {
  std::string s = "interval_start,queue,agents\n";
  for (const auto& [key, value] : kRows) {
    s += key.first + "," + key.second + "," + std::to_string(value.second) + "\n";
  }
  return s;
}

const std::vector<std::string> kEstimateColumns = {
    "offered",       "offered_hw",       "answered",     "answered_hw",
    "abandoned",     "abandoned_hw",     "unfinished",   "unfinished_hw",
    "service_level", "service_level_hw", "p_wait",       "p_wait_hw",
    "asa_s",         "asa_s_hw",         "abandon_rate", "abandon_rate_hw",
    "occupancy",     "occupancy_hw",     "queue_length", "queue_length_hw",
    "blocked",       "blocked_hw",       "blocking",     "blocking_hw",
    "outbound",      "outbound_hw",      "total_occupancy", "total_occupancy_hw"};

std::vector<std::string> with_prefix(std::vector<std::string> prefix,
                                     const std::vector<std::string>& rest) {
  prefix.insert(prefix.end(), rest.begin(), rest.end());
  return prefix;
}

const std::vector<std::string> kOutColumns =
    with_prefix({"interval_start", "queue", "calls", "agents"}, kEstimateColumns);
const std::vector<std::string> kDailyColumns = with_prefix({"date", "queue"}, kEstimateColumns);
const std::vector<std::string> kCallColumns = {"replication",    "queue",     "date",    "call",
                                               "interval_start", "arrival_s", "outcome", "wait_s",
                                               "handle_s",       "redial"};

// Runs `wfm simulate args... --json` and parses stdout; requires exit code 0.
nlohmann::json simulate_json(const std::vector<std::string>& args) {
  return run_json(with_prefix({"simulate"}, args));
}

// offered = answered + abandoned + unfinished, for the means over replications (exact per
// replication, so equal up to rounding).
void check_conservation(const nlohmann::json& x) {
  const double offered = x.at("offered").get<double>();
  const double rest = x.at("answered").get<double>() + x.at("abandoned").get<double>() +
                      x.at("unfinished").get<double>();
  CHECK(rest == Approx(offered).margin(1e-9));
}

}  // namespace

TEST_CASE("wfm simulate runs a staffing plan and constant agents", "[cli][simulate]") {
  TempDir dir("simulate");
  const auto demand = dir.file("demand.csv");
  write_file(demand, kDemand);
  const auto plan = dir.file("plan.csv");
  write_file(plan, plan_csv());

  SECTION("--staffing") {
    const auto r = run_wfm({"simulate", "--demand", demand, "--staffing", plan, "--replications",
                            "10", "--seed", "7"});
    INFO(r.err);
    REQUIRE(r.code == 0);
    CHECK(r.err.empty());
    CHECK_THAT(r.out, Catch::Matchers::Contains("queue-days"));
    CHECK_THAT(r.out, Catch::Matchers::Contains("10 (seed 7)"));
    CHECK_THAT(r.out, Catch::Matchers::Contains("service level"));
  }
  SECTION("--agents") {
    const auto r =
        run_wfm({"simulate", "--demand", demand, "--agents", "18", "--replications", "10"});
    INFO(r.err);
    REQUIRE(r.code == 0);
    CHECK(r.err.empty());
    CHECK_THAT(r.out, Catch::Matchers::Contains("10 (seed 1)"));
  }
}

TEST_CASE("wfm simulate --json: the total with half-widths, conserving calls", "[cli][simulate]") {
  TempDir dir("simulate");
  const auto demand = dir.file("demand.csv");
  write_file(demand, kDemand);
  const auto plan = dir.file("plan.csv");
  write_file(plan, plan_csv());

  for (const std::vector<std::string>& how :
       {std::vector<std::string>{"--staffing", plan}, std::vector<std::string>{"--agents", "16"},
        std::vector<std::string>{"--agents", "14", "--patience", "90s"},
        std::vector<std::string>{"--staffing", plan, "--patience", "60s", "--redial-prob", "0.3"},
        std::vector<std::string>{"--agents", "0"}}) {
    INFO(how.at(0) << " " << how.at(1) << (how.size() > 2 ? " " + how.at(2) : ""));
    const auto j = simulate_json(
        with_prefix({"--demand", demand, "--replications", "12", "--seed", "3"}, how));
    CHECK(j.at("replications") == 12);
    CHECK(j.at("seed") == 3);
    CHECK(j.at("queue_days") == 4);
    const auto& total = j.at("total");
    for (const char* name : {"offered", "answered", "abandoned", "unfinished", "service_level",
                             "asa_s", "abandon_rate", "occupancy"}) {
      INFO(name);
      REQUIRE(total.contains(name));
      REQUIRE(total.contains(std::string(name) + "_hw"));
    }
    for (const char* name :
         {"offered", "answered", "abandoned", "unfinished", "service_level", "abandon_rate"}) {
      INFO(name);
      REQUIRE(total.at(name).is_number());
      REQUIRE(total.at(std::string(name) + "_hw").is_number());
      CHECK(total.at(name).get<double>() >= 0);
      CHECK(total.at(std::string(name) + "_hw").get<double>() >= 0);
    }
    // About 376 calls a replication are expected over the 4 queue-days.
    CHECK(total.at("offered").get<double>() > 300);
    CHECK(total.at("offered").get<double>() < 460);
    CHECK(total.at("service_level").get<double>() <= 1);
    check_conservation(total);

    // The days: one per queue and date, conserving calls and adding up to the total.
    REQUIRE(j.at("days").size() == 4);
    double offered = 0, answered = 0;
    std::set<std::pair<std::string, std::string>> seen;
    for (const auto& d : j.at("days")) {
      check_conservation(d);
      offered += d.at("offered").get<double>();
      answered += d.at("answered").get<double>();
      seen.emplace(d.at("queue").get<std::string>(), d.at("date").get<std::string>());
    }
    CHECK(seen ==
          std::set<std::pair<std::string, std::string>>{
              {"a", "2024-03-04"}, {"a", "2024-03-05"}, {"b", "2024-03-04"}, {"b", "2024-03-05"}});
    CHECK(offered == Approx(total.at("offered").get<double>()).epsilon(1e-12));
    CHECK(answered == Approx(total.at("answered").get<double>()).epsilon(1e-12));

    if (how.at(1) == "0") {
      // No agents and no patience: nobody is answered, every call is still waiting at the end;
      // occupancy and ASA have nothing to be measured on (null, never NaN).
      CHECK(total.at("answered") == 0);
      CHECK(total.at("unfinished").get<double>() == total.at("offered").get<double>());
      CHECK(total.at("service_level") == 0);
      CHECK(total.at("occupancy").is_null());
      CHECK(total.at("occupancy_hw").is_null());
      CHECK(total.at("asa_s").is_null());
    } else {
      for (const char* name : {"asa_s", "occupancy"}) {
        INFO(name);
        REQUIRE(total.at(name).is_number());
        CHECK(total.at(name).get<double>() >= 0);
        CHECK(total.at(std::string(name) + "_hw").get<double>() >= 0);
      }
      CHECK(total.at("occupancy").get<double>() > 0.3);
      CHECK(total.at("occupancy").get<double>() <= 1);
      CHECK(total.at("unfinished") == 0);  // agents at the end of each day serve the queue
    }
  }
}

TEST_CASE("wfm simulate: the same seed gives identical output with 1 or 2 threads",
          "[cli][simulate]") {
  TempDir dir("simulate");
  const auto demand = dir.file("demand.csv");
  write_file(demand, kDemand);
  const auto plan = dir.file("plan.csv");
  write_file(plan, plan_csv());

  // The event engine (varying staffing, patience, redials, rate noise) and the fast path
  // (constant agents, no redials, no noise).
  const std::vector<std::vector<std::string>> setups = {
      {"--staffing", plan, "--patience", "60s", "--redial-prob", "0.4", "--rate-cv", "0.2",
       "--aht-dist", "lognormal", "--aht-cv", "0.8"},
      {"--agents", "16", "--patience", "120s", "--patience-dist", "weibull", "--patience-shape",
       "0.7"},
  };
  for (std::size_t s = 0; s < setups.size(); ++s) {
    INFO("setup " << s);
    std::map<std::string, std::string> by_run;  // "<seed>/<threads>" -> all outputs
    for (const char* seed : {"11", "12"}) {
      for (const char* threads : {"1", "2"}) {
        const std::string tag = std::string(seed) + "_" + threads;
        const auto out = dir.file("out_" + tag + ".csv");
        const auto daily = dir.file("daily_" + tag + ".csv");
        const auto calls = dir.file("calls_" + tag + ".csv");
        auto args = with_prefix(
            {"simulate", "--demand", demand, "--replications", "10", "--seed", seed, "--threads",
             threads, "--out", out, "--daily-out", daily, "--calls-out", calls, "--json"},
            setups[s]);
        const auto r = run_wfm(args);
        INFO(r.err);
        REQUIRE(r.code == 0);
        by_run[tag] = r.out + "\n--- out ---\n" + slurp(out) + "\n--- daily ---\n" + slurp(daily) +
                      "\n--- calls ---\n" + slurp(calls);
      }
    }
    CHECK(by_run.at("11_1") == by_run.at("11_2"));
    CHECK(by_run.at("12_1") == by_run.at("12_2"));
    CHECK(by_run.at("11_1") != by_run.at("12_1"));

    // A different seed changes the numbers themselves, not just the "seed" member.
    const auto a = simulate_json(
        with_prefix({"--demand", demand, "--replications", "10", "--seed", "11"}, setups[s]));
    const auto b = simulate_json(
        with_prefix({"--demand", demand, "--replications", "10", "--seed", "12"}, setups[s]));
    CHECK(a.at("total").at("offered") != b.at("total").at("offered"));
    CHECK(a.at("total").at("asa_s") != b.at("total").at("asa_s"));
    CHECK(a.at("days") != b.at("days"));
  }
}

TEST_CASE("wfm simulate --out and --daily-out: one row per interval and per queue-day",
          "[cli][simulate]") {
  TempDir dir("simulate");
  const auto demand = dir.file("demand.csv");
  write_file(demand, kDemand);
  const auto plan = dir.file("plan.csv");
  write_file(plan, plan_csv());
  const auto out = dir.file("sim.csv");
  const auto daily = dir.file("sim_daily.csv");
  const auto r = run_wfm({"simulate", "--demand", demand, "--staffing", plan, "--replications",
                          "15", "--patience", "90s", "--out", out, "--daily-out", daily, "--json"});
  INFO(r.err);
  REQUIRE(r.code == 0);
  const auto j = nlohmann::json::parse(r.out);

  const Csv intervals = read_csv(out);
  CHECK(intervals.header == kOutColumns);
  REQUIRE(intervals.rows.size() == kRows.size());
  std::set<std::pair<std::string, std::string>> seen;
  std::map<std::pair<std::string, std::string>, double> offered_by_day;  // (date, queue)
  for (std::size_t i = 0; i < intervals.rows.size(); ++i) {
    const std::pair<std::string, std::string> key{intervals.text(i, "interval_start"),
                                                  intervals.text(i, "queue")};
    INFO(key.first << " " << key.second);
    REQUIRE(kRows.count(key) == 1);
    CHECK(seen.insert(key).second);
    CHECK(intervals.num(i, "calls") == kRows.at(key).first);
    CHECK(intervals.num(i, "agents") == kRows.at(key).second);
    for (const auto& c : kEstimateColumns) {
      INFO(c);
      CHECK(intervals.num(i, c) >= 0);  // every interval has calls: every measure is defined
    }
    CHECK(intervals.num(i, "service_level") <= 1);
    CHECK(intervals.num(i, "abandon_rate") <= 1);
    CHECK(intervals.num(i, "occupancy") <= 1);
    // Each figure is written with 9 significant digits: within half a unit of the 9th digit.
    const double answered = intervals.num(i, "answered"), abandoned = intervals.num(i, "abandoned"),
                 offered_i = intervals.num(i, "offered");
    CHECK(answered + abandoned <= offered_i + 5e-9 * (answered + abandoned + offered_i));
    offered_by_day[{key.first.substr(0, 10), key.second}] += intervals.num(i, "offered");
  }

  const Csv days = read_csv(daily);
  CHECK(days.header == kDailyColumns);
  REQUIRE(days.rows.size() == 4);
  double offered = 0;
  for (std::size_t i = 0; i < days.rows.size(); ++i) {
    const std::pair<std::string, std::string> key{days.text(i, "date"), days.text(i, "queue")};
    INFO(key.first << " " << key.second);
    REQUIRE(offered_by_day.count(key) == 1);
    // The day's figure and each interval's carry 9 significant digits (5e-9 relative each).
    CHECK(days.num(i, "offered") == Approx(offered_by_day.at(key)).epsilon(1e-8));
    offered += days.num(i, "offered");
  }
  CHECK(offered_by_day.size() == 4);
  CHECK(offered == Approx(j.at("total").at("offered").get<double>()).epsilon(1e-12));
}

TEST_CASE("wfm simulate --calls-out: one record per offered call of every replication",
          "[cli][simulate]") {
  TempDir dir("simulate");
  const auto demand = dir.file("demand.csv");
  write_file(demand, kDemand);
  const auto plan = dir.file("plan.csv");
  write_file(plan, plan_csv());
  const int reps = 12;

  // The event engine in both passes (plan, redials), and the fast path for the estimates with
  // the event engine for the records (constant agents): the same calls either way.
  const std::vector<std::vector<std::string>> setups = {
      {"--staffing", plan, "--patience", "60s", "--redial-prob", "0.5"},
      {"--agents", "14", "--patience", "90s"},
      {"--agents", "16"},
      {"--agents", "0"},  // every call still waiting at the end: unfinished records
  };
  for (const auto& setup : setups) {
    INFO(setup.at(0) << " " << setup.at(1) << (setup.size() > 2 ? " " + setup.at(3) : ""));
    const auto calls = dir.file("calls.csv");
    const auto j = simulate_json(with_prefix(
        {"--demand", demand, "--replications", std::to_string(reps), "--calls-out", calls}, setup));
    const auto& total = j.at("total");
    const Csv records = read_csv(calls);
    CHECK(records.header == kCallColumns);
    CHECK(static_cast<double>(records.rows.size()) ==
          Approx(total.at("offered").get<double>() * reps).margin(1e-6));

    std::map<std::string, double> outcomes;
    // (replication, queue, date) -> call numbers.
    std::map<std::tuple<std::string, std::string, std::string>, std::set<std::string>> ids;
    std::set<std::string> replications;
    double redials = 0;
    for (std::size_t i = 0; i < records.rows.size(); ++i) {
      outcomes[records.text(i, "outcome")] += 1;
      replications.insert(records.text(i, "replication"));
      const auto inserted =
          ids[{records.text(i, "replication"), records.text(i, "queue"), records.text(i, "date")}]
              .insert(records.text(i, "call"))
              .second;
      if (!inserted)
        FAIL("call " << records.text(i, "call") << " recorded twice on line " << i + 2);
      CHECK(records.text(i, "interval_start").substr(0, 10) == records.text(i, "date"));
      CHECK(kRows.count({records.text(i, "interval_start"), records.text(i, "queue")}) == 1);
      CHECK(records.num(i, "wait_s") >= 0);
      const double arrival = records.num(i, "arrival_s");
      CHECK(arrival >= 0);
      CHECK(arrival < 3600);
      if (records.text(i, "outcome") == "answered")
        CHECK(records.num(i, "handle_s") > 0);
      else
        CHECK(records.num(i, "handle_s") == 0);
      redials += records.num(i, "redial");
    }
    CHECK(replications.size() == static_cast<std::size_t>(reps));
    CHECK(ids.size() == static_cast<std::size_t>(reps) * 4);
    for (const auto& [key, numbers] : ids) {
      // Calls are numbered 0, 1, ... within a replication of a queue-day.
      std::set<long> n;
      for (const auto& x : numbers) n.insert(std::stol(x));
      CHECK(*n.begin() == 0);
      CHECK(*n.rbegin() == static_cast<long>(n.size()) - 1);
    }
    for (const char* outcome : {"answered", "abandoned", "unfinished"}) {
      INFO(outcome);
      CHECK(outcomes[outcome] == Approx(total.at(outcome).get<double>() * reps).margin(1e-6));
    }
    if (setup.at(1) == "0") {
      CHECK(outcomes["unfinished"] == static_cast<double>(records.rows.size()));
      CHECK(outcomes["unfinished"] > 0);
    }
    if (setup.size() > 4) {
      CHECK(redials > 0);
    } else {
      CHECK(redials == 0);
    }
  }
}

TEST_CASE("wfm simulate: patience makes callers abandon, redials add calls", "[cli][simulate]") {
  TempDir dir("simulate");
  const auto demand = dir.file("demand.csv");
  write_file(demand, kDemand);
  // 11 agents for queue a's 13 Erlangs: long queues.
  const std::vector<std::string> base = {"--demand",       demand, "--agents", "11",
                                         "--replications", "10",   "--seed",   "5"};

  const auto patient = simulate_json(base).at("total");
  CHECK(patient.at("abandoned") == 0);
  CHECK(patient.at("abandon_rate") == 0);
  CHECK(patient.at("abandoned_hw") == 0);

  const auto impatient = simulate_json(with_prefix(base, {"--patience", "60s"})).at("total");
  CHECK(impatient.at("abandoned").get<double>() > 0);
  CHECK(impatient.at("abandon_rate").get<double>() > 0);
  CHECK(impatient.at("abandon_rate").get<double>() < 1);
  CHECK(impatient.at("abandon_rate").get<double>() ==
        Approx(impatient.at("abandoned").get<double>() / impatient.at("offered").get<double>())
            .epsilon(1e-12));
  // Same seed, same first attempts: abandonment only shortens the waits.
  CHECK(impatient.at("offered") == patient.at("offered"));
  CHECK(impatient.at("asa_s").get<double>() < patient.at("asa_s").get<double>());
  check_conservation(impatient);

  for (const char* dist : {"weibull", "lognormal"}) {
    INFO(dist);
    const auto t = simulate_json(with_prefix(base, {"--patience", "60s", "--patience-dist", dist}))
                       .at("total");
    CHECK(t.at("abandon_rate").get<double>() > 0);
    check_conservation(t);
  }

  // Redials: the same first attempts (same seed) plus the callers who try again.
  const auto redial =
      simulate_json(with_prefix(base, {"--patience", "60s", "--redial-prob", "0.5"})).at("total");
  CHECK(redial.at("offered").get<double>() > impatient.at("offered").get<double>());
  check_conservation(redial);
  const auto redial_pct =
      simulate_json(with_prefix(base, {"--patience", "60s", "--redial-prob", "50%"})).at("total");
  CHECK(redial_pct == redial);

  // Without patience nobody abandons, so nobody redials: the same calls are answered.
  const auto no_abandon = simulate_json(with_prefix(base, {"--redial-prob", "0.5"})).at("total");
  CHECK(no_abandon.at("offered") == patient.at("offered"));
  CHECK(no_abandon.at("answered") == patient.at("answered"));
  CHECK(no_abandon.at("abandoned") == 0);
}

TEST_CASE("wfm simulate runs a plan written by wfm staff", "[cli][simulate]") {
  TempDir dir("simulate");
  const auto demand = dir.file("demand.csv");
  write_file(demand, kDemand);
  const auto plan = dir.file("staff.csv");
  const auto staffed = run_wfm({"staff", "--demand", demand, "--sl", "0.8", "--threshold", "20s",
                                "--shrinkage", "0.3", "--out", plan});
  INFO(staffed.err);
  REQUIRE(staffed.code == 0);
  const Csv staff_plan = read_csv(plan);
  std::map<std::pair<std::string, std::string>, double> agents;
  for (std::size_t i = 0; i < staff_plan.rows.size(); ++i) {
    agents[{staff_plan.text(i, "interval_start"), staff_plan.text(i, "queue")}] =
        staff_plan.num(i, "agents");
  }

  const auto out = dir.file("sim.csv");
  const auto r = run_wfm({"simulate", "--demand", demand, "--staffing", plan, "--replications",
                          "20", "--out", out, "--json"});
  INFO(r.err);
  REQUIRE(r.code == 0);
  const auto total = nlohmann::json::parse(r.out).at("total");
  check_conservation(total);
  // Erlang C staffs each interval for 80% in 20 s; carried-over queues cost a little.
  CHECK(total.at("service_level").get<double>() > 0.7);

  const Csv sim = read_csv(out);
  REQUIRE(sim.rows.size() == kRows.size());
  for (std::size_t i = 0; i < sim.rows.size(); ++i) {
    const std::pair<std::string, std::string> key{sim.text(i, "interval_start"),
                                                  sim.text(i, "queue")};
    INFO(key.first << " " << key.second);
    REQUIRE(agents.count(key) == 1);
    CHECK(sim.num(i, "agents") == agents.at(key));  // agents, not scheduled_agents
  }
}

TEST_CASE("wfm simulate: bad flags exit 2 naming the flag and write nothing", "[cli][simulate]") {
  TempDir dir("simulate");
  const auto demand = dir.file("demand.csv");
  write_file(demand, kDemand);
  const auto plan = dir.file("plan.csv");
  write_file(plan, plan_csv());
  const auto out = dir.file("new.csv");
  const auto daily = dir.file("new_daily.csv");
  const auto calls = dir.file("new_calls.csv");
  struct Case {
    std::vector<std::string> args;
    std::string message;  // the whole of stderr after "wfm: error: "
  };
  const std::vector<Case> cases = {
      {{"--agents", "5", "--replications", "1"},
       "--replications: expected a whole number from 2 to 1000000, got 1"},
      {{"--agents", "5", "--replications", "abc"},
       "--replications: expected a number, got \"abc\""},
      {{"--agents", "5", "--replications", "2.5"},
       "--replications: expected a whole number from 2 to 1000000, got 2.5"},
      {{"--agents", "5", "--seed", "-1"}, "--seed: expected a whole number >= 0, got -1"},
      {{"--agents", "5", "--aht-dist", "foo"},
       "--aht-dist: expected exponential, lognormal, gamma or empirical, got \"foo\""},
      {{"--agents", "5", "--aht-dist", "empirical"},
       "--aht-samples: --aht-dist empirical needs --aht-samples FILE (a CSV with a handle_s "
       "column)"},
      {{"--agents", "5", "--patience-dist", "weibull"},
       "--patience: required: the mean patience, e.g. 120s"},
      {{"--agents", "5", "--patience-dist", "uniform", "--patience", "60s"},
       "--patience-dist: expected none, exponential, weibull or lognormal, got \"uniform\""},
      {{"--agents", "5", "--redial-prob", "1.5"},
       "--redial-prob: expected a probability in [0, 1), got 1.5"},
      {{"--agents", "5", "--staffing", plan},
       "--staffing: give either --staffing PLAN.csv or "
       "--agents N"},
      {{}, "--staffing: give either --staffing PLAN.csv or --agents N"},
      {{"--agents", "-3"}, "--agents: expected a whole number of agents >= 0, got -3"},
      {{"--agents", "2.5"}, "--agents: expected a whole number of agents >= 0, got 2.5"},
      {{"--agents", "5", "--threads", "-1"}, "--threads: expected a number >= 0, got -1"},
      {{"--agents", "5", "--rate-cv", "0.3", "--rate-noise", "hourly"},
       "--rate-noise: expected per-day or per-interval, got \"hourly\""},
  };
  for (const auto& c : cases) {
    const auto args = with_prefix(with_prefix({"simulate", "--demand", demand}, c.args),
                                  {"--out", out, "--daily-out", daily, "--calls-out", calls});
    const auto r = run_wfm(args);
    INFO(c.message << "\n" << r.err);
    CHECK(r.code == 2);
    CHECK(r.err == "wfm: error: " + c.message + "\n");
    CHECK(r.out.empty());
    CHECK_FALSE(fs::exists(out));
    CHECK_FALSE(fs::exists(daily));
    CHECK_FALSE(fs::exists(calls));
  }

  // --demand is required.
  const auto r = run_wfm({"simulate", "--agents", "5", "--out", out});
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Catch::Matchers::StartsWith("wfm: error: --demand: "));
  CHECK_FALSE(fs::exists(out));
}

TEST_CASE("wfm simulate: a bad staffing file exits 2 naming file, line and column",
          "[cli][simulate]") {
  TempDir dir("simulate");
  const auto demand = dir.file("demand.csv");
  write_file(demand, kDemand);
  const std::string full = plan_csv();

  struct Case {
    std::string name;
    std::string csv;
    std::string message;  // stderr after "wfm: error: <dir>/"
  };
  // Without the 2024-03-04T08:15 row of queue b (demand line 5).
  std::string missing = full;
  const std::string row_b = "2024-03-04T08:15,b,7\n";
  REQUIRE(missing.find(row_b) != std::string::npos);
  missing.erase(missing.find(row_b), row_b.size());
  // 12.5 agents on line 3.
  std::string fractional = full;
  const auto line3 = fractional.find('\n', fractional.find('\n') + 1) + 1;  // start of line 3
  const auto comma = fractional.rfind(',', fractional.find('\n', line3));
  fractional.replace(comma + 1, fractional.find('\n', line3) - comma - 1, "12.5");
  std::string no_agents = full;
  no_agents.replace(0, no_agents.find('\n'), "interval_start,queue,staff");

  const std::vector<Case> cases = {
      {"missing.csv", missing,
       "missing.csv: column 'agents': no staffing for queue 'b' at 2024-03-04T08:15 (demand line "
       "5)"},
      {"fractional.csv", fractional,
       "fractional.csv:3: column 'agents': expected a whole number of agents (the simulation "
       "staffs whole agents), got 12.5"},
      {"noagents.csv", no_agents,
       "noagents.csv:1: missing column 'agents'; columns present: interval_start, queue, staff (a "
       "wfm staff plan)"},
      {"negative.csv", "interval_start,queue,agents\n2024-03-04T08:00,a,-2\n",
       "negative.csv:2: column 'agents': expected a number >= 0, got \"-2\""},
      {"badtime.csv", "interval_start,queue,agents\n2024-03-04T08:00,a,12\n2024-02-30T08:00,a,3\n",
       "badtime.csv:3: column 'interval_start': expected a local date-time like 2024-03-04T08:00 "
       "or 2024-03-04 08:00:00, got \"2024-02-30T08:00\""},
      {"duplicate.csv",
       "interval_start,queue,agents\n2024-03-04T08:00,a,12\n2024-03-04T08:00,a,13\n",
       "duplicate.csv:3: column 'interval_start': duplicate interval for queue 'a'"},
  };
  const auto out = dir.file("new.csv");
  const auto daily = dir.file("new_daily.csv");
  const auto calls = dir.file("new_calls.csv");
  for (const auto& c : cases) {
    INFO(c.name);
    const auto plan = dir.file(c.name);
    write_file(plan, c.csv);
    const auto r = run_wfm({"simulate", "--demand", demand, "--staffing", plan, "--replications",
                            "5", "--out", out, "--daily-out", daily, "--calls-out", calls});
    CHECK(r.code == 2);
    CHECK(r.err == "wfm: error: " + dir.path.string() + "/" + c.message + "\n");
    CHECK_FALSE(fs::exists(out));
    CHECK_FALSE(fs::exists(daily));
    CHECK_FALSE(fs::exists(calls));

    // An existing output is left as it was.
    const auto existing = dir.file("existing.csv");
    write_file(existing, "keep me\n");
    const auto again = run_wfm({"simulate", "--demand", demand, "--staffing", plan,
                                "--replications", "5", "--out", existing});
    CHECK(again.code == 2);
    CHECK(slurp(existing) == "keep me\n");
  }
  // The missing staffing file itself.
  const auto nofile = dir.file("nope.csv");
  const auto r = run_wfm({"simulate", "--demand", demand, "--staffing", nofile, "--out", out});
  CHECK(r.code == 2);
  CHECK(r.err == "wfm: error: " + nofile + ": cannot open the staffing file\n");
  CHECK_FALSE(fs::exists(out));

  // Only the files written by the test are in the directory (no temporaries left behind).
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir.path)) ++files;
  CHECK(files == 1 + cases.size() + 1);
}

TEST_CASE("wfm simulate: an unwritable --calls-out leaves --out and --daily-out unwritten",
          "[cli][simulate]") {
  TempDir dir("simulate");
  const auto demand = dir.file("demand.csv");
  write_file(demand, kDemand);
  const auto out = dir.file("sim.csv");
  const auto daily = dir.file("sim_daily.csv");
  write_file(daily, "keep me\n");
  const auto r = run_wfm({"simulate", "--demand", demand, "--agents", "16", "--replications", "5",
                          "--out", out, "--daily-out", daily, "--calls-out",
                          (dir.path / "nope" / "calls.csv").string()});
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Catch::Matchers::Contains("calls.csv"));
  CHECK_FALSE(fs::exists(out));
  CHECK(slurp(daily) == "keep me\n");
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir.path)) ++files;
  CHECK(files == 2);
}

TEST_CASE("wfm simulate --aht-dist empirical rescales the samples to each interval's AHT",
          "[cli][simulate]") {
  TempDir dir("simulate");
  const auto demand = dir.file("demand.csv");
  write_file(demand, kDemand);
  const auto samples = dir.file("samples.csv");
  write_file(samples, "handle_s\n100\n200\n300\n");
  const auto calls = dir.file("calls.csv");
  const auto j =
      simulate_json({"--demand", demand, "--agents", "18", "--replications", "4", "--aht-dist",
                     "empirical", "--aht-samples", samples, "--calls-out", calls});
  check_conservation(j.at("total"));
  // Samples of mean 200 s scaled to the interval's AHT: 0.5, 1 or 1.5 times it.
  const Csv records = read_csv(calls);
  REQUIRE(!records.rows.empty());
  std::map<std::pair<std::string, std::string>, double> aht;
  aht[{"08:00", "a"}] = 300, aht[{"08:15", "a"}] = 300, aht[{"08:30", "a"}] = 280;
  aht[{"08:45", "a"}] = 310, aht[{"08:00", "b"}] = 420, aht[{"08:15", "b"}] = 420;
  aht[{"08:30", "b"}] = 400, aht[{"08:45", "b"}] = 420;
  for (std::size_t i = 0; i < records.rows.size(); ++i) {
    if (records.text(i, "outcome") != "answered") continue;
    const double mean =
        aht.at({records.text(i, "interval_start").substr(11), records.text(i, "queue")});
    const double h = records.num(i, "handle_s");
    INFO("line " << i + 2 << ": " << h << " for AHT " << mean);
    CHECK((h == Approx(0.5 * mean) || h == Approx(mean) || h == Approx(1.5 * mean)));
  }

  const auto bad = dir.file("bad_samples.csv");
  write_file(bad, "seconds\n100\n");
  const auto r = run_wfm({"simulate", "--demand", demand, "--agents", "18", "--aht-dist",
                          "empirical", "--aht-samples", bad});
  CHECK(r.code == 2);
  CHECK(r.err == "wfm: error: " + bad + ":1: expected a column handle_s, found seconds\n");
}

// docs/formats.md: "Intervals absent from the file are not invented; for staffing an absent
// interval is a closed one." The simulation runs the closed 08:45 interval (no calls, no agents)
// so the queue carries across it, but --out should still have one row per demand row.
TEST_CASE("wfm simulate --out: a gap in a day adds no row", "[cli][simulate]") {
  TempDir dir("simulate");
  const auto demand = dir.file("gap.csv");
  write_file(demand,
             "interval_start,queue,offered,aht_s\n"
             "2024-03-04T08:00,a,30,300\n"
             "2024-03-04T08:15,a,40,300\n"
             "2024-03-04T08:30,a,40,300\n"
             "2024-03-04T09:00,a,40,300\n"
             "2024-03-05T08:00,a,30,300\n"
             "2024-03-05T08:15,a,40,300\n"
             "2024-03-05T08:30,a,40,300\n"
             "2024-03-05T08:45,a,40,300\n"
             "2024-03-05T09:00,a,40,300\n");
  const auto out = dir.file("sim.csv");
  const auto daily = dir.file("sim_daily.csv");
  const auto r = run_wfm({"simulate", "--demand", demand, "--agents", "14", "--replications", "5",
                          "--out", out, "--daily-out", daily});
  INFO(r.err);
  REQUIRE(r.code == 0);
  CHECK(read_csv(daily).rows.size() == 2);
  const Csv intervals = read_csv(out);
  std::set<std::string> starts;
  for (std::size_t i = 0; i < intervals.rows.size(); ++i) {
    starts.insert(intervals.text(i, "interval_start"));
  }
  CHECK(starts.count("2024-03-04T08:45") == 0);
  CHECK(intervals.rows.size() == 9);
}

// A demand file without an aht_s column cannot be simulated without --aht; the message says so and
// names the file, as `wfm staff` does ("<file>: column 'aht_s': the file has no aht_s column").
TEST_CASE("wfm simulate: a demand file without aht_s is an error naming the file",
          "[cli][simulate]") {
  TempDir dir("simulate");
  const auto demand = dir.file("noaht.csv");
  write_file(demand,
             "interval_start,queue,offered\n"
             "2024-03-04T08:00,a,30\n"
             "2024-03-04T08:15,a,40\n");
  const auto out = dir.file("sim.csv");
  const auto r = run_wfm({"simulate", "--demand", demand, "--agents", "10", "--out", out});
  CHECK(r.code == 2);
  CHECK_FALSE(fs::exists(out));
  CHECK_THAT(r.err, Catch::Matchers::StartsWith("wfm: error: " + demand + ": column 'aht_s': "));
}

TEST_CASE("wfm simulate --agents 0 shows the unfinished calls in the text output",
          "[cli][simulate]") {
  TempDir dir("sim_zero");
  const auto demand = dir.file("demand.csv");
  write_file(demand, kDemand);
  const auto r = run_wfm({"simulate", "--demand", demand, "--agents", "0", "--replications", "2"});
  REQUIRE(r.code == 0);
  INFO(r.out);
  // No agent and no patience: every offered call is still waiting at the end.
  std::string offered, unfinished;
  std::istringstream lines(r.out);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("offered (mean)", 0) == 0)
      offered = line.substr(line.find_first_not_of(' ', 14));
    if (line.rfind("unfinished", 0) == 0) unfinished = line.substr(line.find_first_not_of(' ', 10));
  }
  REQUIRE_FALSE(unfinished.empty());
  CHECK(unfinished.substr(0, unfinished.find(' ')) == offered.substr(0, offered.find(' ')));
}
