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

}  // namespace wfm::forecast
