// Email / backlog work over an interval table (docs/backlog.md): every queue of the table turned
// into staffing::BacklogQueue and staffed (staffing::staff_backlog), or, with a staffing file,
// that staffing projected (staffing::project_backlog); the backlog table (docs/formats.md,
// "Backlog CSV") and the summary JSON; or every queue staffed by simulation
// (sim::staff_backlog_by_simulation). One flow for `wfm backlog` and the Python module's
// wfm.backlog. Tested in tests/unit/pipeline/backlog_test.cpp and tests/cli/backlog_test.sh.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "wfm/core/series.hpp"
#include "wfm/io/opening_backlog_csv.hpp"
#include "wfm/io/staffing_csv.hpp"
#include "wfm/io/table_writer.hpp"
#include "wfm/sim/backlog_simulation.hpp"
#include "wfm/sim/backlog_staffing.hpp"
#include "wfm/staffing/backlog.hpp"

namespace wfm::pipeline {

struct BacklogRun {
  std::vector<std::string> queues;               // the table's queues, in file order
  std::vector<staffing::BacklogResult> results;  // same order
  bool projected = false;                        // from a given staffing
  std::size_t plan_rows_used = 0;  // projection: staffing rows matching a queue and interval
  std::size_t closed_rows = 0;     // projection: agents given to closed intervals
  // simulate_backlog_run: per queue, the item-by-item simulation of its result (empty without).
  std::vector<sim::BacklogSimulation> simulated;
  // run_backlog_by_simulation: per queue, how it was staffed (its `result` and `simulated` moved
  // to `results` and `simulated` above; empty otherwise).
  std::vector<sim::BacklogSimStaffing> by_simulation;
};

// `options.interval_s` is set from the table. Items without aht_s take `default_aht_s`; a table
// without aht_s and no default is an error naming the file's aht_s column. With `agents`, its
// whole agents per (queue, interval) are projected; intervals it does not name get none. With
// `opening`, each queue starts with its rows as the opening backlog (staffing::BacklogOpening;
// rows without aht_s take `default_aht_s`); a row naming a queue the table lacks, or a file
// without a queue column for a table of several queues, is an error naming the file and line.
BacklogRun run_backlog(const core::IntervalTable& table, staffing::BacklogOptions options,
                       std::optional<double> default_aht_s, const io::StaffingPlanCsv* agents,
                       const io::OpeningBacklogTable* opening = nullptr);

// The opening backlog rows of `queue` as the model's groups (see run_backlog); `queue` "" takes
// every row of a file without a queue column.
std::vector<staffing::BacklogOpening> opening_backlog_of(const io::OpeningBacklogTable& opening,
                                                         const std::string& queue,
                                                         std::optional<double> default_aht_s);

// Every queue of the table staffed by simulation (sim::staff_backlog_by_simulation, docs/backlog.md
// "Staffing by simulation") with `settings` and `sim_options`; queue q draws from the streams
// (seed, replication, q). Fills results, simulated (the final staffing's simulation, with the
// decision's random numbers) and by_simulation. `progress(queue, sweep, day, days)` after each
// business day is decided. `opening`: as for run_backlog.
using BacklogSimProgress =
    std::function<void(std::size_t queue, int sweep, std::size_t day, std::size_t days)>;
BacklogRun run_backlog_by_simulation(const core::IntervalTable& table,
                                     staffing::BacklogOptions options,
                                     std::optional<double> default_aht_s,
                                     const sim::SimSettings& settings,
                                     const sim::BacklogSimStaffingOptions& sim_options,
                                     const BacklogSimProgress& progress = {},
                                     const io::OpeningBacklogTable* opening = nullptr);

// Simulates every queue's result item by item (sim::simulate_backlog, docs/sim.md "Deferred
// work") with `settings`; queue q draws from the streams (seed, replication, q). Fills
// run.simulated.
void simulate_backlog_run(BacklogRun& run, const sim::SimSettings& settings);

// The backlog table: interval_start, [queue], open, items, handle_s, agents, items_done,
// backlog_items, backlog_work_s, oldest_age_s, oldest_business_age_s, deadlines_met; time order,
// queues in file order within an interval; the queue column only when a queue has a name.
// Staffed by simulation (run.by_simulation not empty), then fluid_agents (the fluid staffing it
// started from). Simulated (run.simulated not empty), then: in_target (the model's share of the
// interval's items due within the grid done by their deadline; empty when none is due), sim_items,
// sim_items_done, sim_backlog_items, sim_in_target and sim_in_target_hw (simulated means and the
// share's 95% half-width; empty when undefined).
void write_backlog_table(io::TableWriter& w, const BacklogRun& run);

// One queue's (or the totals') figures as JSON (the opening backlog's: opening_items,
// opening_overdue_items, opening_due, opening_within_target and opening_fraction_within_target,
// null when none is due).
nlohmann::json backlog_summary_json(const staffing::BacklogResult& r);

// The summary rows of `wfm backlog --json` and wfm.backlog: per queue backlog_summary_json with
// "queue", "simulated" (when simulated) and "by_simulation" (when staffed by simulation); and the
// overall row (backlog_summary_json of the totals without intervals and peak_agents, "simulated",
// and "by_simulation" with fluid_agent_hours, agent_hours and met summed over the queues).
// by_simulation of a queue: fluid_agent_hours, agent_hours, fluid_simulated_fraction_within_target
// (the fluid staffing simulated with the same random numbers), fraction_within_target (the final
// staffing, whole period; null when nothing is due), compared (the share compared with the
// target: the mean or the bound), met, opening_target_items, opening_fraction_within_target (null
// without), opening_compared and opening_met (the opening backlog's items not overdue,
// sim::BacklogSimStaffing), days, days_missed, sweeps, evaluations, and by_day: per
// business day date, items_due, fraction_within_target, half_width, compared, fluid_agent_hours,
// agent_hours, met, capped.
nlohmann::json backlog_queues_json(const BacklogRun& run);
nlohmann::json backlog_overall_json(const BacklogRun& run);

// A queue's simulated totals as JSON: items, items_due, items_within_target,
// fraction_within_target and its half_width (null when nothing is due), final_backlog_items,
// mean_business_age_s, max_business_age_s (means over replications) and replications; with an
// opening backlog, `opening`: its items, items_due, items_within_target, fraction_within_target
// (with half_width; null when none is due) and mean_business_age_s.
nlohmann::json backlog_simulation_json(const sim::BacklogSimulation& s);

// Every simulated queue together: the share within target (mean items in time / mean items due
// over queues; nullopt when nothing is due) and the final backlog (sum of the queues' means).
struct BacklogSimulationTotals {
  std::optional<double> fraction_within_target;
  double final_backlog_items = 0;
};
BacklogSimulationTotals backlog_simulation_totals(const std::vector<sim::BacklogSimulation>& queues);
// The totals as the `simulated` object of the overall JSON: fraction_within_target (null when
// nothing is due).
nlohmann::json backlog_simulation_totals_json(const BacklogSimulationTotals& t);

}  // namespace wfm::pipeline
