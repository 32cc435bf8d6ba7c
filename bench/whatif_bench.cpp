// What-if grid speed (issue 5): 100 variants (volume 5 x AHT 5 x SL target 4) of the bundled
// sample scenario (one week of 15-minute intervals, 3 queues, Erlang A), staffed in parallel;
// then the same grid with a simulation check of every variant (100 replications each).
// Usage: wfm_whatif_bench [SCENARIO] [THREADS]
#include <algorithm>
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "wfm/core/parallel.hpp"
#include "wfm/plan/whatif.hpp"
#include "wfm/scenario/load.hpp"

using namespace wfm;

int main(int argc, char** argv) {
  const std::string path = argc > 1 ? argv[1] : "scenarios/sample.toml";
  const int threads = argc > 2 ? std::stoi(argv[2]) : 0;
  std::optional<core::ThreadLimit> limit;
  if (threads > 0) limit.emplace(threads);
  scenario::Scenario s = scenario::load_scenario(path);
  const auto t0 = std::chrono::steady_clock::now();
  const auto demand = plan::scenario_demand(s);
  const double forecast_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const auto variants = plan::grid({plan::parse_dimension("volume=-20%,-10%,0,+10%,+20%"),
                                    plan::parse_dimension("aht=-30s,-15s,+0s,+15s,+30s"),
                                    plan::parse_dimension("sl=70/20,80/20,90/20,80/30")});
  std::size_t intervals = 0;
  for (const auto& q : demand.queues) intervals += q.intervals.size();
  fmt::print(
      "scenario {} ({} engine), {} queues, {} forecast intervals, {} variants; forecast {:.3f} s\n",
      s.name, scenario::to_string(s.staffing.method), demand.queues.size(), intervals,
      variants.size(), forecast_s);
  std::vector<double> times;
  double fte_sum = 0;
  for (int rep = 0; rep < 5; ++rep) {
    const auto a = std::chrono::steady_clock::now();
    const auto run = plan::run_whatif(demand, s, variants, false);
    times.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - a).count());
    fte_sum = 0;
    for (const auto& v : run.variants) fte_sum += v.overall.fte;
  }
  std::sort(times.begin(), times.end());
  fmt::print(
      "grid, analytic:   median {:.3f} s (min {:.3f}, max {:.3f}) over 5 runs; sum FTE {:.2f}\n",
      times[2], times[0], times[4], fte_sum);
  s.simulation.replications = 100;
  const auto a = std::chrono::steady_clock::now();
  const auto run = plan::run_whatif(demand, s, variants, true);
  const double sim_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - a).count();
  double sl = 0;
  for (const auto& v : run.variants) sl += v.overall.simulated_sl.value_or(0);
  fmt::print("grid + simulation (100 replications each): {:.1f} s; mean simulated SL {:.4f}\n",
             sim_s, sl / static_cast<double>(run.variants.size()));
}
