#include "wfm/forecast/backtest_methods.hpp"

#include <algorithm>

#include "wfm/core/error.hpp"
#include "wfm/forecast/auto_select.hpp"
#include "wfm/forecast/intervals.hpp"
#include "wfm/forecast/prepare.hpp"
#include "wfm/forecast/registry.hpp"

namespace wfm::forecast {

MethodsBacktest backtest_methods(const core::IntervalTable& history,
                                 const MethodsOptions& options) {
  check_levels(options.levels);
  const bool automatic = options.methods.empty();
  // Unique single models across the list: common origins need the largest min_days.
  std::vector<std::string> singles;
  for (const auto& m : options.methods) {
    for (const auto& n : m) {
      if (std::find(singles.begin(), singles.end(), n) == singles.end()) singles.push_back(n);
    }
  }
  int min_days = 1;
  for (const auto& n : singles) min_days = std::max(min_days, make_forecaster(n)->min_days());
  WFM_REQUIRE(!history.queues.empty(), (core::Location{history.source, 0, {}}),
              "the history has no intervals");

  MethodsBacktest out;
  out.automatic = automatic;
  const BacktestOptions& bt = options.backtest;
  for (const auto& series : history.queues) {
    PreparedQueue prepared =
        prepare_queue(series, history.interval_s, options.special, options.downweight_outliers);
    const DayGrid& grid = prepared.grid;
    QueueBacktest q;
    q.queue = series.queue;
    q.excluded_special_days = prepared.excluded_special.size();
    q.outlier_days = prepared.outliers.size();
    q.mase_scale = prepared.mase_scale;
    std::vector<BacktestResult> results;
    std::size_t chosen = 0;
    if (automatic) {
      auto sel = select_model(grid, method_names(), bt, q.mase_scale);
      results = std::move(sel.candidates);
      chosen = sel.chosen;
    } else {
      q.origins = backtest_origins(grid, bt, min_days);
      WFM_REQUIRE(!q.origins.empty(), (core::Location{history.source, 0, {}}),
                  "the history{} is too short to backtest: {} needs at least {} days before the "
                  "last {} days; use a shorter --horizon or other methods",
                  series.queue.empty() ? "" : " of queue '" + series.queue + "'",
                  singles.size() == 1 ? "the method" : "the most demanding method", min_days,
                  bt.horizon_days);
      std::vector<BacktestResult> single_results;
      for (const auto& n : singles) {
        single_results.push_back(backtest(*make_forecaster(n), grid, q.origins, bt, q.mase_scale));
      }
      for (const auto& m : options.methods) {
        std::vector<const BacktestResult*> members;
        for (const auto& n : m) {
          members.push_back(&single_results[static_cast<std::size_t>(
              std::find(singles.begin(), singles.end(), n) - singles.begin())]);
        }
        results.push_back(members.size() == 1 ? *members.front() : combine(members, q.mase_scale));
      }
      chosen = results.size();  // none
    }
    if (q.origins.empty() && !results.empty()) {
      for (const auto& fold : results.front().folds) q.origins.push_back(fold.origin);
    }
    for (std::size_t i = 0; i < results.size(); ++i) {
      MethodRow row;
      row.scores = score_with_coverage(results[i].folds, options.levels, q.mase_scale);
      out.poisson_folds += row.scores.poisson_folds;
      row.result = std::move(results[i]);
      row.chosen = i == chosen;
      q.rows.push_back(std::move(row));
    }
    out.queues.push_back(std::move(q));
  }
  return out;
}

}  // namespace wfm::forecast
