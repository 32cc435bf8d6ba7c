#include "wfm/forecast/outliers.hpp"

#include <algorithm>
#include <cmath>

namespace wfm::forecast {

namespace {

double median(std::vector<double> v) {
  const auto mid = v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2);
  std::nth_element(v.begin(), mid, v.end());
  if (v.size() % 2 == 1) return *mid;
  return 0.5 * (*mid + *std::max_element(v.begin(), mid));
}

}  // namespace

std::vector<OutlierDay> find_outliers(const DayGrid& history, const OutlierOptions& options) {
  // Daily totals over open cells; NaN when any open cell is missing.
  std::vector<double> total(static_cast<std::size_t>(history.days()));
  for (Eigen::Index i = 0; i < history.days(); ++i) {
    const auto& mask = history.open[static_cast<std::size_t>(
        weekday_index(history.dates[static_cast<std::size_t>(i)]))];
    double sum = 0;
    for (Eigen::Index c = 0; c < history.width(); ++c) {
      if (mask[static_cast<std::size_t>(c)]) sum += history.calls(i, c);
    }
    total[static_cast<std::size_t>(i)] = sum;
  }
  std::vector<OutlierDay> out;
  for (std::size_t i = 0; i < total.size(); ++i) {
    if (std::isnan(total[i])) continue;
    const int wd = weekday_index(history.dates[i]);
    std::vector<double> near;
    for (int dir : {-1, 1}) {
      int found = 0;
      for (std::ptrdiff_t j = static_cast<std::ptrdiff_t>(i) + dir;
           j >= 0 && j < static_cast<std::ptrdiff_t>(total.size()) && found < options.neighbours;
           j += dir) {
        const auto ju = static_cast<std::size_t>(j);
        if (weekday_index(history.dates[ju]) != wd || std::isnan(total[ju])) continue;
        near.push_back(total[ju]);
        ++found;
      }
    }
    if (near.size() < 3) continue;
    const double ref = median(near);
    std::vector<double> dev;
    for (double x : near) dev.push_back(std::abs(x - ref));
    const double spread =
        std::max(1.4826 * median(dev), std::sqrt(std::max(1.0, ref)));  // >= Poisson sd
    const double z = (total[i] - ref) / spread;
    if (std::abs(z) <= options.threshold) continue;
    const double w = options.threshold / std::abs(z);
    out.push_back({history.dates[i], total[i], ref, z, ref + w * (total[i] - ref)});
  }
  return out;
}

void downweight_outliers(DayGrid& history, const std::vector<OutlierDay>& outliers) {
  for (const auto& o : outliers) {
    const auto row = history.row_of(o.date);
    if (row < 0 || o.total <= 0) continue;
    history.calls.row(row) *= o.adjusted / o.total;
  }
}

}  // namespace wfm::forecast
