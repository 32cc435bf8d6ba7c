#include "wfm/forecast/naive.hpp"

#include <cmath>

#include "wfm/forecast/profile.hpp"
#include "wfm/forecast/validate.hpp"

namespace wfm::forecast {

std::unique_ptr<FittedModel> SeasonalNaive::fit(const DayGrid& history) const {
  require_history(history, *this);
  ModelState s = state_for(history, name());
  if (period_ == Period::week) {
    s.arrays["profile"] = weekday_mean(history, 1);
  } else {
    // The last observed day; a cell missing there takes the latest earlier value at its slot.
    Eigen::RowVectorXd last = Eigen::RowVectorXd::Zero(history.width());
    for (Eigen::Index c = 0; c < history.width(); ++c) {
      for (Eigen::Index i = history.days() - 1; i >= 0; --i) {
        if (!std::isnan(history.calls(i, c))) {
          last(c) = history.calls(i, c);
          break;
        }
      }
    }
    s.arrays["profile"] = last.replicate(7, 1);
  }
  return make_profile_model(std::move(s));
}

std::unique_ptr<FittedModel> SeasonalNaive::restore(ModelState state) const {
  return make_profile_model(std::move(state));
}

}  // namespace wfm::forecast
