// A demand forecast: calls (and handle time) per queue and interval, with prediction intervals.
//
// This is what `wfm forecast` writes and `wfm accuracy`, `wfm plan` read (file format:
// docs/formats.md, "Forecast CSV"). A forecast row is also a valid interval-demand row (columns
// interval_start, queue, calls, aht_s), so `wfm staff` and `wfm simulate` read the file directly.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "wfm/core/time.hpp"

namespace wfm::core {

// Central prediction interval bounds at one level, e.g. level 80: the 10% and 90% quantiles.
struct Bounds {
  double lo = 0;
  double hi = 0;
};

struct ForecastInterval {
  LocalTime start{};
  double calls = 0;              // point forecast (mean), >= 0
  std::vector<Bounds> bounds;    // one per ForecastTable::levels, lo <= calls <= hi
  std::optional<double> aht_s;   // forecast average handle time, seconds, > 0
  std::size_t source_line = 0;   // 1-based line in the source file (0: not from a file)
};

struct QueueForecast {
  std::string queue;                        // "" when the forecast has no queue column
  std::vector<ForecastInterval> intervals;  // strictly increasing start times
};

struct ForecastTable {
  std::string source;            // file name as given, for messages ("" when computed)
  int interval_s = 0;            // interval length, seconds
  std::vector<double> levels;    // prediction-interval levels in percent, increasing, e.g. {80, 95}
  std::vector<QueueForecast> queues;
  bool has_aht = false;
};

}  // namespace wfm::core
