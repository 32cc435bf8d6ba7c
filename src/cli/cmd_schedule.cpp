// `wfm schedule`: the staffing plan's required agents per interval -> shifts with breaks, by the
// CBC optimizer of src/wfm/schedule (docs/scheduling.md):
//   wfm schedule --requirements staffing.csv --rules shifts.toml --out schedule.csv
//                [--coverage-out coverage.csv] [--html schedule.html] [--queue NAME|"*"]
//                [--time-limit 60s] [--json]
//                [--demand history.csv [--patience 2m] [--sl-target 80% --rounds 3]]
//                [--agents agents.csv [--roster-out roster.csv] [--roster-time-limit 60s]
//                 [--previous-roster roster.csv]]
// With --demand the schedule is simulated (simulate.hpp); with --rounds, re-solved from the
// simulated service (service_loop.hpp); with --agents, the shifts are given to the named agents
// (roster.hpp) and roster.csv is written next to --out. Every day of the plan is scheduled on its
// own. The files are written atomically, as one set (io::commit_all), after every day is solved;
// a day that cannot be covered is not an error: its shortage is reported.
#include <fmt/format.h>

#include <array>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/reader_flags.hpp"
#include "cli/staffing_flags.hpp"
#include "cli/timezone_flag.hpp"
#include "wfm/core/error.hpp"
#include "wfm/core/time.hpp"
#include "wfm/io/atomic_file.hpp"
#include "wfm/io/interval_csv.hpp"
#include "wfm/io/output_paths.hpp"
#include "wfm/io/staffing_csv.hpp"
#include "wfm/report/schedule_report.hpp"
#include "wfm/schedule/agents_csv.hpp"
#include "wfm/schedule/outputs.hpp"
#include "wfm/schedule/previous_roster_csv.hpp"
#include "wfm/schedule/report.hpp"
#include "wfm/schedule/roster.hpp"
#include "wfm/schedule/rules.hpp"
#include "wfm/schedule/service_loop.hpp"
#include "wfm/schedule/simulate.hpp"

namespace wfm::cli {

namespace {

struct ScheduleFlags {
  std::string requirements;
  ReaderFlags requirements_reader;
  std::string timezone;
  std::string rules;
  std::string out;
  std::string coverage_out;
  std::string html;
  std::string queue;
  std::string time_limit = "60s";
  std::string gap = "0.01%";
  std::string demand;
  ReaderFlags demand_reader;
  std::string threshold = "20s";
  std::string sl_definition = "offered";
  std::string patience;
  std::string replications = "30";
  std::string seed = "1";
  std::string sl_target;
  int rounds = 0;
  bool json = false;
  std::string agents;
  std::string roster_out;
  std::string roster_time_limit = "60s";
  std::string previous_roster;
};

int run_schedule(const ScheduleFlags& f) {
  WFM_REQUIRE(!f.requirements.empty(), core::at_flag("--requirements"),
              "required: the staffing CSV (wfm staff --out) whose agents to cover");
  WFM_REQUIRE(!f.rules.empty(), core::at_flag("--rules"), "required: the shift rules (TOML)");
  WFM_REQUIRE(!f.out.empty(), core::at_flag("--out"), "required: the schedule CSV to write");
  const std::string roster_out =
      f.agents.empty() || !f.roster_out.empty()
          ? f.roster_out
          : (std::filesystem::path(f.out).parent_path() / "roster.csv").string();
  io::require_distinct_outputs({{f.requirements, "--requirements"},
                                {f.rules, "--rules"},
                                {f.demand, "--demand"},
                                {f.agents, "--agents"},
                                {f.previous_roster, "--previous-roster"}},
                               {{f.out, "--out"},
                                {f.coverage_out, "--coverage-out"},
                                {f.html, "--html"},
                                {roster_out, "--roster-out"}});
  WFM_REQUIRE(f.roster_out.empty() || !f.agents.empty(), core::at_flag("--roster-out"),
              "a roster needs the agents: add --agents FILE");
  WFM_REQUIRE(f.previous_roster.empty() || !f.agents.empty(), core::at_flag("--previous-roster"),
              "a previous roster is for rostering: add --agents FILE");
  schedule::SolveOptions options;
  options.time_limit_s = parse_duration_flag(f.time_limit, "--time-limit");
  WFM_REQUIRE(options.time_limit_s > 0 && options.time_limit_s <= 86400,
              core::at_flag("--time-limit"), "expected a duration from 1s to 1d, got {}",
              f.time_limit);
  options.relative_gap = parse_fraction_flag(f.gap, "--gap");
  WFM_REQUIRE(options.relative_gap >= 0 && options.relative_gap < 1, core::at_flag("--gap"),
              "expected a fraction from 0 to 1, got {}", f.gap);
  const schedule::ShiftRules rules = schedule::load_shift_rules(f.rules);
  const auto time_zone = parse_timezone_flag(f.timezone);
  const io::StaffingPlanCsv plan =
      load_staffing_plan(f.requirements, f.requirements_reader, time_zone);
  schedule::RosterOptions roster_options;
  roster_options.time_limit_s = parse_duration_flag(f.roster_time_limit, "--roster-time-limit");
  WFM_REQUIRE(roster_options.time_limit_s > 0 && roster_options.time_limit_s <= 86400,
              core::at_flag("--roster-time-limit"), "expected a duration from 1s to 1d, got {}",
              f.roster_time_limit);
  std::vector<schedule::Agent> agents;
  if (!f.agents.empty()) {
    agents = schedule::load_agents_csv(f.agents);
    schedule::validate_agents(rules, agents, f.agents);
  }
  schedule::PreviousRoster previous;
  if (!f.previous_roster.empty()) previous = schedule::load_previous_roster_csv(f.previous_roster);
  schedule::ServiceOptions service_options;
  std::optional<core::IntervalTable> demand;
  if (!f.demand.empty()) {
    service_options.threshold_s = parse_duration_flag(f.threshold, "--threshold");
    service_options.definition = parse_sl_definition_flag(f.sl_definition);
    if (!f.patience.empty()) {
      const double p = parse_duration_flag(f.patience, "--patience");
      WFM_REQUIRE(p > 0, core::at_flag("--patience"), "expected a mean patience > 0, got {}",
                  f.patience);
      service_options.patience_s = p;
    }
    service_options.replications = parse_replications_flag(f.replications);
    service_options.seed = parse_seed_flag(f.seed);
    io::IntervalCsvOptions csv;
    csv.reader = reader_options(f.demand_reader);
    csv.time_zone = time_zone;
    demand = io::load_interval_table(f.demand, csv);
  }
  std::optional<double> target;
  if (!f.sl_target.empty()) target = parse_fraction_flag(f.sl_target, "--sl-target");
  schedule::ScheduleRun run = schedule::run_schedule(
      rules, plan, f.queue, options, demand ? &*demand : nullptr, service_options, target, f.rounds,
      core::at_flag("--demand"), core::at_flag("--rounds"));
  const std::vector<schedule::DayResult>& results = run.days;
  const auto& service = run.service;
  const auto& rounds = run.rounds;
  std::optional<schedule::RosterResult> roster;
  if (!agents.empty()) {
    roster = schedule::assign_roster(rules, schedule::roster_days(results), agents, roster_options,
                                     previous);
  }

  io::AtomicFileWriter out(f.out);
  schedule::write_schedule_csv(out.stream(), rules, results);
  std::optional<io::AtomicFileWriter> cov;
  if (!f.coverage_out.empty()) {
    cov.emplace(f.coverage_out);
    schedule::write_coverage_csv(cov->stream(), rules, results, service ? &*service : nullptr);
  }
  std::optional<io::AtomicFileWriter> html;
  if (!f.html.empty()) {
    html.emplace(f.html);
    schedule::ReportOptions ro;
    ro.rules_label = f.rules;
    ro.queue = f.queue;
    ro.sl_target = target;
    if (service_options.patience_s) ro.erlang_model = "Erlang A";
    if (roster) {
      ro.roster = &*roster;
      ro.agents = &agents;
    }
    html->stream() << report::render_schedule_report("Schedule of " + f.requirements, "",
                                                     schedule::report_section(rules, run, ro));
  }
  std::optional<io::AtomicFileWriter> ros;
  if (roster) {
    ros.emplace(roster_out);
    schedule::write_roster_csv(ros->stream(), rules, results, agents, *roster);
  }
  std::vector<io::AtomicFileWriter*> files = {&out};
  if (cov) files.push_back(&*cov);
  if (html) files.push_back(&*html);
  if (ros) files.push_back(&*ros);
  io::commit_all(files);  // every file or none

  const schedule::ScheduleTotals totals = schedule::schedule_totals(results);
  const schedule::CoverageTotals& all = totals.all;
  const double gap = totals.gap;
  if (f.json) {
    nlohmann::json j;
    j["requirements"] = f.requirements;
    j["rules"] = f.rules;
    j.update(schedule::schedule_json(run, options.time_limit_s));
    if (roster) j["roster"] = schedule::roster_json(*roster, results, agents, roster_out);
    std::cout << j.dump(2) << "\n";
    return 0;
  }
  std::cout << fmt::format("{:<10} {:>6} {:>9} {:>9} {:>6} {:>10} {:>10} {:>7} {:>8} {:>6}", "date",
                           "shifts", "paid_h", "req_h", "eff", "cost", "bound", "gap", "short_h",
                           "time_s");
  std::cout << (service ? fmt::format(" {:>9} {:>9}\n", "erlang_sl", "sim_sl") : "\n");
  const auto pct = [](const std::optional<double>& v) {
    return v ? fmt::format("{:.1f}%", 100 * *v) : std::string("-");
  };
  for (std::size_t i = 0; i < results.size(); ++i) {
    const auto& d = results[i];
    const auto& r = d.schedule.report;
    if (service) {
      std::cout << fmt::format(
          "{:<10} {:>6} {:>9.2f} {:>9.2f} {:>6.3f} {:>10.2f} {:>10.2f} "
          "{:>6.2f}% {:>8.2f} {:>6.1f} {:>9} {:>9}{}\n",
          core::format_local_date(d.requirements.date), d.totals.shifts, d.totals.paid_hours,
          d.totals.required_hours, d.totals.efficiency, d.totals.cost, r.best_bound, 100 * r.gap,
          d.totals.under_hours, r.phase1_s + r.phase2_s, pct((*service)[i].erlang_sl),
          pct((*service)[i].simulated_sl), r.timed_out ? " (time limit)" : "");
      continue;
    }
    std::cout << fmt::format(
        "{:<10} {:>6} {:>9.2f} {:>9.2f} {:>6.3f} {:>10.2f} {:>10.2f} {:>6.2f}% {:>8.2f} "
        "{:>6.1f}{}\n",
        core::format_local_date(d.requirements.date), d.totals.shifts, d.totals.paid_hours,
        d.totals.required_hours, d.totals.efficiency, d.totals.cost, r.best_bound, 100 * r.gap,
        d.totals.under_hours, r.phase1_s + r.phase2_s, r.timed_out ? " (time limit)" : "");
  }
  std::cout << fmt::format(
      "total: {} shifts, {:.2f} paid hours for {:.2f} required (efficiency {:.3f}), cost {:.2f}, "
      "{:.2f}% above the bound{}; time limit {} s per {}\n",
      all.shifts, all.paid_hours, all.required_hours, all.efficiency, all.cost, 100 * gap,
      rules.any_overnight() ? " (the bounds of the days solved in sequence, not of the period)"
                            : "",
      options.time_limit_s, rules.tours ? "week" : "day");
  if (totals.past_plan_on_shift_hours > 0) {
    std::cout << fmt::format(
        "past the plan: {:.2f} agent-hours on shift ({:.2f} on the phones) on dates without "
        "requirements, from overnight shifts of the days before them (paid, in the paid hours "
        "above; coverage rows with required empty)\n",
        totals.past_plan_on_shift_hours, totals.past_plan_on_phone_hours);
  }
  for (std::size_t i = 0; i < rounds.size(); ++i) {
    const auto& r = rounds[i];
    std::cout << fmt::format(
        "round {}: {:.2f} paid hours, cost {:.2f}, Erlang SL {}, simulated SL {}, {} intervals "
        "below {}\n",
        i, r.paid_hours, r.cost, pct(r.erlang_sl), pct(r.simulated_sl), r.intervals_below,
        f.sl_target);
  }
  if (roster) {
    const auto& r = roster->report;
    std::cout << fmt::format(
        "roster: {} shifts assigned, {} unassigned, {} agent-weeks under their minimum; cost "
        "{:.2f}, bound {:.2f} ({:.2f}% gap), {}\n",
        roster->entries.size(), roster->unassigned.size(), roster->under_minimum.size(), r.cost,
        r.bound, 100 * r.gap, schedule::roster_status(r));
    if (r.tours > 0) {
      std::cout << fmt::format(
          "roster: {} of {} tours kept on one agent, {} rostered day by day or left open (see the "
          "JSON output's roster.tours_not_whole)\n",
          r.tours_whole, r.tours, r.tours - r.tours_whole);
    }
  }
  std::cout << "wrote " << f.out << (f.coverage_out.empty() ? "" : ", " + f.coverage_out)
            << (f.html.empty() ? "" : ", " + f.html) << (roster ? ", " + roster_out : "") << "\n";
  if (roster && !roster->unassigned.empty()) {
    std::cerr << fmt::format(
        "wfm schedule: warning: {} shifts could not be given to any agent (see the JSON output's "
        "roster.unassigned_shifts)\n",
        roster->unassigned.size());
  }
  if (all.under_hours > 0) {
    std::cerr << fmt::format(
        "wfm schedule: warning: {:.2f} agent-hours short in {} intervals (the rules cannot cover "
        "them, or covering costs more than under_coverage_penalty)\n",
        all.under_hours, all.intervals_short);
  }
  return 0;
}

}  // namespace

void add_schedule_command(CLI::App& app, Action& action) {
  auto f = std::make_shared<ScheduleFlags>();
  auto* cmd = app.add_subcommand(
      "schedule",
      "Required agents per interval (a staffing CSV) -> shifts with breaks (CBC), with coverage "
      "and the gap to the best possible.");
  cmd->add_option("--requirements", f->requirements,
                  "Staffing CSV (wfm staff --out / wfm plan's staffing.csv): agents per interval");
  add_reader_flags(*cmd, f->requirements_reader, "the --requirements plan", "requirements-",
                   io::staffing_fields);
  add_timezone_flag(*cmd, f->timezone,
                    "the interval starts of --requirements and --demand (checked on reading; "
                    "shifts are laid out in wall-clock time)");
  cmd->add_option("--rules", f->rules, "Shift rules (TOML; docs/scheduling.md)");
  cmd->add_option("--out,-o", f->out, "Schedule CSV to write: one row per shift (atomically)");
  cmd->add_option("--coverage-out", f->coverage_out,
                  "Coverage CSV to write: required vs on-phone agents per interval");
  cmd->add_option("--html", f->html,
                  "schedule.html to write: coverage and service charts, each day's shifts as a "
                  "Gantt chart (self-contained)");
  cmd->add_option("--queue", f->queue,
                  "The queue to schedule when the plan has several, or \"*\" for all summed");
  cmd->add_option(
      "--time-limit", f->time_limit,
      "Solver time per day, or per week with [tours] (default 60s); the best schedule found "
      "is kept");
  cmd->add_option("--gap", f->gap, "Stop a day within this fraction of its bound (default 0.01%)");
  cmd->add_option("--demand", f->demand,
                  "Interval history/forecast CSV (calls, aht_s): simulate the schedule's on-phone "
                  "agents against it, queue carried over, and report the service level it "
                  "delivers next to Erlang C's (A's with --patience)");
  add_reader_flags(*cmd, f->demand_reader, "--demand");
  cmd->add_option("--threshold", f->threshold, "With --demand: the SL threshold (default 20s)");
  cmd->add_option("--sl-definition", f->sl_definition,
                  "With --demand: of what the SL is a share: offered (default), answered, "
                  "offered-less-short-abandons, abandons-within-t-met");
  cmd->add_option("--patience", f->patience,
                  "With --demand: callers' mean patience (exponential): they hang up in the "
                  "simulation and the interval figure is Erlang A's (default: nobody hangs up, "
                  "Erlang C)");
  cmd->add_option("--replications", f->replications,
                  "With --demand: simulation replications (default 30)");
  cmd->add_option("--seed", f->seed, "With --demand: random seed (default 1)");
  cmd->add_option("--sl-target", f->sl_target,
                  "With --rounds: the service level every interval's simulation should reach");
  cmd->add_option("--rounds", f->rounds,
                  "With --demand and --sl-target: re-solve up to this many times, one agent more "
                  "wherever the simulated SL misses the target; each round is reported");
  cmd->add_option("--agents", f->agents,
                  "Agents CSV (contracts, days off; docs/formats.md): give the shifts to them and "
                  "write the roster");
  cmd->add_option("--roster-out", f->roster_out,
                  "With --agents: roster CSV to write (default roster.csv next to --out)");
  cmd->add_option("--roster-time-limit", f->roster_time_limit,
                  "With --agents: the roster solver's time (default 60s)");
  cmd->add_option("--previous-roster", f->previous_roster,
                  "With --agents: the roster.csv of the days before, whose last shifts the rest "
                  "time and the working days in a row carry over from");
  cmd->add_flag("--json", f->json, "Print one JSON object with each day's figures and the total");
  cmd->callback([f, &action] { action = [f] { return run_schedule(*f); }; });
}

}  // namespace wfm::cli
