// The row-order and interval-length checks shared by the interval history loader and the forecast
// loader: duplicates and rows out of order within a queue, inferring the interval length from the
// steps between rows, the grid check (every start a whole number of intervals after midnight),
// the span check (core::kMaxSpanIntervals) and the mixed-lengths check.
//
// They work on any table of queues whose `intervals` have `start` (core::LocalTime) and
// `source_line` (core::QueueSeries, core::QueueForecast), so each loader keeps its own types.
// Errors are core::InputError at the row's line and the interval_start column, e.g.
//   history.csv:12: column 'interval_start': 2024-03-04T08:10 is not on the 900 s interval grid ...
// With a time zone, a start that the zone skips or repeats (daylight saving) is an error naming the
// change; without one, a duplicate start at night carries a hint that it may be the repeated hour.
// Rules: docs/formats.md ("Interval length", "Grid", "Mixed interval lengths"). Tested through
// tests/unit/io/interval_csv_test.cpp and tests/unit/io/forecast_csv_test.cpp.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "wfm/core/error.hpp"
#include "wfm/core/limits.hpp"
#include "wfm/core/time.hpp"
#include "wfm/core/time_zone.hpp"
#include "wfm/io/interval_csv.hpp"

namespace wfm::io {

// The file and the interval_start column as the file spells it, for messages; the zone of the
// wall-clock times when one was given.
struct GridSource {
  std::string file;
  std::string start_column;
  const core::TimeZone* zone = nullptr;
  core::Location at(std::size_t line) const { return core::Location{file, line, start_column}; }
};

struct InferredLength {
  int interval_s = 0;
  std::size_t line = 0;  // the line of the row ending the smallest step
};

namespace detail {
// " of queue 'sales'", or "" for the unnamed queue.
std::string queue_label(const std::string& queue);
// "300, 600, 900, 1800, 3600"
std::string standard_lengths_text();
long long seconds_of_day(core::LocalTime t);
// Throws at `where` when `zone` skips or repeats `start` (docs/formats.md, "Time zones and
// daylight saving").
void require_unique_start(const core::TimeZone& zone, core::LocalTime start,
                          const core::Location& where);
// The option that gives a zone, for hints.
inline constexpr std::string_view zone_option = "--timezone (the scenario key timezone)";
}  // namespace detail

// A row starting at `start` (on `line`) is about to be appended to a queue's `intervals`: it
// must be later than the last one, and exist once in the zone when there is one. Throws naming the
// duplicate's first line, or the row it follows when it is out of order.
template <typename Interval>
void check_next_start(const std::vector<Interval>& intervals, core::LocalTime start,
                      std::size_t line, const std::string& queue, const GridSource& src) {
  if (src.zone) detail::require_unique_start(*src.zone, start, src.at(line));
  if (intervals.empty() || start > intervals.back().start) return;
  const auto it =
      std::lower_bound(intervals.begin(), intervals.end(), start,
                       [](const Interval& r, core::LocalTime t) { return r.start < t; });
  if (it != intervals.end() && it->start == start) {
    throw core::InputError(
        src.at(line),
        fmt::format(
            "duplicate interval {}{} (first on line {}){}", core::format_local_time(start),
            detail::queue_label(queue), it->source_line,
            src.zone ? std::string() : core::repeated_hour_hint(start, detail::zone_option)));
  }
  throw core::InputError(
      src.at(line),
      fmt::format("interval {}{} is out of order: it follows {} on line {} (rows of a queue "
                  "must be in increasing time order)",
                  core::format_local_time(start), detail::queue_label(queue),
                  core::format_local_time(intervals.back().start), intervals.back().source_line));
}

// The smallest step between consecutive intervals of any queue (the first such row in file order
// names it), which must be one of standard_interval_lengths_s. Throws when no queue has two rows
// or the step is not a standard length.
template <typename Queue>
InferredLength infer_interval_length(const std::vector<Queue>& queues, const GridSource& src) {
  long long best = std::numeric_limits<long long>::max();
  std::size_t best_line = 0, best_prev_line = 0;
  for (const auto& q : queues) {
    for (std::size_t i = 1; i < q.intervals.size(); ++i) {
      const long long step = (q.intervals[i].start - q.intervals[i - 1].start).count();
      const std::size_t line = q.intervals[i].source_line;
      if (step < best || (step == best && line < best_line)) {
        best = step;
        best_line = line;
        best_prev_line = q.intervals[i - 1].source_line;
      }
    }
  }
  WFM_REQUIRE(best_line != 0, (core::Location{src.file, 0, {}}),
              "cannot infer the interval length: every queue has a single interval; give the "
              "interval length explicitly (interval_s)");
  const bool standard =
      std::find(standard_interval_lengths_s.begin(), standard_interval_lengths_s.end(), best) !=
      standard_interval_lengths_s.end();
  WFM_REQUIRE(standard, src.at(best_line),
              "the step of {} s from line {} to this line is not an interval length wfm infers "
              "(expected one of {} s; give the interval length explicitly if it is right)",
              best, best_prev_line, detail::standard_lengths_text());
  return InferredLength{static_cast<int>(best), best_line};
}

// Every start must be a whole number of intervals after midnight; the first off-grid row (by
// line) is the error. Intervals of a day or longer start at midnight, and in a weekly file
// (weekly_interval_s) every row of a queue is a whole number of weeks after the queue's first row:
// one weekday starts every week.
template <typename Queue>
void check_interval_grid(const std::vector<Queue>& queues, int interval_s, const GridSource& src) {
  const long long tod_step = std::min(interval_s, 86400);
  std::size_t bad_line = 0;
  core::LocalTime bad_start{};
  const core::LocalTime* first_start = nullptr;
  std::size_t first_line = 0;
  for (const auto& q : queues) {
    if (q.intervals.empty()) continue;
    const auto& first = q.intervals.front();
    // The first off-grid row of each queue (later rows of a queue have later lines).
    const auto it = std::find_if(q.intervals.begin(), q.intervals.end(), [&](const auto& r) {
      return detail::seconds_of_day(r.start) % tod_step != 0 ||
             (r.start - first.start).count() % interval_s != 0;
    });
    if (it != q.intervals.end() && (bad_line == 0 || it->source_line < bad_line)) {
      bad_line = it->source_line;
      bad_start = it->start;
      first_start = &first.start;
      first_line = first.source_line;
    }
  }
  if (bad_line == 0) return;
  WFM_REQUIRE(detail::seconds_of_day(bad_start) % tod_step == 0, src.at(bad_line),
              "{} is not on the {} s interval grid ({})", core::format_local_time(bad_start),
              interval_s,
              interval_s < 86400 ? fmt::format("interval starts must be whole multiples of {} s "
                                               "after midnight",
                                               interval_s)
                                 : std::string("the rows of a daily or weekly file are dates, at "
                                               "midnight"));
  const auto days = std::chrono::floor<std::chrono::days>(bad_start - *first_start).count();
  throw core::InputError(
      src.at(bad_line),
      fmt::format("{} is {} days after {} on line {}: in a weekly file (dates 7 days apart) "
                  "every row is a whole number of weeks after the first, each week starting on "
                  "the same weekday (a missing week is a gap; a row between weeks is an error)",
                  core::format_local_date(std::chrono::floor<std::chrono::days>(bad_start)), days,
                  core::format_local_date(std::chrono::floor<std::chrono::days>(*first_start)),
                  first_line));
}

// A queue may span at most core::kMaxSpanIntervals intervals from its first to its last row (a
// mistyped year spans centuries). The error names the row ending the queue's longest step, where
// the date most likely went wrong, and the row before it.
template <typename Queue>
void check_queue_span(const std::vector<Queue>& queues, int interval_s, const GridSource& src) {
  for (const auto& q : queues) {
    const auto& iv = q.intervals;
    if (iv.size() < 2) continue;
    const long long span_s = (iv.back().start - iv.front().start).count();
    if (static_cast<double>(span_s / interval_s) < core::kMaxSpanIntervals) continue;
    std::size_t jump = 1;
    for (std::size_t i = 2; i < iv.size(); ++i) {
      if (iv[i].start - iv[i - 1].start > iv[jump].start - iv[jump - 1].start) jump = i;
    }
    throw core::InputError(
        src.at(iv[jump].source_line),
        fmt::format("the intervals{} span {} to {}, more than {:.0f} intervals of {} s; the step "
                    "from {} on line {} to {} on this line is the longest (a mistyped date?)",
                    detail::queue_label(q.queue), core::format_local_time(iv.front().start),
                    core::format_local_time(iv.back().start), core::kMaxSpanIntervals, interval_s,
                    core::format_local_time(iv[jump - 1].start), iv[jump - 1].source_line,
                    core::format_local_time(iv[jump].start)));
  }
}

// A day of a queue whose intervals (at least three) are all the same step apart, and that step is
// longer than the file's interval length, means data of different granularity were mixed. Days
// with irregular steps are gaps instead. For inferred lengths only; `inferred_from_line` is
// InferredLength::line.
template <typename Queue>
void check_mixed_interval_lengths(const std::vector<Queue>& queues, int interval_s,
                                  std::size_t inferred_from_line, const GridSource& src) {
  std::size_t bad_line = 0;
  std::string message;
  for (const auto& q : queues) {
    const auto& iv = q.intervals;
    std::size_t day_begin = 0;
    while (day_begin < iv.size()) {
      const auto day = std::chrono::floor<std::chrono::days>(iv[day_begin].start);
      std::size_t day_end = day_begin + 1;
      while (day_end < iv.size() &&
             std::chrono::floor<std::chrono::days>(iv[day_end].start) == day) {
        ++day_end;
      }
      if (day_end - day_begin >= 3) {
        const long long step = (iv[day_begin + 1].start - iv[day_begin].start).count();
        bool even = true;
        for (std::size_t i = day_begin + 2; i < day_end && even; ++i) {
          even = (iv[i].start - iv[i - 1].start).count() == step;
        }
        if (even && step != interval_s) {
          if (bad_line == 0 || iv[day_begin + 1].source_line < bad_line) {
            bad_line = iv[day_begin + 1].source_line;
            message = fmt::format(
                "mixed interval lengths: on {}{} the intervals are {} s apart, but the file's "
                "interval length is {} s (the step ending on line {}); give the interval "
                "length explicitly if the missing intervals are gaps",
                core::format_local_date(day), detail::queue_label(q.queue), step, interval_s,
                inferred_from_line);
          }
          break;  // later days of this queue have later lines
        }
      }
      day_begin = day_end;
    }
  }
  if (bad_line != 0) throw core::InputError(src.at(bad_line), message);
}

}  // namespace wfm::io
