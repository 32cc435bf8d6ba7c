// Re-binning interval data to a coarser interval (5-minute -> 30-minute, hour, day): what
// `wfm resample` writes and what `wfm accuracy` and the MASE scale use to compare files of
// different interval lengths. The one place interval series are summed into longer bins.
//
// A bin is `to_s` long from midnight (to_s divides a day; 86400 = the calendar date; wall-clock
// time, no DST) and a whole multiple of the data's interval length: wfm never splits an interval
// (upsampling would invent how calls spread inside it). Per bin, by each column's meaning
// (docs/formats.md, "Interval history / demand CSV"):
//   offered            summed (calls are counts);
//   aht_s              the offered-weighted mean, sum(offered x aht_s) / sum(offered): the mean
//                      handle time of the bin's calls; absent when the bin has no calls (or a
//                      finer interval with calls has no AHT);
//   handled, abandoned summed (counts).
// Other columns have no meaning wfm knows, so the caller says how each is re-binned
// (ExtraColumns): summed (counts, like answered_in_sl), or the mean weighted by the handled calls
// (times per answered call, like asa_s or talk_s: sum(handled x value) / sum(handled)), or dropped.
// The columns to sum or average are loaded as core::IntervalTable::extra_columns. A column of
// numbers given none of the three is an InputError naming it (wfm never drops numbers unasked);
// text columns (a `date`, a `weekday` label) are dropped and listed.
//
// Partial bins: a bin is partial when a finer interval inside it is a gap of the input (missing
// while the queue was open, core::IntervalTable::gaps: the loader's rule). Its sums would
// understate the bin, so with GapPolicy::error it is an InputError naming the bin, and with
// GapPolicy::allow it is left out (an absent bin, like any other gap) and listed in the result.
// Intervals missing outside the queue's opening span (a center closing at 21:05 has no 21:05 to
// 21:25 intervals) are closed time, not lost data: such a bin sums what was offered in it.
// Tested in tests/unit/io/resample_test.cpp (sums, weighted AHT, partial bins, refusals, and the
// fpp2 5-minute file against the published 30-minute file).
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "wfm/core/error.hpp"
#include "wfm/core/series.hpp"
#include "wfm/core/time.hpp"
#include "wfm/io/interval_csv.hpp"

namespace wfm::io {

// The start of the bin_s-long bin containing t (bins from midnight; floors before 1970 too).
core::LocalTime bin_start(core::LocalTime t, int bin_s);

// Throws core::InputError at `where` unless to_s divides a day and is a whole multiple of from_s
// (to_s == from_s is allowed: nothing to do). `what` names the value in messages ("interval",
// "resolution"). Finer than from_s is refused as upsampling.
void check_coarser_interval(int from_s, int to_s, const core::Location& where,
                            std::string_view what = "interval");

// The calls-weighted mean handle time of a bin: defined when the bin has calls and every finer
// interval with calls has an AHT. Also the handled-weighted mean of an extra column (the weight
// in place of the calls).
class WeightedAht {
 public:
  void add(double calls, const std::optional<double>& aht_s);
  std::optional<double> value() const;

 private:
  double calls_ = 0;
  double seconds_ = 0;
  bool complete_ = true;
};

// How an extra column is re-binned.
enum class ExtraAggregation {
  sum,           // counts; an empty cell (a row with no calls) counts 0
  handled_mean,  // times per handled call: sum(handled x value) / sum(handled); absent without
                 // handled calls
};

// The columns beyond offered, aht_s, handled and abandoned, by name as in the file (matched
// ignoring case, like the header).
struct ExtraColumns {
  std::vector<std::string> sum;
  std::vector<std::string> mean;  // handled-weighted
  std::vector<std::string> drop;
  bool empty() const { return sum.empty() && mean.empty() && drop.empty(); }
};

// The columns the loader must read as extra columns for `columns` (IntervalCsvOptions::
// extra_columns): sum, then mean. InputError when a name is given twice (at --sum / --mean /
// --drop).
std::vector<std::string> extra_columns_to_load(const ExtraColumns& columns);

// Sums every bin of `series` (from_s intervals) into to_s bins, as described above, whatever is
// missing; source_line is the bin's first interval's. check_coarser_interval at "interval".
// `extras` says how each value of IntervalRecord::extra is re-binned (empty: none).
core::QueueSeries rebin(const core::QueueSeries& series, int from_s, int to_s,
                        std::span<const ExtraAggregation> extras = {});

// A bin with a gap of the input inside it.
struct PartialBin {
  std::string queue;
  core::LocalTime start{};
  std::size_t present = 0;   // finer intervals in the file
  std::size_t expected = 0;  // to_s / from_s
  std::size_t line = 0;      // source line of the bin's first present interval
};

struct ResampleResult {
  core::IntervalTable table;                 // interval_s = to_s, no gaps (reload to find them)
  std::vector<PartialBin> dropped_bins;      // partial bins left out (GapPolicy::allow)
  std::vector<std::string> dropped_columns;  // text columns and ExtraColumns::drop, file order
};

// Re-bins every queue of `table` to to_s. InputError for an interval that is not coarser (at
// `where`). With `columns` (a file being re-binned: wfm resample; the table loaded with
// extra_columns_to_load(*columns)), also for a column of numbers not in `columns`, a dropped
// column not in the file, or a mean without a handled column, e.g.
//   h.csv: column 'asa_s': holds numbers, and wfm does not know how to re-bin it: ...
// and with GapPolicy::error for the first partial bin (by line), at table.source and the bin's
// first line, e.g.
//   h.csv:120: the 30 min bin 2003-03-05T10:00 is partial: 2 of its 6 intervals are missing ...
// Without `columns` (actuals re-binned for scoring) only the fields are re-binned.
ResampleResult resample(const core::IntervalTable& table, int to_s, GapPolicy policy,
                        const core::Location& where = core::Location{{}, 0, "interval"},
                        const std::optional<ExtraColumns>& columns = std::nullopt);

// "30 min", "1 h", "1 day", "45 s".
std::string interval_text(int interval_s);

}  // namespace wfm::io
