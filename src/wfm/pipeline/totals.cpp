#include "wfm/pipeline/totals.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>

#include "wfm/core/error.hpp"

namespace wfm::pipeline {

namespace {

// Running sums of one set of intervals.
class Accumulator {
 public:
  void add(const StaffedInterval& iv, double hours) {
    const auto& r = iv.result;
    t_.calls += iv.calls;
    t_.required_hours += r.agents * hours;
    t_.scheduled_hours += iv.scheduled * hours;
    t_.peak_required = std::max(t_.peak_required, r.agents);
    t_.peak_scheduled = std::max(t_.peak_scheduled, iv.scheduled);
    // A backlog interval's items count when they fall due within the plan (staff.hpp).
    if (iv.backlog) {
      sl_ += iv.backlog->arrivals_within_target;
      sl_weight_ += iv.backlog->arrivals_due;
    } else {
      sl_ += r.service_level * iv.calls;
      sl_weight_ += iv.calls;
    }
    abandoned_ += r.abandon_rate * iv.calls;
    blocked_ += r.blocking * iv.calls;
    if (std::isfinite(r.asa_s)) {
      const double answered = iv.calls * std::max(0.0, 1 - r.abandon_rate - r.blocking);
      asa_ += r.asa_s * answered;
      answered_ += answered;
    }
    busy_hours_ += r.occupancy * r.agents * hours;
    ++t_.intervals;
    if (!r.feasible) ++t_.infeasible;
    if (iv.simulated && iv.simulated->service_level.defined) {
      // A backlog interval's simulated share is weighted by its items due, as its SL above.
      const double weight = iv.backlog ? iv.backlog->arrivals_due : iv.calls;
      sim_sl_ += iv.simulated->service_level.mean * weight;
      sim_calls_ += weight;
    }
  }

  Totals finish(double days, const TotalsBasis& basis) const {
    Totals out = t_;
    out.service_level = sl_weight_ > 0 ? sl_ / sl_weight_ : 1.0;
    out.abandon_rate = t_.calls > 0 ? abandoned_ / t_.calls : 0.0;
    out.blocking = t_.calls > 0 ? blocked_ / t_.calls : 0.0;
    out.asa_s = answered_ > 0 ? asa_ / answered_ : 0.0;
    out.occupancy = t_.required_hours > 0 ? busy_hours_ / t_.required_hours : 0.0;
    out.fte = fte(t_.scheduled_hours, days, basis.paid_hours_per_fte_week);
    if (basis.cost_per_agent_hour) out.cost = t_.scheduled_hours * *basis.cost_per_agent_hour;
    if (sim_calls_ > 0) out.simulated_sl = sim_sl_ / sim_calls_;
    return out;
  }

 private:
  Totals t_;
  double sl_ = 0, sl_weight_ = 0, abandoned_ = 0, blocked_ = 0, asa_ = 0, answered_ = 0, busy_hours_ = 0;
  double sim_sl_ = 0, sim_calls_ = 0;
};

}  // namespace

double fte(double scheduled_hours, double days, double paid_hours_per_fte_week) {
  return scheduled_hours * 7 / days / paid_hours_per_fte_week;
}

void compute_totals(StaffingPlan& plan, const TotalsBasis& basis) {
  WFM_REQUIRE(basis.paid_hours_per_fte_week > 0 && basis.paid_hours_per_fte_week <= 168,
              core::at_flag("hours_per_fte_week"),
              "expected paid hours of one FTE per week in (0, 168], got {}",
              basis.paid_hours_per_fte_week);
  WFM_REQUIRE(!basis.cost_per_agent_hour || *basis.cost_per_agent_hour >= 0,
              core::at_flag("cost per agent-hour"), "expected a cost >= 0, got {}",
              basis.cost_per_agent_hour.value_or(0));
  const double hours = plan.interval_s / 3600.0;
  std::vector<Accumulator> per_queue(plan.queues.size());
  std::map<std::pair<std::size_t, std::chrono::local_days>, Accumulator> per_day;
  Accumulator all;
  for (const auto& iv : plan.intervals) {
    const auto day = std::chrono::floor<std::chrono::days>(iv.start);
    per_queue[iv.queue].add(iv, hours);
    per_day[{iv.queue, day}].add(iv, hours);
    per_day[{std::string::npos, day}].add(iv, hours);
    all.add(iv, hours);
  }
  plan.queue_totals.clear();
  for (const auto& a : per_queue) plan.queue_totals.push_back(a.finish(plan.span_days, basis));
  // (queue, date) order: every queue's days, then the all-queue days (queue npos sorts last).
  plan.daily.clear();
  for (const auto& [key, a] : per_day)
    plan.daily.push_back({key.first, key.second, a.finish(1, basis)});
  plan.overall = all.finish(plan.span_days, basis);
}

}  // namespace wfm::pipeline
