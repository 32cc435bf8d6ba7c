// Aggregating a forecast to a coarser resolution before scoring (5-minute -> 30-minute, hour,
// day): the calls of the intervals in each bucket are summed, the AHT weighted by calls.
//
// Interval series (actuals, history) are re-binned by io::rebin / io::resample
// (src/wfm/io/resample.hpp), the one place the bins, their checks and the weighted AHT are
// defined; this is the same for core::ForecastTable. Only the intervals present are summed: a
// forecast without an interval forecasts no calls there. Prediction bounds cannot be summed
// (quantiles do not add), so aggregated forecasts have no levels: coverage is only reported at the
// native resolution. Tested in tests/unit/metrics/aggregate_test.cpp.
#pragma once

#include "wfm/core/forecast_table.hpp"

namespace wfm::metrics {

// Per bucket: calls summed, aht_s the calls-weighted mean (io::WeightedAht), no bounds. The
// resolution as io::check_coarser_interval (InputError otherwise).
core::QueueForecast aggregate(const core::QueueForecast& forecast, int interval_s,
                              int resolution_s);
// Every queue aggregated; levels are dropped (see above).
core::ForecastTable aggregate(const core::ForecastTable& table, int resolution_s);

}  // namespace wfm::metrics
