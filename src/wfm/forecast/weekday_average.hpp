// Weekday average, the classic WFM method: each interval is the mean of the same weekday and
// time of day over the last K observed weeks, optionally weighted towards recent weeks
// (weight decay^k for the k-th most recent week). Missing days are skipped, not zero-filled.
#pragma once

#include "wfm/forecast/model.hpp"

namespace wfm::forecast {

class WeekdayAverage final : public Forecaster {
 public:
  explicit WeekdayAverage(int weeks = 6, double decay = 1.0) : weeks_(weeks), decay_(decay) {}
  std::string name() const override { return "weekday-avg"; }
  int min_days() const override { return 7; }
  std::unique_ptr<FittedModel> fit(const DayGrid& history) const override;
  std::unique_ptr<FittedModel> restore(ModelState state) const override;

 private:
  int weeks_;
  double decay_;
};

}  // namespace wfm::forecast
