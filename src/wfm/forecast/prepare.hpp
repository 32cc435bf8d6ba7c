// Laying out one queue's history for fitting and backtesting, the same way for `wfm forecast`
// (pipeline.hpp), `wfm plan` and `wfm backtest` (backtest_methods.hpp), so every command fits and
// scores the same data.
//
// Steps: the day x slot grid (day_grid.hpp); the open weekdays absent from it (gaps, reported, not
// zero); special days set to missing (special_days.hpp); outlier days found and, when asked,
// down-weighted (outliers.hpp); and the MASE scale, the in-sample previous-day naive error of the
// raw series (metrics/scale.hpp). Tested in tests/unit/forecast/prepare_test.cpp.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "wfm/core/series.hpp"
#include "wfm/forecast/day_grid.hpp"
#include "wfm/forecast/outliers.hpp"
#include "wfm/forecast/special_days.hpp"

namespace wfm::forecast {

struct PreparedQueue {
  DayGrid grid;                        // special days missing, outliers down-weighted if asked
  std::size_t history_days = 0;        // days with at least one interval
  std::vector<Date> missing_days;      // open weekdays absent from the history
  std::vector<Date> excluded_special;  // special days present in the history, left out
  std::vector<OutlierDay> outliers;    // found (and down-weighted when asked)
  std::optional<double> mase_scale;    // previous-day naive MAE of the series; nullopt: none
};

PreparedQueue prepare_queue(const core::QueueSeries& series, int interval_s,
                            const SpecialDays& special, bool downweight_outliers);

// The open weekdays between the grid's first and last day that have no row.
std::vector<Date> missing_days(const DayGrid& grid);

}  // namespace wfm::forecast
