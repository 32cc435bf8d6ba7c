// `wfm plan`, `wfm whatif` and `wfm capacity` end to end on the bundled sample scenario.
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <fmt/format.h>

#include "cli_test_support.hpp"

using namespace wfm::cli::test;

namespace {

std::string scenario(const std::string& name) {
  return std::string(WFM_SOURCE_DIR) + "/scenarios/" + name;
}

double column_sum(const Csv& csv, const std::string& name) {
  double s = 0;
  for (std::size_t r = 0; r < csv.rows.size(); ++r) s += csv.num(r, name);
  return s;
}

}  // namespace

TEST_CASE("wfm plan on the sample scenario writes every output, consistently", "[cli][plan]") {
  TempDir dir("plan");
  const auto r = run_wfm({"plan", scenario("sample.toml"), "--out", dir.file("out")});
  INFO(r.err);
  REQUIRE(r.code == 0);
  for (const char* f :
       {"forecast.csv", "staffing.csv", "simulation.csv", "summary.json", "report.html"}) {
    INFO(f);
    CHECK(std::filesystem::is_regular_file(dir.path / "out" / f));
  }
  const auto summary = nlohmann::json::parse(slurp(dir.path / "out" / "summary.json"));
  const auto staffing = read_csv(dir.path / "out" / "staffing.csv");
  const auto& overall = summary.at("overall");
  CHECK(overall.at("calls").get<double>() == Approx(column_sum(staffing, "calls")).epsilon(1e-9));
  CHECK(overall.at("scheduled_agent_hours").get<double>() ==
        Approx(column_sum(staffing, "scheduled_agents") * 0.25).epsilon(1e-9));
  CHECK(overall.at("required_agent_hours").get<double>() ==
        Approx(column_sum(staffing, "agents") * 0.25).epsilon(1e-9));
  CHECK(overall.at("intervals").get<std::size_t>() == staffing.rows.size());
  CHECK(summary.at("queues").size() == 3);
  CHECK(overall.contains("simulated_service_level"));
  // The forecast feeds the plan: forecast.csv holds at least the staffed intervals' calls.
  const auto forecast = read_csv(dir.path / "out" / "forecast.csv");
  CHECK(column_sum(forecast, "calls") >= column_sum(staffing, "calls") - 1e-6);
  const auto html = slurp(dir.path / "out" / "report.html");
  CHECK(html.find("<svg") != std::string::npos);
  CHECK(html.find("http://") == std::string::npos);
  CHECK(html.find("https://") == std::string::npos);
  // Reproducible: a second run gives the same summary, byte for byte.
  REQUIRE(run_wfm({"plan", scenario("sample.toml"), "--out", dir.file("again")}).code == 0);
  CHECK(slurp(dir.path / "out" / "summary.json") == slurp(dir.path / "again" / "summary.json"));
}

TEST_CASE("wfm plan --compare shows the changes against a previous plan", "[cli][plan]") {
  TempDir dir("plan_compare");
  REQUIRE(run_wfm({"plan", scenario("sample.toml"), "--out", dir.file("before")}).code == 0);
  const auto r = run_wfm({"plan", scenario("sample.toml"), "--out", dir.file("after"), "--compare",
                          dir.file("before")});
  INFO(r.err);
  REQUIRE(r.code == 0);
  const auto html = slurp(dir.path / "after" / "report.html");
  CHECK(html.find("id=\"headline\"") != std::string::npos);
  CHECK(html.find(">0.0 vs last plan<") != std::string::npos);  // the same plan: no change
  CHECK(html.find("Generated ") != std::string::npos);
  CHECK(html.find(" UTC by wfm ") != std::string::npos);
  // Bad --compare: exit 2 naming the file (and key), before any output is written.
  const auto missing = run_wfm(
      {"plan", scenario("sample.toml"), "--out", dir.file("x"), "--compare", dir.file("nowhere")});
  CHECK(missing.code == 2);
  CHECK_THAT(missing.err, Catch::Matchers::Contains("nowhere"));
  write_file(dir.path / "bad.json", "{\"overall\": {\"fte\": \"many\"}}\n");
  const auto bad = run_wfm(
      {"plan", scenario("sample.toml"), "--out", dir.file("x"), "--compare", dir.file("bad.json")});
  CHECK(bad.code == 2);
  CHECK_THAT(bad.err, Catch::Matchers::Contains(
                          "bad.json: key 'overall.fte': expected a number, got \"many\""));
  CHECK_FALSE(std::filesystem::exists(dir.path / "x"));
}

TEST_CASE("wfm plan: the sample's summary matches the golden figures", "[cli][plan]") {
  // Golden figures of the sample plan (tests/unit/cli/plan_sample_golden.json). Everything in the
  // plan is deterministic (seeded simulation, ordered sums), so the tolerance 1e-6 relative only
  // absorbs floating-point contraction differences between compilers over ~800 intervals; any
  // change of method shows. After an intended change, regenerate with WFM_UPDATE_GOLDEN=1 and
  // say why in the commit.
  TempDir dir("plan_golden");
  REQUIRE(run_wfm({"plan", scenario("sample.toml"), "--out", dir.file("out")}).code == 0);
  const auto summary = nlohmann::json::parse(slurp(dir.path / "out" / "summary.json"));
  nlohmann::json figures;
  for (const char* k : {"calls", "scheduled_agent_hours", "fte", "cost", "service_level", "asa_s",
                        "abandon_rate", "occupancy", "simulated_service_level"}) {
    figures["overall"][k] = summary.at("overall").at(k);
  }
  for (const auto& q : summary.at("queues")) {
    figures["forecast_method"][q.at("queue").get<std::string>()] = q.at("forecast_method");
  }
  const std::string golden_path =
      std::string(WFM_SOURCE_DIR) + "/tests/unit/cli/plan_sample_golden.json";
  if (std::getenv("WFM_UPDATE_GOLDEN")) {
    std::ofstream(golden_path) << figures.dump(2) << "\n";
  }
  const auto golden = nlohmann::json::parse(slurp(golden_path));
  for (const auto& [k, v] : golden.at("overall").items()) {
    INFO(k);
    CHECK(figures["overall"][k].get<double>() == Approx(v.get<double>()).epsilon(1e-6));
  }
  CHECK(figures["forecast_method"] == golden.at("forecast_method"));
}

TEST_CASE("wfm plan: a bad scenario is exit 2 with file and key, and writes nothing",
          "[cli][plan]") {
  TempDir dir("plan_bad");
  write_file(dir.file("bad.toml"),
             "extends = \"" + scenario("base.toml") + "\"\n[targets]\nservice_levl = 0.8\n");
  const auto r = run_wfm({"plan", dir.file("bad.toml"), "--out", dir.file("out")});
  CHECK(r.code == 2);
  CHECK(r.err.find("bad.toml:3") != std::string::npos);
  CHECK(r.err.find("service_levl") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir.path / "out" / "summary.json"));
  CHECK(run_wfm({"plan", dir.file("missing.toml")}).code == 2);
}

TEST_CASE("wfm plan: an output that would overwrite the scenario's demand file exits 2",
          "[cli][plan][paths]") {
  // Issue 12: a [demand] of ./forecast.csv with --out . was overwritten by the plan's forecast.
  TempDir dir("plan_paths");
  const std::string demand =
      "interval_start,offered,aht_s\n2024-03-04T08:00,10,300\n"
      "2024-03-04T08:15,12,300\n";
  write_file(dir.file("forecast.csv"), demand);
  write_file(dir.file("p.toml"),
             "name = \"p\"\n[demand]\nfile = \"forecast.csv\"\n"
             "[targets]\nservice_level = 0.8\n");
  const auto r = run_wfm({"plan", dir.file("p.toml"), "--out", dir.path.string()});
  INFO(r.err);
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Catch::Matchers::Contains("is the same file as the input demand.file"));
  CHECK(slurp(dir.path / "forecast.csv") == demand);
  CHECK_FALSE(std::filesystem::exists(dir.path / "summary.json"));
}

TEST_CASE("wfm whatif: grid, base row and deltas; FTE rises with volume", "[cli][whatif]") {
  TempDir dir("whatif");
  const auto r = run_wfm({"whatif", scenario("sample.toml"), "--vary", "volume=-10%,0,+10%",
                          "--vary", "sl=80/20,90/20", "--out", dir.file("out")});
  INFO(r.err);
  REQUIRE(r.code == 0);
  const auto csv = read_csv(dir.path / "out" / "whatif.csv");
  REQUIRE(csv.rows.size() == 7);  // base + 3 x 2
  CHECK(csv.text(0, "variant") == "base");
  // Rows 1..6: volume slowest. FTE rises with volume at each target, and with the target.
  for (std::size_t sl = 0; sl < 2; ++sl) {
    CHECK(csv.num(1 + sl, "fte") <= csv.num(3 + sl, "fte"));
    CHECK(csv.num(3 + sl, "fte") <= csv.num(5 + sl, "fte"));
  }
  for (std::size_t v = 0; v < 3; ++v) CHECK(csv.num(1 + 2 * v, "fte") <= csv.num(2 + 2 * v, "fte"));
  // volume=0 sl=80/20 is the scenario itself.
  CHECK(csv.num(3, "fte") == csv.num(0, "fte"));
  CHECK(csv.num(3, "delta_fte") == 0);
  CHECK(std::filesystem::is_regular_file(dir.path / "out" / "whatif.md"));
  const auto html = slurp(dir.path / "out" / "whatif.html");
  CHECK(html.find("volume=+10%") != std::string::npos);
  const auto bad =
      run_wfm({"whatif", scenario("sample.toml"), "--vary", "speed=+1", "--out", dir.file("bad")});
  CHECK(bad.code == 2);
  CHECK(bad.err.find("--vary") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir.path / "bad" / "whatif.csv"));
}

TEST_CASE("wfm capacity: weekly plan and totals", "[cli][capacity]") {
  TempDir dir("capacity");
  const auto r =
      run_wfm({"capacity", scenario("sample.toml"), "--weeks", "20", "--out", dir.file("cap.csv")});
  INFO(r.err);
  REQUIRE(r.code == 0);
  const auto csv = read_csv(dir.path / "cap.csv");
  REQUIRE(csv.rows.size() == 20);
  for (std::size_t w = 0; w < csv.rows.size(); ++w) {
    // Each week: end = start - attrition + graduates; gap = end - required.
    CHECK(
        csv.num(w, "productive_end") ==
        Approx(csv.num(w, "productive_start") - csv.num(w, "attrition") + csv.num(w, "graduates")));
    CHECK(csv.num(w, "gap") ==
          Approx(csv.num(w, "productive_end") - csv.num(w, "required_fte")).margin(1e-9));
    if (w > 0) CHECK(csv.num(w, "productive_start") == Approx(csv.num(w - 1, "productive_end")));
  }
  const auto j = run_json({"capacity", scenario("sample.toml"), "--weeks", "20"});
  CHECK(j.at("weeks").get<int>() == 20);
  CHECK(j.at("total_hires").get<double>() >= 0);
  CHECK(run_wfm({"capacity", scenario("sample.toml"), "--weeks", "0"}).code == 2);
}

TEST_CASE("wfm staff and wfm plan on the same demand and targets report the same totals",
          "[cli][plan][staff]") {
  // One pipeline, one definition: the same demand file, engine, targets and shrinkage give the
  // same agent-hours and FTE (37.5 paid hours per week) from both commands.
  TempDir dir("same_totals");
  const std::string history = std::string(WFM_SOURCE_DIR) + "/data/sample/history.csv";
  write_file(dir.file("s.toml"),
             "name = \"same\"\n[demand]\nfile = \"" + history +
                 "\"\n[targets]\nservice_level = 0.8\nthreshold = \"20s\"\n"
                 "[shrinkage]\ntotal = 0.3\n[staffing]\nmethod = \"erlang-c\"\n");
  const auto p = run_wfm({"plan", dir.file("s.toml"), "--out", dir.file("plan"), "--json"});
  INFO(p.err);
  REQUIRE(p.code == 0);
  const auto s = run_wfm({"staff", "--demand", history, "--sl", "0.8", "--threshold", "20s",
                          "--shrinkage", "0.3", "--out", dir.file("staff.csv")});
  INFO(s.err);
  REQUIRE(s.code == 0);
  const auto summary = nlohmann::json::parse(p.out);
  const auto daily = read_csv(dir.file("staff_daily.csv"));
  double required = 0, scheduled = 0;
  for (std::size_t r = 0; r < daily.rows.size(); ++r) {
    if (daily.text(r, "queue") != "*") continue;
    required += daily.num(r, "required_agent_hours");
    scheduled += daily.num(r, "scheduled_agent_hours");
  }
  const auto& overall = summary.at("overall");
  CHECK(overall.at("required_agent_hours").get<double>() == Approx(required).epsilon(1e-12));
  CHECK(overall.at("scheduled_agent_hours").get<double>() == Approx(scheduled).epsilon(1e-12));
  // The sample spans 27 calendar days (2024-03-04 to 2024-03-30): FTE = hours x 7 / 27 / 37.5.
  CHECK(overall.at("fte").get<double>() == Approx(scheduled * 7 / 27 / 37.5).epsilon(1e-12));
  CHECK_THAT(s.out,
             Catch::Matchers::Contains(fmt::format("{:>8.2f}", overall.at("fte").get<double>())));
  // And the two staffing files agree row for row.
  const auto a = read_csv(dir.path / "plan" / "staffing.csv");
  const auto b = read_csv(dir.file("staff.csv"));
  REQUIRE(a.header == b.header);
  REQUIRE(a.rows == b.rows);
}

TEST_CASE("wfm plan with one unnamed queue shows no blank queue name", "[cli][plan]") {
  TempDir dir("plan_unnamed");
  // The sample history without its queue column, one queue's rows only.
  std::istringstream in(slurp(std::string(WFM_SOURCE_DIR) + "/data/sample/history.csv"));
  std::string line, text;
  std::getline(in, line);
  const auto drop_queue = [](const std::string& l) {
    const auto a = l.find(','), b = l.find(',', a + 1);
    return l.substr(0, a) + l.substr(b);
  };
  text = drop_queue(line) + "\n";
  while (std::getline(in, line)) {
    if (line.find(",sales,") != std::string::npos) text += drop_queue(line) + "\n";
  }
  write_file(dir.path / "h.csv", text);
  write_file(dir.path / "s.toml",
             "name = \"u\"\n[history]\nfile = \"h.csv\"\n[targets]\nservice_level = 0.8\n");
  const auto r = run_wfm({"plan", dir.file("s.toml"), "--out", dir.file("out"), "--no-simulation"});
  INFO(r.err);
  REQUIRE(r.code == 0);
  CHECK(r.out.find("forecast method ") != std::string::npos);
  std::istringstream lines(r.out);
  for (std::string l; std::getline(lines, l);) {
    CHECK(l.rfind("forecast  ", 0) != 0);  // "forecast" followed by a blank name
  }
}
