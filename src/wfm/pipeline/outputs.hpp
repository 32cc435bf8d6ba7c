// The files of the staffing pipeline, one format each (docs/formats.md): the staffing CSV (one
// row per queue and interval; `wfm staff --out`, `wfm plan`'s staffing.csv), the daily totals CSV
// (`wfm staff --daily-out`), the simulation CSV (`wfm simulate --out`, `wfm plan`'s
// simulation.csv) and totals as JSON (summary.json). Column names are shared: a simulated
// measure x has its 95% confidence half-width in x_hw; booleans are true/false. Each table has one
// writer over io::TableWriter (write_*_table: a CSV file or typed columns for the Python module)
// and a CSV-stream shorthand (write_*_csv); commands write files atomically.
#pragma once

#include <optional>
#include <ostream>
#include <string>

#include <nlohmann/json.hpp>

#include "wfm/io/csv_writer.hpp"
#include "wfm/io/table_writer.hpp"
#include "wfm/pipeline/simulation_run.hpp"
#include "wfm/pipeline/staff.hpp"
#include "wfm/sim/simulation.hpp"

namespace wfm::pipeline {

// interval_start, queue, calls, aht_s, offered_load_erlangs, agents, scheduled_agents,
// service_level, p_wait, asa_s, occupancy, abandon_rate, [blocking: Erlang B],
// [analytic_agents and the *_hw half-widths: simulation method], meets_targets. Rows in time
// order, queues in the demand's order within an interval.
void write_staffing_table(io::TableWriter& w, const StaffingPlan& plan);
void write_staffing_csv(std::ostream& out, const StaffingPlan& plan);

// date, queue ("*": all queues), calls, required_agent_hours, scheduled_agent_hours, fte,
// peak_agents, peak_scheduled_agents, service_level, asa_s, abandon_rate, [blocking],
// occupancy, intervals, infeasible_intervals, [simulated_service_level].
void write_daily_table(io::TableWriter& w, const StaffingPlan& plan);
void write_daily_csv(std::ostream& out, const StaffingPlan& plan);

// The simulated measures as columns: offered, offered_hw, answered, answered_hw, abandoned, ...,
// queue_length, queue_length_hw. An undefined measure (no calls to measure it on) is empty.
void write_estimate_header(io::TableWriter& w);
void write_estimates(io::TableWriter& w, const sim::Estimates& e);
nlohmann::json estimates_json(const sim::Estimates& e);

// The simulation CSV: interval_start, queue, calls, agents, then the estimate columns. Of the
// plan's simulation check (`wfm plan`'s simulation.csv; intervals in the plan's order), or of a
// simulated table (`wfm simulate --out`; queue-day order, intervals closed inside a day left out).
void write_simulation_table(io::TableWriter& w, const StaffingPlan& plan);
void write_simulation_table(io::TableWriter& w, const SimulationRun& run);
void write_simulation_csv(std::ostream& out, const StaffingPlan& plan);
void write_simulation_csv(std::ostream& out, const SimulationRun& run);

// date, queue, then the estimate columns of each queue-day's totals (`wfm simulate --daily-out`).
void write_simulation_daily_table(io::TableWriter& w, const SimulationRun& run);
void write_simulation_daily_csv(std::ostream& out, const SimulationRun& run);

// replications, seed, threshold_s, sl_definition, queue_days, total (estimates), days (estimates
// with queue and date): `wfm simulate --json`.
nlohmann::json simulation_json(const SimulationRun& run);

// One interval's answer as a JSON object (`wfm erlang --json`, the Python module's wfm.erlang):
// model, calls, interval_s, aht_s, patience_s, offered_load_erlangs, agents, shrinkage,
// scheduled_agents, threshold_s, sl_definition, service_level, p_wait, asa_s, occupancy,
// abandon_rate, blocking, mean_queue_length, stable, meets_targets (non-finite numbers as null;
// meets_targets null when `targets` has no target). The measure reported is targets.measure.
nlohmann::json interval_json(const staffing::IntervalLoad& load,
                             const staffing::StaffingResult& result,
                             const staffing::ServiceTargets& targets,
                             std::optional<double> patience_s, double shrinkage,
                             double scheduled_agents);

// Totals as a JSON object with the daily CSV's names (non-finite numbers as null).
nlohmann::json totals_json(const Totals& t);

// The label of a queue in tables: its name, "(none)" for a file without queues.
std::string queue_label(const std::string& queue);

}  // namespace wfm::pipeline
