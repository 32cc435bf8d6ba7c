// Simulating an interval table with a given staffing: what `wfm simulate` runs and writes, and
// the Python module's wfm.simulate.
//
// The table becomes queue-days (sim/queue_days.hpp: one per queue and date, intervals absent from
// the table in between closed), each simulated settings.replications times (sim/simulation.hpp).
// Its files are written by outputs.hpp (write_simulation_csv, write_simulation_daily_csv,
// simulation_json).
#pragma once

#include <vector>

#include "wfm/core/series.hpp"
#include "wfm/sim/model.hpp"
#include "wfm/sim/queue_days.hpp"
#include "wfm/sim/simulation.hpp"

namespace wfm::pipeline {

struct SimulationRun {
  sim::SimSettings settings;
  sim::QueueDays queue_days;
  std::vector<std::vector<char>> reported;  // [day][interval]: 1 when the table has it
  sim::SimulationResult result;
};

// Simulates `table` with agents_for(queue, interval) agents; default_aht_s for intervals without
// an AHT. Checks the settings (InputError naming the setting).
SimulationRun simulate_table(const core::IntervalTable& table, const sim::AgentsFor& agents_for,
                             double default_aht_s, const sim::SimSettings& settings,
                             const sim::ProgressFn& progress = {});

}  // namespace wfm::pipeline
