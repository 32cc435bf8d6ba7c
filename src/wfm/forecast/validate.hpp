// Checks shared by every model's fit: enough history, finite values.
#pragma once

#include "wfm/forecast/model.hpp"

namespace wfm::forecast {

// Throws core::InputError when `history` has fewer observed days than model.min_days().
void require_history(const DayGrid& history, const Forecaster& model);

}  // namespace wfm::forecast
