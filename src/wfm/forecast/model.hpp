// The forecaster interface every model implements, statsforecast-style: fit on history, predict
// any future days; forecast = fit + predict. Models are const strategies (their options fixed at
// construction); fit returns an immutable FittedModel whose state is plain named arrays, so any
// fitted model saves to and loads from one documented JSON format (docs/forecast.md).
//
// Shapes: a prediction for n dates is an n x grid.width() matrix over the grid's slots. Cells
// closed on a date's weekday may hold any finite value; callers emit only open cells. Predictions
// are point forecasts (means); prediction intervals are added by intervals.hpp, the same way for
// every model. Every model passes the contract test in tests/unit/forecast/contract_test.cpp.
#pragma once

#include <map>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "wfm/forecast/day_grid.hpp"

namespace wfm::forecast {

// A fitted model's whole state: enough to predict without the history.
struct ModelState {
  std::string method;                     // e.g. "weekday-avg"
  std::map<std::string, double> scalars;  // options and fitted parameters
  std::map<std::string, Eigen::MatrixXd> arrays;
  Date last_date{};        // last history day
  std::vector<int> slots;  // the grid's slots
  int interval_s = 0;
};

class FittedModel {
 public:
  virtual ~FittedModel() = default;
  // Point forecast for `dates` (increasing, each after the last history date).
  virtual Eigen::MatrixXd predict(std::span<const Date> dates) const = 0;
  virtual const ModelState& state() const = 0;
};

class Forecaster {
 public:
  virtual ~Forecaster() = default;
  virtual std::string name() const = 0;
  // Least history the model needs, in observed days.
  virtual int min_days() const = 0;
  // Throws core::InputError when the history is too short.
  virtual std::unique_ptr<FittedModel> fit(const DayGrid& history) const = 0;
  // Rebuilds a fitted model from saved state (state.method == name()).
  virtual std::unique_ptr<FittedModel> restore(ModelState state) const = 0;
  Eigen::MatrixXd forecast(const DayGrid& history, std::span<const Date> dates) const {
    return fit(history)->predict(dates);
  }
};

}  // namespace wfm::forecast
