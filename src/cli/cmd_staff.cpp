// `wfm staff`: a demand (or history) CSV -> a staffing plan per interval and queue, plus daily
// totals. Flags in, the one staffing pipeline (pipeline::staff, pipeline::compute_totals), files
// and a summary out; definitions and formats live in the library (docs/formats.md).
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <memory>
#include <mutex>
#include <optional>

#include "cli/commands.hpp"
#include "cli/contact_flags.hpp"
#include "cli/plan_warnings.hpp"
#include "cli/reader_flags.hpp"
#include "cli/result_format.hpp"
#include "cli/staffing_flags.hpp"
#include "cli/timezone_flag.hpp"
#include "wfm/core/error.hpp"
#include "wfm/core/parallel.hpp"
#include "wfm/io/atomic_file.hpp"
#include "wfm/io/interval_csv.hpp"
#include "wfm/io/number.hpp"
#include "wfm/io/output_paths.hpp"
#include "wfm/pipeline/outputs.hpp"
#include "wfm/pipeline/totals.hpp"

namespace wfm::cli {
namespace {

using core::Location;

struct StaffFlags {
  std::string demand;
  std::string out;
  std::string daily_out;
  ReaderFlags reader;
  std::string interval_length;
  std::string gaps = "allow";
  std::string timezone;
  std::string aht;
  std::string open, days, min_calls;
  std::string fte_hours_week = "37.5";
  std::string hours_per_fte;  // removed in favour of --fte-hours-week; kept to say so
  int threads = 0;
  std::string method = "erlang";
  std::string replications = "30";
  std::string seed = "1";
  std::string sim_confidence = "0.5";
  StaffingFlags staffing;
};

std::filesystem::path default_daily_path(const std::string& out) {
  std::filesystem::path p(out);
  const auto ext = p.has_extension() ? p.extension().string() : std::string(".csv");
  return p.parent_path() / (p.stem().string() + "_daily" + ext);
}

int run_staff(const StaffFlags& f) {
  WFM_REQUIRE(!f.demand.empty(), core::at_flag("--demand"), "required: the demand CSV");
  WFM_REQUIRE(!f.out.empty(), core::at_flag("--out"), "required: where to write the plan");
  WFM_REQUIRE(f.threads >= 0, core::at_flag("--threads"), "expected a number >= 0, got {}",
              f.threads);
  WFM_REQUIRE(f.method == "erlang" || f.method == "sim", core::at_flag("--method"),
              "expected erlang or sim, got {}", io::quote_for_message(f.method));
  const StaffingSettings s = to_settings(f.staffing, true);
  io::IntervalCsvOptions csv;
  csv.reader = reader_options(f.reader);
  if (!f.interval_length.empty()) {
    csv.interval_s = interval_flag_s(f.interval_length, "--interval-length");
  }
  const auto gaps = io::parse_gap_policy(f.gaps);
  WFM_REQUIRE(gaps.has_value(), core::at_flag("--gaps"), "expected allow or error, got {}",
              io::quote_for_message(f.gaps));
  csv.gap_policy = *gaps;
  csv.time_zone = parse_timezone_flag(f.timezone);
  std::optional<double> default_aht;
  if (!f.aht.empty()) {
    default_aht = parse_duration_flag(f.aht, "--aht");
    WFM_REQUIRE(*default_aht > 0, core::at_flag("--aht"), "expected a duration > 0, got {}", f.aht);
  }
  WFM_REQUIRE(f.hours_per_fte.empty(), core::at_flag("--hours-per-fte"),
              "replaced by --fte-hours-week (paid hours of one FTE per week, default 37.5; "
              "the same FTE as wfm plan)");
  const double fte_hours_week = parse_number_flag(f.fte_hours_week, "--fte-hours-week");
  WFM_REQUIRE(fte_hours_week > 0 && fte_hours_week <= 168, core::at_flag("--fte-hours-week"),
              "expected paid hours of one FTE per week in (0, 168], got {}", f.fte_hours_week);

  pipeline::StaffingSpec spec;
  spec.engine = engine_spec(f.staffing, s.patience_s);
  spec.targets = s.targets;
  spec.solve = s.solve;
  spec.shrinkage = s.shrinkage;
  if (f.method == "sim") {
    spec.method = pipeline::Method::kSimulation;
    spec.targets.confidence = parse_number_flag(f.sim_confidence, "--sim-confidence");
    spec.simulation = pipeline::simulation_like_engine(
        spec, parse_replications_flag(f.replications), parse_seed_flag(f.seed));
  }

  const std::filesystem::path daily_path =
      f.daily_out.empty() ? default_daily_path(f.out) : std::filesystem::path(f.daily_out);
  io::require_distinct_outputs({{f.demand, "--demand"}},
                               {{f.out, "--out"}, {daily_path.string(), "--daily-out"}});
  const core::IntervalTable table = io::load_interval_table(f.demand, csv);
  WFM_REQUIRE(table.has_aht || default_aht, (Location{f.demand, 0, "aht_s"}),
              "the file has no aht_s column: add one or give --aht");
  if (default_aht) warn_aht_flag_vs_file(table, f.aht, "staff");
  pipeline::Demand demand = pipeline::demand_from_table(table, default_aht);
  pipeline::OpenRule open_rule;
  if (!f.open.empty() || !f.days.empty()) {
    open_rule.hours = parse_business_hours_flags(f.open.empty() ? "00:00-24:00" : f.open,
                                                 f.days.empty() ? "mon-sun" : f.days)
                          .week();
  }
  if (!f.min_calls.empty()) open_rule.min_calls = parse_number_flag(f.min_calls, "--min-calls");
  const pipeline::ClosedIntervals closed = pipeline::close_intervals(demand, open_rule);

  std::optional<core::ThreadLimit> limit;
  if (f.threads > 0) limit.emplace(f.threads);
  const bool tty = isatty(STDERR_FILENO) == 1;
  std::mutex progress_mutex;
  const pipeline::Progress progress = [&](std::size_t done, std::size_t total) {
    if (!tty) return;
    std::lock_guard lock(progress_mutex);
    std::cerr << "\rwfm staff: simulated " << done << " / " << total << " queue-days"
              << (done == total ? "\n" : "") << std::flush;
  };
  const auto start = std::chrono::steady_clock::now();
  pipeline::StaffingPlan plan = pipeline::staff(demand, spec, progress);
  pipeline::compute_totals(plan, {fte_hours_week, std::nullopt});
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  // Both files are written before either is committed: a failure leaves neither changed.
  io::AtomicFileWriter plan_file(f.out);
  io::AtomicFileWriter daily_file(daily_path);
  pipeline::write_staffing_csv(plan_file.stream(), plan);
  pipeline::write_daily_csv(daily_file.stream(), plan);
  io::AtomicFileWriter* const files[] = {&plan_file, &daily_file};
  io::commit_all(files);

  // Summary on stdout.
  std::cout << "wfm staff: " << plan.intervals.size() << " intervals (" << plan.queues.size()
            << " queues, " << plan.interval_s / 60 << "-minute) from " << f.demand << ", model "
            << plan.engine << (f.method == "sim" ? " then simulation" : "") << ", solved in "
            << human(seconds, 3) << " s\n";
  if (!table.gaps.empty()) {
    std::size_t missing = 0;
    for (const auto& g : table.gaps) missing += g.missing_intervals;
    std::cout << "note: " << missing << " missing intervals in " << table.gaps.size()
              << " gaps were treated as closed (no demand); --gaps error makes them an error\n";
  }
  if (closed.outside_hours + closed.under_minimum > 0) {
    std::cout << fmt::format(
        "note: {} intervals not staffed ({} outside --open/--days, {} under --min-calls), "
        "{} calls in them, in no total\n",
        closed.outside_hours + closed.under_minimum, closed.outside_hours, closed.under_minimum,
        human(closed.calls));
  }
  const bool loss = plan.loss_system;
  const bool abandonment = plan.models_abandonment;
  std::cout << fmt::format("{:<12} {:>10} {:>12} {:>14} {:>8} {:>10} {:>8} {:>8}{}\n", "queue",
                           "calls", "req_hours", "sched_hours", "FTE", "peak_sched",
                           loss ? "block" : "SL", "occ", abandonment ? "   aband" : "");
  const auto line = [&](const std::string& name, const pipeline::Totals& t) {
    std::cout << fmt::format(
        "{:<12} {:>10.0f} {:>12.1f} {:>14.1f} {:>8.2f} {:>10} {:>8.4f} {:>8.4f}{}\n", name, t.calls,
        t.required_hours, t.scheduled_hours, t.fte, human(t.peak_scheduled),
        loss ? t.blocking : t.service_level, t.occupancy,
        abandonment ? fmt::format(" {:>7.4f}", t.abandon_rate) : "");
  };
  for (std::size_t q = 0; q < plan.queues.size(); ++q)
    line(pipeline::queue_label(plan.queues[q]), plan.queue_totals[q]);
  if (plan.queues.size() > 1) line("(all)", plan.overall);
  std::cout << "FTE: scheduled agent-hours per week / " << human(fte_hours_week)
            << " paid hours, over " << plan.span_days << " calendar days\n";
  std::cout << "plan: " << f.out << "\ndaily totals: " << daily_path.string() << "\n";
  print_warning("staff", shrinkage_warning(spec.shrinkage));
  print_warning("staff", infeasible_warning(plan.overall.infeasible, plan.intervals.size()));
  return 0;
}

}  // namespace

void add_staff_command(CLI::App& app, Action& action) {
  auto flags = std::make_shared<StaffFlags>();
  auto* cmd = app.add_subcommand(
      "staff",
      "Staffing plan per interval and queue from a demand CSV (interval_start, queue, calls or "
      "offered, aht_s; see docs/formats.md), plus daily totals (agent-hours, FTE).");
  cmd->add_option("--demand", flags->demand, "Demand or history CSV (required)");
  cmd->add_option("--out,-o", flags->out, "Plan CSV to write (required); written atomically");
  cmd->add_option("--daily-out", flags->daily_out,
                  "Daily totals CSV (default: the --out name with _daily)");
  add_reader_flags(*cmd, flags->reader, "the demand file");
  cmd->add_option("--interval-length", flags->interval_length,
                  "Interval length when it cannot be inferred, e.g. 15m");
  cmd->add_option("--gaps", flags->gaps,
                  "Missing intervals: allow (treated as closed; default) or error");
  add_timezone_flag(*cmd, flags->timezone, "the demand file's interval starts");
  cmd->add_option("--aht", flags->aht, "AHT for files without an aht_s column");
  cmd->add_option("--open", flags->open,
                  "Hours of operation, e.g. 08:00-20:00: intervals outside are not staffed "
                  "(default: open all day)");
  cmd->add_option("--days", flags->days,
                  "Open days, e.g. mon-fri or mon,wed,fri: intervals on other days are not "
                  "staffed (default: every day)");
  cmd->add_option("--min-calls", flags->min_calls,
                  "Intervals with fewer calls than this are not staffed (default 0)");
  cmd->add_option("--fte-hours-week", flags->fte_hours_week,
                  "Paid hours of one FTE per week (default 37.5): FTE = scheduled agent-hours "
                  "per week / this, as in wfm plan");
  cmd->add_option("--hours-per-fte", flags->hours_per_fte)->group("");  // removed: says so
  cmd->add_option("--threads", flags->threads, "Worker threads (default: all cores)");
  cmd->add_option("--method", flags->method,
                  "erlang (default: the --model formula per interval) or sim (discrete-event "
                  "simulation, interval by interval in time order with the queue carried over, "
                  "starting from the --model answer; every target but --max-blocking)");
  cmd->add_option("--replications", flags->replications, "--method sim: replications (default 30)");
  cmd->add_option("--seed", flags->seed, "--method sim: seed (default 1)");
  cmd->add_option("--sim-confidence", flags->sim_confidence,
                  "--method sim: 0.5 (default) staffs so the simulated means meet the targets; "
                  "0.95 so their one-sided 95% confidence bounds do");
  add_staffing_flags(*cmd, flags->staffing);
  cmd->callback([flags, &action] { action = [flags] { return run_staff(*flags); }; });
}

}  // namespace wfm::cli
