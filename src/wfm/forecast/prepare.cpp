#include "wfm/forecast/prepare.hpp"

#include "wfm/metrics/scale.hpp"

namespace wfm::forecast {

std::vector<Date> missing_days(const DayGrid& g) {
  std::vector<Date> out;
  if (g.dates.empty()) return out;
  for (Date d = g.dates.front(); d <= g.dates.back(); d += std::chrono::days{1}) {
    if (g.weekday_open(weekday_index(d)) && g.row_of(d) < 0) out.push_back(d);
  }
  return out;
}

PreparedQueue prepare_queue(const core::QueueSeries& series, int interval_s,
                            const SpecialDays& special, bool downweight) {
  PreparedQueue p;
  p.grid = make_day_grid(series, interval_s);
  p.history_days = static_cast<std::size_t>(p.grid.days());
  p.missing_days = missing_days(p.grid);
  p.excluded_special = exclude_special_days(p.grid, special);
  p.outliers = find_outliers(p.grid);
  if (downweight) downweight_outliers(p.grid, p.outliers);
  p.mase_scale = metrics::seasonal_naive_scale(series, metrics::SeasonalLag::previous_day);
  return p;
}

}  // namespace wfm::forecast
