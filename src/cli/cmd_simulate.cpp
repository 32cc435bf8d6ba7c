// `wfm simulate`: what a staffing plan really delivers, by discrete-event simulation of each
// queue-day (queues carried across intervals, abandonment, redials, lognormal/gamma/empirical
// handle times, overdispersed arrivals), as means over replications with 95% half-widths.
#include <unistd.h>

#include <cmath>
#include <iostream>
#include <memory>
#include <mutex>
#include <optional>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/reader_flags.hpp"
#include "cli/result_format.hpp"
#include "cli/staffing_flags.hpp"
#include "cli/timezone_flag.hpp"
#include "wfm/core/error.hpp"
#include "wfm/core/parallel.hpp"
#include "wfm/io/atomic_file.hpp"
#include "wfm/io/csv_writer.hpp"
#include "wfm/io/handle_samples.hpp"
#include "wfm/io/interval_csv.hpp"
#include "wfm/io/number.hpp"
#include "wfm/io/output_paths.hpp"
#include "wfm/io/staffing_csv.hpp"
#include "wfm/pipeline/outputs.hpp"
#include "wfm/pipeline/simulation_run.hpp"
#include "wfm/sim/queue_days.hpp"
#include "wfm/sim/simulation.hpp"
#include "wfm/staffing/registry.hpp"

namespace wfm::cli {
namespace {

using core::at_flag;
using core::Location;

struct SimulateFlags {
  std::string demand, staffing, agents, out, daily_out, calls_out, aht, timezone;
  ReaderFlags reader;
  ReaderFlags staffing_reader;
  std::string replications = "30", seed = "1", threshold = "20s", sl_definition = "offered";
  std::string aht_dist = "exponential", aht_cv = "1", aht_samples;
  std::string patience_dist, patience, patience_shape = "1", patience_cv = "1";
  std::optional<int> lines;
  std::string concurrency, aht_by_concurrency, outbound_threshold, outbound_aht;
  std::string redial_prob = "0", redial_delay = "300s", rate_cv = "0", rate_noise = "per-day";
  int threads = 0;
  bool json = false;
};

sim::SimSettings to_sim_settings(const SimulateFlags& f) {
  sim::SimSettings s;
  s.replications = parse_replications_flag(f.replications);
  s.seed = parse_seed_flag(f.seed);
  s.measure.threshold_s = parse_duration_flag(f.threshold, "--threshold");
  const auto def = staffing::parse_sl_definition(f.sl_definition);
  WFM_REQUIRE(def.has_value(), at_flag("--sl-definition"),
              "expected offered, answered, offered-less-short-abandons or abandons-within-t-met, "
              "got {}",
              io::quote_for_message(f.sl_definition));
  s.measure.definition = *def;
  const auto handle = sim::parse_handle_dist(f.aht_dist);
  WFM_REQUIRE(handle.has_value(), at_flag("--aht-dist"),
              "expected exponential, lognormal, gamma or empirical, got {}",
              io::quote_for_message(f.aht_dist));
  s.handle.dist = *handle;
  s.handle.cv = parse_number_flag(f.aht_cv, "--aht-cv");
  if (s.handle.dist == sim::HandleDist::kEmpirical) {
    WFM_REQUIRE(!f.aht_samples.empty(), at_flag("--aht-samples"),
                "--aht-dist empirical needs --aht-samples FILE (a CSV with a handle_s column)");
    s.handle.empirical = io::load_handle_samples(f.aht_samples);
  }
  const std::string pdist =
      f.patience_dist.empty() ? (f.patience.empty() ? "none" : "exponential") : f.patience_dist;
  const auto patience = sim::parse_patience_dist(pdist);
  WFM_REQUIRE(patience.has_value(), at_flag("--patience-dist"),
              "expected none, exponential, weibull or lognormal, got {}",
              io::quote_for_message(pdist));
  s.patience.dist = *patience;
  if (s.patience.dist != sim::PatienceDist::kNone) {
    WFM_REQUIRE(!f.patience.empty(), at_flag("--patience"),
                "required: the mean patience, e.g. 120s");
    s.patience.mean_s = parse_duration_flag(f.patience, "--patience");
  }
  s.patience.shape = parse_number_flag(f.patience_shape, "--patience-shape");
  s.patience.cv = parse_number_flag(f.patience_cv, "--patience-cv");
  s.lines = f.lines;
  staffing::EngineSpec channel;
  parse_chat_flags(f.concurrency, f.aht_by_concurrency, channel);
  parse_blend_flags(f.outbound_threshold, f.outbound_aht, channel);
  sim::set_channel_options(s, channel);
  s.redial.probability = parse_fraction_flag(f.redial_prob, "--redial-prob");
  s.redial.delay_s = parse_duration_flag(f.redial_delay, "--redial-delay");
  s.arrivals.cv = parse_number_flag(f.rate_cv, "--rate-cv");
  if (s.arrivals.cv > 0) {
    const auto noise = sim::parse_rate_noise(f.rate_noise);
    WFM_REQUIRE(noise.has_value(), at_flag("--rate-noise"),
                "expected per-day or per-interval, got {}", io::quote_for_message(f.rate_noise));
    s.arrivals.noise = *noise;
  }
  sim::validate(s);
  return s;
}

int run_simulate(const SimulateFlags& f) {
  WFM_REQUIRE(!f.demand.empty(), at_flag("--demand"), "required: the demand CSV");
  WFM_REQUIRE(f.staffing.empty() != f.agents.empty(), at_flag("--staffing"),
              "give either --staffing PLAN.csv or --agents N");
  WFM_REQUIRE(f.threads >= 0, at_flag("--threads"), "expected a number >= 0, got {}", f.threads);
  const sim::SimSettings settings = to_sim_settings(f);
  std::optional<int> constant_agents;
  if (!f.agents.empty()) {
    const double a = parse_number_flag(f.agents, "--agents");
    WFM_REQUIRE(a >= 0 && a == std::floor(a) && a < 1e7, at_flag("--agents"),
                "expected a whole number of agents >= 0, got {}", f.agents);
    constant_agents = static_cast<int>(a);
  }
  io::IntervalCsvOptions csv;
  csv.reader = reader_options(f.reader);
  csv.time_zone = parse_timezone_flag(f.timezone);
  io::require_distinct_outputs(
      {{f.demand, "--demand"}, {f.staffing, "--staffing"}, {f.aht_samples, "--aht-samples"}},
      {{f.out, "--out"}, {f.daily_out, "--daily-out"}, {f.calls_out, "--calls-out"}});
  const core::IntervalTable table = io::load_interval_table(f.demand, csv);
  std::optional<double> default_aht;
  if (!f.aht.empty()) {
    default_aht = parse_duration_flag(f.aht, "--aht");
    WFM_REQUIRE(*default_aht > 0, at_flag("--aht"), "expected a duration > 0, got {}", f.aht);
  }
  WFM_REQUIRE(table.has_aht || default_aht, (Location{f.demand, 0, "aht_s"}),
              "the file has no aht_s column: add one or give --aht");
  if (default_aht) warn_aht_flag_vs_file(table, f.aht, "simulate");
  std::optional<io::StaffingPlanCsv> plan;
  if (!f.staffing.empty()) {
    plan = load_staffing_plan(f.staffing, f.staffing_reader, csv.time_zone);
  }
  const sim::AgentsFor agents_for = [&](const core::QueueSeries& q,
                                        const core::IntervalRecord& iv) {
    if (!plan) return constant_agents.value_or(0);
    return plan->agents_at(q.queue, iv.start, iv.source_line);
  };
  if (!table.gaps.empty()) {
    std::size_t missing = 0;
    for (const auto& g : table.gaps) missing += g.missing_intervals;
    std::cerr << "wfm simulate: note: " << missing << " missing intervals in " << table.gaps.size()
              << " gaps are simulated as closed (no calls, no agents)\n";
  }

  std::optional<core::ThreadLimit> limit;
  if (f.threads > 0) limit.emplace(f.threads);
  const bool tty = isatty(STDERR_FILENO) == 1;
  std::mutex progress_mutex;
  const sim::ProgressFn progress = [&](std::size_t done, std::size_t total) {
    if (!tty || (done % 64 != 0 && done != total)) return;
    std::lock_guard lock(progress_mutex);
    std::cerr << "\rwfm simulate: " << done << " / " << total << " queue-day replications"
              << (done == total ? "\n" : "") << std::flush;
  };
  const pipeline::SimulationRun run =
      pipeline::simulate_table(table, agents_for, default_aht.value_or(0.0), settings, progress);
  const std::vector<sim::QueueDay>& days = run.queue_days.days;

  std::optional<io::AtomicFileWriter> out, daily, calls;
  if (!f.out.empty()) out.emplace(f.out);
  if (!f.daily_out.empty()) daily.emplace(f.daily_out);
  if (!f.calls_out.empty()) calls.emplace(f.calls_out);
  if (out) pipeline::write_simulation_csv(out->stream(), run);
  if (daily) pipeline::write_simulation_daily_csv(daily->stream(), run);
  if (calls) {
    // Per-call records: a second, sequential pass with the same streams (same calls as above).
    io::CsvWriter w(calls->stream());
    for (const char* h : {"replication", "queue", "date", "call", "interval_start", "arrival_s",
                          "outcome", "wait_s", "handle_s", "redial"}) {
      w.field(h);
    }
    w.end_row();
    std::vector<sim::IntervalTally> scratch;
    for (std::size_t d = 0; d < days.size(); ++d) {
      const std::string date =
          core::format_local_date(std::chrono::floor<std::chrono::days>(days[d].start));
      for (int r = 0; r < settings.replications; ++r) {
        const sim::CallRecorder rec = [&](const sim::CallRecord& c) {
          const auto start =
              days[d].start +
              std::chrono::seconds(static_cast<long>(days[d].interval_s * c.interval));
          w.field(r).field(days[d].queue).field(date).field(static_cast<std::int64_t>(c.call));
          w.field(core::format_local_time(start)).field(c.arrival_s);
          w.field(c.outcome == sim::CallOutcome::kAnswered    ? "answered"
                  : c.outcome == sim::CallOutcome::kAbandoned ? "abandoned"
                  : c.outcome == sim::CallOutcome::kBlocked   ? "blocked"
                                                              : "unfinished");
          w.field(c.wait_s).field(c.handle_s).field(c.redial ? 1 : 0);
          w.end_row();
        };
        sim::simulate_day(days[d], settings, static_cast<std::uint64_t>(r), d, scratch, &rec);
      }
    }
  }
  io::AtomicFileWriter* const files[] = {out ? &*out : nullptr, daily ? &*daily : nullptr,
                                         calls ? &*calls : nullptr};
  io::commit_all(files);

  if (f.json) {
    const nlohmann::json j = pipeline::simulation_json(run);
    std::cout << j.dump(2) << "\n";
    return 0;
  }
  const auto show = [](const sim::Estimate& e, int digits) {
    return e.defined ? human(e.mean, digits) + " +- " + human(e.half_width, 2) : std::string("-");
  };
  const auto& t = run.result.total;
  std::cout << format_table({
      {"queue-days", std::to_string(days.size())},
      {"replications",
       std::to_string(settings.replications) + " (seed " + std::to_string(settings.seed) + ")"},
      {"offered (mean)", show(t.offered, 7)},
      {"answered", show(t.answered, 7)},
      {"abandoned", show(t.abandoned, 7)},
      {"unfinished", show(t.unfinished, 7) + " (still waiting at the end: no agent, no patience)"},
      {"service level", show(t.service_level, 5) + " within " +
                            human(settings.measure.threshold_s) + " s (" +
                            std::string(staffing::to_string(settings.measure.definition)) + ")"},
      {"ASA", show(t.asa_s, 5) + " s"},
      {"abandonment", show(t.abandon_rate, 5)},
      {"occupancy", show(t.occupancy, 5)},
      {"(+- is a 95% half-width over replications)", ""},
  });
  return 0;
}

}  // namespace

void add_simulate_command(CLI::App& app, Action& action) {
  auto f = std::make_shared<SimulateFlags>();
  auto* cmd = app.add_subcommand(
      "simulate",
      "Discrete-event simulation of a staffing plan over the demand's days: queues carried across "
      "intervals, abandonment, redials; means over replications with 95% half-widths.");
  cmd->add_option("--demand", f->demand, "Demand CSV (interval_start, queue, calls, aht_s)");
  add_reader_flags(*cmd, f->reader, "the demand file");
  cmd->add_option("--staffing", f->staffing,
                  "Staffing plan CSV with interval_start, queue, agents (wfm staff output)");
  add_reader_flags(*cmd, f->staffing_reader, "the --staffing plan", "staffing-",
                   io::staffing_fields);
  cmd->add_option("--agents", f->agents, "Constant agents instead of --staffing");
  cmd->add_option("--aht", f->aht, "AHT for demand files without an aht_s column");
  add_timezone_flag(*cmd, f->timezone, "the demand and staffing files' interval starts");
  cmd->add_option("--replications", f->replications, "Replications (default 30, at least 2)");
  cmd->add_option("--seed", f->seed, "Seed: the same seed gives identical output (default 1)");
  cmd->add_option("--threads", f->threads, "Worker threads (default: all cores)");
  cmd->add_option("--threshold", f->threshold, "Service level threshold (default 20s)");
  cmd->add_option(
      "--sl-definition", f->sl_definition,
      "offered (default), answered, offered-less-short-abandons, abandons-within-t-met");
  cmd->add_option("--aht-dist", f->aht_dist, "exponential (default), lognormal, gamma, empirical");
  cmd->add_option("--aht-cv", f->aht_cv, "Handle time CV for lognormal and gamma (default 1)");
  cmd->add_option("--aht-samples", f->aht_samples,
                  "CSV with a handle_s column: observed handle times for --aht-dist empirical, "
                  "rescaled to each interval's AHT");
  cmd->add_option("--patience-dist", f->patience_dist,
                  "none, exponential (default when --patience is given), weibull, lognormal");
  cmd->add_option("--patience", f->patience, "Mean patience, e.g. 120s");
  cmd->add_option("--patience-shape", f->patience_shape, "Weibull shape (default 1)");
  cmd->add_option("--patience-cv", f->patience_cv, "Lognormal patience CV (default 1)");
  cmd->add_option("--lines", f->lines,
                  "Trunk lines: a call finding this many calls in the system is blocked");
  cmd->add_option("--concurrency", f->concurrency,
                  "Chat: the most chats an agent handles at once (new chats go to the agent "
                  "holding the fewest)");
  cmd->add_option("--aht-by-concurrency", f->aht_by_concurrency,
                  "Chat: handle time of a chat at 1, 2, ..., k concurrent chats, e.g. 3m,3.5m,4m "
                  "(scaled to each interval's AHT, the time of a chat alone)");
  cmd->add_option("--outbound-threshold", f->outbound_threshold,
                  "Blend: an agent with no call waiting starts outbound work while this many "
                  "agents stay idle");
  cmd->add_option("--outbound-aht", f->outbound_aht,
                  "Blend: mean outbound handle time (default: each interval's AHT)");
  cmd->add_option("--redial-prob", f->redial_prob,
                  "Probability an abandoning (or blocked) caller calls again");
  cmd->add_option("--redial-delay", f->redial_delay, "Mean delay before a redial (default 300s)");
  cmd->add_option("--rate-cv", f->rate_cv,
                  "Overdispersion: CV of a gamma multiplier on the arrival rate (default 0)");
  cmd->add_option("--rate-noise", f->rate_noise, "per-day (default) or per-interval multiplier");
  cmd->add_option("--out,-o", f->out, "Per-interval CSV (means and 95% half-widths)");
  cmd->add_option("--daily-out", f->daily_out, "Per queue-day totals CSV");
  cmd->add_option("--calls-out", f->calls_out,
                  "Per-call records CSV (every replication; large: only when asked)");
  cmd->add_flag("--json", f->json, "Print one JSON object; its total member has the run's figures");
  cmd->callback([f, &action] { action = [f] { return run_simulate(*f); }; });
}

}  // namespace wfm::cli
