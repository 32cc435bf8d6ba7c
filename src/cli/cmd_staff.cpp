// `wfm staff`: a demand (or history) CSV -> a staffing plan per interval and queue, plus daily
// totals. Intervals are independent (Erlang engines assume steady state within an interval), so
// they are solved in parallel with TBB; results land in their input slot, so output order and
// values do not depend on the thread count.
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>

#include <tbb/global_control.h>
#include <tbb/parallel_for.h>

#include "cli/commands.hpp"
#include "cli/result_format.hpp"
#include "wfm/sim/queue_days.hpp"
#include "cli/staffing_flags.hpp"
#include "wfm/core/error.hpp"
#include "wfm/io/atomic_file.hpp"
#include "wfm/io/csv_writer.hpp"
#include "wfm/io/interval_csv.hpp"
#include "wfm/io/number.hpp"
#include "wfm/sim/sequential_staffing.hpp"

namespace wfm::cli {
namespace {

using core::Location;

struct StaffFlags {
  std::string demand;
  std::string out;
  std::string daily_out;
  std::string columns;
  std::string interval_length;
  std::string gaps = "allow";
  std::string aht;
  std::string hours_per_fte = "8";
  int threads = 0;
  std::string method = "erlang";
  std::string replications = "30";
  std::string seed = "1";
  std::string sim_confidence = "0.5";
  StaffingFlags staffing;
};

struct Row {
  const core::QueueSeries* queue;
  const core::IntervalRecord* interval;
  staffing::StaffingResult result;
  double scheduled = 0;
  double erlang_agents = -1;  // --method sim: the analytic answer it started from
};

struct DailyTotals {
  double calls = 0;
  double agent_hours = 0;
  double scheduled_hours = 0;
  double peak_agents = 0;
  double peak_scheduled = 0;
  double sl_weighted = 0;   // sum of SL x calls
  double asa_weighted = 0;  // sum of ASA x answered calls
  double answered = 0;
  double abandoned = 0;
  double occupied_hours = 0;  // carried load x hours
  int intervals = 0;
  int infeasible = 0;
};

// Progress on stderr, only when it is a terminal.
class Progress {
 public:
  // Reports every `every` ticks of `total` `what`.
  Progress(std::size_t total, std::size_t every, const char* what)
      : total_(total), every_(every), what_(what), enabled_(isatty(STDERR_FILENO) == 1) {}
  void tick() {
    const auto done = ++done_;
    if (!enabled_ || done % every_ != 0) return;
    std::lock_guard lock(mutex_);
    std::cerr << "\rwfm staff: " << done << " / " << total_ << " " << what_ << std::flush;
  }
  ~Progress() {
    if (enabled_ && total_ >= every_) std::cerr << "\r" << std::string(60, ' ') << "\r";
  }

 private:
  std::size_t total_;
  std::size_t every_;
  const char* what_;
  bool enabled_;
  std::atomic<std::size_t> done_{0};
  std::mutex mutex_;
};

std::filesystem::path default_daily_path(const std::string& out) {
  std::filesystem::path p(out);
  const auto ext = p.has_extension() ? p.extension().string() : std::string(".csv");
  return p.parent_path() / (p.stem().string() + "_daily" + ext);
}

// `--method sim`: re-staffs every queue-day interval by interval in time order by simulation,
// starting from the analytic answers already in `rows` (sim::staff_by_simulation). The plan then
// reports the simulated performance (means over replications) of the final staffing.
void staff_by_simulation(const StaffFlags& f, const StaffingSettings& s,
                         const core::IntervalTable& table, std::vector<Row>& rows,
                         double default_aht_s) {
  WFM_REQUIRE(s.targets.service_level && !s.targets.max_asa_s && !s.targets.max_abandon_rate &&
                  !s.targets.max_occupancy && !s.targets.max_blocking && !s.solve.fractional &&
                  !s.engine->is_loss_system(),
              core::at_flag("--method"),
              "sim staffs whole agents to a --sl target (other targets are not supported yet)");
  sim::SimSettings settings;
  settings.measure = s.targets.measure;
  if (s.patience_s) {
    settings.patience.dist = sim::PatienceDist::kExponential;
    settings.patience.mean_s = *s.patience_s;
  }
  settings.replications = parse_replications_flag(f.replications);
  settings.seed = parse_seed_flag(f.seed);
  const double confidence = parse_number_flag(f.sim_confidence, "--sim-confidence");
  std::size_t next = 0;
  sim::QueueDays qd = sim::build_queue_days(
      table,
      [&](const core::QueueSeries&, const core::IntervalRecord&) {
        return static_cast<int>(rows[next++].result.agents);
      },
      default_aht_s);
  std::vector<sim::SequentialResult> staffed(qd.days.size());
  Progress progress(qd.days.size(), 1, "queue-days simulated");
  tbb::parallel_for(std::size_t{0}, qd.days.size(), [&](std::size_t d) {
    int cap = 1000;
    for (const auto& iv : qd.days[d].intervals) cap = std::max(cap, 20 * iv.agents + 1000);
    staffed[d] = sim::staff_by_simulation(qd.days[d], settings, *s.targets.service_level,
                                          confidence, cap, d);
    progress.tick();
  });
  for (std::size_t k = 0; k < rows.size(); ++k) {
    const auto [d, i] = qd.position[k];
    Row& row = rows[k];
    const sim::Estimates& e = staffed[d].performance[i];
    row.erlang_agents = row.result.agents;
    row.result.model = "simulation";
    row.result.agents = staffed[d].agents[i];
    row.result.feasible = staffed[d].feasible[i];
    if (e.service_level.defined) row.result.service_level = e.service_level.mean;
    if (e.p_wait.defined) row.result.p_wait = e.p_wait.mean;
    if (e.asa_s.defined) row.result.asa_s = e.asa_s.mean;
    if (e.occupancy.defined) row.result.occupancy = e.occupancy.mean;
    if (e.abandon_rate.defined) row.result.abandon_rate = e.abandon_rate.mean;
    row.scheduled = staffing::scheduled_agents(row.result.agents, s.shrinkage, false);
  }
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
  if (!f.columns.empty()) csv.columns = parse_column_map(f.columns);
  if (!f.interval_length.empty()) {
    const double len = parse_duration_flag(f.interval_length, "--interval-length");
    WFM_REQUIRE(len >= 1 && len == std::floor(len) && 86400 % static_cast<int>(len) == 0,
                core::at_flag("--interval-length"),
                "expected a whole number of seconds dividing a day, got {}", f.interval_length);
    csv.interval_s = static_cast<int>(len);
  }
  const auto gaps = io::parse_gap_policy(f.gaps);
  WFM_REQUIRE(gaps.has_value(), core::at_flag("--gaps"), "expected allow or error, got {}",
              io::quote_for_message(f.gaps));
  csv.gap_policy = *gaps;
  std::optional<double> default_aht;
  if (!f.aht.empty()) {
    default_aht = parse_duration_flag(f.aht, "--aht");
    WFM_REQUIRE(*default_aht > 0, core::at_flag("--aht"), "expected a duration > 0, got {}", f.aht);
  }
  const double hours_per_fte = parse_number_flag(f.hours_per_fte, "--hours-per-fte");
  WFM_REQUIRE(hours_per_fte > 0 && hours_per_fte <= 24, core::at_flag("--hours-per-fte"),
              "expected paid hours per FTE per day in (0, 24], got {}", f.hours_per_fte);

  const core::IntervalTable table = io::load_interval_table(f.demand, csv);
  WFM_REQUIRE(table.has_aht || default_aht, (Location{f.demand, 0, "aht_s"}),
              "the file has no aht_s column: add one or give --aht");

  std::vector<Row> rows;
  rows.reserve(table.interval_count());
  for (const auto& q : table.queues) {
    for (const auto& iv : q.intervals) rows.push_back(Row{&q, &iv, {}, 0});
  }
  std::optional<tbb::global_control> limit;
  if (f.threads > 0) limit.emplace(tbb::global_control::max_allowed_parallelism, f.threads);
  Progress progress(rows.size(), 4096, "intervals");
  const auto start = std::chrono::steady_clock::now();
  tbb::parallel_for(std::size_t{0}, rows.size(), [&](std::size_t i) {
    Row& row = rows[i];
    staffing::IntervalLoad load;
    load.calls = row.interval->offered;
    load.interval_s = table.interval_s;
    // An interval without AHT has no calls (the loader allows an empty aht_s only then).
    load.aht_s = row.interval->aht_s.value_or(default_aht.value_or(1.0));
    row.result = staffing::solve(*s.engine, load, s.targets, s.solve);
    row.scheduled = staffing::scheduled_agents(row.result.agents, s.shrinkage, s.solve.fractional);
    progress.tick();
  });
  if (f.method == "sim") staff_by_simulation(f, s, table, rows, default_aht.value_or(0.0));
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  const bool loss = s.engine->is_loss_system();
  const bool abandonment = s.engine->models_abandonment();
  std::map<std::pair<std::string, std::string>, DailyTotals> daily;  // (date, queue)
  std::map<std::string, DailyTotals> by_queue;
  std::size_t infeasible = 0;
  const std::filesystem::path daily_path =
      f.daily_out.empty() ? default_daily_path(f.out) : std::filesystem::path(f.daily_out);
  // Both files are opened before either is committed: a failure leaves neither changed.
  io::AtomicFileWriter plan_file(f.out);
  io::AtomicFileWriter daily_file(daily_path);
  // Plan rows in time order, queues in file order within an interval.
  std::vector<std::size_t> order(rows.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
    return rows[x].interval->start < rows[y].interval->start;
  });
  {
    io::CsvWriter w(plan_file.stream());
    for (const char* h :
         {"interval_start", "queue", "calls", "aht_s", "offered_load_erlangs", "agents",
          "scheduled_agents", "service_level", "p_wait", "asa_s", "occupancy", "abandon_rate"}) {
      w.field(h);
    }
    if (loss) w.field("blocking");
    if (f.method == "sim") w.field("erlang_agents");
    w.field("meets_targets");
    w.end_row();
    const double hours = table.interval_s / 3600.0;
    for (const std::size_t index : order) {
      const Row& row = rows[index];
      const auto& r = row.result;
      const double calls = row.interval->offered;
      w.field(core::format_local_time(row.interval->start)).field(row.queue->queue).field(calls);
      w.field(row.interval->aht_s.has_value() ? *row.interval->aht_s : default_aht.value_or(0.0));
      w.field(r.offered_load).field(r.agents).field(row.scheduled);
      w.field(r.service_level).field(r.p_wait);
      if (std::isfinite(r.asa_s))
        w.field(r.asa_s);
      else
        w.empty_field();
      w.field(r.occupancy).field(r.abandon_rate);
      if (loss) w.field(r.blocking);
      if (f.method == "sim") w.field(row.erlang_agents);
      w.field(r.feasible ? "yes" : "no");
      w.end_row();
      if (!r.feasible) ++infeasible;
      const std::string date =
          core::format_local_date(std::chrono::floor<std::chrono::days>(row.interval->start));
      for (DailyTotals* d : {&daily[{date, row.queue->queue}], &daily[{date, "*"}],
                             &by_queue[row.queue->queue], &by_queue["*"]}) {
        d->calls += calls;
        d->agent_hours += r.agents * hours;
        d->scheduled_hours += row.scheduled * hours;
        d->peak_agents = std::max(d->peak_agents, r.agents);
        d->peak_scheduled = std::max(d->peak_scheduled, row.scheduled);
        d->sl_weighted += r.service_level * calls;
        const double answered = calls * (1 - r.abandon_rate - r.blocking);
        d->answered += answered;
        if (std::isfinite(r.asa_s)) d->asa_weighted += r.asa_s * answered;
        d->abandoned += calls * r.abandon_rate;
        d->occupied_hours += r.occupancy * r.agents * hours;
        d->intervals += 1;
        d->infeasible += r.feasible ? 0 : 1;
      }
    }
  }
  {
    io::CsvWriter w(daily_file.stream());
    for (const char* h : {"date", "queue", "calls", "agent_hours", "scheduled_agent_hours", "fte",
                          "peak_agents", "peak_scheduled_agents", "service_level", "asa_s",
                          "abandon_rate", "occupancy", "intervals", "infeasible_intervals"}) {
      w.field(h);
    }
    w.end_row();
    for (const auto& [key, d] : daily) {
      w.field(key.first).field(key.second).field(d.calls).field(d.agent_hours);
      w.field(d.scheduled_hours).field(d.scheduled_hours / hours_per_fte);
      w.field(d.peak_agents).field(d.peak_scheduled);
      w.field(d.calls > 0 ? d.sl_weighted / d.calls : 1.0);
      w.field(d.answered > 0 ? d.asa_weighted / d.answered : 0.0);
      w.field(d.calls > 0 ? d.abandoned / d.calls : 0.0);
      w.field(d.agent_hours > 0 ? d.occupied_hours / d.agent_hours : 0.0);
      w.field(d.intervals).field(d.infeasible);
      w.end_row();
    }
  }
  plan_file.commit();
  daily_file.commit();

  // Summary on stdout.
  std::cout << "wfm staff: " << rows.size() << " intervals (" << table.queues.size() << " queues, "
            << table.interval_s / 60 << "-minute) from " << f.demand << ", model "
            << s.engine->name() << (f.method == "sim" ? " then simulation" : "") << ", solved in "
            << human(seconds, 3) << " s\n";
  if (!table.gaps.empty()) {
    std::size_t missing = 0;
    for (const auto& g : table.gaps) missing += g.missing_intervals;
    std::cout << "note: " << missing << " missing intervals in " << table.gaps.size()
              << " gaps were treated as closed (no demand); --gaps error makes them an error\n";
  }
  std::cout << fmt::format("{:<12} {:>10} {:>12} {:>14} {:>10} {:>8} {:>8}{}\n", "queue", "calls",
                           "agent_hours", "sched_hours", "peak_sched", loss ? "block" : "SL", "occ",
                           abandonment ? "   aband" : "");
  for (const auto& [queue, d] : by_queue) {
    const double sl = d.calls > 0 ? d.sl_weighted / d.calls : 1.0;
    std::cout << fmt::format(
        "{:<12} {:>10.0f} {:>12.1f} {:>14.1f} {:>10} {:>8.4f} {:>8.4f}{}\n",
        queue == "*" ? "(all)" : (queue.empty() ? "(none)" : queue), d.calls, d.agent_hours,
        d.scheduled_hours, human(d.peak_scheduled), loss ? 1 - sl : sl,
        d.agent_hours > 0 ? d.occupied_hours / d.agent_hours : 0.0,
        abandonment ? fmt::format(" {:>7.4f}", d.calls > 0 ? d.abandoned / d.calls : 0.0) : "");
  }
  std::cout << "plan: " << f.out << "\ndaily totals: " << daily_path.string() << "\n";
  if (infeasible > 0) {
    std::cerr << "wfm staff: warning: " << infeasible
              << " intervals cannot meet the targets within --max-agents (meets_targets = no)\n";
  }
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
  cmd->add_option("--columns", flags->columns,
                  "Map fields to the file's column names: offered=CallsOffered,aht_s=AHT,...");
  cmd->add_option("--interval-length", flags->interval_length,
                  "Interval length when it cannot be inferred, e.g. 15m");
  cmd->add_option("--gaps", flags->gaps,
                  "Missing intervals: allow (treated as closed; default) or error");
  cmd->add_option("--aht", flags->aht, "AHT for files without an aht_s column");
  cmd->add_option("--hours-per-fte", flags->hours_per_fte,
                  "Paid hours per FTE per day, for the daily FTE column (default 8)");
  cmd->add_option("--threads", flags->threads, "Worker threads (default: all cores)");
  cmd->add_option("--method", flags->method,
                  "erlang (default: the --model formula per interval) or sim (discrete-event "
                  "simulation, interval by interval in time order with the queue carried over, "
                  "starting from the --model answer; --sl targets only)");
  cmd->add_option("--replications", flags->replications, "--method sim: replications (default 30)");
  cmd->add_option("--seed", flags->seed, "--method sim: seed (default 1)");
  cmd->add_option("--sim-confidence", flags->sim_confidence,
                  "--method sim: 0.5 (default) staffs so the mean service level meets --sl; "
                  "0.95 so its one-sided 95% lower bound does");
  add_staffing_flags(*cmd, flags->staffing);
  cmd->callback([flags, &action] { action = [flags] { return run_staff(*flags); }; });
}

}  // namespace wfm::cli
