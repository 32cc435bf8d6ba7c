// Regression forecast: a linear model of the calls in each interval, fitted by ridge-regularised
// least squares (normal equations, Cholesky solve with Eigen).
//
// Model, for day i (weekday w, t_i days before the last history day, t <= 0) and slot c:
//   calls(i, c) = a_c + sum_j u_j(c) g_{w,j} + beta * t_i * r_{w,c} + error
// - a_c: one effect per time-of-day slot (the common intraday shape), unpenalised;
// - g_{w,.}: per weekday, a constant and K Fourier pairs cos/sin(2 pi k x_c), x_c the slot's
//   position in the day's span of slots: the weekday x time-of-day interaction as smooth
//   deviations from the common shape. This is the Fourier-term regression of Hyndman &
//   Athanasopoulos, "Forecasting: Principles and Practice" (3rd ed.), sec. 7.4 and 12.1
//   (tslm / dynamic harmonic regression with fourier(period = slots a day)), with the Fourier
//   terms interacted with weekday dummies instead of a second weekly Fourier series;
// - beta: a linear trend in days, proportional to each cell's level r_{w,c} (the cell's mean over
//   the grand mean), so a 2 % a month trend is 2 % in every interval. Over the horizon the trend
//   is damped: h days ahead it adds phi + phi^2 + ... + phi^h days' worth (phi = 0.98 a calendar
//   day: at most 49 days however far ahead), as damped-trend exponential smoothing does (FPP3
//   sec. 8.2), so it cannot run away.
// Days are weighted by recency (weight 2^(-age / half_life_days); 0 = unweighted), a discounted
// least squares in the sense of Brown (1963), so the fit follows the recent level.
// Robust fit: days unlike the rest (an outage, a marketing spike, a half-recorded day) would pull
// the least-squares fit, the slot effects and the trend towards them. After a first fit each day
// gets a Huber weight from its relative residual r = observed total / fitted total - 1 (over its
// observed cells): 1 while |r| <= k s, else k s / |r|, s = 1.4826 x the median |r| (the MAD);
// the fit is repeated with those weights, a few passes of iteratively reweighted least squares
// (Huber 1964, "Robust estimation of a location parameter", Ann. Math. Stat. 35; Holland &
// Welsch 1977, "Robust regression using iteratively reweighted least-squares"). Day-level,
// because contact-center anomalies are whole days. k = 1 (Huber's range is 1..2; 1.345 is the
// 95 %-efficiency constant) and 3 reweighting passes were chosen by the rolling-origin backtest
// auto uses (4 origins x 14 days, MASE), on training data only: fpp2 bank calls 0.634 -> 0.591
// (1.345: 0.597), Taylor electricity 0.564 -> 0.566 (1.345: 0.569). Neither discounted least
// squares (half-lives 4..52 weeks: 0.647..0.712 on fpp2), an exponentially smoothed level
// ratio (0.668..0.716 on fpp2), smoothing the slot effects nor more ridge did better there.
// The ridge penalty applies only to the g terms: lambda times each column's own weighted sum of
// squares. It makes the weekday constants identifiable (they are collinear with the slot effects)
// and shrinks weekday deviations towards the common shape where the data are thin.
//
// Missing cells and missing days are dropped from the fit (never zero). Special days (holidays,
// events) are excluded the same way: fit(history, special_days) drops every row of those dates,
// so they bias neither the shape nor the trend (the hook for the special-days file).
//
// Speed (about 4x a single fit with the robust passes, well under 0.1 s on fpp2): rows of one
// (weekday, slot) cell share every regressor but the trend, so the normal equations are accumulated
// from per-cell sums (weight, t, t^2, y, t*y) in O(cells * (2K+1)^2) instead of forming the rows x
// parameters design (26k x 300 on the fpp2 5-minute bench).
//
// Tested in tests/unit/forecast/regression_test.cpp.
#pragma once

#include <span>

#include "wfm/forecast/model.hpp"

namespace wfm::forecast {

struct RegressionOptions {
  int harmonics = 10;           // K Fourier pairs per weekday
  double ridge = 1e-3;          // lambda, relative to each penalised column's sum of squares
  double half_life_days = 0;    // recency weighting of history days; 0 = equal weights
  double trend_damping = 0.98;  // phi per calendar day of horizon; 1 = undamped
  bool trend = true;
  double robust_k = 1.0;      // Huber constant for the day weights; 0 = plain least squares
  int robust_iterations = 3;  // reweighted refits after the first fit
};

class Regression final : public Forecaster {
 public:
  Regression();
  explicit Regression(RegressionOptions options) : opt_(options) {}
  std::string name() const override { return "regression"; }
  int min_days() const override { return 14; }
  std::unique_ptr<FittedModel> fit(const DayGrid& history) const override;
  // Fit leaving out every row of the dates in `special_days` (sorted or not).
  std::unique_ptr<FittedModel> fit(const DayGrid& history,
                                   std::span<const Date> special_days) const;
  std::unique_ptr<FittedModel> restore(ModelState state) const override;

 private:
  RegressionOptions opt_;
};

}  // namespace wfm::forecast
