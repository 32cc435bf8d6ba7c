// Seasonal naive forecasts: each interval as it was on the most recent observed day of the same
// weekday ("snaive", the same interval last week) or on the most recent observed day
// ("snaive-day", the same interval yesterday). The benchmark every other model must beat.
//
// "snaive-year" is the yearly seasonal naive forecast: each interval as it was 52 weeks (364
// days, so the same weekday) before, or a whole number of such years before for horizons beyond
// a year, y_{T+h|T} = y_{T+h-m(k+1)} with m = 364 days, k the number of whole years in h - 1
// (Hyndman & Athanasopoulos, Forecasting: Principles and Practice, 3rd ed., sec. 5.2, with m = 52
// for weekly data). A cell whose year-earlier value is absent (missing, or before the history)
// takes the snaive value, so on less than a year of history it is snaive. Its state keeps the
// last 364 days, so it is meant for daily and weekly files; `auto` tries it only on a history
// spanning a year or more (auto_method_names). Tested in tests/unit/forecast/contract_test.cpp
// and daily_test.cpp ("[weekly]").
#pragma once

#include "wfm/forecast/model.hpp"

namespace wfm::forecast {

// Days in the yearly seasonal naive's season: 52 weeks.
inline constexpr int kSeasonalYearDays = 364;

class SeasonalNaive final : public Forecaster {
 public:
  enum class Period { week, day, year };
  explicit SeasonalNaive(Period period = Period::week) : period_(period) {}
  std::string name() const override {
    return period_ == Period::week  ? "snaive"
           : period_ == Period::day ? "snaive-day"
                                    : "snaive-year";
  }
  int min_days() const override { return 1; }
  std::unique_ptr<FittedModel> fit(const DayGrid& history) const override;
  std::unique_ptr<FittedModel> restore(ModelState state) const override;

 private:
  Period period_;
};

}  // namespace wfm::forecast
