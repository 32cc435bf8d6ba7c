#include "wfm/forecast/day_grid.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "wfm/core/error.hpp"
#include "wfm/io/interval_csv.hpp"

namespace wfm::forecast {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// A slot is open on a weekday when it has data on any of the last `open_weeks` such days.
void fill_open(DayGrid& g, int open_weeks) {
  for (auto& mask : g.open) mask.assign(g.slots.size(), 0);
  std::array<int, 7> seen{};
  for (Eigen::Index i = g.days() - 1; i >= 0; --i) {
    const int wd = weekday_index(g.dates[static_cast<std::size_t>(i)]);
    auto& n = seen[static_cast<std::size_t>(wd)];
    if (n >= open_weeks) continue;
    ++n;
    auto& mask = g.open[static_cast<std::size_t>(wd)];
    for (Eigen::Index c = 0; c < g.width(); ++c) {
      if (!std::isnan(g.calls(i, c))) mask[static_cast<std::size_t>(c)] = 1;
    }
  }
}
}  // namespace

int weekday_index(Date d) {
  return static_cast<int>(std::chrono::weekday{d}.iso_encoding()) - 1;
}

bool DayGrid::weekday_open(int wd) const {
  const auto& mask = open[static_cast<std::size_t>(wd)];
  return std::find(mask.begin(), mask.end(), char{1}) != mask.end();
}

Eigen::Index DayGrid::row_of(Date d) const {
  auto it = std::lower_bound(dates.begin(), dates.end(), d);
  if (it == dates.end() || *it != d) return -1;
  return it - dates.begin();
}

core::LocalTime DayGrid::interval_start(Date d, Eigen::Index slot_col) const {
  return core::LocalTime{d} +
         std::chrono::seconds{static_cast<long long>(slots[static_cast<std::size_t>(slot_col)]) *
                              interval_s};
}

int slots_per_day(int interval_s) {
  return interval_s >= 86400 ? 1 : 86400 / interval_s;
}

DayGrid make_day_grid(const core::QueueSeries& series, int interval_s, int open_weeks) {
  WFM_ENSURE(interval_s > 0 && (86400 % interval_s == 0 || interval_s == io::weekly_interval_s),
             "interval length must divide a day or be a week");
  DayGrid g;
  g.queue = series.queue;
  g.interval_s = interval_s;
  const int per_day = slots_per_day(interval_s);
  std::vector<char> used(static_cast<std::size_t>(per_day), 0);
  for (const auto& r : series.intervals) {
    const Date d = std::chrono::floor<std::chrono::days>(r.start);
    const auto sod = (r.start - core::LocalTime{d}).count();
    used[static_cast<std::size_t>(sod / interval_s)] = 1;
    if (g.dates.empty() || g.dates.back() != d) g.dates.push_back(d);
  }
  std::vector<int> col_of(static_cast<std::size_t>(per_day), -1);
  for (int s = 0; s < per_day; ++s) {
    if (used[static_cast<std::size_t>(s)]) {
      col_of[static_cast<std::size_t>(s)] = static_cast<int>(g.slots.size());
      g.slots.push_back(s);
    }
  }
  g.calls = Eigen::MatrixXd::Constant(g.days(), g.width(), kNaN);
  g.aht_s = Eigen::MatrixXd::Constant(g.days(), g.width(), kNaN);
  Eigen::Index row = -1;
  Date current{};
  for (const auto& r : series.intervals) {
    const Date d = std::chrono::floor<std::chrono::days>(r.start);
    if (row < 0 || d != current) {
      ++row;
      current = d;
    }
    const auto sod = (r.start - core::LocalTime{d}).count();
    const int col = col_of[static_cast<std::size_t>(sod / interval_s)];
    g.calls(row, col) = r.offered;
    if (r.aht_s) g.aht_s(row, col) = *r.aht_s;
  }
  fill_open(g, open_weeks);
  return g;
}

DayGrid head_days(const DayGrid& grid, Eigen::Index rows) {
  DayGrid h;
  h.queue = grid.queue;
  h.interval_s = grid.interval_s;
  h.slots = grid.slots;
  h.dates.assign(grid.dates.begin(), grid.dates.begin() + rows);
  h.calls = grid.calls.topRows(rows);
  h.aht_s = grid.aht_s.topRows(rows);
  fill_open(h, 4);
  return h;
}

std::vector<Date> horizon_dates(const DayGrid& grid, Date first, int days,
                                std::span<const Date> closed) {
  std::vector<Date> out;
  for (int i = 0; i < days; ++i) {
    const Date d = first + std::chrono::days{i};
    if (!grid.weekday_open(weekday_index(d))) continue;
    if (std::find(closed.begin(), closed.end(), d) != closed.end()) continue;
    out.push_back(d);
  }
  return out;
}

}  // namespace wfm::forecast
