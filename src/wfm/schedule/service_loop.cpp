#include "wfm/schedule/service_loop.hpp"

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
    double calls = 0, erlang = 0, simulated = 0, simulated_calls = 0;
    for (std::size_t d = 0; d < out.days.size(); ++d) {
      r.paid_hours += out.days[d].totals.paid_hours;
      r.cost += out.days[d].totals.cost;
      for (std::size_t t = 0; t < out.service[d].intervals.size(); ++t) {
        const auto& iv = out.service[d].intervals[t];
        if (iv.calls <= 0) continue;
        calls += iv.calls;
        erlang += iv.erlang_sl.value_or(0) * iv.calls;
        if (iv.simulated_sl) {
          simulated += *iv.simulated_sl * iv.calls;
          simulated_calls += iv.calls;
          if (*iv.simulated_sl < sl_target) {
            ++r.intervals_below;
            days[d].required[t] += 1;  // for the next round
          }
        }
      }
    }
    if (calls > 0) r.erlang_sl = erlang / calls;
    if (simulated_calls > 0) r.simulated_sl = simulated / simulated_calls;
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

}  // namespace wfm::schedule
