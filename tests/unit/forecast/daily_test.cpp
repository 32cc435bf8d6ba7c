// A daily file (dates without times, one row a day) forecast as days: the fpp2 bank calls
// (../shared/data/fpp2_calls_daily.csv, `date,weekday,calls`, weekdays only) load as a one-day
// interval history, and a rolling-origin backtest of the models that `auto` ranks puts the chosen
// one ahead of the seasonal naive benchmark (same weekday last week: weekly seasonality of 7 days),
// on the same folds. Also: a date alone in a file of shorter intervals, and a weekly file, are
// errors.
#include <catch2/catch.hpp>

#include "support/shared_data.hpp"

#include <filesystem>
#include <sstream>

#include "wfm/forecast/backtest_methods.hpp"
#include "wfm/io/interval_csv.hpp"

using wfm::core::format_local_time;

TEST_CASE("a daily file loads as a one-day interval history", "[forecast][daily]") {
  std::istringstream in(
      "date,weekday,calls\n2024-03-04,Monday,100\n2024-03-05,Tuesday,90\n"
      "2024-03-07,Thursday,80\n");
  const auto t = wfm::io::load_interval_table(in, "d.csv");
  CHECK(t.interval_s == 86400);
  CHECK(t.ignored_columns == std::vector<std::string>{"weekday"});
  REQUIRE(t.queues.size() == 1);
  REQUIRE(t.queues[0].intervals.size() == 3);
  CHECK(format_local_time(t.queues[0].intervals[0].start) == "2024-03-04T00:00");
  CHECK(t.queues[0].intervals[2].offered == 80);

  // A date alone in a file of shorter intervals is an error, not midnight.
  std::istringstream mixed(
      "interval_start,offered\n2024-03-04T08:00,1\n2024-03-04T08:30,1\n2024-03-05,3\n");
  CHECK_THROWS_WITH(wfm::io::load_interval_table(mixed, "m.csv"),
                    "m.csv:4: column 'interval_start': a date without a time is a whole day, but "
                    "the file's interval length is 1800 s (give every row a time, or make every "
                    "row a date: a daily file)");
  // Dates 7 days apart (a weekly file) are not an interval length wfm infers.
  std::istringstream weekly("date,calls\n2024-03-04,700\n2024-03-11,650\n");
  CHECK_THROWS_WITH(wfm::io::load_interval_table(weekly, "w.csv"),
                    Catch::Matchers::Contains("the step of 604800 s from line 2 to this line is "
                                              "not an interval length wfm infers"));
}

TEST_CASE("fpp2 daily calls: the chosen model beats seasonal naive in a backtest",
          "[forecast][daily][data]") {
  const auto path = std::filesystem::path(WFM_SHARED_DATA_DIR) / "fpp2_calls_daily.csv";
  if (!wfm::test::shared_data_present(path)) return;
  const auto history = wfm::io::load_interval_table(path.string());
  REQUIRE(history.interval_s == 86400);
  REQUIRE(history.queues.size() == 1);
  CHECK(history.queues[0].intervals.size() == 164);

  wfm::forecast::MethodsOptions o;  // auto: every model and the combinations
  o.backtest.origins = 8;
  o.backtest.horizon_days = 14;
  const auto run = wfm::forecast::backtest_methods(history, o);
  REQUIRE(run.queues.size() == 1);
  const auto& rows = run.queues[0].rows;
  const wfm::forecast::MethodRow* chosen = nullptr;
  const wfm::forecast::MethodRow* snaive = nullptr;
  for (const auto& r : rows) {
    if (r.chosen) chosen = &r;
    if (r.result.method == "snaive") snaive = &r;
  }
  REQUIRE(chosen != nullptr);
  REQUIRE(snaive != nullptr);
  REQUIRE(chosen->scores.scores.mase);
  REQUIRE(snaive->scores.scores.mase);
  // Same folds, same scale: the chosen model's error is below the weekly naive benchmark's.
  CHECK(*chosen->scores.scores.mase < *snaive->scores.scores.mase);
  CHECK(*chosen->scores.scores.wape < *snaive->scores.scores.wape);
  // Daily totals of about 30,000 calls: a sensible model is within 10% (WAPE).
  CHECK(*chosen->scores.scores.wape < 0.10);
  // With 8 origins the intervals are calibrated on backtest errors, not Poisson: the 80%
  // interval covers between half and all of the held-out days.
  REQUIRE(chosen->scores.has_coverage);
  REQUIRE(chosen->scores.scores.coverage.at(0));
  CHECK(*chosen->scores.scores.coverage[0] > 0.5);
  CHECK(chosen->scores.poisson_folds == 0);
  INFO("chosen " << chosen->result.method << " MASE " << *chosen->scores.scores.mase << ", snaive "
                 << *snaive->scores.scores.mase);
}
