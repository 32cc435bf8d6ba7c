#include "wfm/forecast/backtest_methods.hpp"

#include <algorithm>
#include <string_view>

#include <fmt/ranges.h>

#include "wfm/core/error.hpp"
#include "wfm/forecast/auto_select.hpp"
#include "wfm/forecast/intervals.hpp"
#include "wfm/forecast/prepare.hpp"
#include "wfm/forecast/registry.hpp"
#include "wfm/io/forecast_csv.hpp"
#include "wfm/io/number.hpp"

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
      auto sel = select_model(grid, auto_method_names(grid), bt, q.mase_scale);
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

namespace wfm::forecast {

std::vector<std::vector<std::string>> parse_method_list(const std::vector<std::string>& items,
                                                        const core::Location& where) {
  WFM_REQUIRE(!items.empty(), where,
              "expected auto, all or a list of methods such as weekday-avg,regression");
  const bool is_auto = std::find(items.begin(), items.end(), "auto") != items.end();
  WFM_REQUIRE(!is_auto || items.size() == 1, where,
              "auto backtests every method and their combinations on its own; list methods "
              "without it");
  std::vector<std::vector<std::string>> out;
  if (is_auto) return out;
  for (const auto& item : items) {
    if (item == "all") {
      for (const auto& m : method_names()) out.push_back({m});
      continue;
    }
    std::vector<std::string> members;
    std::string_view rest = item;
    while (true) {
      const auto plus = rest.find('+');
      members.emplace_back(io::trim(rest.substr(0, plus)));
      const auto names = method_names();
      WFM_REQUIRE(std::find(names.begin(), names.end(), members.back()) != names.end(), where,
                  "unknown forecasting method '{}': expected auto, all, or a list of {} and a+b "
                  "combinations",
                  members.back(), fmt::join(names, ", "));
      if (plus == std::string_view::npos) break;
      rest = rest.substr(plus + 1);
    }
    out.push_back(std::move(members));
  }
  // Each method or combination once, in the order given.
  std::vector<std::vector<std::string>> unique;
  for (auto& m : out) {
    if (std::find(unique.begin(), unique.end(), m) == unique.end()) unique.push_back(std::move(m));
  }
  return unique;
}

void write_backtest_table(io::TableWriter& w, const MethodsBacktest& run,
                          const std::vector<double>& levels) {
  for (const char* h :
       {"queue", "method", "chosen", "folds", "first_origin", "last_origin", "n", "mae", "rmse",
        "wape", "smape", "smape_skipped", "mape", "mape_skipped", "bias", "mase"}) {
    w.field(h);
  }
  for (double l : levels) w.field("coverage_" + io::format_level(l));
  w.field("seconds");
  w.end_row();
  for (const auto& q : run.queues) {
    for (const auto& r : q.rows) {
      const auto& s = r.scores.scores;
      const auto& folds = r.result.folds;
      w.field(q.queue).field(r.result.method);
      if (run.automatic) {
        w.field(r.chosen ? "yes" : "no");
      } else {
        w.empty_field();
      }
      w.field(static_cast<double>(folds.size()));
      if (folds.empty()) {
        w.empty_field().empty_field();
      } else {
        w.date_field(folds.front().origin).date_field(folds.back().origin);
      }
      w.field(static_cast<double>(s.n));
      w.field(s.mae).field(s.rmse).field(s.wape).field(s.smape);
      w.field(static_cast<double>(s.smape_skipped));
      w.field(s.mape).field(static_cast<double>(s.mape_skipped)).field(s.bias).field(s.mase);
      for (std::size_t l = 0; l < levels.size(); ++l) {
        w.field(r.scores.has_coverage && l < s.coverage.size() ? s.coverage[l] : std::nullopt);
      }
      w.field(r.result.seconds);
      w.end_row();
    }
  }
}

}  // namespace wfm::forecast
