// Staffing by simulation (sim::staff_day_by_simulation), Google Benchmark.
//  - BM_StaffDay/N: one queue-day of N 15-minute intervals whose load repeats a 24-interval cycle
//    (8 to 60 Erlangs, AHT 300 s), 30 replications, 80% within 20 s, Erlang C start. The
//    counter s_per_interval (seconds of wall time per interval) stays flat as N grows from 24 to
//    1536 when the cost is linear in the intervals of a day.
//  - BM_Sample: the bundled sample (data/sample/history.csv: 3 queues, 4 weeks) through
//    pipeline::staff with the simulation method, as `wfm staff --method sim` runs it.
//   wfm_sim_staffing_bench [--benchmark_filter=...] [--benchmark_min_time=...]
// Figures in bench/RESULTS.md.
#include <cmath>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "wfm/io/interval_csv.hpp"
#include "wfm/pipeline/staff.hpp"
#include "wfm/sim/simulation_staffing.hpp"
#include "wfm/staffing/engine.hpp"
#include "wfm/staffing/solver.hpp"

namespace {

using namespace wfm;

sim::QueueDay repeated_profile_day(int intervals, const staffing::ServiceTargets& targets) {
  sim::QueueDay day;
  day.queue = "bench";
  day.interval_s = 900;
  const staffing::ErlangCEngine erlang_c;
  for (int i = 0; i < intervals; ++i) {
    const double phase = 2 * 3.141592653589793 * (i % 24) / 24.0;
    const double erlangs = 34 - 26 * std::cos(phase);  // 8 at night, 60 at the peak
    sim::SimInterval iv{erlangs * 900 / 300, 300, 0};
    iv.agents = static_cast<int>(
        staffing::solve(erlang_c, {iv.calls, day.interval_s, iv.aht_s}, targets).agents);
    day.intervals.push_back(iv);
  }
  return day;
}

void BM_StaffDay(benchmark::State& state) {
  const int intervals = static_cast<int>(state.range(0));
  staffing::ServiceTargets targets;
  targets.service_level = 0.8;
  const sim::QueueDay day = repeated_profile_day(intervals, targets);
  sim::SimSettings settings;
  settings.replications = 30;
  settings.seed = 1;
  int evaluations = 0;
  double agents = 0;
  for (auto _ : state) {
    const sim::DayStaffing r = sim::staff_day_by_simulation(day, settings, targets, {}, 0);
    evaluations = r.evaluations;
    agents = 0;
    for (const auto& x : r.intervals) agents += x.agents;
    benchmark::DoNotOptimize(agents);
  }
  state.counters["s_per_interval"] = benchmark::Counter(
      intervals, benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
  state.counters["candidates_per_interval"] = static_cast<double>(evaluations) / intervals;
  state.counters["agents_sum"] = agents;
}
BENCHMARK(BM_StaffDay)
    ->Arg(24)
    ->Arg(96)
    ->Arg(384)
    ->Arg(1536)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

void BM_Sample(benchmark::State& state) {
  const core::IntervalTable table =
      io::load_interval_table(std::string(WFM_SOURCE_DIR) + "/data/sample/history.csv");
  const pipeline::Demand demand = pipeline::demand_from_table(table);
  pipeline::StaffingSpec spec;
  spec.targets.service_level = 0.8;
  spec.method = pipeline::Method::kSimulation;
  spec.simulation.replications = 30;
  spec.simulation.seed = 1;
  spec.simulation.measure = spec.targets.measure;
  double agents = 0;
  for (auto _ : state) {
    const pipeline::StaffingPlan plan = pipeline::staff(demand, spec);
    agents = 0;
    for (const auto& iv : plan.intervals) agents += iv.result.agents;
    benchmark::DoNotOptimize(agents);
  }
  state.counters["intervals"] = static_cast<double>(demand.intervals.size());
  state.counters["s_per_interval"] = benchmark::Counter(
      static_cast<double>(demand.intervals.size()),
      benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
  state.counters["agents_sum"] = agents;
}
BENCHMARK(BM_Sample)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

}  // namespace

BENCHMARK_MAIN();
