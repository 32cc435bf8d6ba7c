// Double-seasonal Holt-Winters: exponential smoothing with a within-day and a within-week
// season, after J. W. Taylor (2003), "Short-term electricity demand forecasting using double
// seasonal exponential smoothing", Journal of the Operational Research Society 54:799-805.
//
// The series is the open cells in time order: a "day" is the slots open on any open weekday (s1
// of them), a "week" the open weekdays x those slots (s2); nights, weekends and other closed time
// are not part of it. Multiplicative seasonality, as in Taylor's paper, without a trend (a local
// level carried 2,000 five-minute steps ahead with a trend would run away; Taylor's own fits put
// the trend's smoothing near zero). With y_t the calls, l the level, d the day and w the week
// indices (the values last updated at the same phase), and e the previous base error:
//   base_t = l_{t-1} d_{t-s1} w_{t-s2},   forecast_t = base_t + phi e_{t-1},   e_t = y_t - base_t
//   l_t = alpha y_t / (d_{t-s1} w_{t-s2}) + (1 - alpha) l_{t-1}
//   d_t = delta y_t / (l_t w_{t-s2}) + (1 - delta) d_{t-s1}
//   w_t = omega y_t / (l_t d_{t-s1}) + (1 - omega) w_{t-s2}
// phi is Taylor's AR(1) adjustment of the one-step error (sec. 3); h steps ahead the forecast is
// l d w + phi^h e, so the adjustment fades over the horizon.
// A missing cell or day (NaN; a cell of the day closed on that weekday) is not zero: the
// forecast stands in for it, so level and indices stay as they are and e decays to phi e.
// Initial values come from the first two weeks: the level is their mean, the day index the mean
// of each slot over that level, the week index the mean of each weekday-slot over level x day.
// alpha, delta, omega, phi minimise the in-sample one-step squared error (Taylor's criterion, the
// default) or, with Criterion::week_ahead, the squared error of the forecasts made one week (s2
// steps) earlier, the horizon planners use (as R forecast::ets offers opt.crit = "amse"/"nmse"
// for multi-step horizons). Search: a grid of 72 points evenly spread in logit space, then
// Nelder-Mead in logit coordinates, 140 runs of the recursion at most (one run is one pass over
// the series, 26k steps on the fpp2 5-minute bench). One-step estimation makes the level react to
// the last minutes of the last day (alpha ~ 0.16 on fpp2), which is what makes this model weak
// weeks ahead; the week-ahead criterion fixes that on the fpp2 bench (MASE 0.66 against 1.7).
//
// Tested in tests/unit/forecast/holt_winters_test.cpp.
#pragma once

#include "wfm/forecast/model.hpp"

namespace wfm::forecast {

class HoltWinters final : public Forecaster {
 public:
  // What the parameters minimise: the one-step errors (Taylor 2003) or the errors of the
  // forecasts made one week earlier.
  enum class Criterion { one_step, week_ahead };
  explicit HoltWinters(Criterion criterion = Criterion::one_step, int max_evaluations = 140)
      : criterion_(criterion), max_evaluations_(max_evaluations) {}
  std::string name() const override { return "hw"; }
  int min_days() const override { return 14; }
  std::unique_ptr<FittedModel> fit(const DayGrid& history) const override;
  std::unique_ptr<FittedModel> restore(ModelState state) const override;

 private:
  Criterion criterion_;
  int max_evaluations_;
};

}  // namespace wfm::forecast
