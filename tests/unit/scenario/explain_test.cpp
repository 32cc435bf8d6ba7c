// The effective scenario as TOML (with each key's file and line) and as JSON.
#include "wfm/scenario/explain.hpp"

#include <catch2/catch.hpp>

#include <sstream>
#include <string>

#include "scenario_test_support.hpp"
#include "wfm/scenario/load.hpp"

using namespace wfm::scenario;
using wfm::scenario::test::TempDir;

TEST_CASE("the effective scenario names each key's source", "[scenario][explain]") {
  TempDir dir("explain");
  const std::string root = dir.path.generic_string();
  dir.write("base.toml",
            "[history]\nfile = \"h.csv\"\n[targets]\nservice_level = 0.8\n"
            "[shrinkage]\nbreaks = 0.1\ntraining = 0.05\n");
  const auto top = dir.write("top.toml",
                             "extends = \"base.toml\"\n[targets]\nthreshold = \"30s\"\n"
                             "[hours]\nsunday = \"closed\"\n");
  const auto s = load_scenario(top);
  const std::string text = effective_toml(s);
  INFO(text);
  CHECK_THAT(text, Catch::Contains("service_level = 0.8  # " + root + "/base.toml:4\n"));
  CHECK_THAT(text, Catch::Contains("threshold = \"30s\"  # " + top + ":3\n"));
  CHECK_THAT(text, Catch::Contains("sl_definition = \"offered\"  # default\n"));
  CHECK_THAT(text, Catch::Contains("file = \"" + root + "/h.csv\"  # " + root + "/base.toml:2\n"));
  CHECK_THAT(text, Catch::Contains("sunday = \"closed\"  # " + top + ":5\n"));
  CHECK_THAT(text, Catch::Contains("monday = \"08:00-20:00\"  # default\n"));
  CHECK_THAT(text, Catch::Contains("# total shrinkage 0.15\n"));
  // The TOML is itself a valid scenario (the comments aside) with the same settings.
  const auto again = parse_scenario(text, root + "/again.toml");
  CHECK(again.targets.measure.threshold_s == 30);
  CHECK(again.shrinkage.total() == Approx(0.15));
  CHECK(again.history.file == s.history.file);
  CHECK(again.hours.has_value());

  const std::string json = effective_json(s);
  INFO(json);
  CHECK_THAT(json, Catch::Contains("\"targets.threshold\": \"" + top + ":3\""));
  CHECK_THAT(json, Catch::Contains("\"cost.currency\": \"default\""));
  CHECK_THAT(json, Catch::Contains("\"service_level\": 0.8"));
}
