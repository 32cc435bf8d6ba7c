#include "wfm/io/resample.hpp"

#include <algorithm>
#include <chrono>
#include <utility>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "wfm/io/csv_reader.hpp"
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
  // A weekly file (weekly_interval_s) is only compared at its own length.
  WFM_REQUIRE(to_s > 0 && (seconds_per_day % to_s == 0 || to_s == from_s), where,
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

core::QueueSeries rebin(const core::QueueSeries& series, int from_s, int to_s,
                        std::span<const ExtraAggregation> extras) {
  check_coarser_interval(from_s, to_s, core::Location{{}, 0, "interval"});
  core::QueueSeries out{series.queue, {}};
  WeightedAht aht;
  std::vector<WeightedAht> means(extras.size());
  const auto close_bin = [&] {
    if (out.intervals.empty()) return;
    auto& rec = out.intervals.back();
    rec.aht_s = aht.value();
    for (std::size_t k = 0; k < extras.size(); ++k) {
      if (extras[k] == ExtraAggregation::handled_mean) rec.extra[k] = means[k].value();
    }
  };
  for (const auto& r : series.intervals) {
    const core::LocalTime b = bin_start(r.start, to_s);
    const bool first = out.intervals.empty() || out.intervals.back().start != b;
    if (first) {
      close_bin();
      aht = WeightedAht{};
      means.assign(extras.size(), WeightedAht{});
      core::IntervalRecord rec;
      rec.start = b;
      rec.source_line = r.source_line;
      rec.extra.assign(extras.size(), std::nullopt);
      for (std::size_t k = 0; k < extras.size(); ++k) {
        if (extras[k] == ExtraAggregation::sum) rec.extra[k] = 0.0;
      }
      out.intervals.push_back(std::move(rec));
    }
    auto& rec = out.intervals.back();
    rec.offered += r.offered;
    aht.add(r.offered, r.aht_s);
    add_optional(rec.handled, r.handled, first);
    add_optional(rec.abandoned, r.abandoned, first);
    for (std::size_t k = 0; k < extras.size(); ++k) {
      const std::optional<double> v = k < r.extra.size() ? r.extra[k] : std::nullopt;
      if (extras[k] == ExtraAggregation::sum) {
        *rec.extra[k] += v.value_or(0.0);
      } else {
        means[k].add(r.handled.value_or(0.0), v);
      }
    }
  }
  close_bin();
  return out;
}

std::vector<std::string> extra_columns_to_load(const ExtraColumns& columns) {
  std::vector<std::string> seen;
  const auto add = [&](const std::vector<std::string>& names, const char* flag) {
    for (const auto& n : names) {
      for (const auto& s : seen) {
        WFM_REQUIRE(!same_column_name(s, n), core::at_flag(flag),
                    "column '{}' is given more than once (--sum, --mean and --drop each name "
                    "different columns)",
                    n);
      }
      seen.push_back(n);
    }
  };
  add(columns.sum, "--sum");
  add(columns.mean, "--mean");
  add(columns.drop, "--drop");
  std::vector<std::string> out = columns.sum;
  out.insert(out.end(), columns.mean.begin(), columns.mean.end());
  return out;
}

ResampleResult resample(const core::IntervalTable& table, int to_s, GapPolicy policy,
                        const core::Location& where, const std::optional<ExtraColumns>& asked) {
  check_coarser_interval(table.interval_s, to_s, where);
  const ExtraColumns columns = asked.value_or(ExtraColumns{});
  const auto loaded = extra_columns_to_load(columns);
  WFM_ENSURE(loaded.size() == table.extra_columns.size(),
             "the table must be loaded with extra_columns_to_load(columns)");
  std::vector<ExtraAggregation> extras;
  for (std::size_t k = 0; k < loaded.size(); ++k) {
    WFM_ENSURE(same_column_name(loaded[k], table.extra_columns[k]),
               "the table must be loaded with extra_columns_to_load(columns)");
    const bool mean = k >= columns.sum.size();
    WFM_REQUIRE(!mean || table.has_handled, (core::Location{table.source, 0, loaded[k]}),
                "re-binned as a mean weighted by the handled calls (--mean), but the file has "
                "no handled column; give --sum or --drop instead");
    extras.push_back(mean ? ExtraAggregation::handled_mean : ExtraAggregation::sum);
  }
  const auto dropped = [&](const std::string& name) {
    return std::any_of(columns.drop.begin(), columns.drop.end(),
                       [&](const std::string& d) { return same_column_name(d, name); });
  };
  for (const auto& d : columns.drop) {
    const bool present = std::any_of(table.ignored_columns.begin(), table.ignored_columns.end(),
                                     [&](const std::string& c) { return same_column_name(c, d); });
    WFM_REQUIRE(present, core::at_flag("--drop"),
                "no column '{}' to drop: the columns {} does not read are {}", d, table.source,
                table.ignored_columns.empty()
                    ? std::string("none")
                    : fmt::format("{}", fmt::join(table.ignored_columns, ", ")));
  }
  for (const auto& c : table.numeric_ignored_columns) {
    WFM_REQUIRE(!asked || dropped(c), (core::Location{table.source, 0, c}),
                "holds numbers, and wfm does not know how to re-bin it: give --sum {} (a count: "
                "summed), --mean {} (a time per handled call: weighted by handled) or --drop {}",
                c, c, c);
  }
  const std::size_t expected = static_cast<std::size_t>(to_s / table.interval_s);
  ResampleResult result;
  auto& out = result.table;
  out.source = table.source;
  out.interval_s = to_s;
  out.has_aht = table.has_aht;
  out.has_handled = table.has_handled;
  out.has_abandoned = table.has_abandoned;
  out.ignored_columns = table.ignored_columns;
  out.extra_columns = table.extra_columns;
  result.dropped_columns = table.ignored_columns;
  std::vector<PartialBin> partial;
  for (const auto& q : table.queues) {
    core::QueueSeries bins = rebin(q, table.interval_s, to_s, extras);
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
  if (s == weekly_interval_s) return "1 week";
  if (s % 3600 == 0) return fmt::format("{} h", s / 3600);
  if (s % 60 == 0) return fmt::format("{} min", s / 60);
  return fmt::format("{} s", s);
}

}  // namespace wfm::io
