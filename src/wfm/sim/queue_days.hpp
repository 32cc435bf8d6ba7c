// Interval tables -> simulation queue-days, shared by `wfm simulate`, `wfm staff --method sim`
// and `wfm plan`.
// One QueueDay per queue and date, from its first to its last present interval; intervals absent
// from the table in between are closed (no calls, no agents).
#pragma once

#include <cstddef>
#include <functional>
#include <utility>
#include <vector>

#include "wfm/core/series.hpp"
#include "wfm/sim/model.hpp"

namespace wfm::sim {

struct QueueDays {
  std::vector<QueueDay> days;
  // For each table interval, in table order (queue by queue): (day index, interval index).
  std::vector<std::pair<std::size_t, std::size_t>> position;
};

using AgentsFor = std::function<int(const core::QueueSeries&, const core::IntervalRecord&)>;

// default_aht_s stands in for intervals without an AHT (the file has no aht_s column).
QueueDays build_queue_days(const core::IntervalTable& table, const AgentsFor& agents_for,
                           double default_aht_s = 0);

}  // namespace wfm::sim
