#include "wfm/forecast/top_down.hpp"

#include <cmath>
#include <limits>

#include "wfm/core/error.hpp"
#include "wfm/forecast/profile.hpp"
#include "wfm/forecast/validate.hpp"

namespace wfm::forecast {

namespace {

std::array<bool, 7> open_weekdays(const DayGrid& g) {
  std::array<bool, 7> open{};
  for (int wd = 0; wd < 7; ++wd) open[static_cast<std::size_t>(wd)] = g.weekday_open(wd);
  return open;
}

// Daily totals by calendar day from the first to the last history date; NaN for a missing day
// or a day with a missing interval.
std::vector<double> daily_totals(const DayGrid& g) {
  const auto first = g.dates.front();
  const auto n = (g.dates.back() - first).count() + 1;
  std::vector<double> out(static_cast<std::size_t>(n), std::numeric_limits<double>::quiet_NaN());
  for (Eigen::Index i = 0; i < g.days(); ++i) {
    const int wd = weekday_index(g.dates[static_cast<std::size_t>(i)]);
    double sum = 0;
    bool complete = true;
    for (Eigen::Index c = 0; c < g.width(); ++c) {
      if (!g.open[static_cast<std::size_t>(wd)][static_cast<std::size_t>(c)]) continue;
      const double y = g.calls(i, c);
      if (std::isnan(y)) {
        complete = false;
        break;
      }
      sum += y;
    }
    if (complete)
      out[static_cast<std::size_t>((g.dates[static_cast<std::size_t>(i)] - first).count())] = sum;
  }
  return out;
}

struct Run {
  double level, trend, sse;
  Eigen::VectorXd season;
};

// Runs the smoothing over `y` (calendar days from `first`; closed weekdays skipped). The error
// is the average mean squared error of the 1..amse_steps-step forecasts from every origin (the
// "AMSE" criterion of R's forecast::ets, opt.crit = "amse"), which suits multi-day horizons better
// than the one-step error.
Run smooth(const std::vector<double>& y, Date first, const std::array<bool, 7>& open, double alpha,
           double beta, double gamma, double phi, double level0, const Eigen::VectorXd& season0,
           int amse_steps) {
  Run r{level0, 0.0, 0.0, season0};
  std::vector<std::size_t> open_days;  // positions in y of open weekdays
  for (std::size_t t = 0; t < y.size(); ++t) {
    if (open[static_cast<std::size_t>(
            weekday_index(first + std::chrono::days{static_cast<long>(t)}))]) {
      open_days.push_back(t);
    }
  }
  for (std::size_t k = 0; k < open_days.size(); ++k) {
    const std::size_t t = open_days[k];
    const int wd = weekday_index(first + std::chrono::days{static_cast<long>(t)});
    // Forecasts 1..amse_steps open days ahead from this origin (before seeing y[t]).
    double damp = 0, p = 1;
    for (int h = 1; h <= amse_steps && k + static_cast<std::size_t>(h) - 1 < open_days.size();
         ++h) {
      const std::size_t th = open_days[k + static_cast<std::size_t>(h) - 1];
      p *= phi;
      damp += p;
      if (std::isnan(y[th])) continue;
      const int wdh = weekday_index(first + std::chrono::days{static_cast<long>(th)});
      const double e = y[th] - (r.level + damp * r.trend) * r.season(wdh);
      r.sse += e * e / amse_steps;
    }
    const double s = r.season(wd);
    const double base = r.level + phi * r.trend;
    const double obs = y[t];
    if (std::isnan(obs)) {  // missing day: the forecast stands in, states move on
      r.level = base;
      r.trend *= phi;
      continue;
    }
    const double level = alpha * obs / s + (1 - alpha) * base;
    r.trend = beta * (level - r.level) + (1 - beta) * phi * r.trend;
    r.season(wd) = gamma * obs / base + (1 - gamma) * s;
    r.level = level;
  }
  return r;
}

}  // namespace

double DailySmoothing::forecast(Date d, const std::array<bool, 7>& open) const {
  int h = 0;
  for (Date t = last + std::chrono::days{1}; t <= d; t += std::chrono::days{1}) {
    if (open[static_cast<std::size_t>(weekday_index(t))]) ++h;
  }
  double damp = 0, p = 1;
  for (int i = 0; i < h; ++i) {
    p *= phi;
    damp += p;
  }
  return std::max(0.0, (level + damp * trend) * season(weekday_index(d)));
}

DailySmoothing fit_daily_smoothing(const DayGrid& history) {
  const auto open = open_weekdays(history);
  const auto y = daily_totals(history);
  const Date first = history.dates.front();
  // Initial level and weekday factors from the first 4 weeks.
  Eigen::VectorXd sum = Eigen::VectorXd::Zero(7), cnt = Eigen::VectorXd::Zero(7);
  for (std::size_t t = 0; t < std::min<std::size_t>(y.size(), 28); ++t) {
    if (std::isnan(y[t])) continue;
    const int wd = weekday_index(first + std::chrono::days{static_cast<long>(t)});
    sum(wd) += y[t];
    cnt(wd) += 1;
  }
  double level0 = 0;
  int n = 0;
  for (int wd = 0; wd < 7; ++wd) {
    if (cnt(wd) > 0) {
      level0 += sum(wd) / cnt(wd);
      ++n;
    }
  }
  level0 = n > 0 ? level0 / n : 0;
  Eigen::VectorXd season0 = Eigen::VectorXd::Ones(7);
  for (int wd = 0; wd < 7; ++wd) {
    if (cnt(wd) > 0 && level0 > 0) season0(wd) = sum(wd) / cnt(wd) / level0;
  }
  int open_count = 0;
  for (bool o : open) open_count += o ? 1 : 0;
  const int amse_steps = 2 * open_count;  // two weeks ahead
  DailySmoothing best;
  best.sse = std::numeric_limits<double>::infinity();
  const std::vector<double> alphas{0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5};
  for (double alpha : alphas) {
    for (double beta : {0.0, 0.02, 0.1}) {
      for (double gamma : {0.0, 0.05, 0.1, 0.2, 0.4}) {
        for (double phi : {0.8, 0.9, 0.98}) {
          const Run r =
              smooth(y, first, open, alpha, beta, gamma, phi, level0, season0, amse_steps);
          if (r.sse < best.sse) {
            best = DailySmoothing{
                alpha, beta, gamma, phi, r.level, r.trend, r.season, r.sse, history.dates.back()};
          }
        }
      }
    }
  }
  return best;
}

namespace {

class TopDownModel final : public FittedModel {
 public:
  explicit TopDownModel(ModelState s) : state_(std::move(s)) {
    const auto& d = state_array(state_, "daily", 6, 1);  // alpha beta gamma phi level trend
    daily_.alpha = d(0);
    daily_.beta = d(1);
    daily_.gamma = d(2);
    daily_.phi = d(3);
    daily_.level = d(4);
    daily_.trend = d(5);
    daily_.season = state_array(state_, "season", 7, 1).col(0);
    daily_.last = state_.last_date;
    const auto& open = state_array(state_, "open", 7, 1);
    for (int wd = 0; wd < 7; ++wd) open_[static_cast<std::size_t>(wd)] = open(wd) > 0;
    shares_ = &state_array(state_, "shares", 7);
  }
  Eigen::MatrixXd predict(std::span<const Date> dates) const override {
    Eigen::MatrixXd out(static_cast<Eigen::Index>(dates.size()), shares_->cols());
    for (std::size_t i = 0; i < dates.size(); ++i) {
      out.row(static_cast<Eigen::Index>(i)) =
          daily_.forecast(dates[i], open_) * shares_->row(weekday_index(dates[i]));
    }
    return out;
  }
  const ModelState& state() const override { return state_; }

 private:
  ModelState state_;
  DailySmoothing daily_;
  std::array<bool, 7> open_{};
  const Eigen::MatrixXd* shares_ = nullptr;
};

}  // namespace

Eigen::MatrixXd smooth_slots(const Eigen::MatrixXd& profile,
                             const std::array<std::vector<char>, 7>& open) {
  Eigen::MatrixXd out = profile;
  for (Eigen::Index wd = 0; wd < profile.rows(); ++wd) {
    const auto& m = open[static_cast<std::size_t>(wd)];
    for (Eigen::Index c = 1; c + 1 < profile.cols(); ++c) {
      const auto u = static_cast<std::size_t>(c);
      if (!m[u - 1] || !m[u] || !m[u + 1]) continue;
      out(wd, c) = 0.5 * profile(wd, c) + 0.25 * (profile(wd, c - 1) + profile(wd, c + 1));
    }
  }
  return out;
}

std::unique_ptr<FittedModel> TopDown::fit(const DayGrid& history) const {
  require_history(history, *this);
  const DailySmoothing d = fit_daily_smoothing(history);
  ModelState s = state_for(history, name());
  s.scalars["profile_weeks"] = profile_weeks_;
  Eigen::VectorXd daily(6);
  daily << d.alpha, d.beta, d.gamma, d.phi, d.level, d.trend;
  s.arrays["daily"] = daily;
  s.arrays["season"] = d.season;
  Eigen::VectorXd open(7);
  for (int wd = 0; wd < 7; ++wd) open(wd) = history.weekday_open(wd) ? 1 : 0;
  s.arrays["open"] = open;
  // Intraday shares per weekday: the weekday-mean profile normalised to sum 1 over open slots.
  Eigen::MatrixXd shares = smooth_slots(weekday_mean(history, profile_weeks_), history.open);
  for (int wd = 0; wd < 7; ++wd) {
    for (Eigen::Index c = 0; c < shares.cols(); ++c) {
      if (!history.open[static_cast<std::size_t>(wd)][static_cast<std::size_t>(c)])
        shares(wd, c) = 0;
    }
    const double total = shares.row(wd).sum();
    if (total > 0) shares.row(wd) /= total;
  }
  s.arrays["shares"] = shares;
  return std::make_unique<TopDownModel>(std::move(s));
}

std::unique_ptr<FittedModel> TopDown::restore(ModelState state) const {
  return std::make_unique<TopDownModel>(std::move(state));
}

}  // namespace wfm::forecast
