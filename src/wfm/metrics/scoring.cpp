#include "wfm/metrics/scoring.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "wfm/core/error.hpp"
#include "wfm/core/time.hpp"
#include "wfm/io/csv_writer.hpp"
#include "wfm/io/forecast_csv.hpp"
#include "wfm/io/number.hpp"
#include "wfm/io/resample.hpp"
#include "wfm/metrics/aggregate.hpp"

namespace wfm::metrics {
namespace {

constexpr std::array<std::string_view, 7> limit_names = {"mae",  "rmse", "wape", "smape",
                                                         "mape", "bias", "mase"};

// One bucket of paired data of one queue.
struct Cell {
  std::size_t queue = 0;  // index into the forecast's queues
  core::LocalTime bucket{};
  double actual = 0;
  double forecast = 0;
  const std::vector<core::Bounds>* bounds = nullptr;  // native resolution only
};

// A row being filled.
struct Group {
  std::vector<std::string> labels;
  Accumulator acc;
  std::vector<std::size_t> queues;  // distinct queue indexes seen
  double scaled_abs_error = 0;      // sum of |e| / scale of its queue
  bool all_scaled = true;
};

std::string row_name(const std::vector<GroupBy>& by, const std::vector<std::string>& labels) {
  if (by.empty() || labels.empty()) return "overall";
  std::string out;
  for (std::size_t i = 0; i < by.size(); ++i) {
    if (!out.empty()) out += ", ";
    out += fmt::format("{}={}", column_name(by[i]), labels[i]);
  }
  return out;
}

std::string levels_text(const std::vector<double>& levels) {
  std::string s;
  for (double l : levels) s += (s.empty() ? "" : ", ") + io::format_level(l);
  return s.empty() ? std::string("none") : s;
}

// The MASE scale of each forecast queue from `history`, with a note for each queue without one.
std::vector<std::optional<double>> mase_scales(const core::ForecastTable& forecast,
                                               const core::IntervalTable* history,
                                               SeasonalLag season, int resolution_s,
                                               std::vector<std::string>& notes) {
  std::vector<std::optional<double>> scales(forecast.queues.size());
  if (!history) {
    notes.push_back(
        "mase is not reported: it needs --history (the MASE scale is the in-sample "
        "error of a seasonal naive forecast on the history)");
    return scales;
  }
  io::check_coarser_interval(history->interval_s, resolution_s, core::at_flag("--resolution"),
                             "resolution");
  for (std::size_t q = 0; q < forecast.queues.size(); ++q) {
    const auto& name = forecast.queues[q].queue;
    const auto it = std::find_if(history->queues.begin(), history->queues.end(),
                                 [&](const core::QueueSeries& s) { return s.queue == name; });
    const std::string label = name.empty() ? "the forecast" : fmt::format("queue '{}'", name);
    if (it == history->queues.end()) {
      notes.push_back(
          fmt::format("mase is not reported for {}: it is not in {}", label, history->source));
      continue;
    }
    scales[q] = seasonal_naive_scale(*it, history->interval_s, season, resolution_s);
    if (!scales[q]) {
      notes.push_back(fmt::format(
          "mase is not reported for {}: the history has no value one {} earlier at the same time",
          label, to_string(season)));
    } else if (*scales[q] <= 0) {
      notes.push_back(fmt::format(
          "mase is not reported for {}: the seasonal naive error of the history is 0", label));
      scales[q].reset();
    }
  }
  return scales;
}

// Merge-join of each forecast queue with the actual queue of the same name, summing pairs into
// (queue, bucket) cells in time order.
std::vector<Cell> pair_intervals(const core::ForecastTable& forecast,
                                 const core::IntervalTable& actuals, int resolution_s, bool native,
                                 Pairing& pairing) {
  std::vector<Cell> cells;
  for (std::size_t q = 0; q < forecast.queues.size(); ++q) {
    const auto& fq = forecast.queues[q];
    const auto it = std::find_if(actuals.queues.begin(), actuals.queues.end(),
                                 [&](const core::QueueSeries& s) { return s.queue == fq.queue; });
    if (it == actuals.queues.end()) {
      pairing.forecast_only_queues.push_back(fq.queue);
      pairing.forecast_unmatched += fq.intervals.size();
      continue;
    }
    const auto& fi = fq.intervals;
    const auto& ai = it->intervals;
    std::size_t i = 0, j = 0;
    while (i < fi.size() || j < ai.size()) {
      if (j == ai.size() || (i < fi.size() && fi[i].start < ai[j].start)) {
        ++pairing.forecast_unmatched;
        ++i;
      } else if (i == fi.size() || ai[j].start < fi[i].start) {
        const bool inside =
            !fi.empty() && ai[j].start >= fi.front().start && ai[j].start <= fi.back().start;
        ++(inside ? pairing.actual_unmatched : pairing.actual_outside);
        ++j;
      } else {
        ++pairing.pairs;
        const core::LocalTime bucket = io::bin_start(fi[i].start, resolution_s);
        if (cells.empty() || cells.back().queue != q || cells.back().bucket != bucket) {
          cells.push_back(Cell{q, bucket, 0, 0, native ? &fi[i].bounds : nullptr});
        }
        cells.back().actual += ai[j].offered;
        cells.back().forecast += fi[i].calls;
        ++i;
        ++j;
      }
    }
  }
  for (const auto& aq : actuals.queues) {
    const bool in_forecast =
        std::any_of(forecast.queues.begin(), forecast.queues.end(),
                    [&](const core::QueueForecast& q) { return q.queue == aq.queue; });
    if (!in_forecast) pairing.actual_only_queues.push_back(aq.queue);
  }
  pairing.buckets = cells.size();
  return cells;
}

// The key and label of a cell in dimension `by`.
std::pair<long long, std::string> key_of(const Cell& c, GroupBy by,
                                         const core::ForecastTable& forecast) {
  const auto day = std::chrono::floor<std::chrono::days>(c.bucket);
  switch (by) {
    case GroupBy::interval: {
      const auto tod = std::chrono::hh_mm_ss(c.bucket - day);
      return {(c.bucket - day).count(),
              fmt::format("{:02}:{:02}", tod.hours().count(), tod.minutes().count())};
    }
    case GroupBy::day:
      return {day.time_since_epoch().count(), core::format_local_date(day)};
    case GroupBy::week: {
      const std::chrono::weekday wd{day};
      const auto monday = day - std::chrono::days{wd.iso_encoding() - 1};
      return {monday.time_since_epoch().count(), core::format_local_date(monday)};
    }
    case GroupBy::queue:
      return {static_cast<long long>(c.queue), forecast.queues[c.queue].queue};
  }
  return {0, {}};
}

// The breach of `t` on `row`, if any.
std::optional<Breach> check(const Threshold& t, std::size_t level_index, const ScoredRow& row) {
  const std::optional<double> v =
      t.above ? metric_value(row.scores, t.metric) : row.scores.coverage[level_index];
  Breach b{t.metric, row.name, v, t.limit, t.above, {}};
  if (!v) {
    b.reason = undefined_reason(row.scores, t.metric);
    return b;
  }
  if (t.above && (t.metric == "bias" ? std::abs(*v) : *v) > t.limit) return b;
  if (!t.above && *v < t.limit) return b;
  return std::nullopt;
}

}  // namespace

std::optional<GroupBy> parse_group_by(std::string_view text) {
  if (text == "interval") return GroupBy::interval;
  if (text == "day") return GroupBy::day;
  if (text == "week") return GroupBy::week;
  if (text == "queue") return GroupBy::queue;
  return std::nullopt;
}

std::string_view column_name(GroupBy by) {
  switch (by) {
    case GroupBy::interval:
      return "time_of_day";
    case GroupBy::day:
      return "date";
    case GroupBy::week:
      return "week_start";
    case GroupBy::queue:
      return "queue";
  }
  return "";
}

std::span<const std::string_view> limit_metrics() {
  return limit_names;
}

bool is_limit_metric(std::string_view metric) {
  return std::find(limit_names.begin(), limit_names.end(), metric) != limit_names.end();
}

std::optional<double> coverage_level(std::string_view metric) {
  if (metric.rfind("coverage", 0) != 0 || metric.size() <= 8) return std::nullopt;
  return io::parse_double(metric.substr(8));
}

std::optional<double> metric_value(const Scores& s, std::string_view m) {
  if (m == "mae") return s.mae;
  if (m == "rmse") return s.rmse;
  if (m == "wape") return s.wape;
  if (m == "smape") return s.smape;
  if (m == "mape") return s.mape;
  if (m == "bias") return s.bias;
  if (m == "mase") return s.mase;
  return std::nullopt;
}

std::string undefined_reason(const Scores& s, std::string_view m) {
  if (s.n == 0) return "no pairs were scored";
  if (m == "wape" || m == "bias") return "the actual calls sum to 0";
  if (m == "mape") return "every actual is 0";
  if (m == "smape") return "every pair is actual = forecast = 0";
  if (m == "mase") return "no MASE scale for its queue(s)";
  if (m.rfind("coverage", 0) == 0) return "no pair has prediction bounds";
  return "undefined";
}

void check_thresholds(std::span<const Threshold> thresholds, bool have_history) {
  for (const auto& t : thresholds) {
    WFM_REQUIRE(t.metric != "mase" || have_history, core::at_flag("--fail-above"),
                "mase needs --history (the MASE scale is the seasonal naive error on it)");
  }
}

AccuracyReport score_forecast(const core::ForecastTable& forecast_in,
                              const core::IntervalTable& actuals_in,
                              const core::IntervalTable* history, const ScoringOptions& options) {
  check_thresholds(options.thresholds, history != nullptr);
  AccuracyReport r;
  // The finer file is re-binned to the coarser one's interval (io/resample.hpp) before pairing.
  std::optional<core::ForecastTable> rebinned_forecast;
  std::optional<core::IntervalTable> rebinned_actuals;
  const int fine_s = std::min(forecast_in.interval_s, actuals_in.interval_s);
  const int coarse_s = std::max(forecast_in.interval_s, actuals_in.interval_s);
  WFM_REQUIRE(fine_s > 0 && coarse_s % fine_s == 0, (core::Location{actuals_in.source, 0, {}}),
              "the actuals have {} s intervals but the forecast ({}) has {} s, and neither is a "
              "whole multiple of the other: re-bin both to a common interval first (wfm "
              "resample)",
              actuals_in.interval_s, forecast_in.source, forecast_in.interval_s);
  if (forecast_in.interval_s < actuals_in.interval_s) {
    rebinned_forecast = aggregate(forecast_in, actuals_in.interval_s);
    r.rebinned = "forecast";
    r.rebinned_from_s = forecast_in.interval_s;
    r.notes.push_back(fmt::format(
        "the forecast ({} intervals) was re-binned to the actuals' {} intervals: calls summed, "
        "AHT weighted by calls{}",
        io::interval_text(forecast_in.interval_s), io::interval_text(actuals_in.interval_s),
        forecast_in.levels.empty() ? "" : "; prediction bounds do not add up, so no coverage"));
  } else if (actuals_in.interval_s < forecast_in.interval_s) {
    auto resampled = io::resample(actuals_in, forecast_in.interval_s, io::GapPolicy::allow);
    rebinned_actuals = std::move(resampled.table);
    r.rebinned = "actuals";
    r.rebinned_from_s = actuals_in.interval_s;
    std::string dropped;
    if (!resampled.dropped_bins.empty()) {
      dropped =
          fmt::format("; {} bin{} with a gap of the actuals inside left out",
                      resampled.dropped_bins.size(), resampled.dropped_bins.size() == 1 ? "" : "s");
    }
    r.notes.push_back(fmt::format(
        "the actuals ({} intervals) were re-binned to the forecast's {} intervals: calls "
        "summed{}",
        io::interval_text(actuals_in.interval_s), io::interval_text(forecast_in.interval_s),
        dropped));
  }
  const core::ForecastTable& forecast = rebinned_forecast ? *rebinned_forecast : forecast_in;
  const core::IntervalTable& actuals = rebinned_actuals ? *rebinned_actuals : actuals_in;
  r.interval_s = forecast.interval_s;
  r.resolution_s = options.resolution_s.value_or(r.interval_s);
  io::check_coarser_interval(r.interval_s, r.resolution_s, core::at_flag("--resolution"),
                             "resolution");
  r.native = r.resolution_s == r.interval_s;
  if (options.by) r.by = *options.by;
  WFM_REQUIRE(!(r.resolution_s == 86400 &&
                std::find(r.by.begin(), r.by.end(), GroupBy::interval) != r.by.end()),
              core::at_flag("--by"),
              "interval (time of day) needs a resolution shorter than a day");

  // Levels scored for coverage, and coverage thresholds resolved to them.
  if (r.native) r.levels = forecast.levels;
  std::vector<std::size_t> level_index(options.thresholds.size(), 0);
  for (std::size_t k = 0; k < options.thresholds.size(); ++k) {
    const auto& t = options.thresholds[k];
    if (t.above) continue;
    const auto level = coverage_level(t.metric);
    WFM_REQUIRE(level.has_value(), core::at_flag("--fail-below"),
                "expected coverage<level> such as coverage80, got {}",
                io::quote_for_message(t.metric));
    WFM_REQUIRE(r.rebinned != "forecast", core::at_flag("--fail-below"),
                "coverage cannot be scored: the forecast was re-binned from {} to the actuals' "
                "{} intervals, and prediction bounds do not add up",
                io::interval_text(r.rebinned_from_s), io::interval_text(r.interval_s));
    WFM_REQUIRE(r.native, core::at_flag("--fail-below"),
                "coverage is only scored at the native resolution (prediction bounds do not add "
                "up over a {} bucket); drop --resolution or the coverage threshold",
                io::interval_text(r.resolution_s));
    const auto it = std::find(r.levels.begin(), r.levels.end(), *level);
    WFM_REQUIRE(it != r.levels.end(), core::at_flag("--fail-below"),
                "the forecast has no level {} (it has calls_lo_/calls_hi_ columns for: {})",
                io::format_level(*level), levels_text(forecast.levels));
    level_index[k] = static_cast<std::size_t>(it - r.levels.begin());
  }

  r.mase_scales = mase_scales(forecast, history, options.season, r.resolution_s, r.notes);
  if (!r.native && !forecast.levels.empty()) {
    r.notes.push_back(
        fmt::format("coverage is only reported at the native resolution ({}): "
                    "prediction bounds do not add up over a {} bucket",
                    io::interval_text(r.interval_s), io::interval_text(r.resolution_s)));
  }

  const std::vector<Cell> cells =
      pair_intervals(forecast, actuals, r.resolution_s, r.native, r.pairing);

  // Rows: the overall row, then one per combination of `by`.
  if (!options.by) {
    const bool named = std::any_of(forecast.queues.begin(), forecast.queues.end(),
                                   [](const core::QueueForecast& q) { return !q.queue.empty(); });
    if (named) r.by.push_back(GroupBy::queue);
  }
  Group overall;
  overall.labels.assign(r.by.size(), "all");
  std::map<std::vector<long long>, Group> groups;
  const auto add_to = [&](Group& g, const Cell& c) {
    if (c.bounds) {
      g.acc.add(c.actual, c.forecast, *c.bounds);
    } else {
      g.acc.add(c.actual, c.forecast);
    }
    if (std::find(g.queues.begin(), g.queues.end(), c.queue) == g.queues.end()) {
      g.queues.push_back(c.queue);
    }
    if (r.mase_scales[c.queue]) {
      g.scaled_abs_error += std::abs(c.forecast - c.actual) / *r.mase_scales[c.queue];
    } else {
      g.all_scaled = false;
    }
  };
  for (const auto& c : cells) {
    add_to(overall, c);
    if (r.by.empty()) continue;
    std::vector<long long> key;
    std::vector<std::string> labels;
    for (const GroupBy d : r.by) {
      auto [k, label] = key_of(c, d, forecast);
      key.push_back(k);
      labels.push_back(std::move(label));
    }
    auto& g = groups[key];
    if (g.labels.empty()) g.labels = std::move(labels);
    add_to(g, c);
  }
  const auto finish = [&](const Group& g, std::string name) {
    ScoredRow row{g.labels, std::move(name), {}};
    if (g.queues.size() == 1) {
      row.scores = g.acc.scores(r.mase_scales[g.queues[0]]);
    } else {
      row.scores = g.acc.scores(std::nullopt);
      if (g.all_scaled && row.scores.n > 0) {
        row.scores.mase = g.scaled_abs_error / static_cast<double>(row.scores.n);
      }
    }
    if (row.scores.coverage.size() < r.levels.size()) row.scores.coverage.resize(r.levels.size());
    return row;
  };
  r.rows.push_back(finish(overall, "overall"));
  for (const auto& [key, g] : groups) r.rows.push_back(finish(g, row_name(r.by, g.labels)));

  for (const auto& row : r.rows) {
    for (std::size_t k = 0; k < options.thresholds.size(); ++k) {
      if (auto b = check(options.thresholds[k], level_index[k], row)) {
        r.breaches.push_back(std::move(*b));
      }
    }
  }
  return r;
}

std::vector<std::string> score_columns(std::span<const double> levels) {
  std::vector<std::string> out;
  for (const char* h :
       {"n", "mae", "rmse", "wape", "smape", "mape", "mape_skipped", "bias", "mase"}) {
    out.emplace_back(h);
  }
  for (const double l : levels) out.push_back("coverage_" + io::format_level(l));
  return out;
}

std::vector<std::optional<double>> score_values(const Scores& s) {
  std::vector<std::optional<double>> v = {static_cast<double>(s.n),
                                          s.mae,
                                          s.rmse,
                                          s.wape,
                                          s.smape,
                                          s.mape,
                                          static_cast<double>(s.mape_skipped),
                                          s.bias,
                                          s.mase};
  for (const auto& c : s.coverage) v.push_back(c);
  return v;
}

void write_accuracy_csv(std::ostream& out, const AccuracyReport& report) {
  io::CsvWriter w(out);
  write_accuracy_table(w, report);
}

void write_accuracy_table(io::TableWriter& w, const AccuracyReport& report) {
  for (const auto d : report.by) w.field(column_name(d));
  for (const auto& c : score_columns(report.levels)) w.field(c);
  w.end_row();
  for (const auto& row : report.rows) {
    for (const auto& l : row.labels) w.field(l);
    for (const auto& v : score_values(row.scores)) w.field(v);
    w.end_row();
  }
}

}  // namespace wfm::metrics
