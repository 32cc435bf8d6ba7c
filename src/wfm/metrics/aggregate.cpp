#include "wfm/metrics/aggregate.hpp"

#include "wfm/io/resample.hpp"

namespace wfm::metrics {

core::QueueForecast aggregate(const core::QueueForecast& forecast, int interval_s,
                              int resolution_s) {
  io::check_coarser_interval(interval_s, resolution_s, core::Location{{}, 0, "resolution"},
                             "resolution");
  core::QueueForecast out{forecast.queue, {}};
  io::WeightedAht aht;
  for (const auto& f : forecast.intervals) {
    const core::LocalTime b = io::bin_start(f.start, resolution_s);
    if (out.intervals.empty() || out.intervals.back().start != b) {
      if (!out.intervals.empty()) out.intervals.back().aht_s = aht.value();
      aht = io::WeightedAht{};
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
