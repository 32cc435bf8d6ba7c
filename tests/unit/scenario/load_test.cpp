// Scenario files: every section parsed, defaults, inheritance (override by key, nested merge,
// chains, cycles, paths relative to each file), every kind of error with its message, and every
// file in scenarios/ loads.
#include "wfm/scenario/load.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "scenario_test_support.hpp"

using namespace wfm::scenario;
using wfm::scenario::test::TempDir;
namespace fs = std::filesystem;

namespace {

Scenario parse(const std::string& text) {
  return parse_scenario(text, "s.toml");
}

}  // namespace

TEST_CASE("a scenario with every section", "[scenario][load]") {
  const auto s = parse_scenario(R"(
name = "full"
description = "all of it"

[history]
file = "../data/h.csv"
columns = { offered = "CallsOffered", aht_s = "AHT" }
gaps = "error"
queues = ["sales", " support "]

[forecast]
method = "weekday-avg"
horizon = "21d"
start = 2024-04-01
levels = [50, 80.5, 95]
special_days = "days.csv"
outliers = "downweight"

[hours]
default = "07:30-19:00"
saturday = "09:00-14:00"
sunday = "closed"

[targets]
service_level = "85%"
threshold = "30s"
sl_definition = "answered"
max_asa = 25
max_abandon = 0.04
max_occupancy = 0.9

[assumptions]
aht_s = 300
aht_adjust_s = -15
volume_factor = 1.1
patience = "1.5m"

[shrinkage]
breaks = 0.1
training = 0.05
absence = 0.07
meetings = 0.02
coaching = 0.01
other = 0.03

[staffing]
method = "erlang-a"
plan_for = "upper-80.5"
min_agents = 2
max_agents = 500
fractional = true

[simulation]
check = true
seed = "18446744073709551615"
replications = 50

[cost]
per_agent_hour = 30
currency = "EUR"

[capacity]
weeks = 26
hours_per_fte_week = 40
starting_headcount = 55.5
attrition_annual = "25%"
hiring_lead_weeks = 6
training_weeks = 4
growth_annual = -0.02
max_hires_per_week = 3

[outputs]
dir = "../runs/full"
report = false
simulation = false
)",
                                "plans/full.toml");
  CHECK(s.source == "plans/full.toml");
  CHECK(s.files == std::vector<std::string>{"plans/full.toml"});
  CHECK(s.name == "full");
  CHECK(s.description == "all of it");
  CHECK(s.history.file == "data/h.csv");
  CHECK(s.history.columns ==
        std::map<std::string, std::string>{{"offered", "CallsOffered"}, {"aht_s", "AHT"}});
  CHECK(s.history.gaps == wfm::io::GapPolicy::error);
  CHECK(s.history.queues == std::vector<std::string>{"sales", "support"});
  CHECK(s.history.csv_options().reader.columns.at("offered") == "CallsOffered");
  CHECK_FALSE(s.uses_demand());
  CHECK(s.forecast.method == "weekday-avg");
  CHECK(s.forecast.horizon_days == 21);
  REQUIRE(s.forecast.start.has_value());
  CHECK(wfm::core::format_local_date(*s.forecast.start) == "2024-04-01");
  CHECK(s.forecast.levels == std::vector<double>{50, 80.5, 95});
  CHECK(s.forecast.special_days == "plans/days.csv");
  CHECK(s.forecast.outliers == OutlierPolicy::downweight);
  REQUIRE(s.hours.has_value());
  CHECK(s.hours->days[0].open_min == 450);
  CHECK(s.hours->days[0].close_min == 1140);
  CHECK(s.hours->days[4].open_min == 450);
  CHECK(s.hours->days[5].open_min == 540);
  CHECK(s.hours->days[5].close_min == 840);
  CHECK_FALSE(s.hours->days[6].is_open());
  CHECK(s.hours->days[0].covers(450, 15));
  CHECK_FALSE(s.hours->days[0].covers(1130, 15));
  CHECK(s.targets.service_level == Approx(0.85));
  CHECK(s.targets.measure.threshold_s == 30);
  CHECK(s.targets.measure.definition == wfm::staffing::SlDefinition::kAnswered);
  CHECK(s.targets.max_asa_s == 25);
  CHECK(s.targets.max_abandon_rate == 0.04);
  CHECK(s.targets.max_occupancy == 0.9);
  CHECK_FALSE(s.targets.max_blocking);
  CHECK(s.assumptions.aht_s == 300);
  CHECK(s.assumptions.aht_adjust_s == -15);
  CHECK(s.assumptions.volume_factor == 1.1);
  CHECK(s.assumptions.patience_s == 90);
  CHECK_FALSE(s.shrinkage.total_given);
  CHECK(s.shrinkage.categories[0] == 0.1);
  CHECK(s.shrinkage.total() == Approx(0.28));
  CHECK(s.staffing.method == StaffingMethod::erlang_a);
  CHECK(s.staffing.plan_for_upper == 80.5);
  CHECK(s.staffing.min_agents == 2);
  CHECK(s.staffing.max_agents == 500);
  CHECK(s.staffing.fractional);
  CHECK(s.solve_options().fractional);
  CHECK(s.solve_options().max_agents == 500);
  CHECK(s.simulation.check);
  CHECK(s.simulation.seed == 18446744073709551615ull);
  CHECK(s.simulation.replications == 50);
  CHECK(s.cost.per_agent_hour == 30);
  CHECK(s.cost.currency == "EUR");
  CHECK(s.capacity.weeks == 26);
  CHECK(s.capacity.hours_per_fte_week == 40);
  CHECK(s.capacity.starting_headcount == 55.5);
  CHECK(s.capacity.attrition_annual == Approx(0.25));
  CHECK(s.capacity.hiring_lead_weeks == 6);
  CHECK(s.capacity.training_weeks == 4);
  CHECK(s.capacity.growth_annual == -0.02);
  CHECK(s.capacity.max_hires_per_week == 3);
  CHECK(s.outputs.dir == "runs/full");
  CHECK_FALSE(s.outputs.report);
  CHECK_FALSE(s.outputs.simulation);
  // Origins: file and line of each setting.
  CHECK(s.origins.at("targets.service_level").file == "plans/full.toml");
  CHECK(s.origins.at("targets.service_level").line == 25);
  CHECK(s.origins.at("history.columns.aht_s").line == 7);
  CHECK(s.where("hours.friday").line == 20);  // from hours.default
  CHECK(s.where("cost.nothing").line == 0);
}

TEST_CASE("defaults of a minimal scenario", "[scenario][load]") {
  const auto s = parse_scenario(std::string(test::minimal), "dir/my-plan.toml");
  CHECK(s.name == "my-plan");
  CHECK(s.description.empty());
  CHECK(s.history.file == "dir/h.csv");
  CHECK(s.history.columns.empty());
  CHECK(s.history.gaps == wfm::io::GapPolicy::allow);
  CHECK(s.history.queues.empty());
  CHECK(s.demand.file.empty());
  CHECK(s.forecast.method == "auto");
  CHECK(s.forecast.horizon_days == 14);
  CHECK_FALSE(s.forecast.start);
  CHECK(s.forecast.levels == std::vector<double>{80, 95});
  CHECK(s.forecast.special_days.empty());
  CHECK(s.forecast.outliers == OutlierPolicy::off);
  CHECK_FALSE(s.hours);
  CHECK(s.targets.measure.threshold_s == 20);
  CHECK(s.targets.measure.definition == wfm::staffing::SlDefinition::kOffered);
  CHECK_FALSE(s.assumptions.aht_s);
  CHECK(s.assumptions.aht_adjust_s == 0);
  CHECK(s.assumptions.volume_factor == 1);
  CHECK_FALSE(s.assumptions.patience_s);
  CHECK(s.shrinkage.total() == 0);
  CHECK(s.staffing.method == StaffingMethod::erlang_c);
  CHECK_FALSE(s.staffing.plan_for_upper);
  CHECK(s.staffing.min_agents == 0);
  CHECK_FALSE(s.staffing.max_agents);
  CHECK_FALSE(s.simulation.check);
  CHECK(s.simulation.seed == 1);
  CHECK(s.simulation.replications == 30);
  CHECK_FALSE(s.cost.per_agent_hour);
  CHECK(s.cost.currency == "USD");
  CHECK(s.capacity.weeks == 52);
  CHECK(s.capacity.hours_per_fte_week == 37.5);
  CHECK_FALSE(s.capacity.starting_headcount);
  CHECK(s.capacity.attrition_annual == 0);
  CHECK(s.outputs.dir == "out/my-plan");
  CHECK(s.outputs.report);
  CHECK(s.outputs.simulation);

  // [hours] without default: 08:00-20:00 every day not given.
  const auto h = parse(std::string(test::minimal) + "[hours]\nsunday = \"closed\"\n");
  REQUIRE(h.hours);
  CHECK(h.hours->days[2].open_min == 480);
  CHECK(h.hours->days[2].close_min == 1200);
  CHECK_FALSE(h.hours->days[6].is_open());
  // Dotted keys and a shrinkage total.
  const auto d = parse(
      "history.file = \"h.csv\"\ntargets.max_asa = \"30s\"\nshrinkage.total = 0.3\n"
      "simulation.seed = 7\n[demand]\n");
  CHECK(d.targets.max_asa_s == 30);
  CHECK(d.shrinkage.total() == 0.3);
  CHECK(d.simulation.seed == 7);
}

TEST_CASE("a demand file is staffed directly", "[scenario][load]") {
  const auto s = parse(
      "[demand]\nfile = \"forecast.csv\"\ncolumns = { offered = \"calls\" }\n"
      "queues = [\"sales\"]\n[targets]\nmax_asa = 20\n");
  CHECK(s.uses_demand());
  CHECK(s.demand.file == "forecast.csv");
  CHECK(s.demand.queues == std::vector<std::string>{"sales"});
  CHECK(s.history.file.empty());
  CHECK_THROWS_WITH(parse("[history]\nfile = \"h.csv\"\n[demand]\nfile = \"d.csv\"\n"
                          "[targets]\nmax_asa = 20\n"),
                    "s.toml:4: demand.file: conflicts with history.file (line 2): give one or "
                    "the other");
}

TEST_CASE("extends: override by key, nested merge, chains, paths per file", "[scenario][load]") {
  TempDir dir("extends");
  dir.write("data/h.csv", "x");
  dir.write("base/base.toml", R"(name = "base"
[history]
file = "../data/h.csv"
columns = { offered = "Calls", aht_s = "AHT" }
[targets]
service_level = 0.8
threshold = "20s"
[shrinkage]
breaks = 0.1
training = 0.05
[staffing]
method = "erlang-a"
[assumptions]
patience = "2m"
[forecast]
levels = [80, 95]
)");
  dir.write("mid/mid.toml", R"(extends = "../base/base.toml"
description = "middle"
[history]
columns = { aht_s = "HandleTime" }
[targets]
service_level = 0.9
[forecast]
levels = [90]
special_days = "days.csv"
)");
  const auto top = dir.write("top.toml", R"(extends = "mid/mid.toml"
[targets]
threshold = "30s"
[shrinkage]
total = 0.25
)");
  const auto s = load_scenario(top);
  const std::string root = dir.path.generic_string();
  CHECK(s.files == std::vector<std::string>{root + "/base/base.toml", root + "/mid/mid.toml", top});
  CHECK(s.name == "base");  // inherited
  CHECK(s.description == "middle");
  CHECK(s.history.file == root + "/data/h.csv");  // relative to base/base.toml
  CHECK(s.history.columns ==
        std::map<std::string, std::string>{{"offered", "Calls"}, {"aht_s", "HandleTime"}});
  CHECK(s.targets.service_level == 0.9);
  CHECK(s.targets.measure.threshold_s == 30);
  CHECK(s.forecast.levels == std::vector<double>{90});       // arrays are replaced
  CHECK(s.forecast.special_days == root + "/mid/days.csv");  // relative to mid/mid.toml
  CHECK(s.shrinkage.total_given == 0.25);  // the nearer file's total drops the categories
  CHECK(s.shrinkage.total() == 0.25);
  CHECK(s.shrinkage.categories[0] == 0);
  CHECK(s.staffing.method == StaffingMethod::erlang_a);
  CHECK(s.outputs.dir == "out/top");  // the stem of the scenario itself
  CHECK(s.origins.at("targets.service_level").file == root + "/mid/mid.toml");
  CHECK(s.origins.at("targets.service_level").line == 6);
  CHECK(s.origins.at("targets.threshold").file == top);
  CHECK(s.origins.at("assumptions.patience").file == root + "/base/base.toml");
  CHECK(s.origins.count("shrinkage.breaks") == 0);

  // A demand file in the extending file wins over the inherited history.
  const auto d = load_scenario(dir.write("demand.toml",
                                         "extends = \"top.toml\"\n"
                                         "[demand]\nfile = \"f.csv\"\n"));
  CHECK(d.uses_demand());
  CHECK(d.history.file.empty());
  CHECK(d.demand.file == root + "/f.csv");

  // An error in a base names the base.
  dir.write("bad_base.toml", "[targets]\nservice_level = 80\n");
  CHECK_THROWS_WITH(
      load_scenario(dir.write("child.toml",
                              "extends = \"bad_base.toml\"\n[history]\n"
                              "file = \"h.csv\"\n")),
      root +
          "/bad_base.toml:2: targets.service_level: expected a fraction strictly between 0 "
          "and 1 (0.8 or \"80%\"), got 80");
  dir.write("typo_base.toml", "[targets]\nservice_levl = 0.8\n");
  CHECK_THROWS_WITH(load_scenario(dir.write("child2.toml", "extends = \"typo_base.toml\"\n")),
                    root +
                        "/typo_base.toml:2: targets.service_levl: unknown key; did you mean "
                        "'service_level'?");
}

TEST_CASE("extends: cycles and missing bases are errors naming the files", "[scenario][load]") {
  TempDir dir("cycle");
  const std::string root = dir.path.generic_string();
  const auto a = dir.write("a.toml", "extends = \"b.toml\"\n");
  dir.write("b.toml", "name = \"b\"\nextends = \"c.toml\"\n");
  dir.write("c.toml", "extends = \"a.toml\"\n");
  CHECK_THROWS_WITH(load_scenario(a), root + "/c.toml:1: extends: extends cycle: " + root +
                                          "/a.toml -> " + root + "/b.toml -> " + root +
                                          "/c.toml -> " + root + "/a.toml");
  const auto self = dir.write("self.toml", "extends = \"./self.toml\"\n");
  CHECK_THROWS_WITH(load_scenario(self), Catch::Contains("extends cycle"));
  const auto missing = dir.write("m.toml", "\nextends = \"nope.toml\"\n");
  CHECK_THROWS_WITH(load_scenario(missing), root + "/m.toml:2: extends: the base scenario " + root +
                                                "/nope.toml does not exist");
  const auto bad = dir.write("n.toml", "extends = 3\n");
  CHECK_THROWS_WITH(load_scenario(bad),
                    root + "/n.toml:1: extends: expected a file name (a string), got an integer");
  CHECK_THROWS_WITH(load_scenario(root + "/none.toml"),
                    root + "/none.toml: cannot open the scenario file");
}

TEST_CASE("errors name the file, line and key and say what was expected", "[scenario][load]") {
  const std::string m(test::minimal);
  struct Case {
    std::string text;
    std::string message;
  };
  const std::vector<Case> cases = {
      // Unknown keys, with the closest valid key.
      {m + "servce_level = 0.8\n",
       "s.toml:5: targets.servce_level: unknown key; did you mean 'service_level'?"},
      {m + "[target]\nmax_asa = 20\n", "s.toml:5: target: unknown key; did you mean 'targets'?"},
      {m + "patience = \"2m\"\n",
       "s.toml:5: targets.patience: unknown key; did you mean 'assumptions.patience'? (it belongs "
       "in [assumptions])"},
      {m + "[cost]\nfoo = 1\n",
       "s.toml:6: cost.foo: unknown key (the keys of [cost]: per_agent_hour, currency)"},
      {"colour = 1\n" + m, "s.toml:1: colour: unknown key (the top-level keys and tables: extends"},
      {m + "[history]\n",
       "s.toml:5: not a valid TOML scenario file: Error while parsing table header: cannot "
       "redefine existing table 'history' (column 1)"},
      {"[history]\nfile = \"h.csv\"\ncolumns = { ofered = \"x\" }\n[targets]\nmax_asa = 2\n",
       "s.toml:3: history.columns.ofered: unknown field; did you mean 'offered'?"},
      {"[history]\nfile = \"h.csv\"\ncolumns = \"x\"\n[targets]\nmax_asa = 2\n",
       "s.toml:3: history.columns: expected a table of field = \"column\""},
      {"[history]\nfile = \"h.csv\"\ncolumns = { offered = 3 }\n[targets]\nmax_asa = 2\n",
       "s.toml:3: history.columns.offered: expected a column name (a string), got an integer"},
      // Wrong types.
      {"[history]\nfile = \"h.csv\"\n[targets]\nservice_level = \"high\"\n",
       "s.toml:4: targets.service_level: expected a fraction (0.8 or \"80%\"), got a string "
       "\"high\""},
      {m + "[cost]\nper_agent_hour = \"30\"\n",
       "s.toml:6: cost.per_agent_hour: expected a number, got a string \"30\""},
      {m + "[capacity]\nweeks = 52.5\n",
       "s.toml:6: capacity.weeks: expected a whole number, got a number 52.5"},
      {m + "[simulation]\ncheck = \"yes\"\n",
       "s.toml:6: simulation.check: expected true or false, got a string \"yes\""},
      {"targets = 3\n[history]\nfile = \"h.csv\"\n",
       "s.toml:1: targets: expected a table [targets], got an integer"},
      {"history = \"h.csv\"\n", "s.toml:1: history: expected a table [history], got a string"},
      {m + "[forecast]\nmethod = { a = 1 }\n",
       "s.toml:6: forecast.method: expected a string, got a table"},
      {m + "[history.queues]\n",
       "s.toml:5: history.queues: expected an array of queue names, "
       "got a table"},
      {"[history]\nfile = \"h.csv\"\nqueues = [\"a\", 2]\n[targets]\nmax_asa = 2\n",
       "s.toml:3: history.queues: expected an array of strings, got an integer in it"},
      {m + "[forecast]\nlevels = [80, \"95\"]\n",
       "s.toml:6: forecast.levels: expected an array of numbers, got a string in it"},
      // Bad durations, dates, hours and choices.
      {m + "[targets]\nthreshold = \"20 secs\"\n", "s.toml:5: not a valid TOML scenario file"},
      {"[history]\nfile = \"h.csv\"\n[targets]\nservice_level = 0.8\nthreshold = \"20 secs\"\n",
       "s.toml:5: targets.threshold: expected a duration such as \"20s\", \"2m\" or 90 (seconds), "
       "got a string \"20 secs\""},
      {m + "[assumptions]\npatience = -5\n",
       "s.toml:6: assumptions.patience: expected a duration >= 0, got -5"},
      {m + "[forecast]\nhorizon = \"36h\"\n",
       "s.toml:6: forecast.horizon: expected a whole number of days such as \"14d\", got a "
       "string \"36h\""},
      {m + "[forecast]\nhorizon = 14\n",
       "s.toml:6: forecast.horizon: expected a whole number of days such as \"14d\", got an "
       "integer 14"},
      {m + "[forecast]\nstart = \"2024-02-30\"\n",
       "s.toml:6: forecast.start: expected a date such as 2024-04-01, got \"2024-02-30\""},
      {m + "[forecast]\nstart = 2024-04-01T08:00:00\n",
       "s.toml:6: forecast.start: expected a date such as 2024-04-01, got a date-time"},
      {m + "[forecast]\nmethod = \"arima\"\n",
       "s.toml:6: forecast.method: expected one of auto, snaive, snaive-day, weekday-avg, "
       "top-down, regression, hw, snaive-year, got \"arima\""},
      {m + "[forecast]\noutliers = \"remove\"\n",
       "s.toml:6: forecast.outliers: expected \"off\" or \"downweight\", got \"remove\""},
      {m + "[hours]\nmonday = \"20:00-08:00\"\n",
       "s.toml:6: hours.monday: expected opening hours such as \"08:00-20:00\", or \"closed\" "
       "(open before close), got \"20:00-08:00\""},
      {m + "[hours]\ndefault = \"8-20\"\n",
       "s.toml:6: hours.default: expected opening hours such as \"08:00-20:00\""},
      {m + "[history]\n", "s.toml:5: not a valid TOML"},
      {"[history]\nfile = \"h.csv\"\ngaps = \"skip\"\n[targets]\nmax_asa = 2\n",
       "s.toml:3: history.gaps: expected \"allow\" or \"error\", got \"skip\""},
      {m + "[staffing]\nmethod = \"erlang-b\"\n",
       "s.toml:6: staffing.method: expected \"erlang-c\", \"erlang-a\" or \"sim\", got "
       "\"erlang-b\""},
      {m + "[staffing]\nplan_for = \"p80\"\n",
       "s.toml:6: staffing.plan_for: expected \"mean\" or \"upper-<level>\" such as "
       "\"upper-80\", got \"p80\""},
      {m + "[targets.sl_definition]\n",
       "s.toml:5: targets.sl_definition: expected a string, got a table"},
      {"[history]\nfile = \"h.csv\"\n[targets]\nservice_level = 0.8\nsl_definition = \"all\"\n",
       "s.toml:5: targets.sl_definition: expected \"offered\", \"answered\", "
       "\"offered-less-short-abandons\" or \"abandons-within-t-met\", got \"all\""},
      {m + "[simulation]\nseed = -1\n",
       "s.toml:6: simulation.seed: expected a whole number from 0 to 18446744073709551615, got "
       "-1"},
      {m + "[simulation]\nreplications = 0\n",
       "s.toml:6: simulation.replications: expected a whole number from 2 to 1000000, got 0"},
      {m + "[history]\nfile = \"\"\n", "s.toml:5: not a valid TOML"},
      {"[history]\nfile = \" \"\n[targets]\nmax_asa = 2\n",
       "s.toml:2: history.file: expected a file name, got an empty string"},
      // TOML syntax: toml++'s line and column.
      {"[targets\n", "s.toml:1: not a valid TOML scenario file: "},
      {"name = \"a\"\nname = \"b\"\n", "s.toml:2: not a valid TOML scenario file: "},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    CHECK_THROWS_WITH(parse(c.text), Catch::StartsWith(c.message));
  }
  CHECK_THROWS_WITH(parse("x = [\n"), Catch::Matches("s\\.toml:\\d+: not a valid TOML scenario "
                                                     "file: .*\\(column \\d+\\)"));
}

TEST_CASE("[queues.NAME]: a queue's channel, engine options and targets", "[scenario][load]") {
  const auto s = parse(R"([history]
file = "h.csv"
[targets]
service_level = 0.8
threshold = "20s"
max_abandon = 0.05
[assumptions]
patience = "2m"
[staffing]
method = "erlang-a"
[queues.chat]
channel = "chat"
aht_by_concurrency = ["3m", 210, "4m"]
patience = "5m"
[queues.chat.targets]
threshold = "1m"
[queues.sales]
lines = 40
redial_prob = "30%"
redial_delay = "10m"
forecast_cv = 0.1
[queues.sales.targets]
max_blocking = 0.02
)");
  REQUIRE(s.queues.size() == 2);
  const auto& chat = s.queues.at("chat");
  CHECK(chat.channel == Channel::chat);
  CHECK(chat.aht_by_concurrency_s == std::vector<double>{180, 210, 240});
  CHECK(chat.patience_s == 300);
  // A queue's targets start from [targets]: the threshold is its own, the rest inherited.
  CHECK(chat.targets.measure.threshold_s == 60);
  CHECK(chat.targets.service_level == 0.8);
  CHECK(chat.targets.max_abandon_rate == 0.05);
  const auto& sales = s.queues.at("sales");
  CHECK(sales.channel == Channel::voice);
  CHECK(sales.lines == 40);
  CHECK(sales.redial_prob == Approx(0.3));
  CHECK(sales.redial_delay_s == 600);
  CHECK(sales.forecast_cv == 0.1);
  CHECK(sales.targets.max_blocking == 0.02);
  CHECK(s.origins.at("queues.sales.targets.max_blocking").line == 23);

  // The engines: the queue's own, or [staffing]'s for the others.
  const auto e_chat = s.engine_spec("chat");
  CHECK(e_chat.model == "chat");
  CHECK(e_chat.patience_s == 300);
  CHECK(e_chat.aht_by_concurrency_s.size() == 3);
  const auto e_sales = s.engine_spec("sales");
  CHECK(e_sales.model == "erlang-x");
  CHECK(e_sales.lines == 40);
  CHECK(e_sales.patience_s == 120);  // assumptions.patience
  const auto e_other = s.engine_spec("support");
  CHECK(e_other.model.empty());
  CHECK(e_other.patience_s == 120);                     // erlang-a, as [staffing] says
  CHECK(s.engine_spec("chat", 90.0).patience_s == 90);  // a what-if's patience wins
  CHECK(&s.targets_for("support") == &s.targets);
  CHECK(s.targets_for("chat").measure.threshold_s == 60);
}

TEST_CASE("[queues.NAME]: email and blended queues", "[scenario][load]") {
  const auto s = parse(R"([history]
file = "h.csv"
[hours]
default = "08:00-20:00"
sunday = "closed"
[targets]
service_level = 0.8
[assumptions]
patience = "2m"
[staffing]
method = "erlang-a"
[queues.mail]
channel = "email"
within = "4h"
target = "90%"
[queues.tickets]
channel = "email"
within = "1d"
open = "09:00-17:00"
days = "mon-fri"
[queues.sales]
outbound_threshold = 2
outbound_aht = "10m"
[queues.sales.targets]
min_outbound = 20
)");
  const auto& mail = s.queues.at("mail");
  CHECK(mail.channel == Channel::email);
  CHECK(mail.within_s == 4 * 3600);
  CHECK(mail.target == Approx(0.9));
  CHECK(s.email_queue("mail") == &mail);
  CHECK(s.email_queue("sales") == nullptr);
  CHECK(s.email_queue("other") == nullptr);
  // Without open/days, an email queue works [hours].
  const auto mail_hours = s.email_hours(mail);
  CHECK(mail_hours.days[0].open_min == 8 * 60);
  CHECK(mail_hours.days[6].is_open() == false);
  const auto tickets = s.email_hours(s.queues.at("tickets"));
  CHECK(tickets.days[4].open_min == 9 * 60);   // Friday
  CHECK(tickets.days[4].close_min == 17 * 60);
  CHECK_FALSE(tickets.days[5].is_open());       // Saturday
  CHECK(s.queues.at("tickets").target == 1);    // default: every item within `within`
  const auto e = s.engine_spec("sales");
  CHECK(e.model == "blend");
  CHECK(e.outbound_threshold == 2);
  CHECK(e.outbound_aht_s == 600);
  CHECK(e.patience_s == 120);
  CHECK(s.targets_for("sales").min_outbound_per_hour == 20);
  // The simulation method staffs a blended queue with its outbound work.
  CHECK_NOTHROW(parse("[history]\nfile = \"h.csv\"\n[targets]\nservice_level = 0.8\n"
                      "[assumptions]\npatience = \"2m\"\n[staffing]\nmethod = \"sim\"\n"
                      "[queues.c]\noutbound_threshold = 2\n[queues.c.targets]\nmin_outbound = 5\n"));
}

TEST_CASE("[queues.NAME] errors name the key that set the value", "[scenario][load]") {
  const std::string base =
      "[history]\nfile = \"h.csv\"\n[targets]\nservice_level = 0.8\n[assumptions]\n"
      "patience = \"2m\"\n[staffing]\nmethod = \"erlang-a\"\n";  // 8 lines
  struct Case {
    std::string text;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"[queues.c]\nchanel = \"chat\"\n",
       "s.toml:10: queues.c.chanel: unknown key; did you mean 'channel'?"},
      {"[queues.c]\nchannel = \"mail\"\n",
       "s.toml:10: queues.c.channel: expected \"voice\", \"chat\" or \"email\", got \"mail\""},
      {"[queues.c]\nchannel = \"email\"\n",
       "s.toml:10: queues.c.channel: missing: an email queue needs `within`"},
      {"[queues.c]\nchannel = \"email\"\nwithin = \"4h\"\ntarget = 0\n",
       "s.toml:12: queues.c.target: expected a fraction in (0, 1], got 0"},
      {"[queues.c]\nchannel = \"email\"\nwithin = \"4h\"\npatience = \"1m\"\n",
       "s.toml:12: queues.c.patience: patience is not an email option"},
      {"[queues.c]\nchannel = \"email\"\nwithin = \"4h\"\n[queues.c.targets]\nmax_asa = 20\n",
       "s.toml:13: queues.c.targets.max_asa: an email queue's target is `target` (a fraction) "
       "within `within`"},
      {"[queues.c]\nchannel = \"email\"\nwithin = \"4h\"\nopen = \"closed\"\n",
       "s.toml:12: queues.c.open: an email queue needs at least one open day"},
      {"[queues.c]\nchannel = \"email\"\nwithin = \"4h\"\ndays = \"weekdays\"\n",
       "s.toml:12: queues.c.days: expected days such as \"mon-fri\""},
      {"[queues.c]\nwithin = \"4h\"\n",
       "s.toml:10: queues.c.within: within, target, open, days, closed and opening_backlog are "
       "email options"},
      {"[queues.c]\noutbound_threshold = 2\nlines = 3\n",
       "s.toml:10: queues.c.outbound_threshold: a queue is either blended with outbound work or "
       "an Erlang X queue"},
      {"[queues.c.targets]\nmin_outbound = 5\n",
       "s.toml:10: queues.c.targets.min_outbound: "},
      {"[queues.c]\nchannel = \"chat\"\n",
       "s.toml:10: queues.c.channel: chat needs concurrency (chats per agent) or "
       "aht_by_concurrency"},
      {"[queues.c]\nchannel = \"chat\"\nconcurrency = 3\naht_by_concurrency = [\"3m\", \"4m\"]\n",
       "s.toml:12: queues.c.aht_by_concurrency: expected 3 handle times (one per concurrency "
       "1..3), "
       "got 2"},
      {"[queues.c]\nchannel = \"chat\"\naht_by_concurrency = [\"3m\", \"0s\"]\n",
       "s.toml:11: queues.c.aht_by_concurrency: expected an array of durations"},
      {"[queues.c]\nchannel = \"chat\"\nconcurrency = 2\nlines = 4\n",
       "s.toml:10: queues.c.channel: lines, redials and forecast_cv are voice (Erlang X) options"},
      {"[queues.c]\nconcurrency = 2\n",
       "s.toml:10: queues.c.concurrency: concurrency and aht_by_concurrency are chat options"},
      {"[queues.c]\npatience = \"1m\"\n",
       "s.toml:10: queues.c.patience: a voice queue takes assumptions.patience"},
      {"[queues.c]\nredial_prob = 0.5\n", "s.toml:9: queues.c: redials need the mean delay"},
      {"[queues.c.targets]\nmax_blocking = 0.01\n",
       "s.toml:10: queues.c.targets.max_blocking: erlang-a does not block calls; use erlang-b, or "
       "erlang-x with lines"},
      {"[queues.c.targets]\nservice_level = 80\n",
       "s.toml:10: queues.c.targets.service_level: expected a service level target strictly "
       "between 0 and 1, got 80"},
      {"[queues.c.targets]\nthreshold = \"1m\"\n[simulation]\ncheck = true\n",
       "s.toml:10: queues.c.targets.threshold: the simulation measures every voice queue's "
       "service level as [targets] does"},
      {"[queues.\"a.b\"]\nchannel = \"chat\"\n",
       "s.toml:9: queues.a.b: a queue configured in [queues] cannot have '.' in its name"},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    CHECK_THROWS_WITH(parse(base + c.text), Catch::StartsWith(c.message));
  }
  // The simulation method staffs chat and Erlang X queues with their own callers (the pipeline's
  // staff_by_simulation), so a scenario may ask for it.
  std::string sim = base;
  sim.replace(sim.find("erlang-a"), 8, "sim");
  CHECK_NOTHROW(parse(sim + "[queues.c]\nchannel = \"chat\"\nconcurrency = 2\n"));
  CHECK_NOTHROW(parse(sim + "[queues.c]\nlines = 20\n"));
  CHECK_THROWS_WITH(parse(sim + "[queues.c]\nlines = 20\n[queues.c.targets]\nmax_blocking = 0.01\n"),
                    Catch::Contains("s.toml:12: queues.c.targets.max_blocking: staffing.method = "
                                    "\"sim\" staffs to service level"));
}

TEST_CASE("every scenario in scenarios/ loads and its files exist", "[scenario][load]") {
  const fs::path dir = fs::path(WFM_SOURCE_DIR) / "scenarios";
  int count = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() != ".toml") continue;
    INFO(entry.path());
    Scenario s;
    REQUIRE_NOTHROW(s = load_scenario(entry.path().string()));
    CHECK_NOTHROW(check_files(s));
    CHECK_FALSE(s.uses_demand());
    ++count;
  }
  CHECK(count >= 4);

  const auto sample = load_scenario((dir / "sample.toml").string());
  CHECK(sample.forecast.method == "auto");
  CHECK(sample.forecast.horizon_days == 7);
  CHECK(sample.staffing.method == StaffingMethod::erlang_a);
  CHECK(sample.targets.service_level == 0.8);
  CHECK(sample.targets.measure.threshold_s == 20);
  CHECK(sample.shrinkage.total() == Approx(0.32));
  CHECK(fs::path(sample.history.file).filename() == "history.csv");
  CHECK(sample.files.size() == 2);
  const auto premium = load_scenario((dir / "premium-90-20.toml").string());
  CHECK(premium.targets.service_level == 0.9);
  CHECK(premium.staffing.plan_for_upper == 80);
  CHECK(premium.files.size() == 3);
}
