// Top-down forecast: daily totals first, then split over the day.
//
// Daily totals follow Holt-Winters exponential smoothing with a damped additive trend and
// multiplicative weekday seasonality (Hyndman & Athanasopoulos, "Forecasting: Principles and
// Practice", 3rd ed., sec. 8.3-8.4, damped Holt-Winters), run over the open weekdays in calendar
// order. A missing day is not zero: its one-step forecast stands in for it and no state is
// corrected. Smoothing parameters are chosen by minimum in-sample one-step squared error over a
// small grid. Each day is split by the intraday profile of its weekday: the share of the day's
// calls in each interval, averaged over the last `profile_weeks` observed weeks and smoothed
// across neighbouring intervals with the binomial [1 2 1]/4 filter (the share of one 5-minute
// interval over 12 weeks is noisy; the filter halves that noise at the cost of a little flattening
// of sharp peaks, and measured better on both bench series: bench/RESULTS.md).
#pragma once

#include "wfm/forecast/model.hpp"

namespace wfm::forecast {

class TopDown final : public Forecaster {
 public:
  explicit TopDown(int profile_weeks = 12) : profile_weeks_(profile_weeks) {}
  std::string name() const override { return "top-down"; }
  int min_days() const override { return 14; }
  std::unique_ptr<FittedModel> fit(const DayGrid& history) const override;
  std::unique_ptr<FittedModel> restore(ModelState state) const override;

 private:
  int profile_weeks_;
};

// Daily-total smoothing on its own (used by top-down, exposed for tests): the state after
// running over the daily totals of `history`, and its forecasts.
struct DailySmoothing {
  double alpha = 0, beta = 0, gamma = 0, phi = 1;
  double level = 0, trend = 0;
  Eigen::VectorXd season;  // 7 weekday factors (1 for closed weekdays)
  double sse = 0;          // in-sample one-step squared error
  Date last{};
  // Forecast of the daily total on `d` (> last), counting only open weekdays as steps.
  double forecast(Date d, const std::array<bool, 7>& open) const;
};

DailySmoothing fit_daily_smoothing(const DayGrid& history);

// The [1 2 1]/4 filter along each weekday's row, applied where the interval and both neighbours
// are open (the first and last open interval of a run keep their value).
Eigen::MatrixXd smooth_slots(const Eigen::MatrixXd& profile,
                             const std::array<std::vector<char>, 7>& open);

}  // namespace wfm::forecast
