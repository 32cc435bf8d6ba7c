// The forecasting methods by name, as `wfm forecast --method` and scenario files spell them.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "wfm/forecast/model.hpp"

namespace wfm::forecast {

// Every single-model method, in the order reports list them ("auto" is not a model: see
// auto_select.hpp).
std::vector<std::string> method_names();

// The methods `auto` tries on `history`: method_names(), without snaive-year unless the history
// spans a year (364 days) or more (on less it is snaive).
std::vector<std::string> auto_method_names(const DayGrid& history);

// The model called `name` with its default options. Throws core::InputError for an unknown name,
// listing the valid ones.
std::unique_ptr<Forecaster> make_forecaster(std::string_view name);

}  // namespace wfm::forecast
