// Checks shared by every model: enough history to fit, and a saved state of the right shape to
// restore (a model file edited by hand must not make predict read out of bounds).
#pragma once

#include "wfm/forecast/model.hpp"

namespace wfm::forecast {

// Throws core::InputError when `history` has fewer observed days than model.min_days().
void require_history(const DayGrid& history, const Forecaster& model);

// The array `name` of a saved state, checked to be rows x cols (cols < 0: the state's slot count).
// Throws core::InternalError naming the method and array otherwise (the model-file loader reports
// it against the file).
const Eigen::MatrixXd& state_array(const ModelState& state, const std::string& name,
                                   Eigen::Index rows, Eigen::Index cols = -1);

// The scalar `name` of a saved state; core::InternalError when absent.
double state_scalar(const ModelState& state, const std::string& name);

}  // namespace wfm::forecast
