#include "wfm/forecast/backtest_coverage.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "wfm/forecast/intervals.hpp"

namespace wfm::forecast {

CoverageScores score_with_coverage(std::span<const BacktestFold> folds,
                                   std::span<const double> levels,
                                   std::optional<double> mase_scale) {
  CoverageScores out;
  if (folds.size() < 2 || levels.empty()) {
    out.scores = score_folds(folds, mase_scale);
    return out;
  }
  out.has_coverage = true;
  metrics::Accumulator acc;
  std::vector<core::Bounds> bounds(levels.size());
  for (std::size_t k = 0; k < folds.size(); ++k) {
    std::vector<BacktestFold> others;
    for (std::size_t j = 0; j < folds.size(); ++j) {
      if (j != k) others.push_back(folds[j]);
    }
    const IntervalModel model = calibrate_intervals(others);
    if (model.basis != "backtest") ++out.poisson_folds;
    const auto& f = folds[k];
    for (Eigen::Index i = 0; i < f.actual.rows(); ++i) {
      for (Eigen::Index c = 0; c < f.actual.cols(); ++c) {
        const double a = f.actual(i, c);
        if (std::isnan(a)) continue;
        const double p = f.forecast(i, c);
        for (std::size_t l = 0; l < levels.size(); ++l) {
          bounds[l] = model.bounds(std::max(0.0, p), levels[l]);
        }
        acc.add(a, p, bounds);
      }
    }
  }
  out.scores = acc.scores(mase_scale);
  return out;
}

}  // namespace wfm::forecast
