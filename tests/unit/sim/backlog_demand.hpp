// Test data shared by the deferred-work simulation tests (backlog_simulation_test.cpp,
// backlog_staffing_test.cpp): two weeks of email demand and office hours.
#pragma once

#include <array>
#include <chrono>
#include <cstddef>

#include <catch2/catch.hpp>

#include "wfm/core/time.hpp"
#include "wfm/staffing/backlog.hpp"

namespace wfm::sim::test {

using wfm::core::LocalTime;
using wfm::staffing::BacklogOptions;
using wfm::staffing::BacklogQueue;
using wfm::staffing::BusinessHours;

inline LocalTime at(const char* text) {
  const auto t = wfm::core::parse_local_time(text);
  REQUIRE(t.has_value());
  return *t;
}

// Two weeks from Monday 2024-03-04 of 30-minute intervals around the clock: `per_day` items on a
// weekday (a tenth of that on a weekend day), most of them in the day (3x the night's rate from
// 08:00 to 18:00), 6 minutes of work each.
inline BacklogQueue email_demand(double per_day) {
  BacklogQueue q;
  q.name = "email";
  const LocalTime first = at("2024-03-04T00:00");
  for (int day = 0; day < 14; ++day) {
    const double today = day % 7 < 5 ? per_day : per_day / 10;
    // 20 day intervals of weight 3 and 28 night intervals of weight 1: 88 in all.
    for (int i = 0; i < 48; ++i) {
      const double weight = i >= 16 && i < 36 ? 3.0 : 1.0;
      q.intervals.push_back({first + std::chrono::minutes(30 * (48 * day + i)),
                             today * weight / 88.0, 360.0, 0});
    }
  }
  return q;
}

inline BacklogOptions office_hours(double fraction, double within_s) {
  BacklogOptions o;
  o.interval_s = 1800;
  std::array<bool, 7> days{};
  for (int d = 1; d <= 5; ++d) days[static_cast<std::size_t>(d)] = true;
  o.hours = BusinessHours{days, 8 * 3600, 18 * 3600}.week();
  o.target = {fraction, within_s};
  return o;
}

}  // namespace wfm::sim::test
