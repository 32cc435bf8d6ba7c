// `wfm backlog`: email / backlog (deferred) work. An interval CSV of arriving items -> the agents
// per interval that answer a fraction of them within a business-hours response time, with the
// backlog carried between intervals, and its projection (staffing::staff_backlog); or, with
// --agents, the projection of a given staffing (staffing::project_backlog). Flags in, the library,
// a backlog CSV and a summary out; the model and the file are in docs/backlog.md.
#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <unistd.h>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/contact_flags.hpp"
#include "cli/plan_warnings.hpp"
#include "cli/reader_flags.hpp"
#include "cli/result_format.hpp"
#include "cli/staffing_flags.hpp"
#include "cli/timezone_flag.hpp"
#include "wfm/core/error.hpp"
#include "wfm/core/limits.hpp"
#include "wfm/io/atomic_file.hpp"
#include "wfm/io/csv_writer.hpp"
#include "wfm/io/date_list.hpp"
#include "wfm/io/interval_csv.hpp"
#include "wfm/io/number.hpp"
#include "wfm/io/opening_backlog_csv.hpp"
#include "wfm/io/output_paths.hpp"
#include "wfm/io/staffing_csv.hpp"
#include "wfm/pipeline/backlog.hpp"
#include "wfm/staffing/backlog.hpp"

namespace wfm::cli {
namespace {

using core::Location;

struct BacklogFlags {
  std::string demand;
  std::string out;
  std::string agents;
  std::string target = "100%";
  std::string within;
  std::string open = "00:00-24:00";
  std::string days = "mon-sun";
  std::string min_agents = "0";
  std::string max_agents;
  ReaderFlags reader;
  ReaderFlags agents_reader;
  std::string interval_length;
  std::string aht;
  std::string timezone;
  std::string opening_backlog;  // CSV of items waiting at the start
  std::string closed;           // closed dates, comma-separated
  std::string closed_file;      // closed dates, one per line
  bool json = false;
  bool simulate = false;
  std::string replications;  // default 30, with --simulate or --method sim
  std::string seed;          // default 1, with --simulate or --method sim
  std::string method = "fluid";
  std::string sim_confidence;  // default 0.5, with --method sim
};

int parse_count_flag(const std::string& text, const char* flag) {
  const double v = parse_number_flag(text, flag);
  WFM_REQUIRE(v >= 0 && v == std::floor(v) && v <= 1e7, core::at_flag(flag),
              "expected a whole number of agents in [0, 10000000], got {}", text);
  return static_cast<int>(v);
}

std::string clock_text(int s) {
  return fmt::format("{:02}:{:02}", s / 3600, s % 3600 / 60);
}

int run_backlog(const BacklogFlags& f) {
  WFM_REQUIRE(!f.demand.empty(), core::at_flag("--demand"), "required: the interval CSV of items");
  WFM_REQUIRE(!f.out.empty(), core::at_flag("--out"), "required: where to write the backlog CSV");
  WFM_REQUIRE(!f.within.empty(), core::at_flag("--within"),
              "required: the response time in business hours, e.g. 4h");
  staffing::BacklogOptions options;
  options.target.fraction = parse_fraction_flag(f.target, "--target");
  WFM_REQUIRE(options.target.fraction > 0 && options.target.fraction <= 1,
              core::at_flag("--target"), "expected a fraction in (0, 1], e.g. 90%, got {}",
              f.target);
  options.target.within_s = parse_duration_flag(f.within, "--within");
  const staffing::BusinessHours hours = parse_business_hours_flags(f.open, f.days);
  options.hours = hours.week();
  options.min_agents = parse_count_flag(f.min_agents, "--min-agents");
  if (!f.max_agents.empty()) {
    options.max_agents = parse_count_flag(f.max_agents, "--max-agents");
    WFM_REQUIRE(*options.max_agents >= 1 && *options.max_agents >= options.min_agents,
                core::at_flag("--max-agents"), "expected a number >= 1 and >= --min-agents, got {}",
                f.max_agents);
  }
  io::IntervalCsvOptions csv;
  csv.reader = reader_options(f.reader);
  csv.time_zone = parse_timezone_flag(f.timezone);
  options.time_zone = csv.time_zone;
  if (!f.interval_length.empty()) {
    csv.interval_s = interval_flag_s(f.interval_length, "--interval-length");
  }
  std::optional<double> default_aht;
  if (!f.aht.empty()) {
    default_aht = parse_duration_flag(f.aht, "--aht");
    WFM_REQUIRE(*default_aht > 0 && *default_aht <= 86400, core::at_flag("--aht"),
                "expected a duration in (0, 86400] s, got {}", f.aht);
  }
  WFM_REQUIRE(f.method == "fluid" || f.method == "sim", core::at_flag("--method"),
              "expected fluid or sim, got {}", io::quote_for_message(f.method));
  const bool by_simulation = f.method == "sim";
  WFM_REQUIRE(!by_simulation || f.agents.empty(), core::at_flag("--method"),
              "--method sim staffs the demand; --agents projects a given staffing: use one of them "
              "(--agents with --simulate simulates a given staffing)");
  WFM_REQUIRE(!by_simulation || options.target.fraction < 1, core::at_flag("--target"),
              "--method sim needs a target below 100%, e.g. 90%, got {}: a simulated share of "
              "100% asks every random item of every replication to be in time",
              f.target);
  WFM_REQUIRE(by_simulation || f.sim_confidence.empty(), core::at_flag("--sim-confidence"),
              "only with --method sim");
  const bool simulate = f.simulate || by_simulation;
  WFM_REQUIRE(simulate || f.replications.empty(), core::at_flag("--replications"),
              "only with --simulate or --method sim");
  WFM_REQUIRE(simulate || f.seed.empty(), core::at_flag("--seed"),
              "only with --simulate or --method sim");
  sim::BacklogSimStaffingOptions sim_options;
  if (!f.sim_confidence.empty()) {
    sim_options.confidence = parse_number_flag(f.sim_confidence, "--sim-confidence");
    WFM_REQUIRE(sim_options.confidence >= 0.5 && sim_options.confidence < 1,
                core::at_flag("--sim-confidence"), "expected a confidence in [0.5, 1), got {}",
                f.sim_confidence);
  }
  sim::SimSettings sim_settings;  // deferred work: exponential work per item, no abandonment
  if (simulate) {
    sim_settings.replications =
        parse_replications_flag(f.replications.empty() ? "30" : f.replications);
    sim_settings.seed = parse_seed_flag(f.seed.empty() ? "1" : f.seed);
  }
  if (!f.closed.empty())
    options.closed_dates = io::parse_date_list(f.closed, core::at_flag("--closed"));
  io::require_distinct_outputs({{f.demand, "--demand"},
                                {f.agents, "--agents"},
                                {f.opening_backlog, "--opening-backlog"},
                                {f.closed_file, "--closed-file"}},
                               {{f.out, "--out"}});
  if (!f.closed_file.empty()) {
    for (const auto d : io::load_date_list(f.closed_file)) options.closed_dates.push_back(d);
  }
  std::optional<io::OpeningBacklogTable> opening;
  if (!f.opening_backlog.empty()) opening = io::load_opening_backlog(f.opening_backlog);

  const core::IntervalTable table = io::load_interval_table(f.demand, csv);
  WFM_REQUIRE(table.has_aht || default_aht, (Location{f.demand, 0, "aht_s"}),
              "the file has no aht_s column: add one or give --aht (work per item)");
  if (default_aht) warn_aht_flag_vs_file(table, f.aht, "backlog");
  // Checked here too so that the message names the flags (the library names its fields).
  WFM_REQUIRE(
      hours.open_s % table.interval_s == 0 && hours.close_s % table.interval_s == 0,
      core::at_flag("--open"), "opening and closing times must fall on the file's {}-minute grid",
      table.interval_s / 60);
  WFM_REQUIRE(options.target.within_s >= 2.0 * table.interval_s &&
                  options.target.within_s <= core::kMaxBacklogResponseS,
              core::at_flag("--within"),
              "expected at least two of the file's intervals ({} min) and at most 366 days, got {}",
              2 * table.interval_s / 60, f.within);

  std::optional<io::StaffingPlanCsv> plan;
  if (!f.agents.empty()) {
    plan = load_staffing_plan(f.agents, f.agents_reader, csv.time_zone);
  }
  const bool tty = isatty(STDERR_FILENO) == 1;
  const pipeline::BacklogSimProgress progress = [&](std::size_t q, int sweep, std::size_t day,
                                                    std::size_t days) {
    if (!tty) return;
    std::cerr << "\rwfm backlog: sweep " << sweep << ", queue " << q + 1 << " / "
              << table.queues.size() << ": day " << day << " / " << days << "   " << std::flush;
  };
  const auto start = std::chrono::steady_clock::now();
  const io::OpeningBacklogTable* opening_table = opening ? &*opening : nullptr;
  pipeline::BacklogRun run =
      by_simulation ? pipeline::run_backlog_by_simulation(table, options, default_aht, sim_settings,
                                                          sim_options, progress, opening_table)
                    : pipeline::run_backlog(table, options, default_aht, plan ? &*plan : nullptr,
                                            opening_table);
  if (by_simulation && tty) std::cerr << "\n";
  if (f.simulate && !by_simulation) pipeline::simulate_backlog_run(run, sim_settings);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const auto& names = run.queues;
  const auto& results = run.results;

  // The backlog CSV (docs/formats.md, "Backlog CSV").
  io::AtomicFileWriter file(f.out);
  {
    io::CsvWriter w(file.stream());
    pipeline::write_backlog_table(w, run);
  }
  file.commit();

  // The summary, for every queue and all of them.
  const staffing::BacklogResult all = staffing::backlog_totals(results);
  const char* mode = plan ? "project" : by_simulation ? "staff-sim" : "staff";
  const int k = results.empty() ? 0 : results.front().deadline_intervals;
  const pipeline::BacklogSimulationTotals sim_all =
      pipeline::backlog_simulation_totals(run.simulated);
  if (f.json) {
    nlohmann::json j;
    j["mode"] = mode;
    j["interval_s"] = table.interval_s;
    j["target"] = {{"fraction", options.target.fraction},
                   {"within_s", options.target.within_s},
                   {"deadline_intervals", k}};
    j["hours"] = {{"open", clock_text(hours.open_s)},
                  {"close", clock_text(hours.close_s)},
                  {"days", staffing::format_open_days(hours.open_days)}};
    j["closed_dates"] = nlohmann::json::array();
    for (const auto d : options.closed_dates)
      j["closed_dates"].push_back(core::format_local_date(d));
    j["queues"] = pipeline::backlog_queues_json(run);
    j["overall"] = pipeline::backlog_overall_json(run);
    if (simulate) {
      j["simulation"] = {{"replications", sim_settings.replications},
                         {"seed", sim_settings.seed}};
      if (by_simulation) j["simulation"]["confidence"] = sim_options.confidence;
    }
    j["out"] = f.out;
    std::cout << j.dump(2) << "\n";
  } else {
    std::cout << "wfm backlog: "
              << (plan            ? "projected " + f.agents
                  : by_simulation ? std::string("staffed by simulation")
                                  : std::string("staffed"))
              << ", " << table.queues.size() << " queues, " << table.interval_s / 60
              << "-minute intervals from " << f.demand << "; target "
              << human(100 * options.target.fraction) << "% within "
              << human(k * table.interval_s / 3600.0) << " business hours, open "
              << clock_text(hours.open_s) << "-" << clock_text(hours.close_s) << " "
              << staffing::format_open_days(hours.open_days);
    if (!options.closed_dates.empty())
      std::cout << ", " << options.closed_dates.size() << " closed dates";
    std::cout << "\n";
    std::cout << fmt::format("{:<12} {:>10} {:>12} {:>6} {:>10} {:>12} {:>10} {:>10}", "queue",
                             "items", "agent_hours", "peak", "in_target", "oldest_bus_h", "backlog",
                             "missed");
    if (simulate) std::cout << fmt::format(" {:>17} {:>11}", "sim_in_target", "sim_backlog");
    std::cout << "\n";
    const auto line = [&](const std::string& name, const staffing::BacklogResult& r, bool peak,
                          const sim::BacklogSimulation* simulated) {
      std::cout << fmt::format(
          "{:<12} {:>10.0f} {:>12.1f} {:>6} {:>10.4f} {:>12.2f} {:>10.1f} {:>10}", name, r.items,
          r.agent_hours, peak ? human(r.peak_agents) : "", r.fraction_within_target,
          r.max_oldest_business_age_s / 3600, r.final_backlog_items, r.infeasible_intervals);
      if (simulate) {
        std::string share, backlog;
        if (simulated) {
          const sim::Estimate& e = simulated->total.fraction_within_target;
          share = e.defined ? fmt::format("{:.4f} +- {:.4f}", e.mean, e.half_width) : "-";
          backlog = fmt::format("{:.1f}", simulated->total.backlog_items.mean);
        } else {
          share = sim_all.fraction_within_target
                      ? fmt::format("{:.4f}", *sim_all.fraction_within_target)
                      : "-";
          backlog = fmt::format("{:.1f}", sim_all.final_backlog_items);
        }
        std::cout << fmt::format(" {:>17} {:>11}", share, backlog);
      }
      std::cout << "\n";
    };
    for (std::size_t q = 0; q < results.size(); ++q)
      line(names[q].empty() ? "(all)" : names[q], results[q], true,
           simulate ? &run.simulated[q] : nullptr);
    if (results.size() > 1) line("(all)", all, false, nullptr);
    if (all.opening_items > 0) {
      std::cout << fmt::format(
          "opening backlog: {:.0f} items ({:.0f} already overdue), {:.0f} due within the grid, "
          "{:.0f} of them within target (not in items / in_target above)\n",
          all.opening_items, all.opening_overdue_items, all.opening_due, all.opening_within_target);
    }
    if (by_simulation) {
      for (std::size_t q = 0; q < results.size(); ++q) {
        const sim::BacklogSimStaffing& b = run.by_simulation[q];
        const auto share = [](const sim::Estimate& e) {
          return e.defined ? fmt::format("{:.4f}", e.mean) : std::string("-");
        };
        std::cout << fmt::format(
            "by simulation {}: fluid {:.1f} agent-hours (simulated {}) -> {:.1f} agent-hours "
            "({:+.1f}%, simulated {}); {} of {} business days meet {}%{}; {} sweeps, {} day "
            "runs\n",
            names[q].empty() ? "(all)" : names[q], b.fluid_agent_hours,
            share(b.fluid_fraction_within_target), results[q].agent_hours,
            b.fluid_agent_hours > 0 ? 100 * (results[q].agent_hours / b.fluid_agent_hours - 1)
                                    : 0.0,
            share(b.fraction_within_target), b.days.size() - b.days_missed, b.days.size(),
            human(100 * options.target.fraction),
            sim_options.confidence > 0.5
                ? fmt::format(" at confidence {}", human(sim_options.confidence))
                : std::string(""),
            b.sweeps, b.evaluations);
      }
      std::cout << fmt::format("staffed by simulation in {:.2f} s\n", seconds);
    }
    if (simulate) {
      std::cout << fmt::format(
          "sim_*: item by item, Poisson arrivals and exponential work, {} replications (seed "
          "{}); +- is a 95% half-width\n",
          sim_settings.replications, sim_settings.seed);
    }
    std::cout << "backlog: " << f.out << "\n";
  }
  if (plan && run.plan_rows_used < plan->size()) {
    std::cerr << "wfm backlog: note: " << plan->size() - run.plan_rows_used << " of "
              << plan->size() << " rows of " << f.agents
              << " match no queue and interval of the demand and were not used\n";
  }
  if (run.closed_rows > 0) {
    std::cerr << "wfm backlog: note: " << run.closed_rows << " rows of " << f.agents
              << " give agents to closed intervals (outside --open / --days or on a --closed "
                 "date); they do no work\n";
  }
  if (by_simulation) {
    std::size_t missed = 0;
    for (const auto& b : run.by_simulation) missed += b.days_missed;
    if (missed > 0) {
      print_warning("backlog",
                    fmt::format("{} business days miss {}% in simulation (see by_simulation in "
                                "--json: capped days were stopped by --max-agents or the step "
                                "limit, the others by the sweep limit)",
                                missed, human(100 * options.target.fraction)));
    }
    std::size_t opening_missed = 0;
    for (const auto& b : run.by_simulation) opening_missed += b.opening_met ? 0 : 1;
    if (opening_missed > 0) {
      print_warning("backlog", fmt::format("the opening backlog of {} queues misses {}% in "
                                           "simulation (see by_simulation in --json)",
                                           opening_missed, human(100 * options.target.fraction)));
    }
  }
  if (!all.feasible) {
    print_warning("backlog",
                  fmt::format("{} intervals have a deadline that {} (in_target < {}): see "
                              "deadlines_met in {}",
                              all.infeasible_intervals,
                              plan ? "the given agents miss" : "cannot be met within --max-agents",
                              human(options.target.fraction), f.out));
  }
  return 0;
}

}  // namespace

void add_backlog_command(CLI::App& app, Action& action) {
  auto flags = std::make_shared<BacklogFlags>();
  auto* cmd = app.add_subcommand(
      "backlog",
      "Email / backlog work: agents per interval so that a fraction of the items is answered "
      "within a business-hours response time, FIFO, with the backlog carried between intervals; "
      "and the backlog projection (docs/backlog.md).");
  cmd->add_option("--demand", flags->demand,
                  "Interval CSV of arriving items (interval_start, queue, offered or calls, aht_s "
                  "= work per item; required)");
  cmd->add_option("--out,-o", flags->out, "Backlog CSV to write (required); written atomically");
  cmd->add_option("--target", flags->target,
                  "Fraction of every interval's items answered within --within (default 100%)");
  cmd->add_option("--within", flags->within,
                  "Response time in business hours, e.g. 4h (required; rounded down to whole "
                  "intervals, at least two)");
  cmd->add_option("--open", flags->open, "Opening hours, e.g. 08:00-18:00 (default 00:00-24:00)");
  cmd->add_option("--days", flags->days,
                  "Open days, e.g. mon-fri or mon,wed,fri (default mon-sun)");
  cmd->add_option("--min-agents", flags->min_agents, "Agents in every open interval, at least");
  cmd->add_option("--max-agents", flags->max_agents,
                  "Agents in any interval, at most (deadlines may then be missed: flagged)");
  cmd->add_option("--agents", flags->agents,
                  "Projection mode: a staffing CSV (interval_start, queue, agents; wfm backlog's "
                  "own output reads back) whose agents are projected instead of staffing; "
                  "intervals absent from it have no agents");
  add_reader_flags(*cmd, flags->reader, "the demand file");
  add_reader_flags(*cmd, flags->agents_reader, "the --agents staffing file", "agents-",
                   io::staffing_fields);
  cmd->add_option("--interval-length", flags->interval_length,
                  "Interval length when it cannot be inferred, e.g. 30m");
  cmd->add_option("--aht", flags->aht, "Work per item for files without an aht_s column");
  add_timezone_flag(*cmd, flags->timezone,
                    "the interval starts of --demand and --agents: the hour it skips in spring is "
                    "closed and adds no age");
  cmd->add_option("--opening-backlog", flags->opening_backlog,
                  "CSV of items waiting at the start ([queue,] items, age_s or arrived, [aht_s]; "
                  "docs/formats.md): first in the FIFO queue, due by their remaining business "
                  "time");
  cmd->add_option("--closed", flags->closed,
                  "Closed dates (holidays), e.g. 2026-12-25,2026-12-26: no work, the business "
                  "clock stops");
  cmd->add_option("--closed-file", flags->closed_file,
                  "Closed dates, one YYYY-MM-DD per line ('#' comments)");
  cmd->add_flag("--json", flags->json, "Print the summary as one JSON object");
  cmd->add_option("--method", flags->method,
                  "fluid (default: the cumulative-capacity model) or sim (the fluid staffing "
                  "raised until every business day's share within target meets --target in an "
                  "item-by-item simulation; docs/backlog.md, \"Staffing by simulation\")");
  cmd->add_flag("--simulate", flags->simulate,
                "Also simulate the staffing item by item (random arrivals and work) and add the "
                "simulated share within target and backlog next to the model's");
  cmd->add_option("--replications", flags->replications,
                  "--simulate or --method sim: replications (default 30, at least 2)");
  cmd->add_option("--seed", flags->seed,
                  "--simulate or --method sim: seed; the same seed gives identical output "
                  "(default 1)");
  cmd->add_option("--sim-confidence", flags->sim_confidence,
                  "--method sim: 0.5 (default) staffs so the simulated means meet the target; "
                  "0.95 so their one-sided 95% confidence bounds do");
  cmd->callback([flags, &action] { action = [flags] { return run_backlog(*flags); }; });
}

}  // namespace wfm::cli
