#include "cli/staffing_flags.hpp"

#include <cmath>
#include <iostream>

#include <fmt/format.h>

#include "wfm/core/error.hpp"
#include "wfm/core/time.hpp"
#include "wfm/io/number.hpp"
#include "wfm/staffing/registry.hpp"

namespace wfm::cli {

using core::Location;

double parse_number_flag(const std::string& text, const char* flag) {
  const auto v = io::parse_double(io::trim(text));
  WFM_REQUIRE(v && std::isfinite(*v), core::at_flag(flag), "expected a number, got {}",
              io::quote_for_message(text));
  return *v;
}

double parse_fraction_flag(const std::string& text, const char* flag) {
  auto t = std::string(io::trim(text));
  double scale = 1;
  if (!t.empty() && t.back() == '%') {
    t.pop_back();
    scale = 0.01;
  }
  const auto v = io::parse_double(t);
  WFM_REQUIRE(v && std::isfinite(*v), core::at_flag(flag),
              "expected a fraction such as 0.8 or 80%, got {}", io::quote_for_message(text));
  return *v * scale;
}

double parse_duration_flag(const std::string& text, const char* flag) {
  const auto v = core::parse_duration_s(text);
  WFM_REQUIRE(v.has_value(), core::at_flag(flag),
              "expected a duration >= 0 such as 20, 20s, 1.5m or 1h, got {}",
              io::quote_for_message(text));
  return *v;
}

staffing::BusinessHours parse_business_hours_flags(const std::string& open,
                                                   const std::string& days) {
  staffing::BusinessHours hours;
  const auto o = staffing::parse_open_hours(open);
  WFM_REQUIRE(o.has_value(), core::at_flag("--open"),
              "expected opening hours HH:MM-HH:MM with opening before closing, e.g. 08:00-18:00, "
              "got {}",
              io::quote_for_message(open));
  hours.open_s = o->first;
  hours.close_s = o->second;
  const auto d = staffing::parse_open_days(days);
  WFM_REQUIRE(d.has_value(), core::at_flag("--days"),
              "expected days like mon-fri or mon,wed,fri, got {}", io::quote_for_message(days));
  hours.open_days = *d;
  return hours;
}

int parse_replications_flag(const std::string& text) {
  const double reps = parse_number_flag(text, "--replications");
  WFM_REQUIRE(reps == std::floor(reps) && reps >= 2 && reps <= 1e6, core::at_flag("--replications"),
              "expected a whole number from 2 to 1000000, got {}", text);
  return static_cast<int>(reps);
}

std::uint64_t parse_seed_flag(const std::string& text) {
  const double seed = parse_number_flag(text, "--seed");
  WFM_REQUIRE(seed >= 0 && seed == std::floor(seed) && seed < 9.007e15, core::at_flag("--seed"),
              "expected a whole number >= 0, got {}", text);
  return static_cast<std::uint64_t>(seed);
}

void add_staffing_flags(CLI::App& cmd, StaffingFlags& f) {
  cmd.add_option(
      "--model", f.model,
      "erlang-b (loss), erlang-c (default), erlang-a (with abandonment; the default "
      "when --patience is given), erlang-x (lines, patience, redials, forecast "
      "variance), chat (concurrent chats per agent) or blend (inbound calls plus outbound "
      "work taken while --outbound-threshold agents stay idle)");
  cmd.add_option("--patience", f.patience,
                 "Erlang A, X and chat: mean caller patience (exponential), e.g. 120s or 2m");
  cmd.add_option("--lines", f.lines,
                 "Erlang X: lines (trunks) N >= agents; a call finding all N busy is blocked "
                 "(default: no limit)");
  cmd.add_option("--redial-prob", f.redial_prob,
                 "Erlang X: probability that a blocked or abandoning caller redials, in [0, 1)");
  cmd.add_option("--redial-delay", f.redial_delay,
                 "Erlang X: mean delay before a redial, e.g. 5m (required with --redial-prob)");
  cmd.add_option("--forecast-cv", f.forecast_cv,
                 "Erlang X: coefficient of variation of the forecast call volume (gamma), in "
                 "[0, 1], e.g. 0.1 (default 0)");
  cmd.add_option("--concurrency", f.concurrency, "chat: the most chats an agent handles at once");
  cmd.add_option("--aht-by-concurrency", f.aht_by_concurrency,
                 "chat: handle time of a chat at 1, 2, ..., k concurrent chats, e.g. 3m,3.5m,4m "
                 "(scaled by --aht / the first; default: the same at every concurrency)");
  cmd.add_option("--outbound-threshold", f.outbound_threshold,
                 "blend: idle agents kept for inbound calls; a freed agent with no call waiting "
                 "starts outbound work only if at least this many stay idle (0: always)");
  cmd.add_option("--outbound-aht", f.outbound_aht,
                 "blend: mean handle time of an outbound job, e.g. 5m (default: --aht)");
  cmd.add_option("--sl", f.sl, "Target service level, e.g. 0.8 or 80%");
  cmd.add_option("--threshold", f.threshold, "Service level threshold T, e.g. 20s (default 20s)");
  cmd.add_option("--sl-definition", f.sl_definition,
                 "offered (answered within T / offered; default), answered (/ answered), "
                 "offered-less-short-abandons (/ (offered - abandoned within T)), "
                 "abandons-within-t-met ((answered + abandoned within T) / offered)");
  cmd.add_option("--max-asa", f.max_asa, "Target: maximum ASA (mean wait of answered calls)");
  cmd.add_option("--max-abandon", f.max_abandon,
                 "Target: maximum abandonment rate, e.g. 0.05 (Erlang A)");
  cmd.add_option("--max-occupancy", f.max_occupancy, "Target: maximum occupancy, e.g. 0.85");
  cmd.add_option("--max-blocking", f.max_blocking,
                 "Target: maximum blocking probability (Erlang B lines)");
  cmd.add_option("--min-outbound", f.min_outbound,
                 "Target (blend): minimum outbound jobs completed per hour, e.g. 150");
  cmd.add_option("--shrinkage", f.shrinkage,
                 "Share of paid time not available for calls, in [0, 1): scheduled agents = "
                 "ceil(agents / (1 - shrinkage)) (default 0)");
  cmd.add_option("--min-agents", f.min_agents, "Floor on required agents (also for zero volume)");
  cmd.add_option("--max-agents", f.max_agents,
                 "Cap on the search; above it the answer is flagged infeasible (default "
                 "20 x load + 1000)");
  cmd.add_flag("--fractional", f.fractional,
               "Continuous agents (the continuous extension of Erlang B/C/A) instead of whole "
               "agents; scheduled agents are then not rounded either");
}

void parse_chat_flags(const std::string& concurrency, const std::string& aht_by_concurrency,
                      staffing::EngineSpec& spec) {
  if (!concurrency.empty()) {
    const double k = parse_number_flag(concurrency, "--concurrency");
    WFM_REQUIRE(k >= 1 && k <= 20 && k == std::floor(k), core::at_flag("--concurrency"),
                "expected a whole number of chats from 1 to 20, got {}", concurrency);
    spec.concurrency = static_cast<int>(k);
  }
  if (!aht_by_concurrency.empty()) {
    std::string_view rest = aht_by_concurrency;
    while (true) {
      const auto comma = rest.find(',');
      const std::string item(io::trim(rest.substr(0, comma)));
      const double h = parse_duration_flag(item, "--aht-by-concurrency");
      WFM_REQUIRE(h > 0, core::at_flag("--aht-by-concurrency"),
                  "expected handle times > 0 such as 3m,3.5m,4m, got {}",
                  io::quote_for_message(item));
      spec.aht_by_concurrency_s.push_back(h);
      if (comma == std::string_view::npos) break;
      rest = rest.substr(comma + 1);
    }
  }
}

void parse_blend_flags(const std::string& outbound_threshold, const std::string& outbound_aht,
                       staffing::EngineSpec& spec) {
  if (!outbound_threshold.empty()) {
    const double k = parse_number_flag(outbound_threshold, "--outbound-threshold");
    WFM_REQUIRE(k >= 0 && k <= 1e6 && k == std::floor(k), core::at_flag("--outbound-threshold"),
                "expected a whole number of idle agents from 0 to 1000000, got {}",
                outbound_threshold);
    spec.outbound_threshold = static_cast<int>(k);
  }
  if (!outbound_aht.empty()) {
    spec.outbound_aht_s = parse_duration_flag(outbound_aht, "--outbound-aht");
    WFM_REQUIRE(*spec.outbound_aht_s > 0, core::at_flag("--outbound-aht"),
                "expected a duration > 0, got {}", outbound_aht);
  }
}

staffing::EngineSpec engine_spec(const StaffingFlags& f, std::optional<double> patience_s) {
  staffing::EngineSpec spec;
  spec.model = f.model;
  spec.patience_s = patience_s;
  if (!f.lines.empty()) {
    spec.lines = parse_number_flag(f.lines, "--lines");
    WFM_REQUIRE(*spec.lines >= 1 && *spec.lines == std::floor(*spec.lines) && *spec.lines <= 1e7,
                core::at_flag("--lines"),
                "expected a whole number of lines from 1 to 10000000, got {}", f.lines);
  }
  if (!f.redial_prob.empty())
    spec.redial_prob = parse_fraction_flag(f.redial_prob, "--redial-prob");
  if (!f.redial_delay.empty())
    spec.redial_delay_s = parse_duration_flag(f.redial_delay, "--redial-delay");
  if (!f.forecast_cv.empty())
    spec.forecast_cv = parse_fraction_flag(f.forecast_cv, "--forecast-cv");
  parse_blend_flags(f.outbound_threshold, f.outbound_aht, spec);
  parse_chat_flags(f.concurrency, f.aht_by_concurrency, spec);
  return spec;
}

StaffingSettings to_settings(const StaffingFlags& f, bool require_targets) {
  StaffingSettings s;
  if (!f.patience.empty()) {
    s.patience_s = parse_duration_flag(f.patience, "--patience");
    WFM_REQUIRE(*s.patience_s > 0, core::at_flag("--patience"),
                "expected a mean patience > 0, got {}", f.patience);
  }
  s.engine = staffing::make_engine(engine_spec(f, s.patience_s), core::at_flag("--model"),
                                   core::at_flag("--patience"));
  auto& t = s.targets;
  t.measure.threshold_s = parse_duration_flag(f.threshold, "--threshold");
  t.measure.definition = parse_sl_definition_flag(f.sl_definition);
  if (!f.sl.empty()) t.service_level = parse_fraction_flag(f.sl, "--sl");
  if (!f.max_asa.empty()) t.max_asa_s = parse_duration_flag(f.max_asa, "--max-asa");
  if (!f.max_abandon.empty())
    t.max_abandon_rate = parse_fraction_flag(f.max_abandon, "--max-abandon");
  if (!f.max_occupancy.empty())
    t.max_occupancy = parse_fraction_flag(f.max_occupancy, "--max-occupancy");
  if (!f.max_blocking.empty())
    t.max_blocking = parse_fraction_flag(f.max_blocking, "--max-blocking");
  if (!f.min_outbound.empty())
    t.min_outbound_per_hour = parse_number_flag(f.min_outbound, "--min-outbound");
  s.shrinkage = parse_fraction_flag(f.shrinkage, "--shrinkage");
  WFM_REQUIRE(s.shrinkage >= 0 && s.shrinkage < 1, core::at_flag("--shrinkage"),
              "expected a fraction in [0, 1), got {}", f.shrinkage);
  s.solve.fractional = f.fractional;
  if (!f.min_agents.empty()) s.solve.min_agents = parse_number_flag(f.min_agents, "--min-agents");
  if (!f.max_agents.empty()) s.solve.max_agents = parse_number_flag(f.max_agents, "--max-agents");
  if (require_targets || !t.empty()) staffing::validate_targets(*s.engine, t, s.solve);
  return s;
}

void warn_aht_flag_vs_file(const core::IntervalTable& table, const std::string& aht_flag,
                           const char* command) {
  if (!table.has_aht) return;
  std::size_t blank = 0;
  for (const auto& q : table.queues) {
    for (const auto& r : q.intervals) blank += r.aht_s ? 0 : 1;
  }
  std::cerr << fmt::format(
      "wfm {}: warning: {} has an aht_s column, which wins: --aht {} is used only for the {} of {} "
      "intervals without an aht_s value\n",
      command, table.source, aht_flag, blank, table.interval_count());
}

staffing::SlDefinition parse_sl_definition_flag(const std::string& text) {
  const auto def = staffing::parse_sl_definition(text);
  WFM_REQUIRE(def.has_value(), core::at_flag("--sl-definition"),
              "expected offered, answered, offered-less-short-abandons or abandons-within-t-met, "
              "got {}",
              io::quote_for_message(text));
  return *def;
}

}  // namespace wfm::cli
