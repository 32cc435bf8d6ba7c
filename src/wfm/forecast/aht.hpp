// Handle-time forecast per interval: a weekday x time-of-day profile at the recent level.
//
// profile(wd, s) = call-weighted mean AHT of weekday wd, slot s over the last `weeks` observed
// weeks, shrunk towards the call-weighted mean of slot s over all weekdays with the weight of
// `prior_calls` calls (so a slot with few calls does not swing on a handful of long calls):
//   profile = (sum calls*aht + prior_calls * slot_mean) / (sum calls + prior_calls).
// The level is then scaled to the recent past: factor = (call-weighted AHT of the last
// `level_days` observed days) / (the profile's call-weighted AHT on the same cells). AHT is a
// planner's input more than a statistical target; this keeps both shape and level honest.
#pragma once

#include <optional>
#include <span>

#include <Eigen/Core>

#include "wfm/forecast/day_grid.hpp"

namespace wfm::forecast {

struct AhtOptions {
  int weeks = 8;
  double prior_calls = 20;
  int level_days = 10;
};

struct AhtModel {
  Eigen::MatrixXd profile;  // 7 x slots, seconds (already at the recent level)
  double level_factor = 1;
};

// nullopt when the history has no handle times.
std::optional<AhtModel> fit_aht(const DayGrid& history, const AhtOptions& options = {});

Eigen::MatrixXd predict_aht(const AhtModel& model, std::span<const Date> dates);

}  // namespace wfm::forecast
