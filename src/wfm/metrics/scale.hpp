// The MASE scale: the in-sample mean absolute error of a seasonal naive forecast on a history
// series (Hyndman & Koehler 2006), the denominator of Scores::mase (accuracy.hpp).
//
//   scale = mean over pairs of |y_t - y_lag(t)|
// with the lag
//   previous_day:  the value at the same time of day on the most recent earlier day that has that
//                  time of day (a missing day is skipped over, not a break). On a series whose
//                  days all have the same slots this is R forecast's accuracy() with period =
//                  intervals per day, e.g. 169 for the fpp2 bank calls (5-minute, 07:00-21:00);
//   previous_week: the value exactly 7 days earlier; pairs without one are skipped.
// Returns nullopt when there are no pairs; 0 for a history the naive forecast fits exactly
// (Scores::mase is then undefined). Tested in tests/unit/metrics/scale_test.cpp on a hand-made
// series with a missing day.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include "wfm/core/series.hpp"

namespace wfm::metrics {

enum class SeasonalLag { previous_day, previous_week };

// "day" / "week"; nullopt otherwise.
std::optional<SeasonalLag> parse_seasonal_lag(std::string_view text);
std::string_view to_string(SeasonalLag lag);

struct NaiveScale {
  double scale = 0;
  std::size_t pairs = 0;
};

// The scale and the number of pairs it averages; nullopt without pairs.
std::optional<NaiveScale> seasonal_naive_error(const core::QueueSeries& history, SeasonalLag lag);

// seasonal_naive_error(...)->scale, or nullopt.
std::optional<double> seasonal_naive_scale(const core::QueueSeries& history, SeasonalLag lag);

// The same on the history aggregated to resolution_s first (aggregate.hpp: calls of the intervals
// in each bucket summed); resolution_s == interval_s is the history itself.
std::optional<double> seasonal_naive_scale(const core::QueueSeries& history, int interval_s,
                                           SeasonalLag lag, int resolution_s);

}  // namespace wfm::metrics
