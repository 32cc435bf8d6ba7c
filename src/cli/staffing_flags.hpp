// The staffing flags shared by `wfm erlang` and `wfm staff`: model, patience, targets, shrinkage.
// Values are kept as text and converted by to_settings(), so every message names its flag and
// durations accept units ("20", "20s", "0.5m").
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "wfm/core/series.hpp"
#include "wfm/staffing/backlog.hpp"
#include "wfm/staffing/registry.hpp"
#include "wfm/staffing/solver.hpp"

namespace wfm::cli {

struct StaffingFlags {
  // erlang-b | erlang-c | erlang-a | erlang-x | chat | blend; default erlang-c, erlang-a with
  // patience
  std::string model;
  std::string patience;
  std::string sl;
  std::string threshold = "20s";
  std::string sl_definition = "offered";
  std::string max_asa;
  std::string max_abandon;
  std::string max_occupancy;
  std::string max_blocking;
  std::string min_outbound;
  std::string shrinkage = "0";
  std::string min_agents;
  std::string max_agents;
  bool fractional = false;
  // erlang-x and chat options (wfm::staffing::EngineSpec)
  std::string lines;
  std::string redial_prob;
  std::string redial_delay;
  std::string forecast_cv;
  std::string concurrency;
  std::string aht_by_concurrency;
  // blend options
  std::string outbound_threshold;
  std::string outbound_aht;
};

struct StaffingSettings {
  std::unique_ptr<staffing::StaffingEngine> engine;
  std::optional<double> patience_s;
  staffing::ServiceTargets targets;
  staffing::SolveOptions solve;
  double shrinkage = 0;
};

void add_staffing_flags(CLI::App& cmd, StaffingFlags& flags);

// --sl-definition's value (offered, answered, ...); exit 2 naming the flag otherwise.
staffing::SlDefinition parse_sl_definition_flag(const std::string& text);

// --concurrency and --aht-by-concurrency (either may be empty) into spec's chat options; exit 2
// naming the flag for a value that is not a whole number of chats from 1 to 20 or not a list of
// durations > 0.
void parse_chat_flags(const std::string& concurrency, const std::string& aht_by_concurrency,
                      staffing::EngineSpec& spec);

// --outbound-threshold and --outbound-aht (either may be empty) into spec's blend options; exit 2
// naming the flag for a value that is not a whole number of agents >= 0 or a duration > 0.
void parse_blend_flags(const std::string& outbound_threshold, const std::string& outbound_aht,
                       staffing::EngineSpec& spec);

// The engine the model flags name (--model, --lines, --concurrency, --outbound-threshold, ...),
// with `patience_s`.
staffing::EngineSpec engine_spec(const StaffingFlags& flags, std::optional<double> patience_s);

// Checks every flag (InputError naming the flag) and builds the engine and targets.
// require_targets: false for evaluating a given number of agents.
StaffingSettings to_settings(const StaffingFlags& flags, bool require_targets);

// Parses a flag value: a number (optionally with '%': "80%" = 0.8) or a duration.
double parse_fraction_flag(const std::string& text, const char* flag);
double parse_duration_flag(const std::string& text, const char* flag);
double parse_number_flag(const std::string& text, const char* flag);

// --replications: a whole number from 2 to 1,000,000. --seed: a whole number >= 0.
int parse_replications_flag(const std::string& text);
// --open HH:MM-HH:MM and --days mon-fri (wfm backlog, wfm staff): business hours; exit 2 naming
// the flag otherwise.
staffing::BusinessHours parse_business_hours_flags(const std::string& open,
                                                   const std::string& days);
std::uint64_t parse_seed_flag(const std::string& text);

// --aht with a demand file that has an aht_s column: the file's value wins for every interval
// that has one, --aht fills only the blank ones. Says so on stderr (a warning, not an error:
// filling blanks is a legitimate use), with how many intervals take --aht.
void warn_aht_flag_vs_file(const core::IntervalTable& table, const std::string& aht_flag,
                           const char* command);

}  // namespace wfm::cli
