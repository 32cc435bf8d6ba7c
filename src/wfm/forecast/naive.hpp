// Seasonal naive forecasts: each interval as it was on the most recent observed day of the same
// weekday ("snaive", the same interval last week) or on the most recent observed day
// ("snaive-day", the same interval yesterday). The benchmark every other model must beat.
#pragma once

#include "wfm/forecast/model.hpp"

namespace wfm::forecast {

class SeasonalNaive final : public Forecaster {
 public:
  enum class Period { week, day };
  explicit SeasonalNaive(Period period = Period::week) : period_(period) {}
  std::string name() const override { return period_ == Period::week ? "snaive" : "snaive-day"; }
  int min_days() const override { return 1; }
  std::unique_ptr<FittedModel> fit(const DayGrid& history) const override;
  std::unique_ptr<FittedModel> restore(ModelState state) const override;

 private:
  Period period_;
};

}  // namespace wfm::forecast
