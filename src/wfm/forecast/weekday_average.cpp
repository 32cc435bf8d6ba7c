#include "wfm/forecast/weekday_average.hpp"

#include "wfm/forecast/profile.hpp"
#include "wfm/forecast/validate.hpp"

namespace wfm::forecast {

std::unique_ptr<FittedModel> WeekdayAverage::fit(const DayGrid& history) const {
  require_history(history, *this);
  ModelState s = state_for(history, name());
  s.scalars["weeks"] = weeks_;
  s.scalars["decay"] = decay_;
  s.arrays["profile"] = weekday_mean(history, weeks_, decay_);
  return make_profile_model(std::move(s));
}

std::unique_ptr<FittedModel> WeekdayAverage::restore(ModelState state) const {
  return make_profile_model(std::move(state));
}

}  // namespace wfm::forecast
