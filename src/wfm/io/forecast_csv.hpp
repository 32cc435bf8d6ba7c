// Reading and writing forecast CSV files (format: docs/formats.md, "Forecast CSV").
//
// One row per queue and interval:
//   interval_start,queue,calls,calls_lo_80,calls_hi_80,calls_lo_95,calls_hi_95,aht_s
// The queue column is left out when the forecast has one unnamed queue, there is one lo/hi pair
// per prediction-interval level (increasing), and aht_s only when the forecast has handle times.
// A forecast file is also an interval demand file: load_interval_table reads it (calls is its
// alias of offered, the bound columns are ignored), so `wfm staff --demand forecast.csv` works.
//
// The loader validates every row (numbers, lo <= calls <= hi, bounds widening with the level,
// duplicates, order, interval length and grid as load_interval_table does) and throws
// core::InputError naming file, line and column, e.g.
//   forecast.csv:12: column 'calls_lo_80': expected at most calls (41.5), got "43"
// Tested in tests/unit/io/forecast_csv_test.cpp.
#pragma once

#include <istream>
#include <optional>
#include <ostream>
#include <string>

#include "wfm/core/forecast_table.hpp"
#include "wfm/core/time_zone.hpp"
#include "wfm/io/reader_options.hpp"
#include "wfm/io/table_writer.hpp"

namespace wfm::io {

struct ForecastCsvOptions {
  // Delimiter, decimal mark, interval_start format and column names; the mapping's keys must be
  // io::forecast_fields (the calls_lo_*/calls_hi_* bound columns are read by their own names).
  ReaderOptions reader;
  // Interval length in seconds; inferred as for load_interval_table when absent.
  std::optional<int> interval_s;
  // As IntervalCsvOptions::time_zone: a start the zone skips or repeats is an error.
  std::optional<core::TimeZone> time_zone;
};

// Loads the file at `path` (as given, used in messages). Throws core::InputError.
core::ForecastTable load_forecast_table(const std::string& path,
                                        const ForecastCsvOptions& options = {});

// Loads from a stream; `display_name` stands for the file in messages and ForecastTable::source.
core::ForecastTable load_forecast_table(std::istream& in, const std::string& display_name,
                                        const ForecastCsvOptions& options = {});

// Writes `table` as load_forecast_table reads it: rows in time order (queues in table order within
// an interval). Every interval must have one Bounds per level (else core::InternalError); an
// absent aht_s is an empty cell.
void write_forecast_table(std::ostream& out, const core::ForecastTable& table,
                          char delimiter = ',');
// The same rows into any TableWriter (typed columns for the Python module).
void write_forecast_table(TableWriter& w, const core::ForecastTable& table);

// A level as it appears in column names: 80 -> "80", 97.5 -> "97.5".
std::string format_level(double level);

// The bound column names for a level: "calls_lo_80", "calls_hi_80".
std::string lo_column(double level);
std::string hi_column(double level);

}  // namespace wfm::io
