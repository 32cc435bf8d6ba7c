// One queue's history laid out as days x time-of-day slots: the shape every forecaster works on.
// A weekly file (io::weekly_interval_s) is a grid of one slot whose rows are 7 days apart and open
// on one weekday, so the day models forecast weeks (docs/forecast.md, "Weekly files").
//
// Contact-center history has two kinds of absence that must not be confused with zero calls:
// days that are missing from the calendar (a lost export, an outage) and cells that are missing
// inside a day. Both are NaN here, so models skip or impute them explicitly. Closed time (nights,
// weekends, a weekday's shorter hours) is described by the open mask: a model never forecasts a
// closed cell, and the forecast has no interval there.
#pragma once

#include <array>
#include <chrono>
#include <span>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "wfm/core/series.hpp"

namespace wfm::forecast {

using Date = std::chrono::local_days;

// 0 = Monday ... 6 = Sunday.
int weekday_index(Date d);

struct DayGrid {
  std::string queue;
  int interval_s = 0;
  std::vector<int> slots;   // time-of-day slot numbers (seconds of day / interval_s), increasing
  std::vector<Date> dates;  // days with at least one interval, increasing
  Eigen::MatrixXd calls;    // dates x slots; NaN where the interval is absent
  Eigen::MatrixXd aht_s;    // dates x slots; NaN where absent or without handle time
  // Per weekday (0 = Monday): which slots are open, from the most recent weeks of that weekday
  // (a slot is open when it has data on any of the last `open_weeks` such days).
  std::array<std::vector<char>, 7> open;

  Eigen::Index days() const { return static_cast<Eigen::Index>(dates.size()); }
  Eigen::Index width() const { return static_cast<Eigen::Index>(slots.size()); }
  bool weekday_open(int wd) const;
  // Row of `d` in dates, or -1.
  Eigen::Index row_of(Date d) const;
  core::LocalTime interval_start(Date d, Eigen::Index slot_col) const;
};

// Time-of-day slots in a day for intervals of interval_s: 86400 / interval_s, and 1 for a day or a
// week (a weekly file's grid has one row a week, on the weekday its weeks start).
int slots_per_day(int interval_s);

// Builds the grid of one queue (intervals in increasing time order, as loaded). `open_weeks`:
// how many recent occurrences of each weekday decide its open slots.
DayGrid make_day_grid(const core::QueueSeries& series, int interval_s, int open_weeks = 4);

// The first `rows` days of `grid` (for backtests: history up to an origin).
DayGrid head_days(const DayGrid& grid, Eigen::Index rows);

// Days in [first, first + days) on which the queue is open (by weekday) and not in `closed`.
std::vector<Date> horizon_dates(const DayGrid& grid, Date first, int days,
                                std::span<const Date> closed = {});

}  // namespace wfm::forecast
