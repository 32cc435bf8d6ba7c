#include "wfm/forecast/validate.hpp"

#include "wfm/core/error.hpp"

namespace wfm::forecast {

void require_history(const DayGrid& history, const Forecaster& model) {
  const auto queue = history.queue.empty() ? std::string{} : " of queue '" + history.queue + "'";
  WFM_REQUIRE(history.days() > 0, core::Location{}, "the history{} is empty", queue);
  WFM_REQUIRE(history.days() >= model.min_days(), core::Location{},
              "method '{}' needs at least {} days of history, the history{} has {}", model.name(),
              model.min_days(), queue, history.days());
}

const Eigen::MatrixXd& state_array(const ModelState& state, const std::string& name,
                                   Eigen::Index rows, Eigen::Index cols) {
  if (cols < 0) cols = static_cast<Eigen::Index>(state.slots.size());
  const auto it = state.arrays.find(name);
  WFM_ENSURE(it != state.arrays.end(), "{} model without array '{}'", state.method, name);
  WFM_ENSURE(it->second.rows() == rows && it->second.cols() == cols,
             "{} model: array '{}' is {} x {}, expected {} x {}", state.method, name,
             it->second.rows(), it->second.cols(), rows, cols);
  return it->second;
}

double state_scalar(const ModelState& state, const std::string& name) {
  const auto it = state.scalars.find(name);
  WFM_ENSURE(it != state.scalars.end(), "{} model without scalar '{}'", state.method, name);
  return it->second;
}

}  // namespace wfm::forecast
