#include "wfm/forecast/auto_select.hpp"

#include <algorithm>
#include <limits>
#include <memory>

#include "wfm/core/error.hpp"
#include "wfm/forecast/registry.hpp"

namespace wfm::forecast {

namespace {

std::vector<std::unique_ptr<Forecaster>> make_all(std::span<const std::string> names) {
  std::vector<std::unique_ptr<Forecaster>> out;
  for (const auto& n : names) out.push_back(make_forecaster(n));
  return out;
}

std::vector<Date> common_origins(const DayGrid& history,
                                 const std::vector<std::unique_ptr<Forecaster>>& models,
                                 const BacktestOptions& options) {
  int min_days = 1;
  for (const auto& m : models) min_days = std::max(min_days, m->min_days());
  return backtest_origins(history, options, min_days);
}

}  // namespace

double selection_error(const metrics::Scores& scores) {
  if (scores.mase) return *scores.mase;
  if (scores.wape) return *scores.wape;
  return std::numeric_limits<double>::infinity();
}

BacktestResult backtest_members(const DayGrid& history, std::span<const std::string> members,
                                const BacktestOptions& options, std::optional<double> mase_scale) {
  const auto models = make_all(members);
  const auto origins = common_origins(history, models, options);
  std::vector<BacktestResult> results;
  for (const auto& m : models)
    results.push_back(backtest(*m, history, origins, options, mase_scale));
  if (results.size() == 1) return std::move(results.front());
  std::vector<const BacktestResult*> ptrs;
  for (const auto& r : results) ptrs.push_back(&r);
  return combine(ptrs, mase_scale);
}

Selection select_model(const DayGrid& history, std::span<const std::string> methods,
                       const BacktestOptions& options, std::optional<double> mase_scale) {
  const auto models = make_all(methods);
  const auto origins = common_origins(history, models, options);
  WFM_REQUIRE(
      !origins.empty(), core::Location{},
      "method 'auto' needs enough history to backtest: at least {} days before the "
      "last {} days{}; use a single method or a shorter --horizon",
      [&] {
        int d = 1;
        for (const auto& m : models) d = std::max(d, m->min_days());
        return d;
      }(),
      options.horizon_days,
      history.queue.empty() ? std::string{} : " (queue '" + history.queue + "')");
  Selection s;
  for (const auto& m : models) {
    s.candidates.push_back(backtest(*m, history, origins, options, mase_scale));
  }
  const auto by_error = [](const BacktestResult& a, const BacktestResult& b) {
    return selection_error(a.scores) < selection_error(b.scores);
  };
  std::stable_sort(s.candidates.begin(), s.candidates.end(), by_error);
  const std::size_t singles = s.candidates.size();
  for (std::size_t k = 2; k <= std::min<std::size_t>(3, singles); ++k) {
    std::vector<const BacktestResult*> top;
    for (std::size_t i = 0; i < k; ++i) top.push_back(&s.candidates[i]);
    s.candidates.push_back(combine(top, mase_scale));
  }
  // Singles first among equals: stable sort keeps the earlier (single, better-ranked) candidate.
  std::stable_sort(s.candidates.begin(), s.candidates.end(), by_error);
  s.chosen = 0;
  const auto& best = s.candidates.front().method;
  std::size_t start = 0;
  while (true) {
    const auto plus = best.find('+', start);
    s.members.push_back(best.substr(start, plus == std::string::npos ? plus : plus - start));
    if (plus == std::string::npos) break;
    start = plus + 1;
  }
  return s;
}

}  // namespace wfm::forecast
