// Interval data: what was offered to (or is forecast for) each queue, interval by interval.
//
// One IntervalTable holds every queue of one file. Intervals are kept as given (sparse): an
// interval absent from the source is not invented. Gaps are reported (see Gap) and the caller's
// policy decides whether they are an error; for staffing an absent interval is a closed one.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "wfm/core/time.hpp"

namespace wfm::core {

struct IntervalRecord {
  LocalTime start{};
  double offered = 0;               // calls offered (a forecast may be fractional), >= 0
  std::optional<double> aht_s;      // average handle time of the interval, seconds, > 0
  std::optional<double> handled;    // calls answered, >= 0
  std::optional<double> abandoned;  // calls abandoned, >= 0
  // Values of IntervalTable::extra_columns, in that order (empty unless the loader was asked for
  // extra columns); absent where the cell is empty.
  std::vector<std::optional<double>> extra;
  std::size_t source_line = 0;  // 1-based line in the source file (0: not from a file)
};

struct QueueSeries {
  std::string queue;                      // "" when the file has no queue column
  std::vector<IntervalRecord> intervals;  // strictly increasing start times
};

// A run of missing intervals inside one queue's series (between two present intervals).
struct Gap {
  std::string queue;
  LocalTime first_missing{};
  std::size_t missing_intervals = 0;
  std::size_t line_after = 0;  // source line of the interval that follows the gap
};

struct IntervalTable {
  std::string source;               // file name as given, for messages
  int interval_s = 0;               // interval length, seconds (300 ... 3600, a day or a week)
  std::vector<QueueSeries> queues;  // in order of first appearance in the source
  std::vector<Gap> gaps;            // missing intervals found while loading
  bool has_aht = false;
  bool has_handled = false;
  bool has_abandoned = false;
  // Header columns the loader did not read (a `date`, `calls_lo_80`...), in file order, and those
  // of them whose every non-empty cell is a number (a `slot`, an `asa_s`).
  std::vector<std::string> ignored_columns;
  std::vector<std::string> numeric_ignored_columns;
  // Columns read as numbers >= 0 on request (io::IntervalCsvOptions::extra_columns, for `wfm
  // resample`), as the file spells them; IntervalRecord::extra holds their values.
  std::vector<std::string> extra_columns;

  std::size_t interval_count() const {
    std::size_t n = 0;
    for (const auto& q : queues) n += q.intervals.size();
    return n;
  }
};

}  // namespace wfm::core
