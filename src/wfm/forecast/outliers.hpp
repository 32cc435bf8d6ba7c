// Outlier days: detection and down-weighting before fitting.
//
// A day is an outlier when its total is far from the typical total of its weekday nearby: the
// median of up to `neighbours` observed days of the same weekday on each side, with spread
// 1.4826 x the median absolute deviation of those neighbours, at least sqrt(median) (the Poisson
// sd of a total: a MAD of 3-8 days can be near 0 by chance) (a robust standard deviation;
// Hampel identifier, Pearson 2002 "Outliers in process modeling and identification", IEEE TCST
// 10(1)). With robust score z = (total - median) / spread and |z| > threshold, the day is
// down-weighted with Huber's weight w = threshold / |z| (Huber 1964): every interval of the day
// is scaled so the day's total becomes median + w (total - median), keeping its intraday shape.
#pragma once

#include <vector>

#include "wfm/forecast/day_grid.hpp"

namespace wfm::forecast {

struct OutlierOptions {
  double threshold = 4.0;  // robust z beyond which a day is an outlier
  int neighbours = 4;      // same-weekday days on each side for the reference
};

struct OutlierDay {
  Date date{};
  double total = 0;      // calls that day as observed
  double reference = 0;  // median of the neighbouring same-weekday totals
  double z = 0;          // robust score
  double adjusted = 0;   // total after down-weighting
};

// Finds the outlier days of `history` (days with a missing interval are not scored).
std::vector<OutlierDay> find_outliers(const DayGrid& history, const OutlierOptions& options = {});

// Scales the intervals of each outlier day to its adjusted total.
void downweight_outliers(DayGrid& history, const std::vector<OutlierDay>& outliers);

}  // namespace wfm::forecast
