// forecast::backtest_methods (`wfm backtest`): every listed method backtested from the same
// origins per queue, combinations on the members' folds, auto marking its choice, coverage per
// level, and the input errors (too short a history, bad levels, no intervals).
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "forecast_fixtures.hpp"
#include "wfm/core/error.hpp"
#include "wfm/forecast/auto_select.hpp"
#include "wfm/forecast/backtest_methods.hpp"
#include "wfm/forecast/intervals.hpp"
#include "wfm/forecast/registry.hpp"

using namespace wfm;
using namespace wfm::forecast;
using namespace wfm::forecast::test;

namespace {

core::IntervalTable two_queues() {
  HistorySpec spec = contract_spec();
  core::IntervalTable t = make_table(spec);
  spec.seed = 11;
  t.queues.push_back(make_series(spec, "r"));
  return t;
}

std::string error_of(const core::IntervalTable& history, const MethodsOptions& o) {
  try {
    backtest_methods(history, o);
  } catch (const core::InputError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("backtest_methods: listed methods and a combination on common origins",
          "[forecast][backtest_methods]") {
  const auto history = two_queues();
  MethodsOptions o;
  o.methods = {{"snaive"}, {"weekday-avg"}, {"snaive", "weekday-avg"}};
  o.backtest.origins = 3;
  o.backtest.horizon_days = 7;
  o.backtest.step_days = 7;
  o.levels = {80};
  const auto run = backtest_methods(history, o);
  CHECK_FALSE(run.automatic);
  REQUIRE(run.queues.size() == 2);
  CHECK(run.queues[0].queue == "q");
  CHECK(run.queues[1].queue == "r");
  for (const auto& q : run.queues) {
    INFO(q.queue);
    REQUIRE(q.mase_scale);
    REQUIRE(q.origins.size() == 3);
    REQUIRE(q.rows.size() == 3);
    CHECK(q.rows[0].result.method == "snaive");
    CHECK(q.rows[1].result.method == "weekday-avg");
    CHECK(q.rows[2].result.method == "snaive+weekday-avg");
    for (const auto& r : q.rows) {
      CHECK_FALSE(r.chosen);
      REQUIRE(r.result.folds.size() == 3);
      for (std::size_t k = 0; k < 3; ++k) CHECK(r.result.folds[k].origin == q.origins[k]);
      CHECK(r.scores.scores.n > 0);
      CHECK(r.scores.scores.mase.has_value());
      CHECK(r.scores.has_coverage);
      REQUIRE(r.scores.scores.coverage.size() == 1);
    }
    // The combination is the mean of its members on the same cells.
    const auto& a = q.rows[0].result.folds[0].forecast;
    const auto& b = q.rows[1].result.folds[0].forecast;
    const auto& c = q.rows[2].result.folds[0].forecast;
    std::size_t compared = 0;
    for (Eigen::Index i = 0; i < c.rows(); ++i) {
      for (Eigen::Index j = 0; j < c.cols(); ++j) {
        if (!std::isfinite(a(i, j)) || !std::isfinite(b(i, j))) continue;
        CHECK(c(i, j) == Approx((a(i, j) + b(i, j)) / 2));
        ++compared;
      }
    }
    CHECK(compared > 0);
  }
}

TEST_CASE("backtest_methods: auto marks one choice per queue, the best first",
          "[forecast][backtest_methods]") {
  auto history = make_table(contract_spec());
  MethodsOptions o;  // no methods: auto
  o.backtest.origins = 2;
  o.backtest.horizon_days = 7;
  const auto run = backtest_methods(history, o);
  CHECK(run.automatic);
  REQUIRE(run.queues.size() == 1);
  const auto& q = run.queues[0];
  REQUIRE(q.rows.size() > method_names().size() - 1);
  std::size_t chosen = 0;
  for (const auto& r : q.rows) chosen += r.chosen ? 1 : 0;
  CHECK(chosen == 1);
  CHECK(q.rows.front().chosen);
  CHECK(q.origins.size() == 2);
  for (const auto& r : q.rows) {
    CHECK(selection_error(r.result.scores) >= selection_error(q.rows.front().result.scores));
  }
}

TEST_CASE("backtest_methods: input errors", "[forecast][backtest_methods]") {
  HistorySpec spec;
  spec.days = 12;
  const auto short_history = make_table(spec);
  MethodsOptions o;
  o.methods = {{"regression"}};
  o.backtest.horizon_days = 7;
  CHECK(error_of(short_history, o) ==
        "synthetic.csv: the history of queue 'q' is too short to backtest: the method needs at "
        "least 14 days before the last 7 days; use a shorter --horizon or other methods");
  o.methods = {{"regression"}, {"snaive"}};
  CHECK(error_of(short_history, o).find("the most demanding method needs at least 14 days") !=
        std::string::npos);
  o.methods = {{"snaive"}};
  o.levels = {95, 80};
  CHECK(error_of(short_history, o) == "--level: expected increasing levels, got 80 after 95");
  o.levels = {100};
  CHECK(error_of(short_history, o) ==
        "--level: expected levels between 0 and 100 (percent), got 100");
  o.levels = {80};
  core::IntervalTable empty;
  empty.source = "empty.csv";
  empty.interval_s = 900;
  CHECK(error_of(empty, o) == "empty.csv: the history has no intervals");
  o.methods = {{"nope"}};
  CHECK(error_of(short_history, o).rfind("--method: ", 0) == 0);
  CHECK_THROWS_AS(check_levels(std::vector<double>{0}), core::InputError);
}
