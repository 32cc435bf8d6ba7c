// Long-range capacity planning: weekly productive headcount against required FTE, and the hiring
// plan that closes the gaps, with attrition, hiring lead time, training time and cost.
//
// Input: required FTE per week, headcount-equivalent (shrinkage already applied upstream;
// demand.hpp projects it from a base week with growth and seasonality). One agent = one FTE.
// Week w (0-based) of the plan, in this order:
//   start[w]      = end[w-1]                       (start[0] = starting_headcount)
//   attrition[w]  = r * start[w],  r = 1 - (1 - attrition_annual)^(1/52)
//   graduates[w]  = trainees finishing class, productive from week w (not hit by attrition in w)
//   end[w]        = start[w] - attrition[w] + graduates[w];   gap[w] = end[w] - required[w]
// A hire decided in week k starts class in k + hiring_lead_weeks and graduates in
// k + hiring_lead_weeks + training_weeks (= k + d). The planner walks the weeks in order and, for
// each week w >= d whose headcount falls short, decides in week w - d just enough hires to close
// it (rounded up to whole people with HireRounding::whole, capped at max_hires_per_week); later
// weeks see those hires minus their own attrition. It never fires: surplus stays surplus. Weeks
// before d cannot be helped by new hires ("unavoidable" shortfall); a shortfall left by the cap is
// "hiring_cap". The planner does not hire ahead of a capped ramp. Headcounts are expected values
// (fractional) even when hires are whole. Uncapped and fractional, this greedy plan is the least
// total hiring that covers every week from d on (proof in docs/capacity.md); more demand or more
// attrition never lowers it (tests/unit/capacity/planner_test.cpp).
//
// Cost per week: (start + graduates) * productive rate (leavers are paid the week they leave) plus
// trainees in class at the start of the week * trainee rate. Hires cost nothing before class.
//
// CapacityPlanner is a const engine: validated parameters, no mutable state, safe to share across
// threads.
#pragma once

#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace wfm::capacity {

// 1 - (1 - annual)^(1/52): the weekly rate that compounds to `annual` over 52 weeks.
double weekly_attrition_rate(double attrition_annual);

// Agents already hired: in class now, or starting a class later. `agents` is the count at week 0
// when already in class, else the count starting class (in week graduation_week - training_weeks).
struct TraineeCohort {
  double agents = 0;        // >= 0
  int graduation_week = 0;  // >= 0: productive from this week (beyond the horizon is fine)
};

struct CostRates {
  double productive_per_fte_week = 0;  // cost of one productive agent for one week, >= 0
  double trainee_per_fte_week = 0;     // cost of one trainee (paid, not productive), >= 0
};

// Weekly rates from hourly costs: hourly * hours_per_fte_week (> 0, e.g. 40 or 37.5).
CostRates cost_rates_from_hourly(double productive_per_hour, double trainee_per_hour,
                                 double hours_per_fte_week);

struct CapacityParams {
  double starting_headcount = 0;           // productive agents at the start of week 0, >= 0
  std::vector<TraineeCohort> in_training;  // already hired, not yet productive
  double attrition_annual = 0;             // in [0, 1): fraction leaving over 52 weeks
  bool attrition_in_training = false;      // trainees in class leave at the same weekly rate
  int hiring_lead_weeks = 0;               // decision to class start, >= 0
  int training_weeks = 0;                  // weeks in class before productive, >= 0
  std::optional<double>
      max_hires_per_week;  // class size cap on hires decided per week, whole, >= 0
  CostRates cost;
  std::optional<std::chrono::local_days> start_date;  // first day of week 0, for the report
};

// Throws core::InputError naming the field, "capacity.<member>" (e.g. "capacity.attrition_annual",
// "capacity.in_training[1].agents"), when a value is negative, not finite or out of range.
void validate(const CapacityParams& params);

enum class HireRounding {
  fractional,  // expected hires, any real number >= 0
  whole,       // hires rounded up to whole people (never leaves a gap the fractional plan closes)
};

enum class Shortfall {
  none,         // gap >= 0 (within 1e-9 relative)
  unavoidable,  // week < hiring_lead_weeks + training_weeks: no new hire can be productive yet
  hiring_cap,   // max_hires_per_week stopped the planner from closing it
};

struct WeekPlan {
  int week = 0;
  std::optional<std::chrono::local_days> start_date;  // start_date + 7 * week days
  double required_fte = 0;
  double productive_start = 0;
  double attrition = 0;  // productive agents leaving this week
  double graduates = 0;  // trainees becoming productive this week
  double productive_end = 0;
  double in_training = 0;        // trainees in class at the start of the week
  double trainee_attrition = 0;  // trainees leaving class this week (attrition_in_training)
  double hires_decided = 0;      // hiring decisions made this week (graduate in week + d)
  double hires_starting_class = 0;
  double gap = 0;  // productive_end - required_fte: + surplus, - shortfall (exactly 0 when closed)
  Shortfall shortfall = Shortfall::none;
  double productive_cost = 0;
  double trainee_cost = 0;
  double cost = 0;  // productive_cost + trainee_cost
  double cumulative_cost = 0;
};

struct PlanTotals {
  double hires = 0;  // sum of hires_decided
  double attrition = 0;
  double trainee_attrition = 0;
  double productive_cost = 0;
  double trainee_cost = 0;
  double cost = 0;
  int weeks_short = 0;            // weeks with a shortfall, any cause
  int weeks_unavoidable = 0;      // ... of which before the first week a hire can reach
  int weeks_capped = 0;           // ... of which left by max_hires_per_week
  double worst_shortfall = 0;     // largest -gap over the weeks short, >= 0 (0 when none)
  std::optional<int> worst_week;  // the week of worst_shortfall (first one on ties)
};

struct CapacityPlan {
  HireRounding rounding = HireRounding::whole;
  double weekly_attrition = 0;       // r
  int hire_to_productive_weeks = 0;  // d = hiring_lead_weeks + training_weeks
  std::vector<WeekPlan> weeks;
  PlanTotals totals;
};

class CapacityPlanner {
 public:
  // Validates (throws core::InputError).
  explicit CapacityPlanner(CapacityParams params);

  const CapacityParams& params() const noexcept { return params_; }
  double weekly_attrition() const noexcept { return weekly_attrition_; }

  // The plan over required_fte.size() weeks. Throws core::InputError ("capacity.weeks") when
  // empty, ("capacity.required_fte[w]") when a value is negative or not finite.
  CapacityPlan plan(std::span<const double> required_fte,
                    HireRounding rounding = HireRounding::whole) const;

 private:
  CapacityParams params_;
  double weekly_attrition_ = 0;
};

// "none", "unavoidable", "hiring_cap".
std::string to_string(Shortfall shortfall);

}  // namespace wfm::capacity
