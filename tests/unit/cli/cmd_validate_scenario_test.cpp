// `wfm validate-scenario` through wfm::cli::run: the bundled scenarios pass with a summary,
// --explain and --json show where each setting came from, and every error exits 2 with the
// message naming file, line and key.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "cli_test_support.hpp"

using namespace wfm::cli::test;

namespace {

const std::string scenarios = std::string(WFM_SOURCE_DIR) + "/scenarios/";

}  // namespace

TEST_CASE("wfm validate-scenario accepts the bundled scenarios", "[cli][validate-scenario]") {
  for (const char* name : {"base.toml", "sample.toml", "premium-90-20.toml", "holiday-week.toml"}) {
    INFO(name);
    const auto r = run_wfm({"validate-scenario", scenarios + name});
    INFO(r.err);
    CHECK(r.code == 0);
    CHECK(r.err.empty());
    CHECK_THAT(r.out, Catch::StartsWith(scenarios + name + ": ok"));
  }
  const auto r = run_wfm({"validate-scenario", scenarios + "sample.toml"});
  CHECK_THAT(r.out, Catch::Contains("ok (extends " + scenarios + "base.toml)\n"));
  CHECK_THAT(r.out, Catch::Contains("  forecast     auto, 7 days from the day after the history"));
  CHECK_THAT(r.out, Catch::Contains("  hours        Mon-Fri 08:00-20:00, Sat 09:00-14:00, Sun "
                                    "closed\n"));
  CHECK_THAT(r.out, Catch::Contains("  targets      80% within 20s (offered), abandon <= 5%\n"));
  CHECK_THAT(r.out, Catch::Contains("  staffing     erlang-a, plan for the mean, shrinkage 32% "
                                    "(sum of categories)\n"));

  const auto explain = run_wfm({"validate-scenario", scenarios + "sample.toml", "--explain"});
  REQUIRE(explain.code == 0);
  CHECK_THAT(explain.out, Catch::Contains("horizon = \"7d\"  # " + scenarios + "sample.toml:9\n"));
  CHECK_THAT(explain.out, Catch::Contains("threshold = \"20s\"  # " + scenarios + "base.toml:"));

  const auto json = run_json({"validate-scenario", scenarios + "premium-90-20.toml"});
  CHECK(json["scenario"]["targets"]["service_level"] == 0.9);
  CHECK(json["sources"]["targets.service_level"] == scenarios + "premium-90-20.toml:9");
  CHECK(json["sources"]["forecast.method"] == scenarios + "sample.toml:8");
  CHECK(json["files"].size() == 3);
  CHECK(json["shrinkage_total"].get<double>() == Approx(0.32));
}

TEST_CASE("wfm validate-scenario: errors exit 2 with file, line and key",
          "[cli][validate-scenario]") {
  TempDir dir("validate_scenario");
  const std::string root = dir.path.string();
  write_file(dir.path / "h.csv", "interval_start,offered\n");
  struct Case {
    std::string text;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"[history]\nfile = \"h.csv\"\n[targets]\nservice_levle = 0.8\n",
       "s.toml:4: targets.service_levle: unknown key; did you mean 'service_level'?\n"},
      {"[history]\nfile = \"h.csv\"\n[targets]\nservice_level = \"x\"\n",
       "s.toml:4: targets.service_level: expected a fraction (0.8 or \"80%\"), got a string "
       "\"x\"\n"},
      {"[history]\nfile = \"missing.csv\"\n[targets]\nservice_level = 0.8\n",
       "s.toml:2: history.file: history file " + root + "/missing.csv does not exist\n"},
      {"[history]\nfile = \"h.csv\"\n", "s.toml: targets: missing: give at least one target"},
      {"[history\n", "s.toml:1: not a valid TOML scenario file: "},
      {"extends = \"s.toml\"\n", "s.toml:1: extends: extends cycle: "},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    write_file(dir.path / "s.toml", c.text);
    const auto r = run_wfm({"validate-scenario", dir.file("s.toml")});
    CHECK(r.code == 2);
    CHECK(r.out.empty());
    CHECK_THAT(r.err, Catch::StartsWith("wfm: error: " + root + "/" + c.message));
  }
  const auto missing = run_wfm({"validate-scenario", dir.file("none.toml")});
  CHECK(missing.code == 2);
  CHECK(missing.err == "wfm: error: " + root + "/none.toml: cannot open the scenario file\n");
  const auto usage = run_wfm({"validate-scenario"});
  CHECK(usage.code == 2);
  const auto both = run_wfm({"validate-scenario", scenarios + "base.toml", "--json", "--explain"});
  CHECK(both.code == 2);
}
