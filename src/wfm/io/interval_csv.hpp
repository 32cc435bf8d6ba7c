// Loading and writing interval history / demand CSV files (format: docs/formats.md, "Interval
// history / demand CSV").
//
// One row per queue and interval: interval_start (alias date; a date alone is a whole day, for
// daily files), optional queue, offered (alias calls), optional aht_s, handled, abandoned; other
// columns are ignored. An export is read as it comes with ReaderOptions (reader_options.hpp): its
// delimiter, decimal comma, timestamp format and column names. The loader validates everything
// (timestamps, counts, order, duplicates, interval length and grid) and throws core::InputError
// naming file, line and column, e.g.
//   history.csv:1043: column 'offered': expected a number >= 0, got "-3"
// Missing intervals inside a queue's usual opening times are recorded as core::Gap (or are errors
// with GapPolicy::error); closed nights, weekends and other never-open times are not gaps.
// Tested in tests/unit/io/interval_csv_test.cpp.
#pragma once

#include <array>
#include <istream>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "wfm/core/series.hpp"
#include "wfm/core/time_zone.hpp"
#include "wfm/io/reader_options.hpp"
#include "wfm/io/table_writer.hpp"

namespace wfm::io {

enum class GapPolicy {
  allow,  // gaps are recorded in IntervalTable::gaps
  error,  // the first gap (in file order) is an InputError naming the line after it
};

// "allow" / "error"; nullopt otherwise.
std::optional<GapPolicy> parse_gap_policy(std::string_view text);

// A week, seconds: the interval of a weekly file (dates 7 days apart, each row a week's total).
inline constexpr int weekly_interval_s = 7 * 86400;

// The interval lengths accepted when the length is inferred, seconds (86400: a daily file;
// 604800: a weekly file).
inline constexpr std::array<int, 7> standard_interval_lengths_s = {
    300, 600, 900, 1800, 3600, 86400, weekly_interval_s};

// The field names are io::interval_fields (reader_options.hpp), in the order
// write_interval_table writes them.

struct IntervalCsvOptions {
  // Delimiter, decimal mark, interval_start format and column names. Fields not in
  // reader.columns are looked up by their own name (and offered also as "calls"); its keys must
  // be interval_fields.
  ReaderOptions reader;
  // Interval length in seconds; when absent it is inferred (smallest step within a queue, one of
  // standard_interval_lengths_s). Given explicitly it must divide a day (86400 s); a weekly
  // length is only inferred.
  std::optional<int> interval_s;
  GapPolicy gap_policy = GapPolicy::allow;
  // The zone of the wall-clock times, when known: a start it skips or repeats (daylight saving) is
  // an error, and the skipped hour is not a gap (docs/formats.md, "Time zones and daylight
  // saving").
  std::optional<core::TimeZone> time_zone;
  // Other columns to read as numbers >= 0 into IntervalRecord::extra (names matched like the
  // fields'; each must be in the header and not one of the fields' columns). An empty cell is
  // allowed only on a row with offered = 0, and is absent.
  std::vector<std::string> extra_columns;
};

// Loads the file at `path` (as given, used in messages). Throws core::InputError.
core::IntervalTable load_interval_table(const std::string& path,
                                        const IntervalCsvOptions& options = {});

// Loads from a stream; `display_name` stands for the file in messages and IntervalTable::source.
core::IntervalTable load_interval_table(std::istream& in, const std::string& display_name,
                                        const IntervalCsvOptions& options = {});

// Writes `table` in the format load_interval_table reads: rows in time order (queues in table
// order within an interval), columns interval_start, queue (when any queue is named), offered, and
// aht_s / handled / abandoned when the table has them. Absent values are empty cells.
void write_interval_table(std::ostream& out, const core::IntervalTable& table,
                          char delimiter = ',');
// The same rows into any TableWriter (typed columns for the Python module).
void write_interval_table(TableWriter& w, const core::IntervalTable& table);

}  // namespace wfm::io
