// `wfm plan SCENARIO [--out DIR]`: history -> forecast -> staffing -> simulation check ->
// [schedule] -> outputs (forecast.csv, staffing.csv, simulation.csv, schedule.csv, coverage.csv,
// summary.json, report.html). Every file is written
// to a temporary name first and all are committed together at the end, so a failed run leaves
// no partial set of outputs.
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <vector>

#include <fmt/chrono.h>
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/plan_warnings.hpp"
#include "cli/result_format.hpp"
#include "wfm/io/atomic_file.hpp"
#include "wfm/io/forecast_csv.hpp"
#include "wfm/io/output_paths.hpp"
#include "wfm/pipeline/outputs.hpp"
#include "wfm/plan/outputs.hpp"
#include "wfm/plan/plan.hpp"
#include "wfm/plan/schedule_plan.hpp"
#include "wfm/report/plan_report.hpp"
#include "wfm/scenario/load.hpp"
#include "wfm/schedule/outputs.hpp"
#include "wfm/schedule/simulate.hpp"

#ifndef WFM_VERSION
#define WFM_VERSION "unknown"
#endif

namespace wfm::cli {
namespace {

struct PlanFlags {
  std::string scenario;
  std::string out;
  std::string compare;  // a previous plan's summary.json or directory
  bool no_simulation = false;
  bool json = false;
};

int run_plan(const PlanFlags& f) {
  const scenario::Scenario s = scenario::load_scenario(f.scenario);
  const std::filesystem::path dir =
      f.out.empty() ? std::filesystem::path(s.outputs.dir) : std::filesystem::path(f.out);
  {
    std::vector<io::NamedPath> outputs;
    for (const char* name : {"forecast.csv", "staffing.csv", "simulation.csv", "schedule.csv",
                             "coverage.csv", "summary.json", "report.html"}) {
      outputs.push_back({(dir / name).string(), std::string("--out (") + name + ")"});
    }
    io::require_distinct_outputs({{f.scenario, "scenario"},
                                  {s.history.file, "history.file"},
                                  {s.demand.file, "demand.file"},
                                  {s.forecast.special_days, "forecast.special_days"},
                                  {s.schedule.rules, "schedule.rules"}},
                                 outputs);
  }
  // Read before the work, so that a bad --compare fails fast.
  std::optional<report::PlanTotals> previous;
  if (!f.compare.empty()) previous = plan::previous_plan_totals(f.compare);
  forecast::ForecastRun run;
  core::IntervalTable history;
  const core::ForecastTable demand = plan::scenario_demand(s, &run, &history);
  plan::PlanResult result = plan::staff_plan(demand, s);
  if (s.simulation.check && !f.no_simulation) {
    const bool tty = isatty(STDERR_FILENO) == 1;
    plan::simulate_plan(result, s, {}, [tty](std::size_t done, std::size_t total) {
      if (tty)
        std::cerr << fmt::format("\rwfm plan: simulated {} / {} queue-days", done, total)
                  << std::flush;
    });
    if (tty) std::cerr << "\r" << std::string(60, ' ') << "\r";
  }
  std::optional<plan::PlanSchedule> schedule;
  if (s.schedule.enabled()) {
    if (isatty(STDERR_FILENO) == 1) {
      std::cerr << fmt::format("wfm plan: scheduling (up to {} s a day)...",
                               s.schedule.time_limit_s)
                << std::flush;
    }
    schedule = plan::schedule_plan(result, s, s.simulation.check && !f.no_simulation);
    if (isatty(STDERR_FILENO) == 1) std::cerr << "\r" << std::string(60, ' ') << "\r";
  }
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  WFM_REQUIRE(!ec, core::at_flag("--out"), "cannot create the output directory {}: {}",
              dir.string(), ec.message());
  const forecast::ForecastRun* run_ptr = s.uses_demand() ? nullptr : &run;
  std::vector<std::unique_ptr<io::AtomicFileWriter>> files;
  const auto open = [&](const char* name) -> std::ostream& {
    files.push_back(std::make_unique<io::AtomicFileWriter>(dir / name));
    return files.back()->stream();
  };
  io::write_forecast_table(open("forecast.csv"), demand);
  pipeline::write_staffing_csv(open("staffing.csv"), result);
  if (result.simulated && s.outputs.simulation)
    pipeline::write_simulation_csv(open("simulation.csv"), result);
  nlohmann::json summary = plan::summary_json(result, s, run_ptr);
  if (schedule) {
    const auto* service = schedule->run.service ? &*schedule->run.service : nullptr;
    schedule::write_schedule_csv(open("schedule.csv"), schedule->rules, schedule->run.days);
    schedule::write_coverage_csv(open("coverage.csv"), schedule->rules, schedule->run.days,
                                 service);
    summary["schedule"] = plan::schedule_summary(*schedule, s);
  }
  open("summary.json") << summary.dump(2) << "\n";
  if (s.outputs.report) {
    report::PlanReportData data = plan::report_data(result, s, demand, &history, run_ptr);
    if (schedule) data.schedule = plan::schedule_section(*schedule, s);
    data.generated_at = fmt::format(
        "{:%Y-%m-%d %H:%M} UTC by wfm {}",
        std::chrono::floor<std::chrono::minutes>(std::chrono::system_clock::now()), WFM_VERSION);
    data.previous = previous;
    data.previous_label = f.compare;
    open("report.html") << report::render_plan_report(data);
  }
  std::vector<io::AtomicFileWriter*> set;
  for (auto& file : files) set.push_back(file.get());
  io::commit_all(set);  // every file or none
  const auto warn = [&] {
    print_warning("plan", shrinkage_warning(s.shrinkage.total()));
    print_warning("plan", infeasible_warning(result.overall.infeasible, result.overall.intervals));
  };
  if (f.json) {
    std::cout << summary.dump(2) << "\n";  // summary.json carries the model note
    warn();
    return 0;
  }
  const auto& t = result.overall;
  std::vector<std::pair<std::string, std::string>> rows = {
      {"scenario", s.name},
      {"queues", std::to_string(result.queues.size())},
      {"intervals staffed", std::to_string(t.intervals)},
      {"calls", human(t.calls)},
      {"required agent-hours", human(t.required_hours)},
      {"scheduled agent-hours", human(t.scheduled_hours)},
      {"FTE", human(t.fte, 4)},
      {"expected service level", human(t.service_level, 4)},
      {"expected ASA (s)", human(t.asa_s, 4)},
      {"expected abandonment", human(t.abandon_rate, 4)},
      {"occupancy", human(t.occupancy, 4)},
  };
  if (t.cost) rows.push_back({"cost (" + s.cost.currency + ")", human(*t.cost)});
  if (t.simulated_sl) rows.push_back({"simulated service level", human(*t.simulated_sl, 4)});
  if (t.infeasible > 0) rows.push_back({"infeasible intervals", std::to_string(t.infeasible)});
  if (schedule) {
    const schedule::ScheduleTotals st = schedule::schedule_totals(schedule->run.days);
    rows.push_back({"scheduled shifts", std::to_string(st.all.shifts)});
    rows.push_back({"paid hours of the schedule", human(st.all.paid_hours)});
    rows.push_back({"schedule above its bound", human(100 * st.gap, 3) + "%"});
    if (st.past_plan_on_shift_hours > 0) {
      rows.push_back({"agent-hours on shift past the plan", human(st.past_plan_on_shift_hours)});
    }
    if (schedule->run.service) {
      const auto sl = schedule::service_totals(*schedule->run.service).simulated_sl;
      if (sl) rows.push_back({"service level of the schedule (simulated)", human(*sl, 4)});
    }
  }
  for (std::size_t q = 0; q < run.reports.size() && !s.uses_demand(); ++q) {
    // A file without a queue column has one unnamed queue: "forecast method", not a blank name.
    const auto& queue = run.reports[q].queue;
    rows.push_back({queue.empty() ? std::string("forecast method") : "forecast " + queue,
                    run.reports[q].method});
  }
  rows.push_back({"outputs", dir.string()});
  std::cout << format_table(rows);
  if (result.model_note) std::cerr << "wfm plan: note: " << *result.model_note << "\n";
  warn();
  return 0;
}

}  // namespace

void add_plan_command(CLI::App& app, Action& action) {
  auto flags = std::make_shared<PlanFlags>();
  auto* cmd = app.add_subcommand(
      "plan",
      "Run a scenario: history -> forecast -> staffing -> simulation check -> [schedule] -> "
      "forecast.csv, staffing.csv, simulation.csv, schedule.csv, coverage.csv, summary.json, "
      "report.html in the output directory.");
  cmd->add_option("scenario", flags->scenario, "Scenario file (TOML; see scenarios/README.md)")
      ->required();
  cmd->add_option("--out,-o", flags->out, "Output directory (default: the scenario's outputs.dir)");
  cmd->add_option("--compare", flags->compare,
                  "A previous plan's output directory (or its summary.json): report.html shows "
                  "the changes against it");
  cmd->add_flag("--no-simulation", flags->no_simulation, "Skip the simulation check");
  cmd->add_flag("--json", flags->json, "Print summary.json instead of the table");
  cmd->callback([flags, &action] { action = [flags] { return run_plan(*flags); }; });
}

}  // namespace wfm::cli
