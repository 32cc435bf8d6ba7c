// Synthetic interval histories for the forecast tests (header-only): a contact center open
// Monday-Friday 08:00-18:00 and Saturday 09:00-13:00 in 15-minute intervals, closed on Sunday,
// with a known weekday x time-of-day pattern, optional deterministic noise, missing days and
// missing cells.
#pragma once

#include <algorithm>
#include <chrono>
#include <cmath>
#include <random>
#include <utility>
#include <vector>

#include "wfm/core/series.hpp"
#include "wfm/forecast/day_grid.hpp"

namespace wfm::forecast::test {

inline constexpr int kInterval = 900;
inline const Date kMonday = std::chrono::local_days{std::chrono::year{2024} / 1 / 1};

// Open slots (15-minute slot numbers) of a weekday: 32..71 on weekdays, 36..51 on Saturday.
inline std::pair<int, int> open_slots(int wd) {
  if (wd < 5) return {32, 72};
  if (wd == 5) return {36, 52};
  return {0, 0};
}

// The noiseless pattern: a weekday level times an intraday shape (weeks repeat exactly).
inline double pattern(Date d, int slot) {
  const double weekday[] = {60, 52, 50, 48, 44, 20, 0};
  const double x = (slot - 32) / 40.0;
  const double shape = 0.6 + std::sin(3.14159265358979 * std::clamp(x, 0.0, 1.0)) +
                       0.2 * std::cos(6.28318530717959 * x);
  return weekday[weekday_index(d)] * shape;
}

struct HistorySpec {
  int days = 42;                                    // calendar days from kMonday
  std::vector<Date> missing_days;                   // whole days absent
  std::vector<std::pair<Date, int>> missing_cells;  // (day, slot) absent
  double noise = 0;                                 // Poisson-like noise: sd = noise * sqrt(value)
  unsigned seed = 7;
  double aht_s = 300;                               // constant AHT (0: no AHT)
  std::vector<std::pair<Date, double>> day_factor;  // multiply a day's calls
};

inline core::QueueSeries make_series(const HistorySpec& spec, const std::string& queue = "q") {
  core::QueueSeries s;
  s.queue = queue;
  std::mt19937 rng(spec.seed);
  std::normal_distribution<double> normal(0.0, 1.0);
  for (int i = 0; i < spec.days; ++i) {
    const Date d = kMonday + std::chrono::days{i};
    const auto [lo, hi] = open_slots(weekday_index(d));
    if (std::find(spec.missing_days.begin(), spec.missing_days.end(), d) != spec.missing_days.end())
      continue;
    double factor = 1;
    for (const auto& [day, f] : spec.day_factor) {
      if (day == d) factor = f;
    }
    for (int slot = lo; slot < hi; ++slot) {
      if (std::find(spec.missing_cells.begin(), spec.missing_cells.end(), std::pair{d, slot}) !=
          spec.missing_cells.end())
        continue;
      core::IntervalRecord r;
      r.start = core::LocalTime{d} + std::chrono::seconds{slot * kInterval};
      double v = pattern(d, slot) * factor;
      if (spec.noise > 0)
        v = std::max(0.0, std::round(v + spec.noise * std::sqrt(v) * normal(rng)));
      r.offered = v;
      if (spec.aht_s > 0 && v > 0) r.aht_s = spec.aht_s;
      s.intervals.push_back(r);
    }
  }
  return s;
}

inline core::IntervalTable make_table(const HistorySpec& spec) {
  core::IntervalTable t;
  t.source = "synthetic.csv";
  t.interval_s = kInterval;
  t.queues.push_back(make_series(spec));
  t.has_aht = spec.aht_s > 0;
  return t;
}

// The contract-test history: 6 weeks, one missing Wednesday (week 3), one missing cell (week 2),
// noise.
inline HistorySpec contract_spec() {
  HistorySpec spec;
  spec.missing_days = {kMonday + std::chrono::days{16}};
  spec.missing_cells = {{kMonday + std::chrono::days{8}, 50}};
  spec.noise = 1.0;
  return spec;
}

}  // namespace wfm::forecast::test
