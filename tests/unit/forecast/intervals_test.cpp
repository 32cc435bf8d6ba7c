// Prediction intervals from backtest errors: on synthetic Poisson errors the calibrated intervals
// cover close to their nominal level; bounds nest by level; 10 to 49 errors give the fitted
// variance with normal quantiles (weekly totals); fewer than 10 fall back to Poisson.
#include <catch2/catch.hpp>

#include <random>

#include "wfm/forecast/intervals.hpp"

using namespace wfm;
using namespace wfm::forecast;

namespace {

// Folds of `days` x `slots` cells with forecasts f from 2 to 80 calls and Poisson(f) actuals.
std::vector<BacktestFold> poisson_folds(int folds, int days, int slots, unsigned seed) {
  std::mt19937 rng(seed);
  std::vector<BacktestFold> out;
  for (int k = 0; k < folds; ++k) {
    BacktestFold f;
    f.forecast.resize(days, slots);
    f.actual.resize(days, slots);
    for (int i = 0; i < days; ++i) {
      for (int c = 0; c < slots; ++c) {
        const double mean = 2 + 78.0 * c / (slots - 1);
        f.forecast(i, c) = mean;
        f.actual(i, c) = std::poisson_distribution<int>(mean)(rng);
      }
    }
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace

TEST_CASE("intervals calibrated on Poisson errors cover close to nominal",
          "[forecast][intervals]") {
  const auto train = poisson_folds(4, 10, 40, 1);
  const IntervalModel m = calibrate_intervals(train);
  CHECK(m.basis == "backtest");
  CHECK(m.residuals == 1600);
  CHECK(m.phi == Approx(1).margin(0.25));  // Poisson: variance = mean
  CHECK(m.kappa2 < 0.01);
  const auto test = poisson_folds(4, 25, 40, 2);
  std::size_t n = 0, in80 = 0, in95 = 0;
  for (const auto& f : test) {
    for (Eigen::Index i = 0; i < f.actual.rows(); ++i) {
      for (Eigen::Index c = 0; c < f.actual.cols(); ++c) {
        const double a = f.actual(i, c), p = f.forecast(i, c);
        const auto b80 = m.bounds(p, 80), b95 = m.bounds(p, 95);
        CHECK(b95.lo <= b80.lo);
        CHECK(b80.lo <= p);
        CHECK(p <= b80.hi);
        CHECK(b80.hi <= b95.hi);
        ++n;
        in80 += (a >= b80.lo && a <= b80.hi) ? 1 : 0;
        in95 += (a >= b95.lo && a <= b95.hi) ? 1 : 0;
      }
    }
  }
  CHECK(static_cast<double>(in80) / static_cast<double>(n) == Approx(0.80).margin(0.04));
  CHECK(static_cast<double>(in95) / static_cast<double>(n) == Approx(0.95).margin(0.025));
}

TEST_CASE("too few backtest errors: Poisson intervals", "[forecast][intervals]") {
  const auto folds = poisson_folds(1, 1, 8, 3);  // 8 cells < 10
  const IntervalModel m = calibrate_intervals(folds);
  CHECK(m.basis == "poisson");
  CHECK(m.residuals == 0);
  const auto b = m.bounds(100, 95);
  CHECK(b.lo == Approx(100 - 1.959964 * 10).epsilon(1e-4));
  CHECK(b.hi == Approx(100 + 1.959964 * 10).epsilon(1e-4));
  CHECK(m.bounds(0, 80).lo == 0);
  CHECK(m.bounds(0, 80).hi == 0);
  const auto small = m.bounds(1, 95);
  CHECK(small.lo == 0);  // floored at 0 calls
  const auto none = calibrate_intervals({});
  CHECK(none.basis == "poisson");
}

TEST_CASE("few backtest errors (weekly totals): fitted variance, normal quantiles",
          "[forecast][intervals]") {
  // 4 folds of 4 weeks, one cell a week: 16 errors of weekly totals of 150,000 calls with a 4%
  // relative error (sd 6,000), far above Poisson's sqrt(150,000) = 387.
  const double f = 150000, rel = 0.04;
  std::mt19937 rng(5);
  std::normal_distribution<double> noise(0, rel * f);
  std::vector<BacktestFold> folds(4);
  for (auto& fold : folds) {
    fold.forecast = Eigen::MatrixXd::Constant(4, 1, f);
    fold.actual.resize(4, 1);
    for (Eigen::Index i = 0; i < 4; ++i) fold.actual(i, 0) = f + noise(rng);
  }
  const IntervalModel m = calibrate_intervals(folds);
  CHECK(m.basis == "backtest");
  CHECK(m.residuals == 16);
  // The fitted sd at f is the errors' root mean square, within sampling error of 16 draws.
  const double sd = std::sqrt(m.phi * f + m.kappa2 * f * f);
  CHECK(sd == Approx(rel * f).epsilon(0.35));
  // Normal quantiles: symmetric bounds, half-width z_0.9 sd.
  const auto b = m.bounds(f, 80);
  CHECK(b.hi - f == Approx(f - b.lo).epsilon(1e-9));
  CHECK(b.hi - f == Approx(1.281552 * sd).epsilon(1e-4));
  // On fresh weeks from the same distribution the 80% interval covers about 80% (the sd
  // estimated from 16 errors is off by up to about a third, hence the margin).
  std::size_t in80 = 0;
  const int n = 2000;
  for (int k = 0; k < n; ++k) {
    const double a = f + noise(rng);
    in80 += (a >= b.lo && a <= b.hi) ? 1 : 0;
  }
  CHECK(static_cast<double>(in80) / n == Approx(0.80).margin(0.12));
}
