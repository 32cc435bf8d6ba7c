// Rolling-origin evaluation (Tashman 2000, "Out-of-sample tests of forecasting accuracy", IJF
// 16(4)): fit on the history up to an origin, forecast the next horizon, score against what
// happened; repeat for several origins stepping back in time. Used by `wfm backtest`, by `auto` to
// choose a model, and to calibrate prediction intervals from genuine out-of-sample errors.
//
// Origins: the last one leaves `horizon_days` calendar days of history after it; each earlier one
// is `step_days` before the next. Origins whose training part has fewer days than the model needs
// are dropped. Only cells that are open and observed are scored (a missing day is not a zero).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "wfm/forecast/model.hpp"
#include "wfm/metrics/accuracy.hpp"

namespace wfm::forecast {

struct BacktestOptions {
  int origins = 4;
  int horizon_days = 14;
  int step_days = 7;
};

struct BacktestFold {
  Date origin{};             // last training day
  std::vector<Date> dates;   // forecast days present in the history
  Eigen::MatrixXd forecast;  // dates x slots
  Eigen::MatrixXd actual;    // dates x slots; NaN where closed or missing (not scored)
};

struct BacktestResult {
  std::string method;  // a model name, or "a+b" for a combination
  std::vector<BacktestFold> folds;
  metrics::Scores scores;
  double seconds = 0;  // fitting and forecasting, all folds
};

// The origins (last training day of each fold), oldest first; empty when the history is too short.
std::vector<Date> backtest_origins(const DayGrid& history, const BacktestOptions& options,
                                   int min_days);

// Backtests `model` from each of `origins` (backtest_origins; give every model of a comparison
// the same origins, computed with the largest min_days, so their folds line up).
BacktestResult backtest(const Forecaster& model, const DayGrid& history,
                        std::span<const Date> origins, const BacktestOptions& options,
                        std::optional<double> mase_scale);

// Scores of folds (every scored cell of every fold pooled).
metrics::Scores score_folds(std::span<const BacktestFold> folds, std::optional<double> mase_scale);

// The equal-weight mean of several results over the same folds (Bates & Granger 1969: a
// combination of forecasts is often better than each of them).
BacktestResult combine(std::span<const BacktestResult* const> members,
                       std::optional<double> mase_scale);

}  // namespace wfm::forecast
