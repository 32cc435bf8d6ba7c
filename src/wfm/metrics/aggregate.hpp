// Aggregating interval data to a coarser resolution before scoring (5-minute -> 30-minute, hour,
// day): the calls of the intervals in each bucket are summed.
//
// A bucket is `resolution_s` long from midnight (resolution_s divides a day, 86400 = the day, so
// days go by date; wall-clock time, no DST). Only the intervals present are summed: a bucket with
// missing intervals is smaller, so to compare a forecast with actuals pair them first at their own
// resolution and aggregate the pairs (as `wfm accuracy` does). Prediction bounds cannot be summed
// (quantiles do not add), so aggregated forecasts have no levels: coverage is only reported at the
// native resolution. Tested in tests/unit/metrics/aggregate_test.cpp.
#pragma once

#include "wfm/core/error.hpp"
#include "wfm/core/forecast_table.hpp"
#include "wfm/core/series.hpp"
#include "wfm/core/time.hpp"

namespace wfm::metrics {

// The start of the resolution_s bucket containing t.
core::LocalTime bucket_start(core::LocalTime t, int resolution_s);

// Throws core::InputError at `where` unless resolution_s is a whole multiple of interval_s that
// divides a day.
void check_resolution(int interval_s, int resolution_s, const core::Location& where);

// Per bucket: offered summed; aht_s the calls-weighted mean when every interval with calls has
// one (else absent); handled and abandoned summed when every interval has them; source_line of
// the bucket's first interval. Resolution as check_resolution (InputError otherwise).
core::QueueSeries aggregate(const core::QueueSeries& series, int interval_s, int resolution_s);
// Every queue aggregated; interval_s becomes resolution_s; gaps are dropped (they are in the
// native intervals).
core::IntervalTable aggregate(const core::IntervalTable& table, int resolution_s);

// Per bucket: calls summed, aht_s as above, no bounds.
core::QueueForecast aggregate(const core::QueueForecast& forecast, int interval_s,
                              int resolution_s);
// Every queue aggregated; levels are dropped (see above).
core::ForecastTable aggregate(const core::ForecastTable& table, int resolution_s);

}  // namespace wfm::metrics
