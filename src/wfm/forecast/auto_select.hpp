// `auto`: choose, per queue, the model (or equal-weight combination) with the lowest backtest
// error. Every candidate model is backtested from the same rolling origins (backtest.hpp); the
// combinations of the best two and best three models are scored on the same folds at no extra
// cost. The winner has the lowest MASE (WAPE when the history has no MASE scale); ties keep the
// simpler candidate. All candidates' scores are returned so the choice can be reported.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "wfm/forecast/backtest.hpp"

namespace wfm::forecast {

struct Selection {
  std::vector<std::string> members;        // the chosen model(s); > 1 for a combination
  std::vector<BacktestResult> candidates;  // every candidate, best first
  std::size_t chosen = 0;                  // index into candidates
};

// Backtests `methods` (names for make_forecaster) and chooses. Throws core::InputError when the
// history is too short for any backtest origin.
Selection select_model(const DayGrid& history, std::span<const std::string> methods,
                       const BacktestOptions& options, std::optional<double> mase_scale);

// Backtests one model or combination (names) from common origins; for intervals and reports.
BacktestResult backtest_members(const DayGrid& history, std::span<const std::string> members,
                                const BacktestOptions& options, std::optional<double> mase_scale);

// The key auto ranks by: MASE, else WAPE, else +infinity.
double selection_error(const metrics::Scores& scores);

}  // namespace wfm::forecast
