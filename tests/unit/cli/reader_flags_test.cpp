// The reader flags (--mapping, --delimiter, --decimal-comma, --time-format, --columns) on every
// command that reads interval files, and the same keys in a scenario: a European export
// (semicolons, decimal commas, day/month/year, its own column names) gives the same results as the
// plain CSV. The same flags under a prefix for the second file of a command: the staffing plan of
// simulate (--staffing-*), the forecast of accuracy and kpi (--forecast-*).
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "cli_test_support.hpp"

using namespace wfm::cli::test;

namespace {

const std::string kData = std::string(WFM_SOURCE_DIR) + "/data/";
const std::string kMapping = kData + "mappings/european_intervals.toml";
const std::string kEuropean = kData + "sample/history_european.csv";

// The first `rows` data rows of data/sample/history.csv (all of them when rows is 0).
std::string plain_sample(std::size_t rows) {
  std::ifstream in(kData + "sample/history.csv");
  std::string text, line;
  for (std::size_t n = 0; std::getline(in, line) && (rows == 0 || n <= rows); ++n) {
    text += line + "\n";
  }
  return text;
}

// The plain CSV as the European export writes it (the header of history_european.csv).
std::string to_european(const std::string& plain) {
  std::string out = "Datum/Uhrzeit;Warteschlange;Angeboten;AHT (s);Bearbeitet;Abgebrochen\n";
  std::istringstream in(plain);
  std::string line;
  std::getline(in, line);  // the header
  while (std::getline(in, line)) {
    // 2024-03-04T08:00 -> 04/03/2024 08:00
    out += line.substr(8, 2) + "/" + line.substr(5, 2) + "/" + line.substr(0, 4) + " " +
           line.substr(11, 5);
    for (char c : line.substr(16)) out += c == ',' ? ';' : c == '.' ? ',' : c;
    out += "\n";
  }
  return out;
}

const std::vector<std::string> kFlags = {
    "--delimiter",
    ";",
    "--decimal-comma",
    "--time-format",
    "%d/%m/%Y %H:%M",
    "--columns",
    "interval_start=Datum/Uhrzeit,queue=Warteschlange,offered=Angeboten,aht_s=AHT (s),"
    "handled=Bearbeitet,abandoned=Abgebrochen"};

std::vector<std::string> operator+(std::vector<std::string> a, const std::vector<std::string>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

}  // namespace

TEST_CASE("the European sample is the plain sample's first two days", "[cli][reader]") {
  CHECK(slurp(kEuropean) == to_european(plain_sample(288)));
}

TEST_CASE("wfm staff reads a European export as the plain CSV", "[cli][reader]") {
  TempDir dir("reader_staff");
  const auto plain = dir.file("plain.csv");
  write_file(plain, plain_sample(288));
  const std::vector<std::string> targets = {"--sl", "0.8", "--threshold", "20s"};
  const auto base = run_wfm(
      std::vector<std::string>{"staff", "--demand", plain, "--out", dir.file("a.csv")} + targets);
  INFO(base.err);
  REQUIRE(base.code == 0);
  const auto mapped = run_wfm(std::vector<std::string>{"staff", "--demand", kEuropean, "--mapping",
                                                       kMapping, "--out", dir.file("b.csv")} +
                              targets);
  INFO(mapped.err);
  REQUIRE(mapped.code == 0);
  const auto flagged =
      run_wfm(std::vector<std::string>{"staff", "--demand", kEuropean, "--out", dir.file("c.csv")} +
              kFlags + targets);
  INFO(flagged.err);
  REQUIRE(flagged.code == 0);
  CHECK(slurp(dir.file("a.csv")).size() > 1000);
  CHECK(slurp(dir.file("a.csv")) == slurp(dir.file("b.csv")));
  CHECK(slurp(dir.file("a.csv")) == slurp(dir.file("c.csv")));
  CHECK(slurp(dir.file("a_daily.csv")) == slurp(dir.file("b_daily.csv")));

  // Without the options the error names the option to give.
  const auto bare =
      run_wfm(std::vector<std::string>{"staff", "--demand", kEuropean, "--out", dir.file("d.csv")} +
              targets);
  CHECK(bare.code == 2);
  CHECK_THAT(bare.err, Catch::Matchers::Contains("is it \";\"? give --delimiter ';'"));
  const auto no_comma =
      run_wfm(std::vector<std::string>{"staff", "--demand", kEuropean, "--mapping", kMapping,
                                       "--decimal-comma", "--out", dir.file("d.csv")} +
              targets);
  CHECK(no_comma.code == 0);  // the flag agrees with the mapping
  CHECK(std::filesystem::exists(dir.file("d.csv")));
}

TEST_CASE("flags override the mapping file", "[cli][reader]") {
  TempDir dir("reader_override");
  const auto file = dir.file("pipe.csv");
  // The European sample with '|' instead of ';': the mapping's delimiter is overridden.
  std::string text = slurp(kEuropean);
  for (auto& c : text) c = c == ';' ? '|' : c;
  write_file(file, text);
  const auto r = run_wfm({"staff", "--demand", file, "--mapping", kMapping, "--delimiter", "|",
                          "--sl", "0.8", "--threshold", "20s", "--out", dir.file("p.csv")});
  INFO(r.err);
  CHECK(r.code == 0);
  // A bad mapping file names its line and key; a bad flag names the flag; nothing is written.
  const auto bad = dir.file("bad.toml");
  write_file(bad, "[format]\ndecimal_comma = 1\n");
  const auto m = run_wfm(
      {"staff", "--demand", file, "--mapping", bad, "--sl", "0.8", "--out", dir.file("q.csv")});
  CHECK(m.code == 2);
  CHECK_THAT(m.err, Catch::Matchers::Contains(
                        bad + ":2: column 'format.decimal_comma': expected true or false, got an "
                              "integer"));
  const auto f = run_wfm({"staff", "--demand", file, "--time-format", "%d/%m/%Y", "--sl", "0.8",
                          "--out", dir.file("q.csv")});
  CHECK(f.code == 2);
  CHECK_THAT(f.err, Catch::Matchers::Contains("--time-format: expected a format with a date and a "
                                              "time of day"));
  CHECK_FALSE(std::filesystem::exists(dir.file("q.csv")));
}

TEST_CASE("wfm simulate reads a European export as the plain CSV", "[cli][reader]") {
  TempDir dir("reader_simulate");
  const auto plain = dir.file("plain.csv");
  write_file(plain, plain_sample(288));
  const std::vector<std::string> run = {"--agents", "12", "--replications", "2", "--seed", "3"};
  const auto a = run_wfm(
      std::vector<std::string>{"simulate", "--demand", plain, "--out", dir.file("a.csv")} + run);
  INFO(a.err);
  REQUIRE(a.code == 0);
  const auto b = run_wfm(std::vector<std::string>{"simulate", "--demand", kEuropean, "--mapping",
                                                  kMapping, "--out", dir.file("b.csv")} +
                         run);
  INFO(b.err);
  REQUIRE(b.code == 0);
  CHECK(slurp(dir.file("a.csv")).size() > 1000);
  CHECK(slurp(dir.file("a.csv")) == slurp(dir.file("b.csv")));
}

TEST_CASE("wfm accuracy reads European actuals as the plain CSV", "[cli][reader]") {
  TempDir dir("reader_accuracy");
  const auto plain = dir.file("plain.csv");
  write_file(plain, plain_sample(288));
  // A forecast: the actuals' first day, each count plus one.
  std::string forecast = "interval_start,queue,calls\n";
  std::istringstream in(plain_sample(144));
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) {
    const auto c1 = line.find(','), c2 = line.find(',', c1 + 1), c3 = line.find(',', c2 + 1);
    forecast += line.substr(0, c2) + "," +
                std::to_string(std::stoi(line.substr(c2 + 1, c3 - c2 - 1)) + 1) + "\n";
  }
  const auto fc = dir.file("forecast.csv");
  write_file(fc, forecast);
  const auto a =
      run_wfm({"accuracy", "--forecast", fc, "--actuals", plain, "--out", dir.file("a.csv")});
  INFO(a.err);
  REQUIRE(a.code == 0);
  const auto b = run_wfm({"accuracy", "--forecast", fc, "--actuals", kEuropean, "--mapping",
                          kMapping, "--out", dir.file("b.csv")});
  INFO(b.err);
  REQUIRE(b.code == 0);
  const auto scores = read_csv(dir.file("a.csv"));
  REQUIRE(!scores.rows.empty());
  CHECK(scores.num(0, "bias") > 0);  // the forecast is one call high everywhere
  CHECK(slurp(dir.file("a.csv")) == slurp(dir.file("b.csv")));
}

TEST_CASE("a scenario's [history] reads a European export as the plain CSV", "[cli][reader]") {
  TempDir dir("reader_scenario");
  write_file(dir.file("plain.csv"), plain_sample(0));
  write_file(dir.file("eu.csv"), to_european(plain_sample(0)));
  const std::string base = std::string(WFM_SOURCE_DIR) + "/scenarios/base.toml";
  const std::string common =
      "[forecast]\nhorizon = \"1d\"\nstart = 2024-04-01\n[simulation]\ncheck = false\n";
  write_file(dir.file("plain.toml"),
             "extends = \"" + base + "\"\n[history]\nfile = \"plain.csv\"\n" + common);
  write_file(dir.file("eu.toml"), "extends = \"" + base +
                                      "\"\n[history]\nfile = \"eu.csv\"\nmapping = \"" + kMapping +
                                      "\"\n" + common);
  // The keys one by one instead of the mapping file.
  write_file(dir.file("keys.toml"),
             "extends = \"" + base +
                 "\"\n[history]\nfile = \"eu.csv\"\ndelimiter = \";\"\ndecimal_comma = true\n"
                 "time_format = \"%d/%m/%Y %H:%M\"\ncolumns = { interval_start = "
                 "\"Datum/Uhrzeit\", queue = \"Warteschlange\", offered = \"Angeboten\", aht_s = "
                 "\"AHT (s)\" }\n" +
                 common);
  for (const char* name : {"plain", "eu", "keys"}) {
    INFO(name);
    const auto r = run_wfm({"plan", dir.file(std::string(name) + ".toml"), "--out",
                            dir.file(std::string(name) + "_out")});
    INFO(r.err);
    REQUIRE(r.code == 0);
  }
  const auto staffing = [&](const char* name) {
    return slurp(dir.path / (std::string(name) + "_out") / "staffing.csv");
  };
  CHECK(staffing("plain").size() > 1000);
  CHECK(staffing("plain") == staffing("eu"));
  CHECK(staffing("plain") == staffing("keys"));
  CHECK(slurp(dir.path / "plain_out" / "forecast.csv") ==
        slurp(dir.path / "eu_out" / "forecast.csv"));

  // Bad keys: file and line of the key.
  write_file(dir.file("bad.toml"), "[history]\nfile = \"eu.csv\"\ndelimiter = \";;\"\n");
  auto r = run_wfm({"validate-scenario", dir.file("bad.toml")});
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Catch::Matchers::Contains(dir.file("bad.toml") +
                                              ":3: history.delimiter: expected one character"));
  write_file(dir.file("bad.toml"), "[history]\nfile = \"eu.csv\"\n\ntime_format = \"%H:%M\"\n");
  r = run_wfm({"validate-scenario", dir.file("bad.toml")});
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Catch::Matchers::Contains(dir.file("bad.toml") +
                                              ":4: history.time_format: expected a format with a "
                                              "date and a time of day"));
  write_file(dir.file("bad.toml"), "[history]\nfile = \"eu.csv\"\ndecimal_comma = \"yes\"\n");
  r = run_wfm({"validate-scenario", dir.file("bad.toml")});
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Catch::Matchers::Contains(dir.file("bad.toml") +
                                              ":3: history.decimal_comma: expected true or false"));
  write_file(dir.file("bad.toml"), "[history]\nfile = \"eu.csv\"\nmapping = \"none.toml\"\n");
  r = run_wfm({"validate-scenario", dir.file("bad.toml")});
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Catch::Matchers::Contains(dir.file("bad.toml") + ":3: history.mapping: the "
                                                                     "mapping file"));
}

namespace {

// A CSV wfm wrote (',' and '.', ISO times, no quoted fields) as a spreadsheet export writes it:
// ';', decimal commas, dd/mm/yyyy HH:MM, and the header's names renamed by `rename`.
std::string to_export(const std::string& csv, const std::map<std::string, std::string>& rename) {
  std::istringstream in(csv);
  std::string out, line;
  for (bool header = true; std::getline(in, line); header = false) {
    std::string row;
    std::size_t begin = 0;
    while (true) {
      const auto end = line.find(',', begin);
      std::string cell = line.substr(begin, end == std::string::npos ? end : end - begin);
      if (header) {
        if (const auto it = rename.find(cell); it != rename.end()) cell = it->second;
      } else if (cell.size() == 16 && cell[4] == '-' && cell[10] == 'T') {
        cell = cell.substr(8, 2) + "/" + cell.substr(5, 2) + "/" + cell.substr(0, 4) + " " +
               cell.substr(11, 5);
      } else {
        for (auto& c : cell) c = c == '.' ? ',' : c;
      }
      row += (begin == 0 ? "" : ";") + cell;
      if (end == std::string::npos) break;
      begin = end + 1;
    }
    out += row + "\n";
  }
  return out;
}

const std::map<std::string, std::string> kStaffingNames = {
    {"interval_start", "Beginn"}, {"queue", "Warteschlange"}, {"agents", "Agenten"}};
const std::string kStaffingMapping =
    "[format]\ndelimiter = \";\"\ndecimal_comma = true\ntime_format = \"%d/%m/%Y %H:%M\"\n"
    "[columns]\ninterval_start = \"Beginn\"\nqueue = \"Warteschlange\"\nagents = \"Agenten\"\n";

// The flags of a prefixed reader group that read to_export's output with `columns`.
std::vector<std::string> export_flags(const std::string& prefix, const std::string& columns) {
  return {"--" + prefix + "delimiter",
          ";",
          "--" + prefix + "decimal-comma",
          "--" + prefix + "time-format",
          "%d/%m/%Y %H:%M",
          "--" + prefix + "columns",
          columns};
}

}  // namespace

TEST_CASE("the export converter of these tests", "[cli][reader]") {
  CHECK(to_export("interval_start,queue,agents,sl\n2024-03-04T08:15,a,3,0.85\n", kStaffingNames) ==
        "Beginn;Warteschlange;Agenten;sl\n04/03/2024 08:15;a;3;0,85\n");
}

TEST_CASE("wfm simulate reads an exported staffing plan as the plain plan", "[cli][reader]") {
  TempDir dir("reader_simulate_staffing");
  const auto demand = dir.file("demand.csv");
  write_file(demand, plain_sample(288));
  const auto plan = dir.file("plan.csv");
  const auto staffed =
      run_wfm({"staff", "--demand", demand, "--sl", "0.8", "--threshold", "20s", "--out", plan});
  INFO(staffed.err);
  REQUIRE(staffed.code == 0);
  const auto exported = dir.file("plan_export.csv");
  write_file(exported, to_export(slurp(plan), kStaffingNames));
  CHECK(slurp(exported).find("0,") != std::string::npos);  // decimal commas in the plan's columns
  write_file(dir.file("staffing.toml"), kStaffingMapping);

  const std::vector<std::string> run = {"simulate", "--demand", demand, "--replications",
                                        "2",        "--seed",   "3"};
  const auto a =
      run_wfm(run + std::vector<std::string>{"--staffing", plan, "--out", dir.file("a.csv")});
  INFO(a.err);
  REQUIRE(a.code == 0);
  const auto b = run_wfm(
      run + std::vector<std::string>{"--staffing", exported, "--staffing-mapping",
                                     dir.file("staffing.toml"), "--out", dir.file("b.csv")});
  INFO(b.err);
  REQUIRE(b.code == 0);
  const auto c = run_wfm(
      run + std::vector<std::string>{"--staffing", exported, "--out", dir.file("c.csv")} +
      export_flags("staffing-", "interval_start=Beginn,queue=Warteschlange,agents=Agenten"));
  INFO(c.err);
  REQUIRE(c.code == 0);
  CHECK(slurp(dir.file("a.csv")).size() > 1000);
  CHECK(slurp(dir.file("a.csv")) == slurp(dir.file("b.csv")));
  CHECK(slurp(dir.file("a.csv")) == slurp(dir.file("c.csv")));

  // Without the options: the error names the option to give, and nothing is written.
  const auto bare =
      run_wfm(run + std::vector<std::string>{"--staffing", exported, "--out", dir.file("d.csv")});
  CHECK(bare.code == 2);
  CHECK_THAT(bare.err, Catch::Matchers::Contains(exported + ":1: missing column 'interval_start'"));
  CHECK_THAT(bare.err, Catch::Matchers::Contains("give --staffing-delimiter ';'"));
  // Decimal commas not declared: the hint names this file's flag.
  write_file(dir.file("no_comma.toml"),
             kStaffingMapping.substr(0, kStaffingMapping.find("decimal")) +
                 kStaffingMapping.substr(kStaffingMapping.find("time_format")));
  write_file(dir.file("comma.csv"), "Beginn;Warteschlange;Agenten\n04/03/2024 08:00;sales;12,0\n");
  const auto comma = run_wfm(
      run + std::vector<std::string>{"--staffing", dir.file("comma.csv"), "--staffing-mapping",
                                     dir.file("no_comma.toml"), "--out", dir.file("e.csv")});
  CHECK(comma.code == 2);
  CHECK_THAT(comma.err, Catch::Matchers::Contains("give --staffing-decimal-comma"));
  CHECK_FALSE(std::filesystem::exists(dir.file("e.csv")));
  // The demand's flags do not reach the plan; a field the plan does not have is named.
  const auto wrong =
      run_wfm(run + std::vector<std::string>{"--staffing", exported, "--staffing-columns",
                                             "offered=X", "--out", dir.file("d.csv")});
  CHECK(wrong.code == 2);
  CHECK_THAT(wrong.err,
             Catch::Matchers::Contains("unknown field 'offered' in the column mapping (fields: "
                                       "interval_start, queue, agents)"));
  const auto bad_flag =
      run_wfm(run + std::vector<std::string>{"--staffing", exported, "--staffing-delimiter", ";;",
                                             "--out", dir.file("d.csv")});
  CHECK(bad_flag.code == 2);
  CHECK_THAT(bad_flag.err,
             Catch::Matchers::Contains("--staffing-delimiter: expected one character"));
  CHECK_FALSE(std::filesystem::exists(dir.file("d.csv")));
}

TEST_CASE("wfm accuracy reads an exported forecast as the plain forecast", "[cli][reader]") {
  TempDir dir("reader_accuracy_forecast");
  const auto actuals = dir.file("actuals.csv");
  write_file(actuals, plain_sample(288));
  // A forecast of the first day with bounds: each count plus a half, bounds one call apart.
  std::string forecast = "interval_start,queue,calls,calls_lo_80,calls_hi_80\n";
  std::istringstream in(plain_sample(144));
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) {
    const auto c1 = line.find(','), c2 = line.find(',', c1 + 1), c3 = line.find(',', c2 + 1);
    const int calls = std::stoi(line.substr(c2 + 1, c3 - c2 - 1));
    forecast += line.substr(0, c2) + "," + std::to_string(calls) + ".5," + std::to_string(calls) +
                "," + std::to_string(calls + 1) + "\n";
  }
  const auto fc = dir.file("forecast.csv");
  write_file(fc, forecast);
  const auto exported = dir.file("forecast_export.csv");
  write_file(exported, to_export(forecast, {{"interval_start", "Beginn"}, {"calls", "Prognose"}}));
  write_file(dir.file("fc.toml"),
             "[format]\ndelimiter = \";\"\ndecimal_comma = true\ntime_format = \"%d/%m/%Y "
             "%H:%M\"\n[columns]\ninterval_start = \"Beginn\"\ncalls = \"Prognose\"\n");
  const auto a =
      run_wfm({"accuracy", "--forecast", fc, "--actuals", actuals, "--out", dir.file("a.csv")});
  INFO(a.err);
  REQUIRE(a.code == 0);
  const auto b = run_wfm({"accuracy", "--forecast", exported, "--forecast-mapping",
                          dir.file("fc.toml"), "--actuals", actuals, "--out", dir.file("b.csv")});
  INFO(b.err);
  REQUIRE(b.code == 0);
  // The actuals European too: each file with its own options.
  const auto c =
      run_wfm(std::vector<std::string>{"accuracy", "--forecast", exported, "--actuals", kEuropean,
                                       "--mapping", kMapping, "--out", dir.file("c.csv")} +
              export_flags("forecast-", "interval_start=Beginn,calls=Prognose"));
  INFO(c.err);
  REQUIRE(c.code == 0);
  const auto scores = read_csv(dir.file("a.csv"));
  REQUIRE(!scores.rows.empty());
  CHECK(scores.num(0, "bias") > 0);
  CHECK(slurp(dir.file("a.csv")) == slurp(dir.file("b.csv")));
  CHECK(slurp(dir.file("a.csv")) == slurp(dir.file("c.csv")));
  const auto bare = run_wfm({"accuracy", "--forecast", exported, "--actuals", actuals});
  CHECK(bare.code == 2);
  CHECK_THAT(bare.err, Catch::Matchers::Contains("give --forecast-delimiter ';'"));
}

TEST_CASE("wfm kpi reads an exported forecast as the plain forecast", "[cli][reader]") {
  TempDir dir("reader_kpi_forecast");
  const std::string contacts =
      "contact_id,queue,arrival,answer,end,outcome,talk_s\n"
      "1,sales,2024-03-04T08:01:00,2024-03-04T08:01:10,2024-03-04T08:04:10,answered,180\n"
      "2,sales,2024-03-04T08:05:00,,2024-03-04T08:05:40,abandoned,\n"
      "3,sales,2024-03-04T08:20:00,2024-03-04T08:20:30,2024-03-04T08:22:30,answered,120\n"
      "4,sales,2024-03-04T08:40:00,2024-03-04T08:40:05,2024-03-04T08:45:05,answered,300\n";
  write_file(dir.file("contacts.csv"), contacts);
  const std::string forecast =
      "interval_start,queue,calls\n2024-03-04T08:00,sales,1.5\n2024-03-04T08:15,sales,0.75\n"
      "2024-03-04T08:30,sales,1.25\n";
  const std::vector<std::string> common = {"kpi",  "--contacts", dir.file("contacts.csv"),
                                           "--by", "interval",   "--format",
                                           "csv"};
  // Both runs read the same path (the report names the forecast file): first the plain file,
  // then the export written over it.
  const auto fc = dir.file("forecast.csv");
  write_file(fc, forecast);
  const auto a = run_wfm(common + std::vector<std::string>{"--forecast", fc});
  INFO(a.err);
  REQUIRE(a.code == 0);
  CHECK_THAT(a.out, Catch::Matchers::Contains("forecast"));
  write_file(fc, to_export(forecast, {{"interval_start", "Beginn"}, {"calls", "Prognose"}}));
  CHECK(slurp(fc).find("0,75") != std::string::npos);
  const auto bare = run_wfm(common + std::vector<std::string>{"--forecast", fc});
  CHECK(bare.code == 2);
  CHECK_THAT(bare.err, Catch::Matchers::Contains("give --forecast-delimiter ';'"));
  const auto b = run_wfm(common + std::vector<std::string>{"--forecast", fc} +
                         export_flags("forecast-", "interval_start=Beginn,offered=Prognose"));
  INFO(b.err);
  REQUIRE(b.code == 0);
  CHECK(a.out == b.out);
}
