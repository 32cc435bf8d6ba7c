#include "wfm/pipeline/simulation_run.hpp"

namespace wfm::pipeline {

SimulationRun simulate_table(const core::IntervalTable& table, const sim::AgentsFor& agents_for,
                             double default_aht_s, const sim::SimSettings& settings,
                             const sim::ProgressFn& progress) {
  sim::validate(settings);
  SimulationRun run;
  run.settings = settings;
  run.queue_days = sim::build_queue_days(table, agents_for, default_aht_s);
  const auto& days = run.queue_days.days;
  run.reported.resize(days.size());
  for (std::size_t d = 0; d < days.size(); ++d) run.reported[d].assign(days[d].intervals.size(), 0);
  for (const auto& [d, i] : run.queue_days.position) run.reported[d][i] = 1;
  run.result = sim::simulate(days, settings, progress);
  return run;
}

}  // namespace wfm::pipeline
