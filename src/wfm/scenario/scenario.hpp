// A scenario: everything a planning run needs, from the history (or a demand file) to the service
// targets, shrinkage, staffing method, simulation check, cost, long-range capacity and outputs.
//
// Plain data, as QuantLib's instruments are: load.hpp fills it from a TOML scenario file (with
// `extends` inheritance, docs in scenarios/README.md), `validate` checks ranges and the rules
// between settings, and the commands (`wfm plan`, `wfm whatif`, `wfm capacity`) read it. Paths
// are already resolved relative to the directory of the file that set them. Every setting read
// from a file is listed in `origins` (dotted key -> file and line), so an error found later still
// names the file and line it came from. Tested in tests/unit/scenario/scenario_test.cpp.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "wfm/core/error.hpp"
#include "wfm/core/opening_hours.hpp"
#include "wfm/io/interval_csv.hpp"
#include "wfm/staffing/registry.hpp"
#include "wfm/staffing/solver.hpp"

namespace wfm::scenario {

// The shrinkage categories of [shrinkage], in this order in Shrinkage::categories.
inline constexpr std::array<std::string_view, 6> shrinkage_categories = {
    "breaks", "training", "absence", "meetings", "coaching", "other"};

// The days of [hours], Monday first (the index into WeekHours::days).
inline constexpr std::array<std::string_view, 7> weekdays = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};

// [history] or [demand]: an interval CSV (docs/formats.md) and how to read it.
struct DataSource {
  std::string file;                   // resolved path; empty: not given
  std::string mapping;                // resolved path of a reader mapping file; empty: none
  std::string delimiter;              // as given (";", "tab"); empty: the mapping's or ','
  std::optional<bool> decimal_comma;  // absent: the mapping's or false
  std::string time_format;            // as given; empty: the mapping's or iso
  std::map<std::string, std::string> columns;  // field -> column, over the mapping's columns
  io::GapPolicy gaps = io::GapPolicy::allow;   // "allow" | "error"
  std::vector<std::string> queues;             // only these queues; empty: every queue
  // The scenario's top-level `timezone` (the same for [history] and [demand]); absent: none.
  std::optional<core::TimeZone> time_zone;

  // The reader options (the mapping file read, then the keys above applied) and gaps. Throws
  // core::InputError for a bad mapping file (the keys were checked when the scenario was loaded).
  io::IntervalCsvOptions csv_options() const;
};

enum class OutlierPolicy { off, downweight };

// [forecast]: how demand is forecast from the history (unused when [demand] file is given).
struct ForecastSettings {
  std::string method = "auto";                   // "auto" or one of forecast::method_names()
  int horizon_days = 14;                         // days forecast, >= 1 ("14d")
  std::optional<std::chrono::local_days> start;  // first day; default: the day after the history
  std::vector<double> levels = {80, 95};  // prediction-interval levels, %, 0 < l < 100, increasing
  std::string special_days;               // resolved path of a special-days file; empty: none
  OutlierPolicy outliers = OutlierPolicy::off;  // "off" | "downweight"
};

// [hours]: intervals outside the opening hours are not staffed (core/opening_hours.hpp, the
// definition `wfm staff --open --days` uses too). A day not given takes [hours] default, which
// is 08:00-20:00 when not given either.
using DayHours = core::DayHours;
using WeekHours = core::WeekHours;
inline constexpr DayHours default_day_hours{8 * 60, 20 * 60};

enum class StaffingMethod { erlang_c, erlang_a, sim };
std::string_view to_string(StaffingMethod m);  // "erlang-c", "erlang-a", "sim"
std::optional<StaffingMethod> parse_staffing_method(std::string_view text);

// [assumptions]: adjustments to the forecast (or demand) before staffing.
struct Assumptions {
  std::optional<double> aht_s;  // handle time, seconds, > 0; absent: the forecast's (history's)
  double aht_adjust_s = 0;      // seconds added to every interval's AHT (may be negative)
  double volume_factor = 1;     // multiplies every interval's calls, > 0
  std::optional<double> patience_s;  // mean patience, seconds, > 0 (Erlang A and simulation)
};

// [shrinkage]: the fraction of paid time agents are not available to take calls. Given either as
// `total` or by category; the categories are fractions of paid time and add up (breaks 0.1 and
// training 0.05 = 0.15 in total), which must stay below 1.
struct Shrinkage {
  std::optional<double> total_given;   // [shrinkage] total; absent: the categories
  std::array<double, 6> categories{};  // fractions in shrinkage_categories order, each 0..1

  double total() const;  // total_given, or the sum of the categories
};

// [staffing]: the engine, what to plan for, and the agent limits.
struct StaffingSettings {
  StaffingMethod method = StaffingMethod::erlang_c;  // "erlang-c" | "erlang-a" | "sim"
  // "mean": staff the forecast mean; "upper-80": staff the upper bound of the 80% prediction
  // interval (the level must be one of forecast.levels).
  std::optional<double> plan_for_upper;  // the level, %; absent: "mean"
  double min_agents = 0;                 // floor per interval, agents, >= 0
  std::optional<double> max_agents;      // cap per interval, agents, >= min_agents
  bool fractional = false;               // continuous agents (not with sim)
};

// [simulation]: whether to simulate the plan, and how.
struct SimulationSettings {
  bool check = false;      // simulate the staffing plan to check it
  std::uint64_t seed = 1;  // random seed, reproducible whatever the thread count
  int replications = 30;   // 2 to 1000000
};

// [cost].
struct CostSettings {
  std::optional<double> per_agent_hour;  // cost of one scheduled agent-hour, >= 0; absent: no cost
  std::string currency = "USD";          // label only
};

// [capacity]: the long-range plan (wfm capacity).
struct CapacitySettings {
  int weeks = 52;                            // weeks planned, 1..520
  double hours_per_fte_week = 37.5;          // paid hours of one FTE per week, > 0, <= 168
  std::optional<double> starting_headcount;  // FTE on staff at the start, >= 0
  double attrition_annual = 0;               // fraction of staff leaving per year, [0, 1)
  int hiring_lead_weeks = 0;                 // weeks from the decision to hire to the start
  int training_weeks = 0;                    // weeks a new hire trains before taking calls
  double growth_annual = 0;                  // volume growth per year (0.05 = +5%), > -1
  std::optional<double> max_hires_per_week;  // hiring limit, >= 0; absent: none
};

// [schedule]: shifts with breaks from the plan's required agents (the optimizer of `wfm schedule`,
// docs/scheduling.md). With [simulation] check, the schedule is simulated against the plan's
// demand, and `rounds` re-solves it where the simulated SL misses targets.service_level.
struct ScheduleSettings {
  std::string rules;         // resolved path of the shift rules (TOML); empty: no scheduling
  std::string queue;         // the queue scheduled, "*" for every queue summed; "": the only queue
  double time_limit_s = 60;  // solver time per day, 1 s to 1 day; the best schedule found is kept
  double gap = 0.0001;       // stop a day within this fraction of its bound, [0, 1)
  int rounds = 0;            // simulate-and-re-solve rounds, 0 to 20

  bool enabled() const { return !rules.empty(); }
};

// The channel of a queue ([queues.NAME] channel).
enum class Channel { voice, chat, email };
std::string_view to_string(Channel c);  // "voice", "chat", "email"

// [queues.NAME]: one queue's channel, engine options and targets, so one plan holds voice, chat and
// email queues (docs/plan.md). Queues without a table use [staffing] and [targets].
//  - voice: [staffing] method's engine; with lines, redial_prob, redial_delay or forecast_cv,
//    Erlang X (staffing/erlang_x.hpp); with outbound_threshold, blending (staffing/blend.hpp).
//  - chat: the chat engine (staffing/chat.hpp): concurrency and/or aht_by_concurrency, patience.
//  - email: deferred work (staffing/backlog.hpp): a fraction `target` answered within `within`
//    business hours, worked in `open`/`days` (default: [hours], else around the clock), not on
//    its `closed` dates (nor on the closed days of forecast.special_days when forecasting), with
//    `opening_backlog` waiting at the start.
struct QueueSettings {
  Channel channel = Channel::voice;
  std::optional<double> patience_s;          // mean patience, s; replaces assumptions.patience here
  std::optional<int> concurrency;            // chat: chats per agent
  std::vector<double> aht_by_concurrency_s;  // chat: handle time at 1..k chats, s
  std::optional<double> lines;               // voice: Erlang X lines (trunks)
  std::optional<double> redial_prob;         // voice: Erlang X redial probability
  std::optional<double> redial_delay_s;      // voice: Erlang X mean delay before a redial, s
  std::optional<double> forecast_cv;         // voice: Erlang X forecast coefficient of variation
  std::optional<int> outbound_threshold;     // voice: blend, idle agents kept for inbound
  std::optional<double> outbound_aht_s;      // voice: blend, mean outbound handle time, s
  std::optional<double> within_s;            // email: response time, business seconds
  double target = 1;                         // email: fraction answered within `within`, (0, 1]
  std::optional<WeekHours> email_hours;      // email: `open` on `days`; absent: [hours]
  std::vector<std::chrono::local_days> closed_dates;  // email: `closed`, holidays
  std::string opening_backlog;  // email: resolved path of the opening backlog CSV; empty: none
  staffing::ServiceTargets targets;          // [targets] with [queues.NAME.targets] on top

  bool erlang_x() const { return lines || redial_prob || redial_delay_s || forecast_cv; }
  bool blend() const { return outbound_threshold || outbound_aht_s; }
};

// [outputs].
struct OutputSettings {
  std::string dir;         // output directory; load() defaults it to "out/<scenario file stem>"
  bool report = true;      // write report.html
  bool simulation = true;  // write simulation.csv (when [simulation] check = true)
};

struct Scenario {
  std::string source;              // the scenario file as given
  std::vector<std::string> files;  // the files read, the most basic first, `source` last
  std::string name;                // default: the stem of `source`
  std::string description;

  DataSource history;  // [history]: the interval history to forecast from
  DataSource demand;   // [demand]: a demand/forecast CSV staffed directly, without forecasting
  ForecastSettings forecast;
  std::optional<WeekHours> hours;    // absent: every interval with demand is staffed
  staffing::ServiceTargets targets;  // [targets]; threshold default 20 s, definition "offered"
  Assumptions assumptions;
  Shrinkage shrinkage;
  StaffingSettings staffing;
  SimulationSettings simulation;
  CostSettings cost;
  CapacitySettings capacity;
  ScheduleSettings schedule;
  std::map<std::string, QueueSettings> queues;  // [queues.NAME], by queue name
  OutputSettings outputs;

  // Where each setting read from a file came from: dotted key ("targets.service_level",
  // "history.columns.offered", "hours.monday") -> file and line (field empty).
  std::map<std::string, core::Location> origins;

  // True when a [demand] file is staffed directly (it wins over [history]: see load.hpp).
  bool uses_demand() const { return !demand.file.empty(); }
  // The location of a setting for messages: its origin, or the scenario file without a line.
  core::Location where(std::string_view key) const;
  staffing::SolveOptions solve_options() const;
  // The engine `queue` is staffed with: its [queues.NAME] channel and options, or [staffing]
  // method's (Erlang C; Erlang A when the method models abandonment); not for email queues.
  // `patience_s` replaces the scenario's patience (a what-if's) when given.
  staffing::EngineSpec engine_spec(std::string_view queue,
                                   std::optional<double> patience_s = std::nullopt) const;
  // The targets of `queue`: its [queues.NAME.targets] over [targets], or [targets].
  const staffing::ServiceTargets& targets_for(std::string_view queue) const;
  // The settings of `queue` when it is an email queue; nullptr otherwise.
  const QueueSettings* email_queue(std::string_view queue) const;
  // When an email queue's items are worked: its open/days, else [hours], else around the clock.
  WeekHours email_hours(const QueueSettings& q) const;
};

// Checks every range and every rule between settings (a source is given, at least one target,
// patience for erlang-a and sim, plan_for's level among forecast.levels, abandonment targets only
// with abandonment, ...). Throws core::InputError naming the file and line that set the value:
//   scenarios/base.toml:14: targets.service_level: expected a fraction strictly between 0 and 1,
//   got 80
void validate(const Scenario& scenario);

// Checks that the files the scenario names (history or demand, special days) exist and are
// readable regular files, without reading them. Throws core::InputError.
void check_files(const Scenario& scenario);

}  // namespace wfm::scenario
