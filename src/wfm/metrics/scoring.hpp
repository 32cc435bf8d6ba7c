// Scoring a forecast table against actuals: what `wfm accuracy` computes, as a library call.
//
// Pairing: forecast and actual intervals of the same queue and start are scored (a merge-join of
// two time-ordered series per queue); the others are counted, and queues in only one table named.
// At a coarser resolution the pairs are summed per bucket after pairing, so a missing actual never
// makes a bucket smaller on one side only; bounds do not add up, so coverage is only scored at the
// native resolution. Rows: the overall row, then one per combination of `by` (default: per queue
// when the forecast names its queues), in (dimension values) order. MASE uses the seasonal naive
// scale of the history per queue (scale.hpp); a row over several queues scores the mean of the
// errors each scaled by its own queue's scale (undefined unless every queue has one). Thresholds
// (--fail-above / --fail-below) are checked on every row; a metric that is undefined on a row
// fails its threshold. Scores are accuracy.hpp's; definitions in docs/accuracy.md. Tested in
// tests/unit/metrics/scoring_test.cpp (a hand-computed table, MASE across queues, thresholds).
#pragma once

#include <cstddef>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "wfm/core/forecast_table.hpp"
#include "wfm/core/series.hpp"
#include "wfm/io/table_writer.hpp"
#include "wfm/metrics/accuracy.hpp"
#include "wfm/metrics/scale.hpp"

namespace wfm::metrics {

// A grouping dimension of the rows.
enum class GroupBy { interval, day, week, queue };

// "interval", "day", "week", "queue"; nullopt otherwise.
std::optional<GroupBy> parse_group_by(std::string_view text);
// The row column of a dimension: time_of_day, date, week_start, queue.
std::string_view column_name(GroupBy by);

// The metrics an upper limit can name: mae, rmse, wape, smape, mape, bias, mase.
std::span<const std::string_view> limit_metrics();
bool is_limit_metric(std::string_view metric);
// "coverage80" -> 80 (the level, percent); nullopt for anything else.
std::optional<double> coverage_level(std::string_view metric);
// The value of a limit metric in `s` (nullopt: undefined or not a limit metric).
std::optional<double> metric_value(const Scores& s, std::string_view metric);
// Why a metric of `s` is undefined, for messages: "the actual calls sum to 0", ...
std::string undefined_reason(const Scores& s, std::string_view metric);

struct Threshold {
  std::string metric;  // a limit metric (above), or coverage<level> (below)
  double limit = 0;    // >= 0
  bool above = true;   // fail when the value is above the limit (bias: its absolute value); else
                       // when it is below
};

// InputError naming --fail-above when a threshold names mase without a history to scale it.
void check_thresholds(std::span<const Threshold> thresholds, bool have_history);

struct ScoringOptions {
  std::optional<int> resolution_s;                 // nullopt: the forecast's own interval (native)
  std::optional<std::vector<GroupBy>> by;          // nullopt: per queue when the queues are named
  SeasonalLag season = SeasonalLag::previous_day;  // MASE scale lag
  std::vector<Threshold> thresholds;
};

// How the intervals paired.
struct Pairing {
  std::size_t pairs = 0;    // native intervals scored
  std::size_t buckets = 0;  // (queue, bucket) cells scored: pairs at the native resolution
  std::size_t forecast_unmatched = 0;
  std::size_t actual_unmatched = 0;  // inside the queue's forecast period
  std::size_t actual_outside = 0;    // before or after the queue's forecast period
  std::vector<std::string> forecast_only_queues;
  std::vector<std::string> actual_only_queues;
};

struct ScoredRow {
  std::vector<std::string> labels;  // one per dimension of the report; "all" on the overall row
  std::string name;                 // "overall", or "queue=a, date=2024-03-04"
  Scores scores;                    // coverage: one per AccuracyReport::levels
};

struct Breach {
  std::string metric;
  std::string row;              // ScoredRow::name
  std::optional<double> value;  // nullopt: undefined on the row (reason in `reason`)
  double limit = 0;
  bool above = true;
  std::string reason;  // undefined_reason() when value is nullopt
};

struct AccuracyReport {
  int interval_s = 0;       // the interval the pairs are scored at (the coarser file's)
  std::string rebinned;     // "forecast" or "actuals": the finer file, re-binned to interval_s
  int rebinned_from_s = 0;  // its own interval length (0 when nothing was re-binned)
  int resolution_s = 0;
  bool native = true;
  std::vector<double> levels;  // coverage levels scored (the forecast's at native, else none)
  std::vector<GroupBy> by;     // the report's dimensions (default applied)
  std::vector<std::optional<double>> mase_scales;  // per forecast queue
  Pairing pairing;
  std::vector<std::string> notes;  // why MASE or coverage is not reported
  std::vector<ScoredRow> rows;     // the overall row first
  std::vector<Breach> breaches;
  bool passed() const { return breaches.empty(); }
};

// Scores `forecast` against `actuals`. When one file has shorter intervals than the other it is
// re-binned to the other's first (io/resample.hpp; a forecast loses its bounds, actual bins with a
// gap inside are left out), and a note says so. `history` (may be null) gives the MASE scales.
// InputError for interval lengths neither of which is a multiple of the other (naming
// actuals.source), a resolution that does not fit the data (--resolution), grouping by interval
// at a day's resolution (--by), a coverage threshold without that level, off the native
// resolution or on a re-binned forecast (--fail-below), and mase thresholds without a history
// (--fail-above).
AccuracyReport score_forecast(const core::ForecastTable& forecast,
                              const core::IntervalTable& actuals,
                              const core::IntervalTable* history, const ScoringOptions& options);

// The score columns of a row after its labels: n, mae, rmse, wape, smape, mape, mape_skipped,
// bias, mase, then coverage_<level> per level.
std::vector<std::string> score_columns(std::span<const double> levels);
// A row's values in score_columns order (nullopt: undefined).
std::vector<std::optional<double>> score_values(const Scores& s);

// The report as CSV (`wfm accuracy --out`): one column per dimension of `by` (column_name), then
// score_columns; one line per row, the overall row first; an undefined score is an empty cell.
void write_accuracy_csv(std::ostream& out, const AccuracyReport& report);
// The same rows into any TableWriter (typed columns for the Python module).
void write_accuracy_table(io::TableWriter& w, const AccuracyReport& report);

}  // namespace wfm::metrics
