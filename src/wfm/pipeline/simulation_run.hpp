// Simulating an interval table with a given staffing: what `wfm simulate` runs and writes, and
// the Python module's wfm.simulate.
//
// The table becomes queue-days (sim/queue_days.hpp: one per queue and date, intervals absent from
// the table in between closed), each simulated settings.replications times (sim/simulation.hpp).
// The files: one row per interval of the table (intervals closed inside a day are simulated but
// not reported) and one per queue-day, with the estimate columns of outputs.hpp (x, x_hw).
#pragma once

#include <ostream>
#include <vector>

#include <nlohmann/json.hpp>

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

// interval_start, queue, calls, agents, then the estimate columns; rows in queue-day order.
void write_simulation_intervals_csv(std::ostream& out, const SimulationRun& run);

// date, queue, then the estimate columns of the queue-day's totals.
void write_simulation_daily_csv(std::ostream& out, const SimulationRun& run);

// replications, seed, threshold_s, sl_definition, queue_days, total (estimates), days (estimates
// with queue and date): `wfm simulate --json`.
nlohmann::json simulation_json(const SimulationRun& run);

}  // namespace wfm::pipeline
