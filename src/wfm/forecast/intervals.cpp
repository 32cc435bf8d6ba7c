#include "wfm/forecast/intervals.hpp"

#include <algorithm>
#include <cmath>

#include <boost/math/distributions/normal.hpp>

#include "wfm/core/error.hpp"

namespace wfm::forecast {

namespace {

constexpr int kQuantiles = 199;  // probabilities 0.005 .. 0.995 in steps of 0.005

double probability(int k) {
  return 0.005 * (k + 1);
}

std::vector<double> normal_quantiles() {
  const boost::math::normal standard;
  std::vector<double> q(kQuantiles);
  for (int k = 0; k < kQuantiles; ++k)
    q[static_cast<std::size_t>(k)] = quantile(standard, probability(k));
  return q;
}

// Empirical quantile (type 7, linear interpolation) of sorted values at probability p.
double empirical_quantile(const std::vector<double>& sorted, double p) {
  const double h = (static_cast<double>(sorted.size()) - 1) * p;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const auto hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

}  // namespace

core::Bounds IntervalModel::bounds(double f, double level) const {
  WFM_ENSURE(level > 0 && level < 100 && z_quantiles.size() == kQuantiles,
             "bad interval level or calibration");
  const double sd = std::sqrt(std::max(0.0, phi * f + kappa2 * f * f));
  const auto at = [&](double p) {  // interpolate the stored quantiles at probability p
    const double x = std::clamp(p / 0.005 - 1, 0.0, kQuantiles - 1.0);
    const auto k = static_cast<std::size_t>(std::floor(x));
    const auto k1 = std::min<std::size_t>(k + 1, kQuantiles - 1);
    return z_quantiles[k] + (x - static_cast<double>(k)) * (z_quantiles[k1] - z_quantiles[k]);
  };
  const double tail = (1 - level / 100) / 2;
  return {std::clamp(f + at(tail) * sd, 0.0, f), std::max(f, f + at(1 - tail) * sd)};
}

IntervalModel calibrate_intervals(std::span<const BacktestFold> folds) {
  // Least squares of e^2 on (f, f^2), no intercept, coefficients >= 0.
  double s11 = 0, s12 = 0, s22 = 0, t1 = 0, t2 = 0;
  std::size_t n = 0;
  for (const auto& fold : folds) {
    for (Eigen::Index i = 0; i < fold.actual.rows(); ++i) {
      for (Eigen::Index c = 0; c < fold.actual.cols(); ++c) {
        const double a = fold.actual(i, c);
        if (std::isnan(a)) continue;
        const double f = std::max(0.0, fold.forecast(i, c)), e2 = (a - f) * (a - f);
        s11 += f * f;
        s12 += f * f * f;
        s22 += f * f * f * f;
        t1 += f * e2;
        t2 += f * f * e2;
        ++n;
      }
    }
  }
  IntervalModel m;
  m.z_quantiles = normal_quantiles();
  if (n < min_errors_variance || s11 <= 0) return m;  // too few errors: Poisson
  const double det = s11 * s22 - s12 * s12;
  double phi = det > 0 ? (t1 * s22 - t2 * s12) / det : 0;
  double kappa2 = det > 0 ? (t2 * s11 - t1 * s12) / det : 0;
  if (phi < 0 || det <= 0) {
    phi = 0;
    kappa2 = std::max(0.0, t2 / s22);
  }
  if (kappa2 < 0) {
    kappa2 = 0;
    phi = std::max(0.0, t1 / s11);
  }
  if (phi <= 0 && kappa2 <= 0) return m;
  std::vector<double> z;
  z.reserve(n);
  for (const auto& fold : folds) {
    for (Eigen::Index i = 0; i < fold.actual.rows(); ++i) {
      for (Eigen::Index c = 0; c < fold.actual.cols(); ++c) {
        const double a = fold.actual(i, c);
        if (std::isnan(a)) continue;
        const double f = std::max(0.0, fold.forecast(i, c));
        const double sd = std::sqrt(phi * f + kappa2 * f * f);
        if (sd > 0) z.push_back((a - f) / sd);
      }
    }
  }
  if (z.size() < min_errors_variance) return m;
  std::sort(z.begin(), z.end());
  m.basis = "backtest";
  m.residuals = z.size();
  m.phi = phi;
  m.kappa2 = kappa2;
  if (z.size() < min_errors_quantiles) return m;  // the variance fitted, the quantiles normal
  for (int k = 0; k < kQuantiles; ++k) {
    m.z_quantiles[static_cast<std::size_t>(k)] = empirical_quantile(z, probability(k));
  }
  return m;
}

void check_levels(std::span<const double> levels) {
  for (std::size_t i = 0; i < levels.size(); ++i) {
    WFM_REQUIRE(levels[i] > 0 && levels[i] < 100, core::at_flag("--level"),
                "expected levels between 0 and 100 (percent), got {}", levels[i]);
    WFM_REQUIRE(i == 0 || levels[i] > levels[i - 1], core::at_flag("--level"),
                "expected increasing levels, got {} after {}", levels[i], levels[i - 1]);
  }
}

}  // namespace wfm::forecast
