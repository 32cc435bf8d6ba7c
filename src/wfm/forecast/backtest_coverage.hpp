// Honest coverage of prediction intervals in a backtest: each fold's bounds come from intervals
// calibrated on the *other* folds (leave-one-fold-out, intervals.hpp), so no fold is scored by an
// interval fitted to its own errors. Used by `wfm backtest` and the `wfm forecast` report.
//
// Limits: folds of a rolling-origin backtest overlap in time when step < horizon, so the other
// folds' errors are not independent of the held-out fold's; and a fold whose calibration has too
// few errors (< 10 cells; intervals.hpp) falls back to the Poisson interval (counted in
// poisson_folds), one with 10 to 49 has normal rather than empirical quantiles. With fewer
// than two folds there is nothing to calibrate from and coverage is not reported.
// Tested in tests/unit/forecast/backtest_coverage_test.cpp.
#pragma once

#include <optional>
#include <span>

#include "wfm/forecast/backtest.hpp"

namespace wfm::forecast {

struct CoverageScores {
  metrics::Scores scores;         // every metric of score_folds, plus coverage per level
  bool has_coverage = false;      // false with fewer than two folds
  std::size_t poisson_folds = 0;  // folds whose bounds used the Poisson fallback
};

CoverageScores score_with_coverage(std::span<const BacktestFold> folds,
                                   std::span<const double> levels,
                                   std::optional<double> mase_scale);

}  // namespace wfm::forecast
