#include "wfm/io/resample.hpp"

#include <algorithm>
#include <chrono>
#include <utility>

#include <fmt/format.h>

#include "wfm/io/interval_grid.hpp"

namespace wfm::io {
namespace {

constexpr int seconds_per_day = 86400;

void add_optional(std::optional<double>& sum, const std::optional<double>& value, bool first) {
  if (first) {
    sum = value;
  } else if (sum && value) {
    *sum += *value;
  } else {
    sum.reset();
  }
}

// The gaps of one queue as half-open time ranges, in time order.
struct GapRange {
  core::LocalTime begin, end;
};

std::vector<GapRange> gap_ranges(const core::IntervalTable& table, const std::string& queue) {
  std::vector<GapRange> out;
  for (const auto& g : table.gaps) {
    if (g.queue != queue) continue;
    const auto length =
        std::chrono::seconds{static_cast<long long>(g.missing_intervals) * table.interval_s};
    out.push_back(GapRange{g.first_missing, g.first_missing + length});
  }
  std::sort(out.begin(), out.end(),
            [](const GapRange& a, const GapRange& b) { return a.begin < b.begin; });
  return out;
}

// Whether [begin, end) overlaps a gap.
bool overlaps_gap(const std::vector<GapRange>& gaps, core::LocalTime begin, core::LocalTime end) {
  const auto it = std::upper_bound(gaps.begin(), gaps.end(), begin,
                                   [](core::LocalTime t, const GapRange& g) { return t < g.end; });
  return it != gaps.end() && it->begin < end;
}

}  // namespace

core::LocalTime bin_start(core::LocalTime t, int bin_s) {
  const long long s = t.time_since_epoch().count();
  long long q = s / bin_s;
  if (s % bin_s < 0) --q;  // floor for times before 1970
  return core::LocalTime{std::chrono::seconds{q * bin_s}};
}

void check_coarser_interval(int from_s, int to_s, const core::Location& where,
                            std::string_view what) {
  WFM_REQUIRE(to_s > 0 && seconds_per_day % to_s == 0, where,
              "expected {} {} that divides a day (such as 30m, 1h, 1d), got {} s",
              what == "interval" ? "an" : "a", what, to_s);
  WFM_REQUIRE(from_s > 0 && to_s >= from_s, where,
              "expected {} {} no finer than the data's interval length ({}), got {}: wfm does "
              "not split intervals (upsampling would invent how the calls spread inside one)",
              what == "interval" ? "an" : "a", what, interval_text(from_s), interval_text(to_s));
  WFM_REQUIRE(to_s % from_s == 0, where,
              "expected {} {} that is a whole multiple of the data's interval length ({} s), got "
              "{} s",
              what == "interval" ? "an" : "a", what, from_s, to_s);
}

void WeightedAht::add(double calls, const std::optional<double>& aht_s) {
  if (calls <= 0) return;
  if (!aht_s) {
    complete_ = false;
    return;
  }
  calls_ += calls;
  seconds_ += calls * *aht_s;
}

std::optional<double> WeightedAht::value() const {
  if (!complete_ || calls_ <= 0) return std::nullopt;
  return seconds_ / calls_;
}

core::QueueSeries rebin(const core::QueueSeries& series, int from_s, int to_s) {
  check_coarser_interval(from_s, to_s, core::Location{{}, 0, "interval"});
  core::QueueSeries out{series.queue, {}};
  WeightedAht aht;
  for (const auto& r : series.intervals) {
    const core::LocalTime b = bin_start(r.start, to_s);
    const bool first = out.intervals.empty() || out.intervals.back().start != b;
    if (first) {
      if (!out.intervals.empty()) out.intervals.back().aht_s = aht.value();
      aht = WeightedAht{};
      core::IntervalRecord rec;
      rec.start = b;
      rec.source_line = r.source_line;
      out.intervals.push_back(rec);
    }
    auto& rec = out.intervals.back();
    rec.offered += r.offered;
    aht.add(r.offered, r.aht_s);
    add_optional(rec.handled, r.handled, first);
    add_optional(rec.abandoned, r.abandoned, first);
  }
  if (!out.intervals.empty()) out.intervals.back().aht_s = aht.value();
  return out;
}

ResampleResult resample(const core::IntervalTable& table, int to_s, GapPolicy policy,
                        const core::Location& where) {
  check_coarser_interval(table.interval_s, to_s, where);
  const std::size_t expected = static_cast<std::size_t>(to_s / table.interval_s);
  ResampleResult result;
  auto& out = result.table;
  out.source = table.source;
  out.interval_s = to_s;
  out.has_aht = table.has_aht;
  out.has_handled = table.has_handled;
  out.has_abandoned = table.has_abandoned;
  out.ignored_columns = table.ignored_columns;
  std::vector<PartialBin> partial;
  for (const auto& q : table.queues) {
    core::QueueSeries bins = rebin(q, table.interval_s, to_s);
    const auto gaps = gap_ranges(table, q.queue);
    // Count the finer intervals of each bin (bins and intervals are both in time order).
    std::vector<core::IntervalRecord> kept;
    kept.reserve(bins.intervals.size());
    std::size_t i = 0;
    for (auto& bin : bins.intervals) {
      std::size_t present = 0;
      while (i < q.intervals.size() && bin_start(q.intervals[i].start, to_s) == bin.start) {
        ++present;
        ++i;
      }
      const bool is_partial = present < expected &&
                              overlaps_gap(gaps, bin.start, bin.start + std::chrono::seconds{to_s});
      if (is_partial) {
        partial.push_back(PartialBin{q.queue, bin.start, present, expected, bin.source_line});
      } else {
        kept.push_back(bin);
      }
    }
    out.queues.push_back(core::QueueSeries{q.queue, std::move(kept)});
  }
  if (policy == GapPolicy::error && !partial.empty()) {
    const auto first =
        std::min_element(partial.begin(), partial.end(),
                         [](const PartialBin& a, const PartialBin& b) { return a.line < b.line; });
    throw core::InputError(
        core::Location{table.source, first->line, {}},
        fmt::format("the {} bin {}{} is partial: {} of its {} intervals {} missing (a gap of the "
                    "file), so its sums would be too small; partial bins are errors with gap "
                    "policy 'error' (with 'allow' they are left out)",
                    interval_text(to_s), core::format_local_time(first->start),
                    detail::queue_label(first->queue), first->expected - first->present,
                    first->expected, first->expected - first->present == 1 ? "is" : "are"));
  }
  result.dropped_bins = std::move(partial);
  return result;
}

std::string interval_text(int s) {
  if (s == seconds_per_day) return "1 day";
  if (s % 3600 == 0) return fmt::format("{} h", s / 3600);
  if (s % 60 == 0) return fmt::format("{} min", s / 60);
  return fmt::format("{} s", s);
}

}  // namespace wfm::io
