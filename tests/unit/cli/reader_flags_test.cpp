// The reader flags (--mapping, --delimiter, --decimal-comma, --time-format, --columns) on every
// command that reads interval files, and the same keys in a scenario: a European export
// (semicolons, decimal commas, day/month/year, its own column names) gives the same results as the
// plain CSV.
#include <fstream>
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
