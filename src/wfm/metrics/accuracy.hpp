// Forecast accuracy: a streaming accumulator of (actual, forecast) pairs and the planner-facing
// scores it yields. Used by `wfm accuracy` and `wfm backtest`; definitions also in
// docs/accuracy.md.
//
// For pairs i = 1..n with actual a_i, forecast f_i and error e_i = f_i - a_i (all fractions, not
// percent; a metric that is undefined is std::nullopt, never NaN):
//   mae   = sum |e_i| / n
//   rmse  = sqrt(sum e_i^2 / n)
//   wape  = sum |e_i| / sum |a_i|                      undefined when sum |a_i| = 0
//   smape = mean of 2 |e_i| / (|a_i| + |f_i|) over pairs not both zero (a = f = 0 is skipped and
//           counted in smape_skipped)                   undefined when every pair is skipped
//   mape  = mean of |e_i| / |a_i| over pairs with a_i != 0 (zero actuals are skipped and counted
//           in mape_skipped)                             undefined when every actual is zero
//   bias  = sum e_i / sum a_i  (signed; > 0 over-forecast)  undefined when sum a_i = 0
//   mase  = mae / scale, scale = the in-sample MAE of a seasonal naive forecast (scale.hpp);
//           undefined without a scale or when the scale is 0 (Hyndman & Koehler 2006)
//   coverage[k] = share of pairs (given bounds) with lo_k <= a_i <= hi_k, per level k
// The accumulator keeps sums only (O(levels) memory), so any number of pairs can be streamed.
// Not thread-safe; merge() combines accumulators filled in parallel. Tested in
// tests/unit/metrics/accuracy_test.cpp against hand-computed values.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <vector>

#include "wfm/core/forecast_table.hpp"

namespace wfm::metrics {

struct Scores {
  std::size_t n = 0;  // pairs scored
  double sum_actual = 0;
  double sum_forecast = 0;
  std::optional<double> mae;
  std::optional<double> rmse;
  std::optional<double> wape;
  std::optional<double> smape;
  std::size_t smape_skipped = 0;  // pairs with actual = forecast = 0
  std::optional<double> mape;
  std::size_t mape_skipped = 0;  // pairs with actual = 0
  std::optional<double> bias;
  std::optional<double> mase;
  // One per level, in the order the bounds were given; over the coverage_n pairs given bounds.
  std::vector<std::optional<double>> coverage;
  std::size_t coverage_n = 0;
};

class Accumulator {
 public:
  // Adds one pair. `bounds` (one per level, may be empty) count toward coverage; every call with
  // bounds must give the same number of them (else core::InternalError), as must non-finite
  // values.
  void add(double actual, double forecast, std::span<const core::Bounds> bounds = {});

  // Adds everything `other` accumulated (same number of levels, or either has none).
  void merge(const Accumulator& other);

  // The scores so far; mase uses `mase_scale` (nullopt: mase is nullopt).
  Scores scores(std::optional<double> mase_scale) const;

  std::size_t size() const noexcept { return n_; }

 private:
  std::size_t n_ = 0;
  double sum_abs_error_ = 0;
  double sum_sq_error_ = 0;
  double sum_error_ = 0;
  double sum_actual_ = 0;
  double sum_abs_actual_ = 0;
  double sum_forecast_ = 0;
  double sum_smape_ = 0;
  std::size_t smape_n_ = 0;
  double sum_ape_ = 0;
  std::size_t mape_n_ = 0;
  std::vector<std::size_t> covered_;  // per level
  std::size_t coverage_n_ = 0;
};

}  // namespace wfm::metrics
