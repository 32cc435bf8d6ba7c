// validate(): the rules between settings and the ranges, with the file and line of the value;
// check_files(): the files a scenario names exist. Also validate() on a Scenario changed in code
// (what `wfm whatif` does).
#include "wfm/scenario/scenario.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "scenario_test_support.hpp"
#include "wfm/scenario/load.hpp"

using namespace wfm::scenario;
using wfm::scenario::test::TempDir;

namespace {

Scenario parse(const std::string& text) {
  return parse_scenario(text, "s.toml");
}

}  // namespace

TEST_CASE("validate: missing and conflicting settings", "[scenario][validate]") {
  const std::string m(test::minimal);
  struct Case {
    std::string text;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"[targets]\nmax_asa = 20\n",
       "s.toml: history.file: missing: give [history] file (an interval history to forecast "
       "from) or [demand] file (a demand file to staff directly)"},
      {"[history]\nfile = \"h.csv\"\n",
       "s.toml: targets: missing: give at least one target in [targets] (service_level with "
       "threshold, max_asa, max_abandon or max_occupancy)"},
      {m + "[staffing]\nmethod = \"erlang-a\"\n",
       "s.toml:6: staffing.method: missing assumptions.patience: staffing.method = \"erlang-a\" "
       "models abandonment and needs the callers' mean patience (e.g. patience = \"2m\")"},
      {m + "[staffing]\nmethod = \"sim\"\n",
       "s.toml:6: staffing.method: missing assumptions.patience"},
      {m + "max_abandon = 0.05\n",
       "s.toml:5: targets.max_abandon: staffing.method = \"erlang-c\" does not model abandonment; "
       "use \"erlang-a\" or \"sim\" with assumptions.patience"},
      {m + "max_blocking = 0.01\n",
       "s.toml:5: targets.max_blocking: blocking is the target of a loss system (Erlang B"},
      {m + "[staffing]\nplan_for = \"upper-90\"\n",
       "s.toml:6: staffing.plan_for: level 90 is not one of forecast.levels"},
      {m + "[shrinkage]\ntotal = 0.3\nbreaks = 0.1\n",
       "s.toml:7: shrinkage.breaks: conflicts with shrinkage.total (line 6): give one or the "
       "other"},
      {m + "[shrinkage]\nbreaks = 0.5\nabsence = 0.3\nother = 0.2\n",
       "s.toml:8: shrinkage.other: the shrinkage categories add up to 1; the total must stay "
       "below 1"},
      {m + "[staffing]\nmin_agents = 5\nmax_agents = 2\n",
       "s.toml:7: staffing.max_agents: expected a number of agents >= min_agents (5), got 2"},
      {m + "[staffing]\nmethod = \"sim\"\nfractional = true\n[assumptions]\npatience = 60\n",
       "s.toml:7: staffing.fractional: staffing.method = \"sim\" staffs whole agents"},
      {m + "[history]\nqueues = [\"a\", \"a\"]\n", "s.toml:5: not a valid TOML"},
      {"[history]\nfile = \"h.csv\"\nqueues = [\"a\", \"a\"]\n[targets]\nmax_asa = 2\n",
       "s.toml:3: history.queues: queue 'a' is listed twice"},
      // Ranges.
      {m + "max_occupancy = 1.2\n",
       "s.toml:5: targets.max_occupancy: expected a fraction > 0 and <= 1, got 1.2"},
      {m + "max_asa = 0\n", "s.toml:5: targets.max_asa: expected a duration > 0, got 0"},
      {m + "sim_confidence = 0.95\n",
       "s.toml:5: targets.sim_confidence: simulation staffing judges its simulated measures at "
       "this confidence: set staffing.method = \"sim\" (staffing.method is \"erlang-c\")"},
      {m + "sim_confidence = 1\n[staffing]\nmethod = \"sim\"\n[assumptions]\npatience = 60\n",
       "s.toml:5: targets.sim_confidence: expected a confidence from 0.5 (compare the simulated "
       "means) to below 1, got 1"},
      {m + "[forecast]\nlevels = [95, 80]\n",
       "s.toml:6: forecast.levels: expected increasing levels, got 80 after 95"},
      {m + "[forecast]\nlevels = [0.8, 0.95]\n",
       "s.toml:6: forecast.levels: levels are in percent: write [80, 95], not [0.8, 0.95]"},
      {m + "[forecast]\nlevels = [-5, 80]\n",
       "s.toml:6: forecast.levels: expected levels in percent strictly between 0 and 100, got -5"},
      {m + "[forecast]\nlevels = [80, 100]\n",
       "s.toml:6: forecast.levels: expected levels in percent strictly between 0 and 100, got "
       "100"},
      {m + "[forecast]\nlevels = []\n",
       "s.toml:6: forecast.levels: expected at least one level, such as [80, 95]"},
      {m + "[assumptions]\nvolume_factor = 0\n",
       "s.toml:6: assumptions.volume_factor: expected a factor > 0, got 0"},
      {m + "[assumptions]\naht_s = 100\naht_adjust_s = -100\n",
       "s.toml:7: assumptions.aht_adjust_s: aht_s 100 + aht_adjust_s -100 leaves no handle time"},
      {m + "[assumptions]\npatience = 0\n",
       "s.toml:6: assumptions.patience: expected a mean patience > 0, got 0 s"},
      {m + "[shrinkage]\ntotal = 1\n",
       "s.toml:6: shrinkage.total: expected a fraction >= 0 and < 1, got 1"},
      {m + "[shrinkage]\nbreaks = -0.1\n",
       "s.toml:6: shrinkage.breaks: expected a fraction >= 0 and < 1, got -0.1"},
      {m + "[cost]\nper_agent_hour = -1\n",
       "s.toml:6: cost.per_agent_hour: expected a cost >= 0, got -1"},
      {m + "[cost]\ncurrency = \"\"\n",
       "s.toml:6: cost.currency: expected a currency such as \"USD\""},
      {m + "[capacity]\nweeks = 0\n",
       "s.toml:6: capacity.weeks: expected a whole number from 1 to 520, got 0"},
      {m + "[capacity]\nattrition_annual = 1\n",
       "s.toml:6: capacity.attrition_annual: expected a fraction >= 0 and < 1, got 1"},
      {m + "[capacity]\ngrowth_annual = -1\n",
       "s.toml:6: capacity.growth_annual: expected a fraction > -1 (0.05 = +5% a year), got -1"},
      {m + "[capacity]\nhours_per_fte_week = 0\n",
       "s.toml:6: capacity.hours_per_fte_week: expected hours > 0 and <= 168, got 0"},
      {m + "[capacity]\nstarting_headcount = -3\n",
       "s.toml:6: capacity.starting_headcount: expected a headcount >= 0, got -3"},
      {m + "[capacity]\nmax_hires_per_week = -1\n",
       "s.toml:6: capacity.max_hires_per_week: expected a number >= 0, got -1"},
      {m + "[capacity]\ntraining_weeks = -1\n",
       "s.toml:6: capacity.training_weeks: expected a whole number from 0 to 520, got -1"},
      // [schedule] (issue 11).
      {m + "[schedule]\nqueue = \"a\"\n",
       "s.toml: schedule.rules: missing: [schedule] settings without rules"},
      {m + "[schedule]\nrules = \"r.toml\"\ntime_limit = \"2d\"\n",
       "s.toml:7: schedule.time_limit: expected a duration from 1s to 1d, got 172800 s"},
      {m + "[schedule]\nrules = \"r.toml\"\nrounds = 2\n",
       "s.toml:7: schedule.rounds: re-solving from the simulated service needs [simulation] "
       "check = true"},
      {m + "[simulation]\ncheck = true\n[schedule]\nrules = \"r.toml\"\nqueue = \"*\"\n"
           "rounds = 2\n",
       "s.toml:10: schedule.rounds: re-solving from the simulated service needs one queue"},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    CHECK_THROWS_WITH(parse(c.text), Catch::StartsWith(c.message));
  }
}

TEST_CASE("validate a scenario changed in code", "[scenario][validate]") {
  auto s = parse(std::string(test::minimal) + "[assumptions]\npatience = \"90s\"\n");
  CHECK_NOTHROW(validate(s));
  s.staffing.method = StaffingMethod::erlang_a;
  s.targets.max_abandon_rate = 0.05;
  CHECK_NOTHROW(validate(s));
  s.targets.service_level = 1.5;  // the error still names where the value came from
  CHECK_THROWS_WITH(validate(s),
                    "s.toml:4: targets.service_level: expected a fraction strictly "
                    "between 0 and 1 (0.8 or \"80%\"), got 1.5");
  s.targets.service_level = 0.9;
  s.shrinkage.total_given = 0.3;
  CHECK(s.shrinkage.total() == 0.3);
  CHECK_NOTHROW(validate(s));
  CHECK(to_string(StaffingMethod::sim) == "sim");
  CHECK(parse_staffing_method("erlang-a") == StaffingMethod::erlang_a);
  CHECK_FALSE(parse_staffing_method("erlang-b"));
}

TEST_CASE("validate: each forecast level is compared with the one before it, from the second on",
          "[scenario][validate]") {
  // Found by fuzz/scenario_fuzz (clang's UBSan, make test-fuzz): for the first level validate()
  // formed levels[-1], an argument of the error message that require() takes before testing the
  // condition; every scenario did. These checks pin the rule the fix keeps.
  auto s = parse(std::string(test::minimal));
  s.forecast.levels = {90};
  CHECK_NOTHROW(validate(s));
  s.forecast.levels = {50, 80, 95};
  CHECK_NOTHROW(validate(s));
  s.forecast.levels = {80, 95, 90};
  CHECK_THROWS_WITH(validate(s), Catch::EndsWith("forecast.levels: expected increasing levels, "
                                                 "got 90 after 95"));
}

TEST_CASE("check_files: the named files exist and are files", "[scenario][validate]") {
  TempDir dir("files");
  const std::string root = dir.path.generic_string();
  dir.write("h.csv", "interval_start,offered\n");
  auto s = load_scenario(dir.write("ok.toml", std::string(test::minimal)));
  CHECK_NOTHROW(check_files(s));
  auto missing = load_scenario(dir.write(
      "missing.toml", std::string(test::minimal) + "[forecast]\nspecial_days = \"days.csv\"\n"));
  CHECK_THROWS_WITH(check_files(missing), root +
                                              "/missing.toml:6: forecast.special_days: "
                                              "special-days file " +
                                              root + "/days.csv does not exist");
  auto dir_as_file = load_scenario(dir.write("d.toml",
                                             "[history]\nfile = \".\"\n"
                                             "[targets]\nmax_asa = 3\n"));
  CHECK_THROWS_WITH(check_files(dir_as_file), root + "/d.toml:2: history.file: history file " +
                                                  root + " is a directory, expected a file");
  auto demand = load_scenario(dir.write("dm.toml",
                                        "[demand]\nfile = \"f.csv\"\n"
                                        "[targets]\nmax_asa = 3\n"));
  CHECK_THROWS_WITH(check_files(demand), root + "/dm.toml:2: demand.file: demand file " + root +
                                             "/f.csv does not exist");
  auto rules = load_scenario(dir.write(
      "rules.toml", std::string(test::minimal) + "[schedule]\nrules = \"shifts.toml\"\n"));
  CHECK_THROWS_WITH(check_files(rules), root + "/rules.toml:6: schedule.rules: shift rules file " +
                                            root + "/shifts.toml does not exist");
}
