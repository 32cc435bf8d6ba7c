// Comparing forecasting methods on a history: what `wfm backtest` computes, as a library call.
//
// Per queue the history is prepared as for forecasting (prepare.hpp: special days left out,
// outliers optionally down-weighted; the scored actuals are that same grid) and every method is
// backtested from the same origins (those with enough history for the most demanding method), so
// the rows compare like with like. A method is one model or an equal-weight combination ("a+b",
// backtest.hpp combine) scored on the same folds as its members. `auto` backtests every method as
// `wfm forecast --method auto` does (auto_select.hpp) and marks its choice. MASE is scaled by the
// in-sample error of the previous-day naive forecast on the history; coverage at each level is
// cross-validated over the folds (backtest_coverage.hpp). Queues run in table order, one after
// another (each result records its own fitting time). Tested in
// tests/unit/forecast/backtest_methods_test.cpp.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "wfm/core/error.hpp"
#include "wfm/core/series.hpp"
#include "wfm/forecast/backtest.hpp"
#include "wfm/forecast/backtest_coverage.hpp"
#include "wfm/forecast/special_days.hpp"
#include "wfm/io/table_writer.hpp"

namespace wfm::forecast {

struct MethodsOptions {
  // Each entry one model name or the members of a combination, in report order; empty: auto.
  std::vector<std::vector<std::string>> methods;
  BacktestOptions backtest;
  std::vector<double> levels{80, 95};  // coverage levels, percent (intervals.hpp check_levels)
  SpecialDays special;
  bool downweight_outliers = false;
};

struct MethodRow {
  BacktestResult result;  // result.method: the name, or "a+b"
  CoverageScores scores;  // pooled scores of the folds, coverage cross-validated
  bool chosen = false;    // auto's choice for the queue
};

struct QueueBacktest {
  std::string queue;
  std::optional<double> mase_scale;
  std::vector<Date> origins;  // the folds' origins (last training days), oldest first
  std::size_t outlier_days = 0;
  std::size_t excluded_special_days = 0;
  std::vector<MethodRow> rows;  // one per method (auto: every candidate, best first)
};

struct MethodsBacktest {
  bool automatic = false;
  std::vector<QueueBacktest> queues;  // in table order
  std::size_t poisson_folds = 0;      // folds whose coverage fell back to Poisson intervals
};

// Throws core::InputError for unknown method names (--method), bad levels, an empty history, and a
// history too short for one origin (naming the queue and what it needs).
MethodsBacktest backtest_methods(const core::IntervalTable& history, const MethodsOptions& options);

// The methods to compare as `wfm backtest --method` spells them: "auto" alone (returns an empty
// list: MethodsOptions::methods' auto), or a list of model names, "all" (every model) and a+b
// combinations; each method once, in the order given. Throws core::InputError at `where` for an
// empty list, an unknown name or "auto" mixed with others.
std::vector<std::vector<std::string>> parse_method_list(const std::vector<std::string>& items,
                                                        const core::Location& where);

// The backtest table (`wfm backtest --out`): queue, method, chosen (yes/no under auto, else
// empty), folds, first_origin, last_origin, n, mae, rmse, wape, smape, smape_skipped, mape,
// mape_skipped, bias, mase, coverage_<level> per level, seconds (fitting time); one row per queue
// and method, an undefined score empty.
void write_backtest_table(io::TableWriter& w, const MethodsBacktest& run,
                          const std::vector<double>& levels);

}  // namespace wfm::forecast
