#include "wfm/schedule/service_loop.hpp"

#include <algorithm>
#include <set>

#include "wfm/io/json_rows.hpp"

namespace wfm::schedule {

LoopResult schedule_to_service(const ShiftRules& rules, std::vector<DayRequirements> days,
                               const core::IntervalTable& demand, const std::string& queue,
                               const SolveOptions& solve, const ServiceOptions& service,
                               double sl_target, int rounds) {
  LoopResult out;
  for (int round = 0; round <= rounds; ++round) {
    out.days = schedule_days(rules, days, solve);
    out.service = simulate_schedule(rules, out.days, demand, queue, service);
    LoopRound r;
    for (std::size_t d = 0; d < out.days.size(); ++d) {
      r.paid_hours += out.days[d].totals.paid_hours;
      r.cost += out.days[d].totals.cost;
      for (std::size_t t = 0; t < out.service[d].intervals.size(); ++t) {
        const auto& iv = out.service[d].intervals[t];
        if (iv.calls > 0 && iv.simulated_sl && *iv.simulated_sl < sl_target) {
          ++r.intervals_below;
          // For the next round. With tours, a scheduled day may be missing from `days` (a tour
          // works a day of a week the plan does not have): it is added, in date order.
          const auto date = out.days[d].requirements.date;
          auto it = std::lower_bound(
              days.begin(), days.end(), date,
              [](const DayRequirements& a, std::chrono::local_days b) { return a.date < b; });
          if (it == days.end() || it->date != date) it = days.insert(it, out.days[d].requirements);
          it->required[t] += 1;
        }
      }
    }
    const ServiceTotals service_total = service_totals(out.service);
    r.erlang_sl = service_total.erlang_sl;
    r.simulated_sl = service_total.simulated_sl;
    out.rounds.push_back(r);
    if (r.intervals_below == 0) break;
  }
  return out;
}

ScheduleRun run_schedule(const ShiftRules& rules, const io::StaffingPlanCsv& plan,
                         const std::string& queue, const SolveOptions& solve,
                         const core::IntervalTable* demand, const ServiceOptions& service,
                         std::optional<double> sl_target, int rounds,
                         const core::Location& demand_where, const core::Location& rounds_where) {
  const auto days = day_requirements(plan, queue, rules);
  WFM_REQUIRE(!demand || queue != "*", demand_where,
              "simulating the schedule needs one queue: name it, not \"*\"");
  WFM_REQUIRE(rounds >= 0 && rounds <= 20, rounds_where,
              "expected a whole number from 0 to 20, got {}", rounds);
  WFM_REQUIRE(rounds == 0 || (demand && sl_target), rounds_where,
              "re-solving from the simulated service needs a demand and an SL target");
  WFM_REQUIRE(!sl_target || (*sl_target > 0 && *sl_target < 1), rounds_where,
              "expected an SL target between 0 and 1, got {}", sl_target.value_or(0));
  const std::string sim_queue = queue.empty() ? plan.entries().begin()->first.first : queue;
  ScheduleRun run;
  if (rounds > 0) {
    auto loop =
        schedule_to_service(rules, days, *demand, sim_queue, solve, service, *sl_target, rounds);
    run.days = std::move(loop.days);
    run.service = std::move(loop.service);
    run.rounds = std::move(loop.rounds);
  } else {
    run.days = schedule_days(rules, days, solve);
    if (demand) run.service = simulate_schedule(rules, run.days, *demand, sim_queue, service);
  }
  return run;
}

ScheduleTotals schedule_totals(const std::vector<DayResult>& days) {
  ScheduleTotals t;
  CoverageTotals& all = t.all;
  std::set<std::chrono::local_days> weeks;
  for (const auto& d : days) {
    all.shifts += d.totals.shifts;
    all.paid_hours += d.totals.paid_hours;
    all.required_hours += d.totals.required_hours;
    all.on_phone_hours += d.totals.on_phone_hours;
    all.over_hours += d.totals.over_hours;
    all.under_hours += d.totals.under_hours;
    all.intervals_short += d.totals.intervals_short;
    all.shift_cost += d.totals.shift_cost;
    all.cost += d.totals.cost;
    // A week of tours has one bound, reported in each of its days: counted once.
    if (!d.schedule.report.week || weeks.insert(monday_of(d.requirements.date)).second) {
      t.best_bound += d.schedule.report.best_bound;
    }
    t.timed_out = t.timed_out || d.schedule.report.timed_out;
    // A day's coverage has one entry per interval of the day: hours per interval.
    const double h = d.coverage.empty() ? 0 : 24.0 / static_cast<double>(d.coverage.size());
    for (const auto& c : d.past_plan) {
      t.past_plan_on_shift_hours += c.on_shift * h;
      t.past_plan_on_phone_hours += c.on_phone * h;
    }
  }
  all.efficiency = all.paid_hours > 0 ? all.required_hours / all.paid_hours : 0;
  t.gap = all.cost > 0 ? (all.cost - t.best_bound) / all.cost : 0;
  return t;
}

nlohmann::json schedule_json(const ScheduleRun& run, double time_limit_s) {
  const auto optional = [](const std::optional<double>& v) {
    return v ? nlohmann::json(*v) : nlohmann::json();
  };
  nlohmann::json j;
  j["time_limit_s"] = time_limit_s;
  if (!run.rounds.empty()) {
    j["rounds"] = nlohmann::json::array();
    for (const auto& r : run.rounds) {
      j["rounds"].push_back({{"paid_hours", r.paid_hours},
                             {"cost", r.cost},
                             {"erlang_sl", optional(r.erlang_sl)},
                             {"simulated_sl", optional(r.simulated_sl)},
                             {"intervals_below_target", r.intervals_below}});
    }
  }
  io::JsonRows days;
  write_days_table(days, run.days, run.service ? &*run.service : nullptr);
  j["days"] = days.take();
  const ScheduleTotals t = schedule_totals(run.days);
  j["total"] = {{"shifts", t.all.shifts},
                {"paid_hours", t.all.paid_hours},
                {"required_hours", t.all.required_hours},
                {"under_hours", t.all.under_hours},
                {"over_hours", t.all.over_hours},
                {"intervals_short", t.all.intervals_short},
                {"efficiency", t.all.efficiency},
                {"shift_cost", t.all.shift_cost},
                {"cost", t.all.cost},
                {"best_bound", t.best_bound},
                {"gap", t.gap},
                {"timed_out", t.timed_out},
                {"past_plan_on_shift_hours", t.past_plan_on_shift_hours},
                {"past_plan_on_phone_hours", t.past_plan_on_phone_hours}};
  return j;
}

}  // namespace wfm::schedule
