#include "wfm/metrics/aggregate.hpp"

#include <optional>

namespace wfm::metrics {
namespace {

// Calls-weighted AHT: defined when every interval with calls has an AHT.
struct AhtSum {
  double calls = 0;
  double seconds = 0;
  bool complete = true;
  void add(double c, const std::optional<double>& aht) {
    if (c <= 0) return;
    if (!aht) {
      complete = false;
      return;
    }
    calls += c;
    seconds += c * *aht;
  }
  std::optional<double> value() const {
    if (!complete || calls <= 0) return std::nullopt;
    return seconds / calls;
  }
};

void add_optional(std::optional<double>& sum, const std::optional<double>& value, bool first) {
  if (first) {
    sum = value;
  } else if (sum && value) {
    *sum += *value;
  } else {
    sum.reset();
  }
}

}  // namespace

core::LocalTime bucket_start(core::LocalTime t, int resolution_s) {
  const long long s = t.time_since_epoch().count();
  long long q = s / resolution_s;
  if (s % resolution_s < 0) --q;  // floor for times before 1970
  return core::LocalTime{std::chrono::seconds{q * resolution_s}};
}

void check_resolution(int interval_s, int resolution_s, const core::Location& where) {
  WFM_REQUIRE(resolution_s > 0 && 86400 % resolution_s == 0, where,
              "expected a resolution that divides a day (such as 30m, 1h, 1d), got {} s",
              resolution_s);
  WFM_REQUIRE(interval_s > 0 && resolution_s % interval_s == 0, where,
              "expected a resolution that is a whole multiple of the data's interval length ({} "
              "s), got {} s",
              interval_s, resolution_s);
}

core::QueueSeries aggregate(const core::QueueSeries& series, int interval_s, int resolution_s) {
  check_resolution(interval_s, resolution_s, core::Location{{}, 0, "resolution"});
  core::QueueSeries out{series.queue, {}};
  AhtSum aht;
  for (const auto& r : series.intervals) {
    const core::LocalTime b = bucket_start(r.start, resolution_s);
    const bool first = out.intervals.empty() || out.intervals.back().start != b;
    if (first) {
      if (!out.intervals.empty()) out.intervals.back().aht_s = aht.value();
      aht = AhtSum{};
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

core::IntervalTable aggregate(const core::IntervalTable& table, int resolution_s) {
  core::IntervalTable out;
  out.source = table.source;
  out.interval_s = resolution_s;
  out.has_aht = table.has_aht;
  out.has_handled = table.has_handled;
  out.has_abandoned = table.has_abandoned;
  for (const auto& q : table.queues) {
    out.queues.push_back(aggregate(q, table.interval_s, resolution_s));
  }
  return out;
}

core::QueueForecast aggregate(const core::QueueForecast& forecast, int interval_s,
                              int resolution_s) {
  check_resolution(interval_s, resolution_s, core::Location{{}, 0, "resolution"});
  core::QueueForecast out{forecast.queue, {}};
  AhtSum aht;
  for (const auto& f : forecast.intervals) {
    const core::LocalTime b = bucket_start(f.start, resolution_s);
    if (out.intervals.empty() || out.intervals.back().start != b) {
      if (!out.intervals.empty()) out.intervals.back().aht_s = aht.value();
      aht = AhtSum{};
      core::ForecastInterval iv;
      iv.start = b;
      iv.source_line = f.source_line;
      out.intervals.push_back(iv);
    }
    out.intervals.back().calls += f.calls;
    aht.add(f.calls, f.aht_s);
  }
  if (!out.intervals.empty()) out.intervals.back().aht_s = aht.value();
  return out;
}

core::ForecastTable aggregate(const core::ForecastTable& table, int resolution_s) {
  core::ForecastTable out;
  out.source = table.source;
  out.interval_s = resolution_s;
  out.has_aht = table.has_aht;
  for (const auto& q : table.queues) {
    out.queues.push_back(aggregate(q, table.interval_s, resolution_s));
  }
  return out;
}

}  // namespace wfm::metrics
