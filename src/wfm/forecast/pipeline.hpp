// From interval history to a forecast table: what `wfm forecast` and `wfm plan` run.
//
// Per queue (queues in parallel, results in table order): lay the history out as a day grid,
// leave special days out of fitting, optionally down-weight outlier days (prepare.hpp, as `wfm
// backtest` does), choose the model
// (`auto`: rolling-origin backtest) or use the one asked for, backtest it to calibrate the
// prediction intervals, fit on all the history, forecast the open intervals of the horizon, apply
// special-day multipliers, and forecast handle time. The fitted per-queue models (QueueModel) can
// be saved and reused (model_file.hpp) to forecast later horizons without refitting.
//
// With a time zone (ForecastOptions::time_zone) the horizon leaves out the interval starts the
// zone skips in spring, which do not exist, and those it repeats in autumn: a forecast row carries
// no UTC offset, so the repeated hour's rows could not be read back with the zone
// (docs/formats.md, "Time zones and daylight saving"); a note says what was left out.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "wfm/core/forecast_table.hpp"
#include "wfm/core/series.hpp"
#include "wfm/core/time_zone.hpp"
#include "wfm/forecast/aht.hpp"
#include "wfm/forecast/auto_select.hpp"
#include "wfm/forecast/intervals.hpp"
#include "wfm/forecast/outliers.hpp"
#include "wfm/forecast/special_days.hpp"

namespace wfm::forecast {

struct ForecastOptions {
  std::string method = "auto";         // "auto" or a name from method_names()
  int horizon_days = 14;               // calendar days, >= 1
  std::optional<Date> start;           // first forecast day; default the day after the history
  std::vector<double> levels{80, 95};  // prediction-interval levels, percent, increasing
  SpecialDays special;                 // may be empty
  bool downweight_outliers = false;
  BacktestOptions backtest{};  // horizon_days is set from horizon_days
  // The zone of the wall-clock times: interval starts it skips or repeats are not forecast.
  std::optional<core::TimeZone> time_zone;
};

// Everything needed to forecast one queue again without its history.
struct QueueModel {
  std::string queue;
  int interval_s = 0;
  std::vector<int> slots;
  std::array<std::vector<char>, 7> open;
  Date last_date{};
  std::vector<ModelState> members;  // forecast = mean of the members' predictions
  IntervalModel intervals;
  std::optional<AhtModel> aht;
};

struct QueueReport {
  std::string queue;
  std::size_t history_days = 0;
  std::vector<Date> missing_days;          // open weekdays absent from the history (gaps)
  std::vector<Date> excluded_special;      // special days left out of fitting
  std::vector<OutlierDay> outliers;        // found (and down-weighted when asked)
  std::string method;                      // chosen model, or "a+b" combination
  std::vector<BacktestResult> candidates;  // auto: every candidate, best first; else the model
  std::optional<double> mase_scale;        // in-sample naive (previous day) MAE of the history
  // Days each backtest fold forecasts: the horizon, halved until the history leaves room for at
  // least one origin (a short history is backtested over a shorter horizon, and says so).
  int backtest_horizon_days = 0;
};

struct ForecastRun {
  core::ForecastTable table;
  // What the forecast left out and why (the daylight-saving changes of the horizon, with a zone).
  std::vector<std::string> notes;
  std::vector<QueueReport> reports;
  std::vector<QueueModel> models;
};

// Throws core::InputError for bad options or unusable history (naming the queue).
ForecastRun run_forecast(const core::IntervalTable& history, const ForecastOptions& options);

// Forecasts from saved models (no refitting): horizon from `start` (default the day after each
// model's last history day) for `horizon_days`, at `levels`, with `special` applied.
// `notes`, when given, receives what the forecast left out (as ForecastRun::notes).
core::ForecastTable forecast_from_models(const std::vector<QueueModel>& models,
                                         const ForecastOptions& options,
                                         std::vector<std::string>* notes = nullptr);

}  // namespace wfm::forecast
