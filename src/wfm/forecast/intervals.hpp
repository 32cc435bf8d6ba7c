// Prediction intervals, the same way for every model: from out-of-sample (backtest) errors.
//
// Call counts are more variable than Poisson and their spread grows with the level, so the error
// e = actual - forecast of a cell with forecast f is modelled with variance
//   var(f) = phi * f + kappa2 * f^2
// (a Poisson-like term plus a multiplicative day-level term, as in a negative-binomial /
// overdispersed Poisson model; fitted by least squares of e^2 on f and f^2 over the backtest
// cells, each coefficient kept >= 0). The standardised errors z = e / sqrt(var(f)) are then taken
// as they come: the bounds at level L are f + q_z((1-L)/2) sd and f + q_z((1+L)/2) sd, with q_z
// the empirical quantiles of z (so skewness and heavy tails are kept, and coverage is calibrated
// on genuine forecast errors; Hyndman & Athanasopoulos FPP3 sec. 5.5, "prediction intervals from
// bootstrapped residuals", here with out-of-sample errors). Bounds are floored at 0 calls and
// always contain the point forecast. With 10 to 49 backtest errors the variance is fitted the
// same way but their quantiles are too few to trust, so z is taken as standard normal: this is
// what a weekly file gets (one cell a week: 4 origins of 4 weeks give 16 errors), where the
// Poisson variance f would be far too small (weekly totals of 150,000 calls vary by thousands,
// not by sqrt(150,000) = 387). With fewer than 10 errors (history too short) the Poisson interval
// (var = f, normal quantiles) is used, and the result says so.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "wfm/core/forecast_table.hpp"
#include "wfm/forecast/backtest.hpp"

namespace wfm::forecast {

// Backtest errors needed to fit the variance (fewer: Poisson), and to take z's empirical
// quantiles (fewer: normal quantiles).
inline constexpr std::size_t min_errors_variance = 10;
inline constexpr std::size_t min_errors_quantiles = 50;

struct IntervalModel {
  std::string basis = "poisson";  // "backtest" or "poisson"
  std::size_t residuals = 0;      // backtest cells the calibration used
  double phi = 1;
  double kappa2 = 0;
  // Quantiles of z at probabilities 0.005, 0.010, ..., 0.995 (199 values, increasing).
  std::vector<double> z_quantiles;

  // Bounds at `level` percent (0 < level < 100) around forecast f >= 0.
  core::Bounds bounds(double f, double level) const;
};

IntervalModel calibrate_intervals(std::span<const BacktestFold> folds);

// InputError naming --level unless every level (percent) is in (0, 100) and they increase.
void check_levels(std::span<const double> levels);

}  // namespace wfm::forecast
