// `wfm synth` through wfm::cli::run: output loads back, bad flags exit 2 without writing, and the
// bundled data/sample/history.csv is what its documented command produces (data/README.md).
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "cli_test_support.hpp"
#include "wfm/io/interval_csv.hpp"

namespace fs = std::filesystem;
using namespace wfm::cli::test;

TEST_CASE("wfm synth writes a history that loads back without gaps", "[cli][synth]") {
  TempDir dir("synth");
  const auto out = (dir.path / "h.csv").string();
  const auto r = run_wfm({"synth", "--days", "9", "--interval", "30m", "--queues", "a,b", "--seed",
                          "7", "--sunday-hours", "10:00-16:00", "--out", out});
  REQUIRE(r.code == 0);
  CHECK(r.err ==
        "wfm synth: wrote 380 intervals (2 queues, 9 days from 2024-03-04, 30-minute intervals, "
        "seed 7) to " +
            out + "\n");
  wfm::io::IntervalCsvOptions options;
  options.gap_policy = wfm::io::GapPolicy::error;
  const auto table = wfm::io::load_interval_table(out, options);
  CHECK(table.interval_s == 1800);
  REQUIRE(table.queues.size() == 2);
  CHECK(table.queues[1].queue == "b");
  // 7 weekdays x 24 + 1 Saturday x 10 + 1 Sunday x 12 intervals per queue.
  CHECK(table.queues[0].intervals.size() == 190);

  // Same flags, same bytes; "-" writes to stdout.
  const auto again = run_wfm({"synth", "--days", "9", "--interval", "30m", "--queues", "a,b",
                              "--seed", "7", "--sunday-hours", "10:00-16:00", "--out", "-"});
  REQUIRE(again.code == 0);
  CHECK(again.out == slurp(out));
}

TEST_CASE("wfm synth rejects bad flags with exit code 2 and writes nothing", "[cli][synth]") {
  TempDir dir("synth");
  const auto out = (dir.path / "bad.csv").string();
  struct Case {
    std::vector<std::string> args;
    std::string message;
  };
  const std::vector<Case> cases = {
      {{"--interval", "7m"},
       "wfm: error: --interval: expected one of 5m, 10m, 15m, 30m, 60m, got \"7m\"\n"},
      {{"--weeks", "0"}, "wfm: error: --weeks: expected a whole number from 1 to 520, got \"0\"\n"},
      {{"--start", "2024-02-30"},
       "wfm: error: --start: expected a date like 2024-03-04, got \"2024-02-30\"\n"},
      {{"--scale", "-1"}, "wfm: error: --scale: expected a number > 0, got \"-1\"\n"},
      {{"--trend", "fast"}, "wfm: error: --trend: expected a number, got \"fast\"\n"},
      {{"--seed", "-3"},
       "wfm: error: --seed: expected a whole number from 0 to 18446744073709551615, got \"-3\"\n"},
      {{"--saturday-hours", "09:10-14:00"},
       "wfm: error: --saturday-hours: opening hours \"09:10-14:00\" are not on the 15-minute "
       "interval grid\n"},
      {{"--weekday-hours", "20:00-08:00"},
       "wfm: error: --weekday-hours: expected opening hours like 08:00-20:00 (open before close) "
       "or 'closed', got \"20:00-08:00\"\n"},
      {{"--weekday-hours", "closed", "--saturday-hours", "closed"},
       "wfm: error: --weekday-hours: every day is closed: nothing to generate\n"},
      {{"--queues", "a,a"}, "wfm: error: --queues: queue 'a' is listed twice\n"},
  };
  for (const auto& c : cases) {
    auto args = c.args;
    args.insert(args.begin(), "synth");
    args.push_back("--out");
    args.push_back(out);
    INFO(c.message);
    const auto r = run_wfm(args);
    CHECK(r.code == 2);
    CHECK(r.err == c.message);
    CHECK_FALSE(fs::exists(out));
  }
  const auto missing_dir = (dir.path / "nope" / "h.csv").string();
  const auto r = run_wfm({"synth", "--out", missing_dir});
  CHECK(r.code == 2);
  CHECK(r.err == "wfm: error: " + missing_dir + ": cannot create the file: directory '" +
                     (dir.path / "nope").string() + "' does not exist\n");
  CHECK(run_wfm({"synth"}).code == 2);  // --out is required
  CHECK(fs::is_empty(dir.path));        // no temporary files left behind
}

TEST_CASE("data/sample/history.csv is what data/README.md's command produces", "[cli][synth]") {
  const fs::path sample = fs::path(WFM_SOURCE_DIR) / "data" / "sample" / "history.csv";
  REQUIRE(fs::exists(sample));
  const auto r = run_wfm({"synth", "--start", "2024-03-04", "--weeks", "4", "--interval", "15m",
                          "--queues", "sales,support,billing", "--seed", "42", "--out", "-"});
  REQUIRE(r.code == 0);
  CHECK(r.out == slurp(sample));
}
