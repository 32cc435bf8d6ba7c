#include "wfm/forecast/backtest.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>

#include "wfm/core/error.hpp"

namespace wfm::forecast {

std::vector<Date> backtest_origins(const DayGrid& history, const BacktestOptions& options,
                                   int min_days) {
  std::vector<Date> out;
  if (history.dates.empty()) return out;
  const Date last = history.dates.back();
  for (int k = options.origins - 1; k >= 0; --k) {
    const Date origin = last - std::chrono::days{options.horizon_days + k * options.step_days};
    const auto rows = std::upper_bound(history.dates.begin(), history.dates.end(), origin) -
                      history.dates.begin();
    if (rows >= min_days) out.push_back(origin);
  }
  return out;
}

BacktestResult backtest(const Forecaster& model, const DayGrid& history,
                        std::span<const Date> origins, const BacktestOptions& options,
                        std::optional<double> mase_scale) {
  BacktestResult r;
  r.method = model.name();
  const auto t0 = std::chrono::steady_clock::now();
  for (const Date origin : origins) {
    const auto rows = std::upper_bound(history.dates.begin(), history.dates.end(), origin) -
                      history.dates.begin();
    const DayGrid train = head_days(history, rows);
    BacktestFold fold;
    fold.origin = origin;
    for (const Date d : horizon_dates(train, origin + std::chrono::days{1}, options.horizon_days)) {
      if (history.row_of(d) >= 0) fold.dates.push_back(d);
    }
    if (fold.dates.empty()) continue;
    fold.forecast = model.forecast(train, fold.dates);
    fold.actual.resize(fold.forecast.rows(), fold.forecast.cols());
    for (std::size_t i = 0; i < fold.dates.size(); ++i) {
      const auto row = history.row_of(fold.dates[i]);
      const auto& mask = train.open[static_cast<std::size_t>(weekday_index(fold.dates[i]))];
      for (Eigen::Index c = 0; c < history.width(); ++c) {
        fold.actual(static_cast<Eigen::Index>(i), c) =
            mask[static_cast<std::size_t>(c)] ? history.calls(row, c)
                                              : std::numeric_limits<double>::quiet_NaN();
      }
    }
    r.folds.push_back(std::move(fold));
  }
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  r.scores = score_folds(r.folds, mase_scale);
  return r;
}

metrics::Scores score_folds(std::span<const BacktestFold> folds, std::optional<double> mase_scale) {
  metrics::Accumulator acc;
  for (const auto& f : folds) {
    for (Eigen::Index i = 0; i < f.actual.rows(); ++i) {
      for (Eigen::Index c = 0; c < f.actual.cols(); ++c) {
        if (!std::isnan(f.actual(i, c))) acc.add(f.actual(i, c), f.forecast(i, c));
      }
    }
  }
  return acc.scores(mase_scale);
}

BacktestResult combine(std::span<const BacktestResult* const> members,
                       std::optional<double> mase_scale) {
  WFM_ENSURE(!members.empty(), "combination of no models");
  BacktestResult r;
  r.folds = members.front()->folds;
  for (std::size_t m = 0; m < members.size(); ++m) {
    r.method += (m ? "+" : "") + members[m]->method;
    r.seconds += members[m]->seconds;
    if (m == 0) continue;
    WFM_ENSURE(members[m]->folds.size() == r.folds.size(), "combined backtests differ in folds");
    for (std::size_t k = 0; k < r.folds.size(); ++k)
      r.folds[k].forecast += members[m]->folds[k].forecast;
  }
  for (auto& f : r.folds) f.forecast /= static_cast<double>(members.size());
  r.scores = score_folds(r.folds, mase_scale);
  return r;
}

}  // namespace wfm::forecast
