// Weekday profiles: a 7 x slots table of values, one row per weekday (0 = Monday), and the fitted
// model that predicts each date by its weekday's row. The seasonal naive and weekday-average
// models are this model with different ways of filling the table.
#pragma once

#include <memory>

#include "wfm/forecast/model.hpp"

namespace wfm::forecast {

// Fitted model predicting date d as state.arrays["profile"].row(weekday(d)).
std::unique_ptr<FittedModel> make_profile_model(ModelState state);

// Weighted mean of the history rows of each weekday over its `weeks` most recent observed days
// (weight of the k-th most recent is decay^k; NaN cells skipped). A weekday with no observed
// cell at a slot takes the mean of all weekdays at that slot (0 when none). Returns 7 x width.
Eigen::MatrixXd weekday_mean(const DayGrid& history, int weeks, double decay = 1.0);

// ModelState with the grid's shape fields filled in.
ModelState state_for(const DayGrid& history, std::string method);

}  // namespace wfm::forecast
