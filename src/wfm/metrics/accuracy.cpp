#include "wfm/metrics/accuracy.hpp"

#include <cmath>

#include "wfm/core/error.hpp"

namespace wfm::metrics {

void Accumulator::add(double actual, double forecast, std::span<const core::Bounds> bounds) {
  WFM_ENSURE(std::isfinite(actual) && std::isfinite(forecast),
             "accuracy pair is not finite: actual {}, forecast {}", actual, forecast);
  const double error = forecast - actual;
  const double abs_error = std::abs(error);
  ++n_;
  sum_abs_error_ += abs_error;
  sum_sq_error_ += error * error;
  sum_error_ += error;
  sum_actual_ += actual;
  sum_abs_actual_ += std::abs(actual);
  sum_forecast_ += forecast;
  const double denominator = std::abs(actual) + std::abs(forecast);
  if (denominator > 0) {
    sum_smape_ += 2 * abs_error / denominator;
    ++smape_n_;
  }
  if (actual != 0) {
    sum_ape_ += abs_error / std::abs(actual);
    ++mape_n_;
  }
  if (!bounds.empty()) {
    if (covered_.empty() && coverage_n_ == 0) covered_.assign(bounds.size(), 0);
    WFM_ENSURE(bounds.size() == covered_.size(), "accuracy pair has {} bounds, earlier pairs {}",
               bounds.size(), covered_.size());
    ++coverage_n_;
    for (std::size_t k = 0; k < bounds.size(); ++k) {
      if (bounds[k].lo <= actual && actual <= bounds[k].hi) ++covered_[k];
    }
  }
}

void Accumulator::merge(const Accumulator& other) {
  n_ += other.n_;
  sum_abs_error_ += other.sum_abs_error_;
  sum_sq_error_ += other.sum_sq_error_;
  sum_error_ += other.sum_error_;
  sum_actual_ += other.sum_actual_;
  sum_abs_actual_ += other.sum_abs_actual_;
  sum_forecast_ += other.sum_forecast_;
  sum_smape_ += other.sum_smape_;
  smape_n_ += other.smape_n_;
  sum_ape_ += other.sum_ape_;
  mape_n_ += other.mape_n_;
  if (other.coverage_n_ > 0) {
    if (coverage_n_ == 0) covered_.assign(other.covered_.size(), 0);
    WFM_ENSURE(covered_.size() == other.covered_.size(), "merging accuracy with {} and {} levels",
               covered_.size(), other.covered_.size());
    for (std::size_t k = 0; k < covered_.size(); ++k) covered_[k] += other.covered_[k];
    coverage_n_ += other.coverage_n_;
  }
}

Scores Accumulator::scores(std::optional<double> mase_scale) const {
  Scores s;
  s.n = n_;
  s.sum_actual = sum_actual_;
  s.sum_forecast = sum_forecast_;
  s.smape_skipped = n_ - smape_n_;
  s.mape_skipped = n_ - mape_n_;
  s.coverage_n = coverage_n_;
  s.coverage.resize(covered_.size());
  if (n_ == 0) return s;
  const double n = static_cast<double>(n_);
  s.mae = sum_abs_error_ / n;
  s.rmse = std::sqrt(sum_sq_error_ / n);
  if (sum_abs_actual_ > 0) s.wape = sum_abs_error_ / sum_abs_actual_;
  if (smape_n_ > 0) s.smape = sum_smape_ / static_cast<double>(smape_n_);
  if (mape_n_ > 0) s.mape = sum_ape_ / static_cast<double>(mape_n_);
  if (sum_actual_ != 0) s.bias = sum_error_ / sum_actual_;
  if (mase_scale && *mase_scale > 0 && std::isfinite(*mase_scale)) s.mase = *s.mae / *mase_scale;
  if (coverage_n_ > 0) {
    for (std::size_t k = 0; k < covered_.size(); ++k) {
      s.coverage[k] = static_cast<double>(covered_[k]) / static_cast<double>(coverage_n_);
    }
  }
  return s;
}

}  // namespace wfm::metrics
