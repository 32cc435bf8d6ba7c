// Registration of every wfm subcommand. Each command lives in its own cmd_<name>.cpp and adds
// itself to the app; when it is the one selected, its callback stores the action to run.
#pragma once

#include <functional>

#include <CLI/CLI.hpp>

namespace wfm::cli {

// The selected command's work, run after parsing; returns the exit code.
using Action = std::function<int()>;

void add_erlang_command(CLI::App& app, Action& action);
void add_staff_command(CLI::App& app, Action& action);
void add_synth_command(CLI::App& app, Action& action);
void add_simulate_command(CLI::App& app, Action& action);
void add_kpi_command(CLI::App& app, Action& action);
void add_aggregate_command(CLI::App& app, Action& action);
void add_accuracy_command(CLI::App& app, Action& action);
void add_resample_command(CLI::App& app, Action& action);
void add_validate_scenario_command(CLI::App& app, Action& action);
void add_forecast_command(CLI::App& app, Action& action);
void add_backtest_command(CLI::App& app, Action& action);
void add_plan_command(CLI::App& app, Action& action);
void add_whatif_command(CLI::App& app, Action& action);
void add_capacity_command(CLI::App& app, Action& action);
void add_schedule_command(CLI::App& app, Action& action);
void add_backlog_command(CLI::App& app, Action& action);

}  // namespace wfm::cli
