// `wfm erlang`: one interval. Either evaluates a given number of agents (--agents) or finds the
// fewest agents meeting the targets, with any of the Erlang B, C and A engines.
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/result_format.hpp"
#include "cli/staffing_flags.hpp"
#include "wfm/core/error.hpp"
#include "wfm/pipeline/outputs.hpp"

namespace wfm::cli {
namespace {

using core::Location;

struct ErlangFlags {
  std::string calls;
  std::string interval = "1800";
  std::string aht;
  std::string agents;
  bool json = false;
  StaffingFlags staffing;
};

int run_erlang(const ErlangFlags& f) {
  staffing::IntervalLoad load;
  WFM_REQUIRE(!f.calls.empty(), core::at_flag("--calls"),
              "required: calls offered in the interval");
  // chat: the handle time of a chat alone defaults to the first of --aht-by-concurrency.
  std::string aht = f.aht;
  if (aht.empty() && f.staffing.model == "chat" && !f.staffing.aht_by_concurrency.empty()) {
    aht = f.staffing.aht_by_concurrency.substr(0, f.staffing.aht_by_concurrency.find(','));
  }
  WFM_REQUIRE(!aht.empty(), core::at_flag("--aht"), "required: average handle time, e.g. 180s");
  load.calls = parse_number_flag(f.calls, "--calls");
  WFM_REQUIRE(load.calls >= 0, core::at_flag("--calls"), "expected a number >= 0, got {}", f.calls);
  load.interval_s = parse_duration_flag(f.interval, "--interval");
  WFM_REQUIRE(load.interval_s > 0, core::at_flag("--interval"), "expected a duration > 0, got {}",
              f.interval);
  load.aht_s = parse_duration_flag(aht, "--aht");
  WFM_REQUIRE(load.aht_s > 0, core::at_flag("--aht"), "expected a duration > 0, got {}", aht);
  staffing::require_supported_load(load, core::at_flag("--calls"));

  const bool evaluate = !f.agents.empty();
  const StaffingSettings s = to_settings(f.staffing, !evaluate);
  staffing::StaffingResult r;
  if (evaluate) {
    const double agents = parse_number_flag(f.agents, "--agents");
    WFM_REQUIRE(agents >= 0 && (s.engine->supports_fractional() || agents == std::floor(agents)),
                core::at_flag("--agents"), "expected a number of agents >= 0{}, got {}",
                s.engine->supports_fractional() ? "" : " (whole agents)", f.agents);
    if (const auto most = s.engine->max_agents()) {
      WFM_REQUIRE(agents <= *most, core::at_flag("--agents"),
                  "{} agents need at least as many lines, got --lines {:g}", f.agents, *most);
    }
    r = s.engine->evaluate(load, agents, s.targets.measure);
    // With no target there is nothing to meet (JSON null; the text output leaves the line out).
    r.feasible = !s.targets.empty() && staffing::meets_targets(r, s.targets);
  } else {
    r = staffing::solve(*s.engine, load, s.targets, s.solve);
  }
  const double scheduled = staffing::scheduled_agents(r.agents, s.shrinkage, s.solve.fractional);
  const bool loss = s.engine->is_loss_system();
  const bool abandonment = s.engine->models_abandonment();

  if (f.json) {
    nlohmann::json j =
        pipeline::interval_json(load, r, s.targets, s.patience_s, s.shrinkage, scheduled);
    std::cout << j.dump(2) << "\n";
    return 0;
  }
  std::vector<std::pair<std::string, std::string>> rows = {
      {"model", std::string(r.model)},
      {"offered load", human(r.offered_load) + " Erlangs (" + human(load.calls) + " calls x " +
                           human(load.aht_s) + " s / " + human(load.interval_s) + " s)"},
      {evaluate ? "agents" : "required agents", human(r.agents, 10)},
      {"scheduled agents", human(scheduled, 10) + " (shrinkage " + human(s.shrinkage) + ")"},
  };
  if (loss) {
    rows.push_back({"blocking", human(r.blocking)});
  } else {
    rows.push_back({"service level",
                    human(r.service_level) + " within " + human(s.targets.measure.threshold_s) +
                        " s (" + std::string(staffing::to_string(s.targets.measure.definition)) +
                        ")"});
    if (r.virtual_service_level) {
      rows.push_back({"virtual service level",
                      human(*r.virtual_service_level) + " (reach an agent within " +
                          human(s.targets.measure.threshold_s) + " s if patient enough)"});
    }
    if (s.engine->models_blocking()) rows.push_back({"blocking", human(r.blocking)});
    rows.push_back({"P(wait)", human(r.p_wait)});
    rows.push_back({"ASA", human(r.asa_s) + " s"});
    if (abandonment) rows.push_back({"abandonment", human(r.abandon_rate)});
    rows.push_back({"mean queue length", human(r.mean_queue_length)});
  }
  if (r.outbound) {
    rows.push_back({"occupancy (inbound)", human(r.occupancy)});
    rows.push_back({"outbound per hour", human(r.outbound->per_hour) + " jobs"});
    rows.push_back(
        {"total occupancy", human(r.outbound->total_occupancy) + " (inbound + outbound)"});
  } else {
    rows.push_back({"occupancy", human(r.occupancy)});
  }
  if (!r.stable)
    rows.push_back({"stable", "NO: agents <= offered load, the queue grows without bound"});
  if (!s.targets.empty()) rows.push_back({"meets targets", r.feasible ? "yes" : "NO"});
  std::cout << format_table(rows);
  return 0;
}

}  // namespace

void add_erlang_command(CLI::App& app, Action& action) {
  auto flags = std::make_shared<ErlangFlags>();
  auto* cmd = app.add_subcommand(
      "erlang",
      "One interval: the fewest agents meeting the targets, or (with --agents) what a number of "
      "agents delivers. Durations take units (20, 20s, 1.5m, 1h; bare numbers are seconds).");
  cmd->add_option("--calls", flags->calls, "Calls offered in the interval (required)");
  cmd->add_option("--interval", flags->interval, "Interval length, e.g. 1800, 30m (default 1800s)");
  cmd->add_option("--aht", flags->aht,
                  "Average handle time: talk + hold + after-call work (required)");
  cmd->add_option("--agents", flags->agents,
                  "Evaluate this many agents (lines for erlang-b) instead of solving");
  cmd->add_flag("--json", flags->json, "Print one JSON object (full double precision)");
  add_staffing_flags(*cmd, flags->staffing);
  cmd->callback([flags, &action] { action = [flags] { return run_erlang(*flags); }; });
}

}  // namespace wfm::cli
