// `wfm erlang` through wfm::cli::run: solving and evaluating one interval with Erlang B, C and A,
// JSON output at full precision, shrinkage and fractional staffing, and every bad flag value
// exiting 2 with a message naming the flag. Also `wfm --version`, `wfm help staff`, `wfm bogus`.
#include <catch2/catch.hpp>

#include <cmath>
#include <regex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli_test_support.hpp"
#include "wfm/staffing/engine.hpp"
#include "wfm/staffing/erlang_b.hpp"
#include "wfm/staffing/erlang_c.hpp"
#include "wfm/staffing/solver.hpp"

using namespace wfm::cli::test;

namespace {

// The 10-Erlang interval used throughout: 100 calls in 30 minutes, AHT 180 s.
std::vector<std::string> ten_erlangs(std::vector<std::string> more) {
  std::vector<std::string> args = {"erlang", "--calls", "100", "--interval", "30m", "--aht", "180"};
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

wfm::staffing::IntervalLoad ten_erlang_load() {
  wfm::staffing::IntervalLoad load;
  load.calls = 100;
  load.interval_s = 1800;
  load.aht_s = 180;
  return load;
}

}  // namespace

TEST_CASE("wfm erlang solves 10 Erlangs at 80/20 with 14 agents (Erlang C)", "[cli][erlang]") {
  const auto text = run_wfm(ten_erlangs({"--sl", "0.8", "--threshold", "20"}));
  REQUIRE(text.code == 0);
  CHECK(text.err.empty());
  CHECK_THAT(text.out, Catch::Matchers::Contains("erlang-c"));
  CHECK(std::regex_search(text.out, std::regex(R"(required agents\s+14\n)")));
  CHECK(std::regex_search(text.out, std::regex(R"(meets targets\s+yes\n)")));

  const auto j = run_json(ten_erlangs({"--sl", "0.8", "--threshold", "20"}));
  for (const char* key : {"model", "calls", "interval_s", "aht_s", "offered_load_erlangs", "agents",
                          "scheduled_agents", "service_level", "p_wait", "asa_s", "occupancy",
                          "abandon_rate", "blocking", "stable"}) {
    INFO(key);
    CHECK(j.contains(key));
  }
  CHECK(j["model"] == "erlang-c");
  CHECK(j["calls"].get<double>() == 100);
  CHECK(j["interval_s"].get<double>() == 1800);
  CHECK(j["aht_s"].get<double>() == 180);
  CHECK(j["offered_load_erlangs"].get<double>() == 10);
  CHECK(j["agents"].get<double>() == 14);
  CHECK(j["scheduled_agents"].get<double>() == 14);
  CHECK(j["stable"] == true);
  CHECK(j["meets_targets"] == true);
  CHECK(j["abandon_rate"].get<double>() == 0);
  CHECK(j["blocking"].get<double>() == 0);

  // Full precision: the JSON numbers read back to exactly the solver's doubles...
  wfm::staffing::ServiceTargets targets;
  targets.service_level = 0.8;
  targets.measure.threshold_s = 20;
  const auto solved =
      wfm::staffing::solve(wfm::staffing::ErlangCEngine{}, ten_erlang_load(), targets);
  CHECK(j["service_level"].get<double>() == solved.service_level);
  CHECK(j["p_wait"].get<double>() == solved.p_wait);
  CHECK(j["asa_s"].get<double>() == solved.asa_s);
  CHECK(j["occupancy"].get<double>() == solved.occupancy);
  CHECK(j["mean_queue_length"].get<double>() == solved.mean_queue_length);
  // ... and agree with Erlang C's free function to rounding (exactness: see the [!mayfail] case).
  const auto c = wfm::staffing::erlang_c(14, 10, 180, 20);
  CHECK(j["service_level"].get<double>() == Approx(c.service_level).epsilon(1e-14));
  CHECK(j["p_wait"].get<double>() == Approx(c.p_wait).epsilon(1e-14));
  CHECK(j["asa_s"].get<double>() == Approx(c.asa_s).epsilon(1e-14));
  CHECK(j["occupancy"].get<double>() == c.occupancy);
  // Evaluating 14 agents prints erlang_c's doubles exactly.
  const auto e14 = run_json(ten_erlangs({"--agents", "14", "--threshold", "20"}));
  CHECK(e14["service_level"].get<double>() == c.service_level);
  CHECK(e14["p_wait"].get<double>() == c.p_wait);
  CHECK(e14["asa_s"].get<double>() == c.asa_s);
  CHECK(e14["occupancy"].get<double>() == c.occupancy);
  CHECK(e14["mean_queue_length"].get<double>() == c.mean_queue_length);
  // 14 is the fewest: 13 agents miss 80% within 20 s.
  CHECK(c.service_level >= 0.8);
  CHECK(wfm::staffing::erlang_c(13, 10, 180, 20).service_level < 0.8);

  // "80%" is 0.8; durations take units (--aht 3m is --aht 180, --threshold 20s is 20).
  CHECK(run_json(ten_erlangs({"--sl", "80%", "--threshold", "20"})) == j);
  CHECK(run_json({"erlang", "--calls", "100", "--interval", "1800", "--aht", "3m", "--sl", "0.8",
                  "--threshold", "20s"}) == j);
  CHECK(run_json({"erlang", "--calls", "100", "--interval", "0.5h", "--aht", "180s", "--sl", "0.8",
                  "--threshold", "0.5m"})["agents"] ==
        run_json(ten_erlangs({"--sl", "0.8", "--threshold", "30"}))["agents"]);
}

TEST_CASE("wfm erlang --model erlang-b finds the fewest lines for a blocking target",
          "[cli][erlang]") {
  const auto j = run_json(ten_erlangs({"--model", "erlang-b", "--max-blocking", "0.01"}));
  CHECK(j["model"] == "erlang-b");
  // Abstract Micro Systems, "Erlang Library for Excel - Function Reference",
  // ref-erlbnsrvfromblockage.htm: ErlbNsrvFromBlockage(0.01, 10) = 17.44497 servers (continuous),
  // so 18 whole lines (docs/references.md; checked in tests/unit/staffing/published_values_test).
  CHECK(j["agents"].get<double>() == 18);
  // Minimality against the library: B(17) > 1% >= B(18).
  CHECK(wfm::staffing::erlang_b(17, 10) > 0.01);
  CHECK(wfm::staffing::erlang_b(18, 10) <= 0.01);
  CHECK(j["blocking"].get<double>() == wfm::staffing::erlang_b(18, 10));
  CHECK(j["meets_targets"] == true);

  // A service level target makes no sense without a queue.
  const auto r = run_wfm(ten_erlangs({"--model", "erlang-b", "--sl", "0.8"}));
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Catch::Matchers::StartsWith("wfm: error: --sl: "));
}

TEST_CASE("wfm erlang uses Erlang A when --patience is given", "[cli][erlang]") {
  const auto j = run_json(ten_erlangs({"--sl", "0.8", "--patience", "2m"}));
  CHECK(j["model"] == "erlang-a");
  CHECK(j["patience_s"].get<double>() == 120);
  const wfm::staffing::ErlangAEngine engine(120);
  wfm::staffing::ServiceTargets targets;
  targets.service_level = 0.8;
  const auto expected = wfm::staffing::solve(engine, ten_erlang_load(), targets);
  CHECK(j["agents"].get<double>() == expected.agents);
  CHECK(j["service_level"].get<double>() == expected.service_level);
  CHECK(j["abandon_rate"].get<double>() == expected.abandon_rate);
  CHECK(j["abandon_rate"].get<double>() > 0);
  // Abandonment lowers the staffing need below Erlang C's 14 here.
  CHECK(j["agents"].get<double>() <= 14);

  // Explicit --model erlang-a is the same; with an abandonment target too.
  CHECK(run_json(ten_erlangs({"--sl", "0.8", "--patience", "120", "--model", "erlang-a"})) == j);
  const auto ja =
      run_json(ten_erlangs({"--sl", "0.8", "--patience", "2m", "--max-abandon", "0.02"}));
  CHECK(ja["abandon_rate"].get<double>() <= 0.02);
  CHECK(ja["agents"].get<double>() >= j["agents"].get<double>());
}

TEST_CASE("wfm erlang --model erlang-x and --model chat", "[cli][erlang]") {
  // Erlang X without lines and redials staffs as Erlang A.
  const auto a = run_json(ten_erlangs({"--sl", "0.8", "--patience", "2m"}));
  const auto x = run_json(ten_erlangs({"--sl", "0.8", "--patience", "2m", "--model", "erlang-x"}));
  CHECK(x["model"] == "erlang-x");
  CHECK(x["agents"] == a["agents"]);
  CHECK(x["virtual_service_level"].get<double>() >= x["service_level"].get<double>());
  // Lines, redials and forecast variance: blocking is reported and can be a target.
  const auto xl = run_json(ten_erlangs({"--sl", "0.8", "--patience", "2m", "--model", "erlang-x",
                                        "--lines", "20", "--redial-prob", "0.5", "--redial-delay",
                                        "5m", "--forecast-cv", "0.1", "--max-blocking", "1%"}));
  CHECK(xl["blocking"].get<double>() <= 0.01);
  CHECK(xl["meets_targets"] == true);
  CHECK(xl["agents"].get<double>() <= 20);
  // Chat: the AHT defaults to the first of --aht-by-concurrency.
  const auto c = run_wfm({"erlang", "--calls", "600", "--interval", "30m", "--model", "chat",
                          "--concurrency", "3", "--aht-by-concurrency", "3m,3.5m,4m", "--patience",
                          "5m", "--sl", "80%", "--threshold", "1m", "--json"});
  REQUIRE(c.code == 0);
  const auto cj = nlohmann::json::parse(c.out);
  CHECK(cj["model"] == "chat");
  CHECK(cj["aht_s"].get<double>() == 180);
  CHECK(cj["service_level"].get<double>() >= 0.8);
  // Errors name the flag and exit 2.
  const auto more = run_wfm(
      ten_erlangs({"--model", "erlang-x", "--lines", "5", "--agents", "8", "--patience", "1m"}));
  CHECK(more.code == 2);
  CHECK(more.err == "wfm: error: --agents: 8 agents need at least as many lines, got --lines 5\n");
  const auto wrong = run_wfm(ten_erlangs({"--sl", "0.8", "--lines", "5"}));
  CHECK(wrong.code == 2);
  CHECK(wrong.err.find("--lines: only erlang-x") != std::string::npos);
  const auto fewer = run_wfm({"erlang", "--calls", "60", "--model", "chat", "--patience", "5m",
                              "--aht-by-concurrency", "3m,7m", "--sl", "0.8"});
  CHECK(fewer.code == 2);
  CHECK(fewer.err.find("--aht-by-concurrency: an agent with 2 chats") != std::string::npos);
  CHECK(run_wfm(ten_erlangs({"--sl", "0.8", "--model", "erlang-x", "--patience", "2m",
                             "--redial-prob", "0.3"}))
            .err.find("--redial-delay: redials need") != std::string::npos);
}

TEST_CASE("wfm erlang rejects contradictory model flags", "[cli][erlang]") {
  struct Case {
    std::vector<std::string> args;
    std::string flag;
  };
  const std::vector<Case> cases = {
      {{"--sl", "0.8", "--model", "erlang-c", "--patience", "60s"}, "--patience"},
      {{"--sl", "0.8", "--model", "erlang-a"}, "--patience"},  // Erlang A needs a patience
      {{"--sl", "0.8", "--max-abandon", "0.05"}, "--max-abandon"},
      {{"--sl", "0.8", "--max-blocking", "0.01"}, "--max-blocking"},  // not Erlang B
  };
  for (const auto& c : cases) {
    const auto r = run_wfm(ten_erlangs(c.args));
    INFO(c.flag << ": " << r.err);
    CHECK(r.code == 2);
    CHECK(r.out.empty());
    CHECK_THAT(r.err, Catch::Matchers::StartsWith("wfm: error: " + c.flag + ": "));
  }
}

TEST_CASE("wfm erlang --agents evaluates; an unstable Erlang C is a result, not an error",
          "[cli][erlang]") {
  const auto j = run_json(ten_erlangs({"--agents", "9"}));
  CHECK(j["agents"].get<double>() == 9);
  CHECK(j["stable"] == false);
  CHECK(j["asa_s"].is_null());
  CHECK(j["service_level"].get<double>() == 0);
  CHECK(j["p_wait"].get<double>() == 1);

  const auto text = run_wfm(ten_erlangs({"--agents", "9"}));
  CHECK(text.code == 0);
  CHECK(std::regex_search(text.out, std::regex(R"(stable\s+NO)")));

  // Evaluating the solver's answer gives the solver's numbers.
  const auto j14 = run_json(ten_erlangs({"--agents", "14", "--threshold", "20"}));
  CHECK(j14["stable"] == true);
  CHECK(j14["service_level"].get<double>() ==
        wfm::staffing::erlang_c(14, 10, 180, 20).service_level);
  // With a target, meets_targets says whether the given agents meet it.
  CHECK(run_json(ten_erlangs({"--agents", "13", "--sl", "0.8"}))["meets_targets"] == false);
  CHECK(run_json(ten_erlangs({"--agents", "14", "--sl", "0.8"}))["meets_targets"] == true);
}

TEST_CASE("wfm erlang: every bad flag value exits 2 naming the flag", "[cli][erlang]") {
  struct Case {
    std::vector<std::string> args;
    std::string flag;
  };
  const std::vector<Case> cases = {
      {{"--calls", "-1", "--aht", "180", "--sl", "0.8"}, "--calls"},
      {{"--calls", "abc", "--aht", "180", "--sl", "0.8"}, "--calls"},
      {{"--calls", "nan", "--aht", "180", "--sl", "0.8"}, "--calls"},
      {{"--calls", "inf", "--aht", "180", "--sl", "0.8"}, "--calls"},
      {{"--calls", "100", "--aht", "0", "--sl", "0.8"}, "--aht"},
      {{"--calls", "100", "--aht", "abc", "--sl", "0.8"}, "--aht"},
      {{"--calls", "100", "--aht", "-5", "--sl", "0.8"}, "--aht"},
      {{"--calls", "100", "--aht", "180", "--interval", "0", "--sl", "0.8"}, "--interval"},
      {{"--calls", "100", "--aht", "180", "--interval", "10x", "--sl", "0.8"}, "--interval"},
      {{"--calls", "100", "--aht", "180", "--sl", "1.2"}, "--sl"},
      {{"--calls", "100", "--aht", "180", "--sl", "0"}, "--sl"},
      {{"--calls", "100", "--aht", "180", "--sl", "120%"}, "--sl"},
      {{"--calls", "100", "--aht", "180", "--sl", "high"}, "--sl"},
      {{"--calls", "100", "--aht", "180", "--sl", "0.8", "--threshold", "-3"}, "--threshold"},
      {{"--calls", "100", "--aht", "180", "--sl", "0.8", "--shrinkage", "1"}, "--shrinkage"},
      {{"--calls", "100", "--aht", "180", "--sl", "0.8", "--shrinkage", "-0.1"}, "--shrinkage"},
      {{"--calls", "100", "--aht", "180", "--sl", "0.8", "--model", "foo"}, "--model"},
      {{"--calls", "100", "--aht", "180", "--sl", "0.8", "--sl-definition", "bogus"},
       "--sl-definition"},
      {{"--calls", "100", "--aht", "180", "--sl", "0.8", "--patience", "0"}, "--patience"},
      {{"--calls", "100", "--aht", "180", "--sl", "0.8", "--min-agents", "-1"}, "--min-agents"},
      {{"--calls", "100", "--aht", "180", "--agents", "-1"}, "--agents"},
      {{"--calls", "100", "--aht", "180", "--max-occupancy", "1.5"}, "--max-occupancy"},
      {{"--aht", "180", "--sl", "0.8"}, "--calls"},  // missing --calls
      {{"--calls", "100", "--sl", "0.8"}, "--aht"},  // missing --aht
  };
  for (const auto& c : cases) {
    auto args = c.args;
    args.insert(args.begin(), "erlang");
    const auto r = run_wfm(args);
    INFO(c.flag << ": " << r.err);
    CHECK(r.code == 2);
    CHECK(r.out.empty());
    CHECK_THAT(r.err, Catch::Matchers::StartsWith("wfm: error: " + c.flag + ": "));
  }
  // Exact messages for a few.
  CHECK(run_wfm({"erlang", "--calls", "100", "--aht", "abc", "--sl", "0.8"}).err ==
        "wfm: error: --aht: expected a duration >= 0 such as 20, 20s, 1.5m or 1h, got \"abc\"\n");
  CHECK(
      run_wfm({"erlang", "--calls", "100", "--aht", "180", "--sl", "0.8", "--model", "foo"}).err ==
      "wfm: error: --model: expected erlang-b, erlang-c, erlang-a, erlang-x, chat or blend, got "
      "\"foo\"\n");

  // No target and no --agents: an error that lists the target flags.
  const auto none = run_wfm({"erlang", "--calls", "100", "--aht", "180"});
  CHECK(none.code == 2);
  CHECK_THAT(none.err, Catch::Matchers::Contains("--sl"));
  CHECK_THAT(none.err, Catch::Matchers::Contains("--max-asa"));

  // An unknown flag is a usage error.
  CHECK(run_wfm({"erlang", "--calls", "100", "--aht", "180", "--sl", "0.8", "--bogus"}).code == 2);
}

TEST_CASE("wfm erlang --shrinkage rounds scheduled agents up", "[cli][erlang]") {
  const auto j = run_json(ten_erlangs({"--sl", "0.8", "--shrinkage", "0.3"}));
  CHECK(j["agents"].get<double>() == 14);
  CHECK(j["shrinkage"].get<double>() == 0.3);
  CHECK(j["scheduled_agents"].get<double>() == 20);  // ceil(14 / 0.7) = 20, not 21
  CHECK(run_json(ten_erlangs({"--sl", "0.8", "--shrinkage", "30%"}))["scheduled_agents"] == 20);
  // 18 lines / 0.75 = 24 exactly; 14 / 0.8 = 17.5 -> 18.
  CHECK(run_json(ten_erlangs({"--model", "erlang-b", "--max-blocking", "0.01", "--shrinkage",
                              "0.25"}))["scheduled_agents"]
            .get<double>() == 24);
  CHECK(run_json(ten_erlangs({"--sl", "0.8", "--shrinkage", "0.2"}))["scheduled_agents"]
            .get<double>() == 18);
  for (const double shrinkage : {0.1, 0.15, 0.33, 0.5}) {
    const auto js =
        run_json(ten_erlangs({"--sl", "0.8", "--shrinkage", std::to_string(shrinkage)}));
    INFO(shrinkage);
    CHECK(js["scheduled_agents"].get<double>() == std::ceil(14 / (1 - shrinkage) - 1e-9));
  }
}

// --shrinkage documents "scheduled agents = ceil(agents / (1 - shrinkage))" and --fractional
// "scheduled agents are then not rounded either"; evaluating whole agents rounds up too.
TEST_CASE("wfm erlang --agents with --shrinkage rounds scheduled agents up", "[cli][erlang]") {
  const auto j = run_json(ten_erlangs({"--agents", "15", "--shrinkage", "0.3"}));
  CHECK(j["scheduled_agents"].get<double>() == 22);
}

TEST_CASE("wfm erlang --fractional meets the target with non-integer agents", "[cli][erlang]") {
  const auto j = run_json(ten_erlangs({"--sl", "0.8", "--threshold", "20", "--fractional"}));
  const double agents = j["agents"].get<double>();
  CHECK(agents != std::floor(agents));
  CHECK(agents > 13);
  CHECK(agents <= 14);
  CHECK(j["service_level"].get<double>() >= 0.8);
  CHECK(j["service_level"].get<double>() == Approx(0.8).margin(1e-6));
  // Scheduled agents are not rounded either.
  CHECK(j["scheduled_agents"].get<double>() == agents);
  const auto js = run_json(ten_erlangs({"--sl", "0.8", "--fractional", "--shrinkage", "0.3"}));
  CHECK(js["scheduled_agents"].get<double>() == Approx(agents / 0.7).epsilon(1e-12));
  CHECK(js["scheduled_agents"].get<double>() != std::ceil(agents / 0.7));
}

TEST_CASE("wfm --version, wfm help staff, wfm bogus", "[cli]") {
  const auto v = run_wfm({"--version"});
  CHECK(v.code == 0);
  CHECK(std::regex_match(v.out, std::regex(R"(wfm \d+\.\d+(\.\d+)?\S*\n)")));

  const auto h = run_wfm({"help", "staff"});
  CHECK(h.code == 0);
  CHECK_THAT(h.out, Catch::Matchers::Contains("--demand"));
  CHECK_THAT(h.out, Catch::Matchers::Contains("--out"));
  CHECK_THAT(h.out, Catch::Matchers::Contains("--shrinkage"));
  CHECK_THAT(h.out, Catch::Matchers::Contains("Staffing plan"));
  CHECK(h.out.find("--calls") == std::string::npos);  // erlang's flags are not staff's

  const auto b = run_wfm({"bogus"});
  CHECK(b.code == 2);
  CHECK_THAT(b.err, Catch::Matchers::StartsWith("wfm: error: "));
  CHECK_THAT(b.err, Catch::Matchers::Contains("bogus"));

  CHECK(run_wfm({"help", "bogus"}).code == 2);
}

TEST_CASE("wfm erlang --agents without targets: meets_targets is null, never true",
          "[cli][erlang]") {
  const auto unstable =
      run_json({"erlang", "--calls", "100", "--interval", "30m", "--aht", "180", "--agents", "5"});
  CHECK(unstable.at("stable") == false);
  CHECK(unstable.at("meets_targets").is_null());
  const auto stable =
      run_json({"erlang", "--calls", "100", "--interval", "30m", "--aht", "180", "--agents", "14"});
  CHECK(stable.at("meets_targets").is_null());
  // With a target, a bool as before.
  const auto judged = run_json({"erlang", "--calls", "100", "--interval", "30m", "--aht", "180",
                                "--agents", "5", "--sl", "0.8"});
  CHECK(judged.at("meets_targets") == false);
  const auto text =
      run_wfm({"erlang", "--calls", "100", "--interval", "30m", "--aht", "180", "--agents", "5"});
  CHECK(text.out.find("meets targets") == std::string::npos);
  CHECK(text.out.find("stable             NO") != std::string::npos);
}
