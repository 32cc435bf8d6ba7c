#include "wfm/capacity/planner.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include "wfm/core/error.hpp"

namespace wfm::capacity {
namespace {

using core::at_flag;

// Gaps within this (relative to the requirement) are rounding, not shortfall or surplus.
constexpr double gap_tolerance = 1e-9;

void require_non_negative(double value, const std::string& field) {
  WFM_REQUIRE(std::isfinite(value) && value >= 0, at_flag(field), "expected a number >= 0, got {}",
              value);
}

// Survival through k weeks at weekly rate r.
double survival(double r, int k) {
  return std::pow(1.0 - r, k);
}

}  // namespace

double weekly_attrition_rate(double attrition_annual) {
  WFM_REQUIRE(std::isfinite(attrition_annual) && attrition_annual >= 0 && attrition_annual < 1,
              at_flag("capacity.attrition_annual"), "expected a number in [0, 1), got {}",
              attrition_annual);
  // -expm1(log1p(-a) / 52) = 1 - (1 - a)^(1/52), accurate for small a.
  return -std::expm1(std::log1p(-attrition_annual) / 52.0);
}

CostRates cost_rates_from_hourly(double productive_per_hour, double trainee_per_hour,
                                 double hours_per_fte_week) {
  require_non_negative(productive_per_hour, "capacity.productive_cost_per_hour");
  require_non_negative(trainee_per_hour, "capacity.trainee_cost_per_hour");
  WFM_REQUIRE(std::isfinite(hours_per_fte_week) && hours_per_fte_week > 0,
              at_flag("capacity.hours_per_fte_week"), "expected a number > 0, got {}",
              hours_per_fte_week);
  return CostRates{productive_per_hour * hours_per_fte_week, trainee_per_hour * hours_per_fte_week};
}

void validate(const CapacityParams& params) {
  require_non_negative(params.starting_headcount, "capacity.starting_headcount");
  weekly_attrition_rate(params.attrition_annual);
  WFM_REQUIRE(params.hiring_lead_weeks >= 0, at_flag("capacity.hiring_lead_weeks"),
              "expected a whole number >= 0, got {}", params.hiring_lead_weeks);
  WFM_REQUIRE(params.training_weeks >= 0, at_flag("capacity.training_weeks"),
              "expected a whole number >= 0, got {}", params.training_weeks);
  if (params.max_hires_per_week) {
    const double cap = *params.max_hires_per_week;
    WFM_REQUIRE(std::isfinite(cap) && cap >= 0 && cap == std::floor(cap),
                at_flag("capacity.max_hires_per_week"), "expected a whole number >= 0, got {}",
                cap);
  }
  require_non_negative(params.cost.productive_per_fte_week, "capacity.productive_cost_per_week");
  require_non_negative(params.cost.trainee_per_fte_week, "capacity.trainee_cost_per_week");
  for (std::size_t i = 0; i < params.in_training.size(); ++i) {
    const auto& cohort = params.in_training[i];
    require_non_negative(cohort.agents, fmt::format("capacity.in_training[{}].agents", i));
    WFM_REQUIRE(cohort.graduation_week >= 0,
                at_flag(fmt::format("capacity.in_training[{}].graduation_week", i)),
                "expected a whole number >= 0, got {}", cohort.graduation_week);
  }
}

std::string to_string(Shortfall shortfall) {
  switch (shortfall) {
    case Shortfall::none:
      return "none";
    case Shortfall::unavoidable:
      return "unavoidable";
    case Shortfall::hiring_cap:
      return "hiring_cap";
  }
  return "unknown";
}

CapacityPlanner::CapacityPlanner(CapacityParams params) : params_(std::move(params)) {
  validate(params_);
  weekly_attrition_ = weekly_attrition_rate(params_.attrition_annual);
}

CapacityPlan CapacityPlanner::plan(std::span<const double> required_fte,
                                   HireRounding rounding) const {
  WFM_REQUIRE(!required_fte.empty(), at_flag("capacity.weeks"),
              "expected at least 1 week of required FTE, got 0");
  for (std::size_t w = 0; w < required_fte.size(); ++w) {
    require_non_negative(required_fte[w], fmt::format("capacity.required_fte[{}]", w));
  }

  const int n = static_cast<int>(required_fte.size());
  const auto at = [](int w) { return static_cast<std::size_t>(w); };
  const double r = weekly_attrition_;
  const int lead = params_.hiring_lead_weeks;
  const int training = params_.training_weeks;
  const int d = lead + training;
  const bool trainees_leave = params_.attrition_in_training && r > 0;
  // Fraction of a class that graduates.
  const double class_survival = trainees_leave ? survival(r, training) : 1.0;

  // Trainees already hired: graduates per week and trainees in class at the start of each week.
  std::vector<double> graduates(at(n), 0.0);
  std::vector<double> in_training(at(n), 0.0);
  for (const auto& cohort : params_.in_training) {
    const int class_start = std::max(0, cohort.graduation_week - training);
    const int end = std::min(cohort.graduation_week, n);
    double agents = cohort.agents;
    for (int w = class_start; w < end; ++w) {
      in_training[at(w)] += agents;
      if (trainees_leave) agents *= 1.0 - r;
    }
    if (cohort.graduation_week < n) graduates[at(cohort.graduation_week)] += agents;
  }

  // Pass 1: walk the weeks, decide hires in week w - d for the shortfall of week w.
  std::vector<double> hires(at(n), 0.0);
  std::vector<WeekPlan> weeks(at(n));
  double headcount = params_.starting_headcount;
  for (int w = 0; w < n; ++w) {
    WeekPlan& row = weeks[at(w)];
    row.week = w;
    row.required_fte = required_fte[at(w)];
    row.productive_start = headcount;
    row.attrition = r * headcount;
    const double carried = headcount - row.attrition + graduates[at(w)];
    double new_graduates = 0;
    bool capped = false;
    if (w >= d) {
      const double short_by = row.required_fte - carried;
      if (short_by > gap_tolerance * std::max(1.0, row.required_fte)) {
        double need = short_by / class_survival;
        if (rounding == HireRounding::whole) {
          need = std::ceil(need - gap_tolerance * std::max(1.0, need));
        }
        double hire = need;
        if (params_.max_hires_per_week && need > *params_.max_hires_per_week) {
          hire = *params_.max_hires_per_week;
          capped = true;
        }
        hires[at(w - d)] = hire;
        new_graduates = hire * class_survival;
      }
    }
    row.graduates = graduates[at(w)] + new_graduates;
    row.productive_end = carried + new_graduates;
    row.gap = row.productive_end - row.required_fte;
    if (std::fabs(row.gap) <= gap_tolerance * std::max(1.0, row.required_fte)) row.gap = 0;
    if (row.gap < 0) {
      WFM_ENSURE(w < d || capped, "capacity week {}: shortfall {} left without a cap", w, row.gap);
      row.shortfall = w < d ? Shortfall::unavoidable : Shortfall::hiring_cap;
    }
    headcount = row.productive_end;
  }

  // Pass 2: the new classes in the weeks they are in class, and the costs.
  for (int k = 0; k < n; ++k) {
    if (hires[at(k)] == 0) continue;
    double agents = hires[at(k)];
    for (int w = k + lead; w < std::min(k + d, n); ++w) {
      in_training[at(w)] += agents;
      if (trainees_leave) agents *= 1.0 - r;
    }
  }

  CapacityPlan plan;
  plan.rounding = rounding;
  plan.weekly_attrition = r;
  plan.hire_to_productive_weeks = d;
  PlanTotals& totals = plan.totals;
  double cumulative = 0;
  for (int w = 0; w < n; ++w) {
    WeekPlan& row = weeks[at(w)];
    if (params_.start_date) row.start_date = *params_.start_date + std::chrono::days{7 * w};
    row.in_training = in_training[at(w)];
    row.trainee_attrition = trainees_leave ? r * row.in_training : 0.0;
    row.hires_decided = hires[at(w)];
    row.hires_starting_class = w >= lead ? hires[at(w - lead)] : 0.0;
    row.productive_cost =
        (row.productive_start + row.graduates) * params_.cost.productive_per_fte_week;
    row.trainee_cost = row.in_training * params_.cost.trainee_per_fte_week;
    row.cost = row.productive_cost + row.trainee_cost;
    cumulative += row.cost;
    row.cumulative_cost = cumulative;

    totals.hires += row.hires_decided;
    totals.attrition += row.attrition;
    totals.trainee_attrition += row.trainee_attrition;
    totals.productive_cost += row.productive_cost;
    totals.trainee_cost += row.trainee_cost;
    if (row.shortfall != Shortfall::none) {
      ++totals.weeks_short;
      if (row.shortfall == Shortfall::unavoidable) ++totals.weeks_unavoidable;
      if (row.shortfall == Shortfall::hiring_cap) ++totals.weeks_capped;
      if (-row.gap > totals.worst_shortfall) {
        totals.worst_shortfall = -row.gap;
        totals.worst_week = w;
      }
    }
  }
  totals.cost = cumulative;
  plan.weeks = std::move(weeks);
  return plan;
}

}  // namespace wfm::capacity
