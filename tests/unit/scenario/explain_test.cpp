// The effective scenario as TOML (with each key's file and line) and as JSON.
#include "wfm/scenario/explain.hpp"

#include <catch2/catch.hpp>

#include <chrono>
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

TEST_CASE("[queues.NAME] in the effective scenario: sections with their sources",
          "[scenario][explain]") {
  TempDir dir("explain_queues");
  const std::string root = dir.path.generic_string();
  const auto file = dir.write(
      "q.toml",
      "[history]\nfile = \"h.csv\"\n[targets]\nservice_level = 0.8\n[assumptions]\n"
      "patience = \"2m\"\n[staffing]\nmethod = \"erlang-a\"\n[queues.\"web chat\"]\n"
      "channel = \"chat\"\nconcurrency = 3\n[queues.\"web chat\".targets]\nthreshold = \"1m\"\n"
      "[queues.sales]\nlines = 40\n");
  const auto s = load_scenario(file);
  const std::string text = effective_toml(s);
  INFO(text);
  CHECK_THAT(text, Catch::Contains("\n[queues.\"web chat\"]\nchannel = \"chat\"  # " + file +
                                   ":10\nconcurrency = 3  # " + file + ":11\n"));
  CHECK_THAT(text, Catch::Contains("\n[queues.\"web chat\".targets]\n"));
  CHECK_THAT(text, Catch::Contains("threshold = \"60s\"  # " + file + ":13\n"));
  CHECK_THAT(text, Catch::Contains("\n[queues.sales]\nchannel = \"voice\"  # default\n"));
  CHECK_THAT(text, Catch::Contains("lines = 40  # " + file + ":15\n"));
  const auto again = parse_scenario(text, root + "/again.toml");
  REQUIRE(again.queues.size() == 2);
  CHECK(again.queues.at("web chat").concurrency == 3);
  CHECK(again.queues.at("web chat").targets.measure.threshold_s == 60);
  CHECK(again.queues.at("sales").lines == 40);
  const std::string json = effective_json(s);
  CHECK_THAT(json, Catch::Contains("\"queues.web chat.concurrency\": \"" + file + ":11\""));
  CHECK_THAT(json, Catch::Contains("\"queues.web chat.targets.threshold\": \"" + file + ":13\""));
}

TEST_CASE("email and blended queues in the effective scenario load back the same",
          "[scenario][explain]") {
  TempDir dir("explain_email");
  const std::string root = dir.path.generic_string();
  const auto file =
      dir.write("q.toml",
                "[history]\nfile = \"h.csv\"\n[targets]\nservice_level = 0.8\n[assumptions]\n"
                "patience = \"2m\"\n[staffing]\nmethod = \"erlang-a\"\n[queues.mail]\n"
                "channel = \"email\"\nwithin = \"4h\"\ntarget = 0.9\nopen = \"08:00-18:00\"\n"
                "days = \"mon-fri\"\nclosed = [\"2024-12-25\", 2024-12-26]\n"
                "opening_backlog = \"open.csv\"\n[queues.sales]\noutbound_threshold = "
                "2\noutbound_aht = \"10m\"\n"
                "[queues.sales.targets]\nmin_outbound = 20\n");
  const auto s = load_scenario(file);
  const std::string text = effective_toml(s);
  INFO(text);
  const auto again = parse_scenario(text, root + "/again.toml");
  const auto& mail = again.queues.at("mail");
  CHECK(mail.channel == Channel::email);
  CHECK(mail.within_s == 4 * 3600);
  CHECK(mail.target == 0.9);
  REQUIRE(mail.email_hours.has_value());
  CHECK(mail.email_hours->days[0].open_min == s.queues.at("mail").email_hours->days[0].open_min);
  CHECK_FALSE(mail.email_hours->days[5].is_open());
  REQUIRE(mail.closed_dates.size() == 2);
  CHECK(mail.closed_dates[1] == std::chrono::local_days{std::chrono::year{2024} / 12 / 26});
  CHECK(mail.closed_dates == s.queues.at("mail").closed_dates);
  CHECK(mail.opening_backlog == s.queues.at("mail").opening_backlog);
  CHECK(mail.opening_backlog == root + "/open.csv");
  const auto& sales = again.queues.at("sales");
  CHECK(sales.outbound_threshold == 2);
  CHECK(sales.outbound_aht_s == 600);
  CHECK(sales.targets.min_outbound_per_hour == 20);
}

TEST_CASE("targets.sim_confidence: read, inherited by queues, and in the effective scenario",
          "[scenario][explain]") {
  TempDir dir("explain_confidence");
  const std::string root = dir.path.generic_string();
  const auto file = dir.write(
      "c.toml",
      "[history]\nfile = \"h.csv\"\n[targets]\nservice_level = 0.8\nsim_confidence = 0.9\n"
      "[assumptions]\npatience = \"2m\"\n[staffing]\nmethod = \"sim\"\n[queues.sales]\n"
      "[queues.sales.targets]\nsim_confidence = 0.95\n[queues.care]\nlines = 40\n");
  const auto s = load_scenario(file);
  CHECK(s.targets.confidence == 0.9);
  CHECK(s.targets_for("sales").confidence == 0.95);
  CHECK(s.targets_for("care").confidence == 0.9);  // [targets]' value
  const std::string text = effective_toml(s);
  INFO(text);
  const auto again = parse_scenario(text, root + "/again.toml");
  CHECK(again.targets.confidence == 0.9);
  CHECK(again.targets_for("sales").confidence == 0.95);
  CHECK(again.targets_for("care").confidence == 0.9);
}
