// `wfm kpi`: contact records (an ACD/CRM export read through a mapping file) -> KPIs per interval,
// day, week or month, queue and agent, with every definition's parameters printed with the
// report. A thin layer: flags -> kpi::KpiOptions -> kpi::build_kpi_report -> kpi::write_report.
// The report is built whole before anything is written: to --out through an AtomicFileWriter, or
// to stdout, so a failed run writes nothing. Definitions: docs/kpi.md; formats: docs/formats.md.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/contact_flags.hpp"
#include "cli/reader_flags.hpp"
#include "cli/staffing_flags.hpp"
#include "cli/timezone_flag.hpp"
#include "wfm/core/error.hpp"
#include "wfm/io/atomic_file.hpp"
#include "wfm/io/interval_csv.hpp"
#include "wfm/io/number.hpp"
#include "wfm/kpi/agent_states.hpp"
#include "wfm/kpi/report.hpp"
#include "wfm/kpi/report_format.hpp"

namespace wfm::cli {
namespace {

using core::Location;

struct KpiFlags {
  std::string contacts;
  std::string mapping;
  std::string states;
  std::string schedule;
  std::string forecast;
  ReaderFlags forecast_reader;
  std::string by;
  std::string interval = "15m";
  std::string sl_threshold = "20s";
  std::string sl_definition = "offered";
  std::string short_abandon;
  std::string short_abandon_policy = "exclude";
  std::string aht_parts = "talk,hold,acw";
  std::string fcr_window = "24h";
  std::string fcr_scope = "any";
  std::string fcr_method = "both";
  std::string utilization_exclude;
  std::string cost_per_hour;
  std::string compare;
  std::string format = "table";
  std::string out;
  std::string timezone;
  bool skip_bad_rows = false;
  bool drop_duplicates = false;
};

kpi::KpiOptions to_options(const KpiFlags& f) {
  kpi::KpiOptions o;
  for (const auto& item : split_list(f.by)) {
    const auto d = kpi::parse_dimension(item);
    WFM_REQUIRE(d.has_value(), core::at_flag("--by"),
                "expected a list of interval, day, week, month, queue, agent, got {}",
                io::quote_for_message(item));
    o.by.push_back(*d);
  }
  o.interval_s = interval_flag_s(f.interval, "--interval");
  o.sl_threshold_s = parse_duration_flag(f.sl_threshold, "--sl-threshold");
  const auto def = staffing::parse_sl_definition(f.sl_definition);
  WFM_REQUIRE(def.has_value(), core::at_flag("--sl-definition"),
              "expected offered, answered, offered-less-short-abandons or abandons-within-t-met, "
              "got {}",
              io::quote_for_message(f.sl_definition));
  o.sl_definition = *def;
  if (!f.short_abandon.empty()) {
    o.short_abandon_s = parse_duration_flag(f.short_abandon, "--short-abandon");
  }
  const auto policy = kpi::parse_short_abandon_policy(f.short_abandon_policy);
  WFM_REQUIRE(policy.has_value(), core::at_flag("--short-abandon-policy"),
              "expected exclude or count, got {}", io::quote_for_message(f.short_abandon_policy));
  o.short_abandon_policy = *policy;
  o.aht = parse_aht_parts(f.aht_parts, "--aht-parts");
  o.fcr_window_s = parse_duration_flag(f.fcr_window, "--fcr-window");
  const auto scope = kpi::parse_fcr_scope(f.fcr_scope);
  WFM_REQUIRE(scope.has_value(), core::at_flag("--fcr-scope"), "expected any or queue, got {}",
              io::quote_for_message(f.fcr_scope));
  o.fcr_scope = *scope;
  const auto method = kpi::parse_fcr_method(f.fcr_method);
  WFM_REQUIRE(method.has_value(), core::at_flag("--fcr-method"),
              "expected repeat, flag or both, got {}", io::quote_for_message(f.fcr_method));
  o.fcr_method = *method;
  for (const auto& item : split_list(f.utilization_exclude)) {
    const auto s = kpi::parse_agent_state(item);
    WFM_REQUIRE(s && *s != kpi::AgentState::on_contact && *s != kpi::AgentState::acw &&
                    *s != kpi::AgentState::offline,
                core::at_flag("--utilization-exclude"),
                "expected states among available, break, training, meeting, got {}",
                io::quote_for_message(item));
    o.utilization_excludes[static_cast<std::size_t>(*s)] = true;
  }
  if (!f.cost_per_hour.empty()) {
    o.cost_per_hour = parse_number_flag(f.cost_per_hour, "--cost-per-hour");
  }
  if (!f.compare.empty()) {
    WFM_REQUIRE(f.compare == "previous", core::at_flag("--compare"), "expected previous, got {}",
                io::quote_for_message(f.compare));
    o.compare_previous = true;
  }
  o.skip_bad_rows = f.skip_bad_rows;
  o.drop_duplicates = f.drop_duplicates;
  o.validate();
  return o;
}

int run_kpi(const KpiFlags& f) {
  const kpi::KpiOptions options = to_options(f);
  const auto format = kpi::parse_report_format(f.format);
  WFM_REQUIRE(format.has_value(), core::at_flag("--format"),
              "expected table, csv, json or markdown, got {}", io::quote_for_message(f.format));
  WFM_REQUIRE(options.cost_per_hour.has_value() <= !f.states.empty(),
              core::at_flag("--cost-per-hour"),
              "cost per contact needs agent hours: give --states (and optionally --schedule)");
  kpi::ContactMapping mapping = load_contact_mapping(f.mapping);
  if (auto zone = parse_timezone_flag(f.timezone)) mapping.time_zone = std::move(zone);
  std::optional<kpi::TimelineFile> states, schedule;
  std::optional<core::IntervalTable> forecast;
  kpi::TimelineOptions timelines;
  timelines.time_zone = mapping.time_zone;
  if (!f.states.empty()) {
    states = kpi::load_timelines(f.states, kpi::TimelineKind::states, timelines);
  }
  if (!f.schedule.empty()) {
    WFM_REQUIRE(!f.states.empty(), core::at_flag("--schedule"),
                "adherence compares the schedule with agent states: give --states too");
    schedule = kpi::load_timelines(f.schedule, kpi::TimelineKind::schedule, timelines);
  }
  if (!f.forecast.empty()) {
    io::IntervalCsvOptions csv;
    csv.reader = reader_options(f.forecast_reader);
    csv.time_zone = mapping.time_zone;
    forecast = read_with_reader_flags(f.forecast_reader,
                                      [&] { return io::load_interval_table(f.forecast, csv); });
  }
  kpi::KpiSources sources;
  sources.states = states ? &*states : nullptr;
  sources.schedule = schedule ? &*schedule : nullptr;
  sources.forecast = forecast ? &*forecast : nullptr;

  std::ifstream in = open_input(f.contacts, "--contacts");
  const kpi::KpiReport report = kpi::build_kpi_report(in, f.contacts, mapping, options, sources);
  if (report.read.bad_rows > 0) {
    std::cerr << "wfm kpi: warning: skipped " << report.read.bad_rows
              << " bad rows (--skip-bad-rows); they are listed in the report's notes\n";
  }
  if (const auto d = kpi::describe_duplicates(report.read); !d.empty()) {
    std::cerr << "wfm kpi: WARNING: " << d << "\n";
  }
  if (f.out.empty()) {
    std::ostringstream text;
    kpi::write_report(report, *format, text);
    std::cout << text.str();
    return 0;
  }
  io::AtomicFileWriter file(f.out);
  kpi::write_report(report, *format, file.stream());
  file.commit();
  std::cout << "wfm kpi: " << report.read.contacts << " contacts from " << f.contacts << " ("
            << report.rows.size() << " report rows), written to " << f.out << "\n";
  return 0;
}

}  // namespace

void add_kpi_command(CLI::App& app, Action& action) {
  auto flags = std::make_shared<KpiFlags>();
  auto* cmd = app.add_subcommand(
      "kpi",
      "Contact-center KPIs from contact records (service level, ASA, abandonment, AHT, FCR, "
      "CSAT, NPS, CES, occupancy, utilization, shrinkage, adherence, cost, forecast accuracy) "
      "by interval/day/week/month/queue/agent; definitions in docs/kpi.md.");
  cmd->add_option("--contacts", flags->contacts, "Contact records CSV (required)");
  cmd->add_option("--mapping", flags->mapping,
                  "Mapping file (TOML) for the export's columns, times and codes (default: the "
                  "generic format, docs/formats.md)");
  cmd->add_option("--states", flags->states, "Agent states CSV: agent,state,start,end");
  cmd->add_option("--schedule", flags->schedule, "Schedule CSV: agent,activity,start,end");
  cmd->add_option("--forecast", flags->forecast,
                  "Forecast in the interval format (calls or offered per queue and interval)");
  add_reader_flags(*cmd, flags->forecast_reader, "--forecast (an interval file)", "forecast-");
  cmd->add_option("--by", flags->by,
                  "Group by: a list of interval, day, week, month, queue, agent (default: total)");
  cmd->add_option("--interval", flags->interval, "Interval length for --by interval (default 15m)");
  cmd->add_option("--sl-threshold", flags->sl_threshold, "Service-level threshold (default 20s)");
  cmd->add_option(
      "--sl-definition", flags->sl_definition,
      "offered (default), answered, offered-less-short-abandons, abandons-within-t-met");
  cmd->add_option("--short-abandon", flags->short_abandon,
                  "Abandons within this wait are short abandons (default: none)");
  cmd->add_option("--short-abandon-policy", flags->short_abandon_policy,
                  "exclude (default: left out of the abandonment rate) or count");
  cmd->add_option("--aht-parts", flags->aht_parts,
                  "What AHT includes: a list of talk, hold, acw (default all three)");
  cmd->add_option("--fcr-window", flags->fcr_window,
                  "A contact of the same customer within this time is a repeat (default 24h)");
  cmd->add_option("--fcr-scope", flags->fcr_scope,
                  "Repeats in any queue (default) or the same queue");
  cmd->add_option("--fcr-method", flags->fcr_method,
                  "repeat, flag (the export's resolved flag) or both (default)");
  cmd->add_option("--utilization-exclude", flags->utilization_exclude,
                  "States left out of the utilization denominator, e.g. training,meeting");
  cmd->add_option("--cost-per-hour", flags->cost_per_hour,
                  "Cost of a paid agent-hour, for cost per contact (needs --states)");
  cmd->add_option("--compare", flags->compare,
                  "previous: add <kpi>_delta columns against the previous period");
  cmd->add_option("--format", flags->format, "table (default), csv, json or markdown");
  cmd->add_option("--out,-o", flags->out, "Write the report to this file (atomically)");
  add_timezone_flag(*cmd, flags->timezone,
                    "the contact, agent-state, schedule and forecast times, for durations across "
                    "daylight-saving changes (overrides the mapping's format.timezone)");
  cmd->add_flag("--drop-duplicates", flags->drop_duplicates,
                "Count only the first row of each contact id (duplicates are reported either way)");
  cmd->add_flag("--skip-bad-rows", flags->skip_bad_rows,
                "Report without rows that cannot be read (counted and listed) instead of stopping");
  cmd->callback([flags, &action] { action = [flags] { return run_kpi(*flags); }; });
}

}  // namespace wfm::cli
