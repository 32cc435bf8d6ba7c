#include "wfm/forecast/holt_winters.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <vector>

#include "wfm/core/error.hpp"
#include "wfm/forecast/profile.hpp"
#include "wfm/forecast/validate.hpp"

namespace wfm::forecast {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kMinIndex = 1e-3;  // floor of initial seasonal indices (a slot with no calls)

// The open cells of the history in time order, days x s1 (row-major), NaN where missing.
struct Series {
  Eigen::Index s1 = 0;             // cells a day
  int weekdays = 0;                // open weekdays
  std::vector<Eigen::Index> cols;  // grid column of each phase in the day
  std::vector<int> day_ord;        // ordinal (among open weekdays) of each series day
  std::vector<double> y;           // days * s1
  double level0 = 0;
  std::vector<double> day0;   // s1
  std::vector<double> week0;  // weekdays * s1
  bool week_ahead = false;    // estimation criterion (see HoltWinters::Criterion)
  Eigen::Index days() const { return static_cast<Eigen::Index>(day_ord.size()); }
};

struct Params {
  double alpha, delta, omega, phi;
};

struct Smoothed {
  double sse = 0, level = 0, error = 0;
  std::vector<double> day, week;
};

// One pass of the recursion; keeps the final states in `out` when given. Returns the sum of
// squared one-step errors, or with WeekAhead the sum of squared errors of the forecasts made one
// week (s2 steps) earlier: the origin's level, day index and error are kept per week position
// (the week index at the origin is the current one, updated once a week).
template <bool WeekAhead>
double run_impl(const Series& s, const Params& p, Smoothed* out) {
  thread_local std::vector<double> day, week, origin;
  day = s.day0;
  week = s.week0;
  const auto s1 = static_cast<std::size_t>(s.s1);
  if constexpr (WeekAhead) origin.assign(3 * week.size(), kNaN);  // level, day index, error
  const double phi_week = std::pow(p.phi, static_cast<double>(week.size()));
  double l = s.level0, e = 0, sse = 0;
  for (std::size_t i = 0; i < s.day_ord.size(); ++i) {
    const std::size_t first = static_cast<std::size_t>(s.day_ord[i]) * s1;
    double* w = week.data() + first;
    const double* y = s.y.data() + i * s1;
    for (std::size_t k = 0; k < s1; ++k) {
      const double dk = day[k], wk = w[k];
      const double base = l * dk * wk;
      const double yv = y[k];
      if (std::isnan(yv)) {
        e *= p.phi;
      } else {
        const double err = WeekAhead
                               ? yv - (origin[3 * (first + k)] * origin[3 * (first + k) + 1] * wk +
                                       phi_week * origin[3 * (first + k) + 2])
                               : yv - base - p.phi * e;
        if (!WeekAhead || !std::isnan(err)) sse += err * err;
        e = yv - base;
        const double q = yv / (dk * wk);  // deseasonalised observation
        const double ln = p.alpha * q + (1 - p.alpha) * l;
        const double inv = 1 / ln;
        day[k] = p.delta * q * wk * inv + (1 - p.delta) * dk;
        w[k] = p.omega * q * dk * inv + (1 - p.omega) * wk;
        l = ln;
      }
      if constexpr (WeekAhead) {
        origin[3 * (first + k)] = l;
        origin[3 * (first + k) + 1] = day[k];
        origin[3 * (first + k) + 2] = e;
      }
    }
  }
  if (out) {
    out->sse = sse;
    out->level = l;
    out->error = e;
    out->day = day;
    out->week = week;
  }
  return std::isfinite(sse) ? sse : std::numeric_limits<double>::infinity();
}

double run(const Series& s, const Params& p, Smoothed* out) {
  return s.week_ahead ? run_impl<true>(s, p, out) : run_impl<false>(s, p, out);
}

Series make_series(const DayGrid& h) {
  Series s;
  std::array<int, 7> ord{};
  ord.fill(-1);
  for (int wd = 0; wd < 7; ++wd) {
    if (h.weekday_open(wd)) ord[static_cast<std::size_t>(wd)] = s.weekdays++;
  }
  for (Eigen::Index c = 0; c < h.width(); ++c) {
    for (int wd = 0; wd < 7; ++wd) {
      if (ord[static_cast<std::size_t>(wd)] >= 0 &&
          h.open[static_cast<std::size_t>(wd)][static_cast<std::size_t>(c)]) {
        s.cols.push_back(c);
        break;
      }
    }
  }
  s.s1 = static_cast<Eigen::Index>(s.cols.size());
  const Date first = h.dates.front(), last = h.dates.back();
  Eigen::Index row = 0;
  for (Date d = first; d <= last; d += std::chrono::days{1}) {
    const int wd = weekday_index(d);
    const int o = ord[static_cast<std::size_t>(wd)];
    if (o < 0) continue;
    s.day_ord.push_back(o);
    while (row < h.days() && h.dates[static_cast<std::size_t>(row)] < d) ++row;
    const bool present = row < h.days() && h.dates[static_cast<std::size_t>(row)] == d;
    for (const Eigen::Index c : s.cols) {
      const bool open = h.open[static_cast<std::size_t>(wd)][static_cast<std::size_t>(c)];
      s.y.push_back(present && open ? h.calls(row, c) : kNaN);
    }
  }
  // Initial states from the first two weeks of open days.
  const auto s1 = static_cast<std::size_t>(s.s1);
  const std::size_t init_days =
      std::min<std::size_t>(s.day_ord.size(), 2 * static_cast<std::size_t>(s.weekdays));
  std::vector<double> day_sum(s1, 0), day_n(s1, 0);
  std::vector<double> week_sum(s1 * static_cast<std::size_t>(s.weekdays), 0), week_n = week_sum;
  double sum = 0, n = 0;
  for (std::size_t i = 0; i < init_days; ++i) {
    for (std::size_t k = 0; k < s1; ++k) {
      const double y = s.y[i * s1 + k];
      if (std::isnan(y)) continue;
      sum += y;
      n += 1;
      day_sum[k] += y;
      day_n[k] += 1;
      week_sum[static_cast<std::size_t>(s.day_ord[i]) * s1 + k] += y;
      week_n[static_cast<std::size_t>(s.day_ord[i]) * s1 + k] += 1;
    }
  }
  WFM_REQUIRE(n > 0 && sum > 0, core::Location{},
              "method 'hw' (multiplicative seasonality) needs calls in the first two weeks of "
              "history{}; use another method",
              h.queue.empty() ? "" : " of queue '" + h.queue + "'");
  s.level0 = sum / n;
  s.day0.assign(s1, 1.0);
  for (std::size_t k = 0; k < s1; ++k) {
    if (day_n[k] > 0) s.day0[k] = std::max(kMinIndex, day_sum[k] / day_n[k] / s.level0);
  }
  s.week0.assign(week_sum.size(), 1.0);
  for (std::size_t j = 0; j < week_sum.size(); ++j) {
    if (week_n[j] > 0) {
      s.week0[j] = std::max(kMinIndex, week_sum[j] / week_n[j] / (s.level0 * s.day0[j % s1]));
    }
  }
  return s;
}

double logistic(double x) {
  return 1 / (1 + std::exp(-x));
}
double logit(double p) {
  return std::log(p / (1 - p));
}
Params params_of(const std::array<double, 4>& x) {
  return {logistic(x[0]), logistic(x[1]), logistic(x[2]), logistic(x[3])};
}

// Nelder-Mead (standard coefficients 1, 2, 0.5, 0.5) from `start`, at most `budget` evaluations.
std::array<double, 4> nelder_mead(const Series& s, std::array<double, 4> start, double start_f,
                                  int budget) {
  using Point = std::array<double, 4>;
  constexpr int n = 4;
  std::array<Point, n + 1> x{};
  std::array<double, n + 1> f{};
  x[0] = start;
  f[0] = start_f;
  for (int i = 0; i < n; ++i) {
    x[i + 1] = start;
    x[i + 1][static_cast<std::size_t>(i)] += start[static_cast<std::size_t>(i)] < 0 ? 1.0 : -1.0;
    f[i + 1] = run(s, params_of(x[i + 1]), nullptr);
  }
  int evals = n;
  auto eval = [&](const Point& p) {
    ++evals;
    return run(s, params_of(p), nullptr);
  };
  auto along = [](const Point& c, const Point& p, double t) {  // c + t (p - c)
    Point r{};
    for (std::size_t j = 0; j < n; ++j) r[j] = c[j] + t * (p[j] - c[j]);
    return r;
  };
  while (evals < budget) {
    std::array<int, n + 1> idx{0, 1, 2, 3, 4};
    std::sort(idx.begin(), idx.end(), [&](int a, int b) { return f[a] < f[b]; });
    const auto px = x;
    const auto pf = f;
    for (int i = 0; i <= n; ++i) {
      x[i] = px[idx[i]];
      f[i] = pf[idx[i]];
    }
    if (f[n] - f[0] <= 1e-7 * std::abs(f[0])) break;
    Point centroid{};
    for (int i = 0; i < n; ++i) {
      for (std::size_t j = 0; j < n; ++j) centroid[j] += x[i][j] / n;
    }
    const Point xr = along(centroid, x[n], -1.0);
    const double fr = eval(xr);
    if (fr < f[0]) {
      const Point xe = along(centroid, x[n], -2.0);
      const double fe = eval(xe);
      if (fe < fr) {
        x[n] = xe;
        f[n] = fe;
      } else {
        x[n] = xr;
        f[n] = fr;
      }
    } else if (fr < f[n - 1]) {
      x[n] = xr;
      f[n] = fr;
    } else {
      const bool outside = fr < f[n];
      const Point xc = along(centroid, outside ? xr : x[n], 0.5);
      const double fc = eval(xc);
      if (fc < std::min(fr, f[n])) {
        x[n] = xc;
        f[n] = fc;
      } else {
        for (int i = 1; i <= n; ++i) {
          x[i] = along(x[0], x[i], 0.5);
          f[i] = eval(x[i]);
        }
      }
    }
  }
  return x[static_cast<std::size_t>(std::min_element(f.begin(), f.end()) - f.begin())];
}

// State: scalars alpha, delta, omega, phi, level, error; arrays "day_season" (1 x slots),
// "week_season" (7 x slots), "open" (7 x slots, 1 where the cell is part of the series).
class HoltWintersModel final : public FittedModel {
 public:
  explicit HoltWintersModel(ModelState s) : state_(std::move(s)) {
    const auto w = static_cast<Eigen::Index>(state_.slots.size());
    day_ = &state_array(state_, "day_season", 1, w);
    week_ = &state_array(state_, "week_season", 7, w);
    open_ = &state_array(state_, "open", 7, w);
    level_ = state_scalar(state_, "level");
    error_ = state_scalar(state_, "error");
    phi_ = state_scalar(state_, "phi");
    phase_.assign(static_cast<std::size_t>(w), -1);
    for (Eigen::Index c = 0; c < w; ++c) {
      if (open_->col(c).maxCoeff() > 0) phase_[static_cast<std::size_t>(c)] = s1_++;
    }
    for (int wd = 0; wd < 7; ++wd) {
      weekday_open_[static_cast<std::size_t>(wd)] = open_->row(wd).maxCoeff() > 0;
      if (weekday_open_[static_cast<std::size_t>(wd)]) ++weekdays_;
    }
  }
  Eigen::MatrixXd predict(std::span<const Date> dates) const override {
    Eigen::MatrixXd out =
        Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(dates.size()), day_->cols());
    for (std::size_t i = 0; i < dates.size(); ++i) {
      const auto row = static_cast<Eigen::Index>(i);
      const int wd = weekday_index(dates[i]);
      const long days_before = open_days_between(state_.last_date, dates[i]);
      for (Eigen::Index c = 0; c < out.cols(); ++c) {
        if ((*open_)(wd, c) <= 0) continue;
        const double h =
            static_cast<double>(days_before * s1_ + phase_[static_cast<std::size_t>(c)] + 1);
        const double f = level_ * (*day_)(0, c) * (*week_)(wd, c) + std::pow(phi_, h) * error_;
        out(row, c) = std::max(0.0, f);
      }
    }
    return out;
  }
  const ModelState& state() const override { return state_; }

 private:
  // Open weekdays strictly between `from` and `to`.
  long open_days_between(Date from, Date to) const {
    const long gap = (to - from).count() - 1;
    if (gap <= 0) return 0;
    long n = gap / 7 * weekdays_;
    for (Date d = from + std::chrono::days{gap / 7 * 7 + 1}; d < to; d += std::chrono::days{1}) {
      if (weekday_open_[static_cast<std::size_t>(weekday_index(d))]) ++n;
    }
    return n;
  }
  ModelState state_;
  const Eigen::MatrixXd* day_ = nullptr;
  const Eigen::MatrixXd* week_ = nullptr;
  const Eigen::MatrixXd* open_ = nullptr;
  double level_ = 0, error_ = 0, phi_ = 0;
  std::vector<long> phase_;  // position of each grid column in the series' day, -1 if not in it
  long s1_ = 0;
  int weekdays_ = 0;
  std::array<bool, 7> weekday_open_{};
};

}  // namespace

std::unique_ptr<FittedModel> HoltWinters::fit(const DayGrid& history) const {
  require_history(history, *this);
  Series s = make_series(history);
  s.week_ahead = criterion_ == Criterion::week_ahead;

  // Coarse grid, then Nelder-Mead from its best point.
  std::array<double, 4> best{};
  double best_f = std::numeric_limits<double>::infinity();
  for (double alpha : {0.001, 0.02, 0.2}) {
    for (double delta : {0.01, 0.1, 0.4}) {
      for (double omega : {0.01, 0.1, 0.4, 0.8}) {
        for (double phi : {0.5, 0.95}) {
          const std::array<double, 4> x{logit(alpha), logit(delta), logit(omega), logit(phi)};
          const double f = run(s, params_of(x), nullptr);
          if (f < best_f) {
            best_f = f;
            best = x;
          }
        }
      }
    }
  }
  best = nelder_mead(s, best, best_f, std::max(0, max_evaluations_ - 72));
  const Params p = params_of(best);
  Smoothed fin;
  run(s, p, &fin);
  ModelState st = state_for(history, name());
  st.scalars["alpha"] = p.alpha;
  st.scalars["delta"] = p.delta;
  st.scalars["omega"] = p.omega;
  st.scalars["phi"] = p.phi;
  st.scalars["level"] = fin.level;
  st.scalars["error"] = fin.error;
  st.scalars["sse"] = fin.sse;
  st.scalars["week_ahead_criterion"] = s.week_ahead ? 1 : 0;
  const Eigen::Index w = history.width();
  Eigen::MatrixXd day = Eigen::MatrixXd::Ones(1, w), week = Eigen::MatrixXd::Ones(7, w);
  Eigen::MatrixXd open = Eigen::MatrixXd::Zero(7, w);
  const auto s1 = static_cast<std::size_t>(s.s1);
  int o = 0;
  for (int wd = 0; wd < 7; ++wd) {
    if (!history.weekday_open(wd)) continue;
    for (std::size_t k = 0; k < s1; ++k) {
      const Eigen::Index c = s.cols[k];
      day(0, c) = fin.day[k];
      week(wd, c) = fin.week[static_cast<std::size_t>(o) * s1 + k];
      open(wd, c) = history.open[static_cast<std::size_t>(wd)][static_cast<std::size_t>(c)];
    }
    ++o;
  }
  st.arrays["day_season"] = std::move(day);
  st.arrays["week_season"] = std::move(week);
  st.arrays["open"] = std::move(open);
  return std::make_unique<HoltWintersModel>(std::move(st));
}

std::unique_ptr<FittedModel> HoltWinters::restore(ModelState state) const {
  return std::make_unique<HoltWintersModel>(std::move(state));
}

}  // namespace wfm::forecast
