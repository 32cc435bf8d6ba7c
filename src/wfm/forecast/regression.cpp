#include "wfm/forecast/regression.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <vector>

#include <Eigen/Cholesky>

#include "wfm/core/error.hpp"
#include "wfm/forecast/profile.hpp"
#include "wfm/forecast/validate.hpp"

namespace wfm::forecast {

namespace {

constexpr double kDaysPerYear = 365.0;

// Sum of phi^1..phi^h: the days of trend a damped forecast h days ahead adds.
double damped_days(double phi, long h) {
  if (h <= 0) return 0;
  if (phi >= 1) return static_cast<double>(h);
  return phi * (1 - std::pow(phi, static_cast<double>(h))) / (1 - phi);
}

// Ridge-regularised normal equations of the model in regression.hpp from the per-cell sums,
// solved by Cholesky (LDLT if that fails). Parameters: slot effects [0, w), 2K+1 weekday terms
// from base[wd] (-1: weekday without data), the trend at trend_col (-1: none).
Eigen::VectorXd solve_normal_equations(const Eigen::ArrayXXd& s0, const Eigen::ArrayXXd& s1,
                                       const Eigen::ArrayXXd& s2, const Eigen::ArrayXXd& y0,
                                       const Eigen::ArrayXXd& y1, const Eigen::ArrayXXd& level,
                                       const Eigen::MatrixXd& u,
                                       const std::array<Eigen::Index, 7>& base,
                                       Eigen::Index trend_col, double ridge) {
  const Eigen::Index w = u.rows(), terms = u.cols();
  Eigen::Index p = w;
  for (const auto g : base) p = std::max(p, g + terms);
  p = std::max(p, trend_col + 1);
  Eigen::MatrixXd a = Eigen::MatrixXd::Zero(p, p);  // upper triangle
  Eigen::VectorXd b = Eigen::VectorXd::Zero(p);
  for (int wd = 0; wd < 7; ++wd) {
    const Eigen::Index g = base[static_cast<std::size_t>(wd)];
    if (g < 0) continue;
    for (Eigen::Index c = 0; c < w; ++c) {
      const double n = s0(wd, c);
      if (n <= 0) continue;
      const auto uc = u.row(c);
      a(c, c) += n;
      b(c) += y0(wd, c);
      a.block(c, g, 1, terms) += n * uc;
      a.block(g, g, terms, terms).triangularView<Eigen::Upper>() += n * uc.transpose() * uc;
      b.segment(g, terms) += y0(wd, c) * uc.transpose();
      if (trend_col >= 0) {
        const double r = level(wd, c);
        a(c, trend_col) += r * s1(wd, c);
        a.block(g, trend_col, terms, 1) += r * s1(wd, c) * uc.transpose();
        a(trend_col, trend_col) += r * r * s2(wd, c);
        b(trend_col) += r * y1(wd, c);
      }
    }
  }
  // Ridge on the weekday terms (relative to each column's sum of squares), and a tiny jitter on
  // every column so an unused one (no data) cannot make the system singular.
  for (Eigen::Index j = 0; j < p; ++j) {
    const double penalty = j >= w && j != trend_col ? ridge : 0.0;
    a(j, j) += penalty * a(j, j) + 1e-10 * (a(j, j) + 1);
  }
  const Eigen::LLT<Eigen::MatrixXd, Eigen::Upper> llt(a);
  if (llt.info() == Eigen::Success) return llt.solve(b);
  return a.selfadjointView<Eigen::Upper>().ldlt().solve(b);
}

// Huber weights of the history days (Huber 1964; iteratively reweighted least squares, Holland &
// Welsch 1977) from each day's relative residual r = observed total / fitted total - 1 over its
// observed cells: weight min(1, k s / |r|), s = 1.4826 x the median |r| of the days in the fit
// (the MAD, a robust standard deviation). Returns false, leaving the weights, when the residuals
// are all but zero (nothing to down-weight).
bool reweight_days(const DayGrid& history, const Eigen::MatrixXd& profile,
                   const Eigen::ArrayXXd& slope, const std::vector<double>& age,
                   const std::vector<double>& recency, double k, std::vector<double>& weight) {
  const auto n = static_cast<std::size_t>(history.days());
  std::vector<double> r(n, 0.0), abs_r;
  for (std::size_t i = 0; i < n; ++i) {
    if (recency[i] <= 0) continue;
    const int wd = weekday_index(history.dates[i]);
    double observed = 0, fitted = 0;
    for (Eigen::Index c = 0; c < history.width(); ++c) {
      const double y = history.calls(static_cast<Eigen::Index>(i), c);
      if (std::isnan(y)) continue;
      observed += y;
      fitted += std::max(profile(wd, c) - slope(wd, c) * age[i], 0.0);
    }
    if (fitted <= 0) continue;
    r[i] = observed / fitted - 1;
    abs_r.push_back(std::abs(r[i]));
  }
  if (abs_r.empty()) return false;
  const auto mid = abs_r.begin() + static_cast<std::ptrdiff_t>(abs_r.size() / 2);
  std::nth_element(abs_r.begin(), mid, abs_r.end());
  const double s = 1.4826 * *mid;
  if (s < 1e-9) return false;
  for (std::size_t i = 0; i < n; ++i) {
    const double a = std::abs(r[i]);
    weight[i] = a > k * s ? k * s / a : 1.0;
  }
  return true;
}

// State: arrays "profile" (7 x slots, the forecast for the last history day's date), "slope"
// (7 x slots, calls per calendar day of trend), "open" (7 x slots, 1 where open); scalar
// "trend_damping".
class RegressionModel final : public FittedModel {
 public:
  explicit RegressionModel(ModelState s) : state_(std::move(s)) {
    profile_ = &state_array(state_, "profile", 7);
    slope_ = &state_array(state_, "slope", 7);
    open_ = &state_array(state_, "open", 7);
    phi_ = state_scalar(state_, "trend_damping");
  }
  Eigen::MatrixXd predict(std::span<const Date> dates) const override {
    Eigen::MatrixXd out(static_cast<Eigen::Index>(dates.size()), profile_->cols());
    for (std::size_t i = 0; i < dates.size(); ++i) {
      const auto row = static_cast<Eigen::Index>(i);
      const int wd = weekday_index(dates[i]);
      const double days = damped_days(phi_, (dates[i] - state_.last_date).count());
      out.row(row) =
          (profile_->row(wd) + days * slope_->row(wd)).cwiseMax(0.0).cwiseProduct(open_->row(wd));
    }
    return out;
  }
  const ModelState& state() const override { return state_; }

 private:
  ModelState state_;
  const Eigen::MatrixXd* profile_ = nullptr;
  const Eigen::MatrixXd* slope_ = nullptr;
  const Eigen::MatrixXd* open_ = nullptr;
  double phi_ = 1;
};

}  // namespace

Regression::Regression() : Regression(RegressionOptions{}) {}

std::unique_ptr<FittedModel> Regression::fit(const DayGrid& history) const {
  return fit(history, {});
}

std::unique_ptr<FittedModel> Regression::fit(const DayGrid& history,
                                             std::span<const Date> special_days) const {
  require_history(history, *this);
  WFM_REQUIRE(opt_.harmonics >= 0 && opt_.ridge >= 0 && opt_.half_life_days >= 0 &&
                  opt_.trend_damping > 0 && opt_.trend_damping <= 1 && opt_.robust_k >= 0 &&
                  opt_.robust_iterations >= 0,
              core::Location{}, "regression: invalid options (harmonics {}, ridge {}, damping {})",
              opt_.harmonics, opt_.ridge, opt_.trend_damping);
  const Eigen::Index w = history.width();
  const Date last = history.dates.back();

  // Parameters: slot effects [0, w), then 2K+1 terms per weekday with data, then the trend.
  const int terms = 2 * opt_.harmonics + 1;

  // Fourier terms of each slot over the span of the day's slots.
  const double span = history.slots.back() - history.slots.front() + 1;
  Eigen::MatrixXd u(w, terms);
  for (Eigen::Index c = 0; c < w; ++c) {
    const double x = (history.slots[static_cast<std::size_t>(c)] - history.slots.front()) / span;
    u(c, 0) = 1;
    for (int k = 1; k <= opt_.harmonics; ++k) {
      u(c, 2 * k - 1) = std::cos(2 * std::numbers::pi * k * x);
      u(c, 2 * k) = std::sin(2 * std::numbers::pi * k * x);
    }
  }

  // Weight of each history day: recency (discounted least squares) times the robust weight
  // (1 until reweighted); 0 for special days.
  const auto n = static_cast<std::size_t>(history.days());
  std::vector<double> age(n), recency(n), robust(n, 1.0);
  for (std::size_t i = 0; i < n; ++i) {
    const Date d = history.dates[i];
    age[i] = static_cast<double>((last - d).count());
    const bool special =
        std::find(special_days.begin(), special_days.end(), d) != special_days.end();
    recency[i] = special                   ? 0.0
                 : opt_.half_life_days > 0 ? std::exp2(-age[i] / opt_.half_life_days)
                                           : 1.0;
  }

  Eigen::ArrayXXd level;
  Eigen::MatrixXd profile;
  double beta = 0;
  const int fits = opt_.robust_k > 0 ? 1 + opt_.robust_iterations : 1;
  for (int fit_no = 0; fit_no < fits; ++fit_no) {
    // Per (weekday, slot) cell: weighted sums of 1, t, t^2, y, t*y over the observed rows
    // (t in years before the last day, <= 0).
    Eigen::ArrayXXd s0 = Eigen::ArrayXXd::Zero(7, w), s1 = s0, s2 = s0, y0 = s0, y1 = s0;
    for (std::size_t i = 0; i < n; ++i) {
      const double v = recency[i] * robust[i];
      if (v <= 0) continue;
      const double t = -age[i] / kDaysPerYear;
      const int wd = weekday_index(history.dates[i]);
      for (Eigen::Index c = 0; c < w; ++c) {
        const double y = history.calls(static_cast<Eigen::Index>(i), c);
        if (std::isnan(y)) continue;
        s0(wd, c) += v;
        s1(wd, c) += v * t;
        s2(wd, c) += v * t * t;
        y0(wd, c) += v * y;
        y1(wd, c) += v * t * y;
      }
    }
    const double total_weight = s0.sum();
    WFM_REQUIRE(total_weight > 0, core::Location{},
                "regression: the history{} has no observed interval outside special days",
                history.queue.empty() ? "" : " of queue '" + history.queue + "'");
    const double grand_mean = y0.sum() / total_weight;
    // Relative level of each cell: the trend regressor is t * level.
    level = (s0 > 0).select(y0 / s0.max(1e-300), 0.0);
    if (grand_mean > 0) level /= grand_mean;

    std::array<Eigen::Index, 7> base{};
    Eigen::Index p = w;
    for (int wd = 0; wd < 7; ++wd) {
      base[static_cast<std::size_t>(wd)] = s0.row(wd).sum() > 0 ? p : -1;
      if (base[static_cast<std::size_t>(wd)] >= 0) p += terms;
    }
    const Eigen::Index trend_col = opt_.trend ? p++ : -1;

    // The trend regressor t * level needs each cell's level at t = 0, which the fit gives: start
    // from the cell means and refit with the fitted profile's level (a fixed point, reached to a
    // fraction b * mean age per pass; three passes when there is a trend).
    Eigen::VectorXd theta;
    const auto profile_of = [&](const Eigen::VectorXd& coef) {
      Eigen::MatrixXd out(7, w);
      for (int wd = 0; wd < 7; ++wd) {
        const Eigen::Index g = base[static_cast<std::size_t>(wd)];
        for (Eigen::Index c = 0; c < w; ++c) {
          out(wd, c) = coef(c) + (g >= 0 ? u.row(c).dot(coef.segment(g, terms)) : 0.0);
        }
      }
      return out;
    };
    const int passes = opt_.trend ? 3 : 1;
    for (int pass = 0; pass < passes; ++pass) {
      if (pass > 0) {
        const Eigen::ArrayXXd fitted = profile_of(theta).array();
        const double mean =
            (s0 > 0).select(fitted, 0.0).sum() / static_cast<double>((s0 > 0).count());
        if (mean <= 0) break;
        level = (s0 > 0).select(fitted / mean, 0.0);
      }
      theta = solve_normal_equations(s0, s1, s2, y0, y1, level, u, base, trend_col, opt_.ridge);
    }
    WFM_ENSURE(theta.allFinite(), "regression: the normal equations have no finite solution");
    beta = trend_col >= 0 ? theta(trend_col) : 0.0;
    profile = profile_of(theta);
    if (fit_no + 1 < fits && !reweight_days(history, profile, beta * level / kDaysPerYear, age,
                                            recency, opt_.robust_k, robust)) {
      break;
    }
  }

  ModelState s = state_for(history, name());
  s.scalars["harmonics"] = opt_.harmonics;
  s.scalars["ridge"] = opt_.ridge;
  s.scalars["half_life_days"] = opt_.half_life_days;
  s.scalars["trend_damping"] = opt_.trend_damping;
  s.scalars["robust_k"] = opt_.robust_k;
  s.scalars["robust_iterations"] = opt_.robust_iterations;
  s.scalars["trend_per_year"] = beta;  // relative to the mean level
  Eigen::MatrixXd slope(7, w), open(7, w);
  for (int wd = 0; wd < 7; ++wd) {
    for (Eigen::Index c = 0; c < w; ++c) {
      slope(wd, c) = beta * level(wd, c) / kDaysPerYear;
      open(wd, c) = history.open[static_cast<std::size_t>(wd)][static_cast<std::size_t>(c)];
    }
  }
  s.arrays["profile"] = std::move(profile);
  s.arrays["slope"] = std::move(slope);
  s.arrays["open"] = std::move(open);
  return std::make_unique<RegressionModel>(std::move(s));
}

std::unique_ptr<FittedModel> Regression::restore(ModelState state) const {
  return std::make_unique<RegressionModel>(std::move(state));
}

}  // namespace wfm::forecast
