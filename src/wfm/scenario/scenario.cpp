#include "wfm/scenario/scenario.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <fstream>

#include "wfm/core/limits.hpp"
#include "wfm/core/time.hpp"
#include "wfm/forecast/registry.hpp"

namespace wfm::scenario {
namespace {

using core::InputError;
using core::Location;

// Throws an InputError at the key's origin: "file:line: key: message".
template <typename... Args>
void require(bool ok, const Scenario& s, std::string_view key, fmt::format_string<Args...> text,
             Args&&... args) {
  if (ok) return;
  throw InputError(s.where(key),
                   fmt::format("{}: {}", key, fmt::format(text, std::forward<Args>(args)...)));
}

bool finite(double v) {
  return std::isfinite(v);
}

// sim_confidence of [targets] or [queues.NAME.targets] (`wfm staff --sim-confidence`): the
// confidence at which simulation staffing judges its simulated measures (0.5: their means).
void validate_sim_confidence(const Scenario& s, const std::string& table,
                             const staffing::ServiceTargets& t) {
  const std::string key = table + ".sim_confidence";
  require(t.confidence >= 0.5 && t.confidence < 1, s, key,
          "expected a confidence from 0.5 (compare the simulated means) to below 1, got {}",
          t.confidence);
  require(t.confidence == 0.5 || s.staffing.method == StaffingMethod::sim, s, key,
          "simulation staffing judges its simulated measures at this confidence: set "
          "staffing.method = \"sim\" (staffing.method is \"{}\")",
          to_string(s.staffing.method));
}

void validate_source(const Scenario& s) {
  require(!s.history.file.empty() || !s.demand.file.empty(), s, "history.file",
          "missing: give [history] file (an interval history to forecast from) or [demand] file "
          "(a demand file to staff directly)");
  const DataSource& src = s.uses_demand() ? s.demand : s.history;
  const char* table = s.uses_demand() ? "demand" : "history";
  for (const auto& [field, column] : src.columns) {
    const std::string key = fmt::format("{}.columns.{}", table, field);
    require(std::find(io::interval_fields.begin(), io::interval_fields.end(), field) !=
                io::interval_fields.end(),
            s, key, "unknown field '{}'", field);
    require(!column.empty(), s, key, "expected a column name, got an empty string");
  }
  for (std::size_t i = 0; i < src.queues.size(); ++i) {
    const std::string key = fmt::format("{}.queues", table);
    require(!src.queues[i].empty(), s, key, "expected queue names, got an empty name");
    for (std::size_t j = 0; j < i; ++j) {
      require(src.queues[i] != src.queues[j], s, key, "queue '{}' is listed twice", src.queues[i]);
    }
  }
}

void validate_forecast(const Scenario& s) {
  const auto& f = s.forecast;
  auto names = forecast::method_names();
  names.insert(names.begin(), "auto");
  std::string methods;
  for (const auto& m : names) methods += fmt::format("{}{}", methods.empty() ? "" : ", ", m);
  require(std::find(names.begin(), names.end(), f.method) != names.end(), s, "forecast.method",
          "expected one of {}, got \"{}\"", methods, f.method);
  require(f.horizon_days >= 1 && f.horizon_days <= 3660, s, "forecast.horizon",
          "expected a horizon from 1 to 3660 days, got {} days", f.horizon_days);
  require(!f.levels.empty(), s, "forecast.levels", "expected at least one level, such as [80, 95]");
  require(f.levels.back() >= 1, s, "forecast.levels",
          "levels are in percent: write [80, 95], not [0.8, 0.95]");
  for (std::size_t i = 0; i < f.levels.size(); ++i) {
    require(f.levels[i] > 0 && f.levels[i] < 100, s, "forecast.levels",
            "expected levels in percent strictly between 0 and 100, got {}", f.levels[i]);
    // require() evaluates its arguments: levels[i - 1] only exists for i > 0.
    if (i > 0) {
      require(f.levels[i] > f.levels[i - 1], s, "forecast.levels",
              "expected increasing levels, got {} after {}", f.levels[i], f.levels[i - 1]);
    }
  }
}

void validate_hours(const Scenario& s) {
  if (!s.hours) return;
  for (std::size_t d = 0; d < 7; ++d) {
    const auto& h = s.hours->days[d];
    const std::string key = fmt::format("hours.{}", weekdays[d]);
    const bool closed = h.open_min == h.close_min;
    require(closed || (h.open_min >= 0 && h.open_min < h.close_min && h.close_min <= 24 * 60), s,
            key, "expected opening hours like \"08:00-20:00\" (open before close) or \"closed\"");
  }
}

void validate_targets(const Scenario& s) {
  const auto& t = s.targets;
  require(!t.empty(), s, "targets",
          "missing: give at least one target in [targets] (service_level with threshold, max_asa, "
          "max_abandon or max_occupancy)");
  const auto open_unit = [](double v) { return v > 0 && v < 1; };
  const bool abandonment = s.staffing.method != StaffingMethod::erlang_c;
  if (t.service_level) {
    require(open_unit(*t.service_level), s, "targets.service_level",
            "expected a fraction strictly between 0 and 1 (0.8 or \"80%\"), got {}",
            *t.service_level);
  }
  require(t.measure.threshold_s >= 0 && finite(t.measure.threshold_s), s, "targets.threshold",
          "expected a duration >= 0, got {}", t.measure.threshold_s);
  if (t.max_asa_s) {
    require(*t.max_asa_s > 0 && finite(*t.max_asa_s), s, "targets.max_asa",
            "expected a duration > 0, got {}", *t.max_asa_s);
  }
  if (t.max_abandon_rate) {
    require(open_unit(*t.max_abandon_rate), s, "targets.max_abandon",
            "expected a fraction strictly between 0 and 1, got {}", *t.max_abandon_rate);
    require(abandonment, s, "targets.max_abandon",
            "staffing.method = \"erlang-c\" does not model abandonment; use \"erlang-a\" or "
            "\"sim\" with assumptions.patience");
  }
  if (t.max_occupancy) {
    require(*t.max_occupancy > 0 && *t.max_occupancy <= 1, s, "targets.max_occupancy",
            "expected a fraction > 0 and <= 1, got {}", *t.max_occupancy);
  }
  validate_sim_confidence(s, "targets", t);
  if (t.max_blocking) {
    require(open_unit(*t.max_blocking), s, "targets.max_blocking",
            "expected a fraction strictly between 0 and 1, got {}", *t.max_blocking);
    require(false, s, "targets.max_blocking",
            "blocking is the target of a loss system (Erlang B, `wfm erlang --model erlang-b`); "
            "staffing.method \"{}\" queues calls: use service_level or max_asa",
            to_string(s.staffing.method));
  }
}

void validate_assumptions(const Scenario& s) {
  const auto& a = s.assumptions;
  if (a.aht_s) {
    require(*a.aht_s > 0 && finite(*a.aht_s), s, "assumptions.aht_s",
            "expected a handle time > 0 seconds, got {}", *a.aht_s);
    require(*a.aht_s + a.aht_adjust_s > 0, s, "assumptions.aht_adjust_s",
            "aht_s {} + aht_adjust_s {} leaves no handle time", *a.aht_s, a.aht_adjust_s);
  }
  require(finite(a.aht_adjust_s), s, "assumptions.aht_adjust_s", "expected a number of seconds");
  require(a.volume_factor > 0 && finite(a.volume_factor), s, "assumptions.volume_factor",
          "expected a factor > 0, got {}", a.volume_factor);
  if (a.patience_s) {
    require(*a.patience_s > 0 && finite(*a.patience_s), s, "assumptions.patience",
            "expected a mean patience > 0, got {} s", *a.patience_s);
  }
  require(a.patience_s.has_value() || s.staffing.method == StaffingMethod::erlang_c, s,
          "staffing.method",
          "missing assumptions.patience: staffing.method = \"{}\" models abandonment and needs "
          "the callers' mean patience (e.g. patience = \"2m\")",
          to_string(s.staffing.method));
}

void validate_shrinkage(const Scenario& s) {
  const auto& sh = s.shrinkage;
  if (sh.total_given) {
    require(*sh.total_given >= 0 && *sh.total_given < 1, s, "shrinkage.total",
            "expected a fraction >= 0 and < 1, got {}", *sh.total_given);
    return;
  }
  for (std::size_t i = 0; i < sh.categories.size(); ++i) {
    const std::string key = fmt::format("shrinkage.{}", shrinkage_categories[i]);
    require(sh.categories[i] >= 0 && sh.categories[i] < 1, s, key,
            "expected a fraction >= 0 and < 1, got {}", sh.categories[i]);
  }
  // The sum: name the category set last (the one most likely just edited).
  std::string last = "shrinkage";
  std::size_t last_line = 0;
  for (auto c : shrinkage_categories) {
    const std::string key = fmt::format("shrinkage.{}", c);
    const auto it = s.origins.find(key);
    if (it != s.origins.end() && it->second.line >= last_line) {
      last = key;
      last_line = it->second.line;
    }
  }
  require(sh.total() < 1, s, last,
          "the shrinkage categories add up to {:.4g}; the total must stay below 1", sh.total());
}

void validate_staffing(const Scenario& s) {
  const auto& st = s.staffing;
  if (st.plan_for_upper) {
    const auto& levels = s.forecast.levels;
    require(std::find(levels.begin(), levels.end(), *st.plan_for_upper) != levels.end(), s,
            "staffing.plan_for", "level {} is not one of forecast.levels", *st.plan_for_upper);
  }
  require(st.min_agents >= 0 && finite(st.min_agents), s, "staffing.min_agents",
          "expected a number of agents >= 0, got {}", st.min_agents);
  if (st.max_agents) {
    require(*st.max_agents >= st.min_agents && finite(*st.max_agents), s, "staffing.max_agents",
            "expected a number of agents >= min_agents ({}), got {}", st.min_agents,
            *st.max_agents);
  }
  require(!st.fractional || st.method != StaffingMethod::sim, s, "staffing.fractional",
          "staffing.method = \"sim\" staffs whole agents");
}

void validate_rest(const Scenario& s) {
  require(s.simulation.replications >= 2 && s.simulation.replications <= 1'000'000, s,
          "simulation.replications",
          "expected a whole number from 2 to 1000000 (a confidence interval needs 2), got {}",
          s.simulation.replications);
  if (s.cost.per_agent_hour) {
    require(*s.cost.per_agent_hour >= 0 && finite(*s.cost.per_agent_hour), s, "cost.per_agent_hour",
            "expected a cost >= 0, got {}", *s.cost.per_agent_hour);
  }
  require(!s.cost.currency.empty(), s, "cost.currency", "expected a currency such as \"USD\"");
  const auto& c = s.capacity;
  require(c.weeks >= 1 && c.weeks <= 520, s, "capacity.weeks",
          "expected a whole number of weeks from 1 to 520, got {}", c.weeks);
  require(c.hours_per_fte_week > 0 && c.hours_per_fte_week <= 168, s, "capacity.hours_per_fte_week",
          "expected hours > 0 and <= 168, got {}", c.hours_per_fte_week);
  if (c.starting_headcount) {
    require(*c.starting_headcount >= 0 && finite(*c.starting_headcount), s,
            "capacity.starting_headcount", "expected a headcount >= 0, got {}",
            *c.starting_headcount);
  }
  require(c.attrition_annual >= 0 && c.attrition_annual < 1, s, "capacity.attrition_annual",
          "expected a fraction >= 0 and < 1, got {}", c.attrition_annual);
  require(c.hiring_lead_weeks >= 0 && c.hiring_lead_weeks <= 520, s, "capacity.hiring_lead_weeks",
          "expected a whole number of weeks from 0 to 520, got {}", c.hiring_lead_weeks);
  require(c.training_weeks >= 0 && c.training_weeks <= 520, s, "capacity.training_weeks",
          "expected a whole number of weeks from 0 to 520, got {}", c.training_weeks);
  require(c.growth_annual > -1 && finite(c.growth_annual), s, "capacity.growth_annual",
          "expected a fraction > -1 (0.05 = +5% a year), got {}", c.growth_annual);
  if (c.max_hires_per_week) {
    require(*c.max_hires_per_week >= 0 && finite(*c.max_hires_per_week), s,
            "capacity.max_hires_per_week", "expected a number >= 0, got {}", *c.max_hires_per_week);
  }
  require(!s.outputs.dir.empty(), s, "outputs.dir", "expected a directory name");
}

void check_file(const Scenario& s, std::string_view key, const std::string& path,
                std::string_view what) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const auto status = fs::status(path, ec);
  require(fs::exists(status), s, key, "{} {} does not exist", what, path);
  require(!fs::is_directory(status), s, key, "{} {} is a directory, expected a file", what, path);
  std::ifstream in(path, std::ios::binary);
  require(in.good(), s, key, "cannot open the {} {}", what, path);
}

}  // namespace

io::IntervalCsvOptions DataSource::csv_options() const {
  io::IntervalCsvOptions o;
  if (!mapping.empty()) o.reader = io::load_reader_mapping(mapping);
  if (!delimiter.empty()) o.reader.delimiter = io::parse_delimiter(delimiter, {});
  if (decimal_comma) {
    o.reader.decimal_mark = *decimal_comma ? io::DecimalMark::comma : io::DecimalMark::point;
  }
  if (!time_format.empty()) o.reader.time_format = io::parse_interval_time_format(time_format, {});
  for (const auto& [field, column] : columns) o.reader.columns[field] = column;
  o.gap_policy = gaps;
  o.time_zone = time_zone;
  return o;
}

std::string_view to_string(StaffingMethod m) {
  switch (m) {
    case StaffingMethod::erlang_c:
      return "erlang-c";
    case StaffingMethod::erlang_a:
      return "erlang-a";
    case StaffingMethod::sim:
      return "sim";
  }
  return "?";
}

std::optional<StaffingMethod> parse_staffing_method(std::string_view text) {
  for (auto m : {StaffingMethod::erlang_c, StaffingMethod::erlang_a, StaffingMethod::sim}) {
    if (text == to_string(m)) return m;
  }
  return std::nullopt;
}

double Shrinkage::total() const {
  if (total_given) return *total_given;
  double sum = 0;
  for (double c : categories) sum += c;
  return sum;
}

core::Location Scenario::where(std::string_view key) const {
  const auto it = origins.find(std::string(key));
  if (it != origins.end()) return it->second;
  return Location{source, 0, {}};
}

staffing::SolveOptions Scenario::solve_options() const {
  staffing::SolveOptions o;
  o.fractional = staffing.fractional;
  o.min_agents = staffing.min_agents;
  o.max_agents = staffing.max_agents;
  return o;
}

void validate_schedule(const Scenario& s) {
  const auto& sc = s.schedule;
  const bool any = s.origins.contains("schedule.queue") ||
                   s.origins.contains("schedule.time_limit") ||
                   s.origins.contains("schedule.gap") || s.origins.contains("schedule.rounds");
  require(sc.enabled() || !any, s, "schedule.rules",
          "missing: [schedule] settings without rules (the shift rules file, docs/scheduling.md)");
  if (!sc.enabled()) return;
  require(sc.time_limit_s >= 1 && sc.time_limit_s <= 86400, s, "schedule.time_limit",
          "expected a duration from 1s to 1d, got {} s", sc.time_limit_s);
  require(sc.gap >= 0 && sc.gap < 1, s, "schedule.gap", "expected a fraction from 0 to 1, got {}",
          sc.gap);
  if (sc.rounds > 0) {
    require(s.simulation.check, s, "schedule.rounds",
            "re-solving from the simulated service needs [simulation] check = true");
    require(s.targets.service_level.has_value(), s, "schedule.rounds",
            "re-solving from the simulated service needs targets.service_level");
    require(sc.queue != "*", s, "schedule.rounds",
            "re-solving from the simulated service needs one queue: name it in schedule.queue, "
            "not \"*\"");
  }
}

namespace {

// The scenario key of an engine or target option the registry and solver name by its flag.
constexpr std::pair<std::string_view, std::string_view> flag_keys[] = {
    {"--lines", "lines"},
    {"--redial-prob", "redial_prob"},
    {"--redial-delay", "redial_delay"},
    {"--forecast-cv", "forecast_cv"},
    {"--concurrency", "concurrency"},
    {"--aht-by-concurrency", "aht_by_concurrency"},
    {"--patience", "patience"},
    {"--sl", "targets.service_level"},
    {"--threshold", "targets.threshold"},
    {"--max-asa", "targets.max_asa"},
    {"--max-abandon", "targets.max_abandon"},
    {"--max-occupancy", "targets.max_occupancy"},
    {"--max-blocking", "targets.max_blocking"},
    {"--min-outbound", "targets.min_outbound"},
    {"--outbound-threshold", "outbound_threshold"},
    {"--outbound-aht", "outbound_aht"},
    {"--model ", ""},
};

std::string_view queue_key_of_flag(std::string_view flag) {
  for (const auto& [f, k] : flag_keys) {
    if (f == flag) return k;
  }
  return {};
}

// An email queue: its response-time target and hours, and none of the voice and chat options.
void validate_email_queue(const Scenario& s, const std::string& table, const QueueSettings& q) {
  require(q.within_s.has_value(), s, table + ".channel",
          "missing: an email queue needs `within`, the response time in business hours (\"4h\")");
  require(*q.within_s > 0 && *q.within_s <= core::kMaxBacklogResponseS, s, table + ".within",
          "expected a response time above 0 and at most 366 days, got {} s", *q.within_s);
  require(q.target > 0 && q.target <= 1, s, table + ".target",
          "expected a fraction in (0, 1], got {}", q.target);
  const WeekHours hours = s.email_hours(q);
  require(std::any_of(hours.days.begin(), hours.days.end(),
                      [](const DayHours& d) { return d.is_open(); }),
          s, q.email_hours ? table + ".open" : std::string("hours"),
          "an email queue needs at least one open day to work its items");
  for (const auto* key : {"patience", "concurrency", "aht_by_concurrency", "lines", "redial_prob",
                          "redial_delay", "forecast_cv", "outbound_threshold", "outbound_aht"}) {
    const std::string full = fmt::format("{}.{}", table, key);
    require(!s.origins.contains(full), s, full,
            "{} is not an email option (email takes within, target, open, days, closed and "
            "opening_backlog)",
            key);
  }
  for (const auto& [key, origin] : s.origins) {
    require(!key.starts_with(table + ".targets."), s, key,
            "an email queue's target is `target` (a fraction) within `within` (business hours), "
            "not a [{}.targets] table",
            table);
  }
}

// Each [queues.NAME] builds its engine and checks its targets the way staffing does (the registry
// and the solver are the one place those rules live); their errors are moved to the scenario key
// that set the value.
void validate_queues(const Scenario& s) {
  for (const auto& [name, q] : s.queues) {
    const std::string table = fmt::format("queues.{}", name);
    require(!name.empty(), s, table, "expected a queue name, got an empty one");
    validate_sim_confidence(s, table + ".targets", q.targets);
    if (q.channel == Channel::email) {
      validate_email_queue(s, table, q);
      continue;
    }
    for (const auto* key : {"within", "target", "open", "days", "closed", "opening_backlog"}) {
      const std::string full = fmt::format("{}.{}", table, key);
      require(!s.origins.contains(full), s, full,
              "within, target, open, days, closed and opening_backlog are email options: set "
              "channel = \"email\"");
    }
    require(!q.targets.max_blocking || s.staffing.method != StaffingMethod::sim, s,
            table + ".targets.max_blocking",
            "staffing.method = \"sim\" staffs to service level, ASA, abandonment and occupancy "
            "targets, not blocking: use \"erlang-a\" or \"erlang-c\"");
    if (q.channel == Channel::chat) {
      require(!q.erlang_x(), s, table + ".channel",
              "lines, redials and forecast_cv are voice (Erlang X) options, not chat's");
    } else {
      require(!q.concurrency && q.aht_by_concurrency_s.empty(), s,
              table + (q.concurrency ? ".concurrency" : ".aht_by_concurrency"),
              "concurrency and aht_by_concurrency are chat options: set channel = \"chat\"");
      require(!q.blend() || !q.erlang_x(), s, table + ".outbound_threshold",
              "a queue is either blended with outbound work or an Erlang X queue (lines, "
              "redials, forecast_cv), not both");
      // The simulator (the check, and the sim method) runs every voice queue with one patience
      // and one service measure.
      require(q.erlang_x() || q.blend() || !q.patience_s, s, table + ".patience",
              "a voice queue takes assumptions.patience (one patience for every simulated voice "
              "queue); patience here is for chat, Erlang X and blended queues");
      const bool simulated = s.simulation.check || s.staffing.method == StaffingMethod::sim;
      require(!simulated || (q.targets.measure.threshold_s == s.targets.measure.threshold_s &&
                             q.targets.measure.definition == s.targets.measure.definition),
              s,
              s.origins.contains(table + ".targets.threshold") ? table + ".targets.threshold"
                                                               : table + ".targets.sl_definition",
              "the simulation measures every voice queue's service level as [targets] does: "
              "give a voice queue its own service_level, but the threshold and sl_definition "
              "of [targets]");
    }
    try {
      const auto engine = staffing::make_engine(s.engine_spec(name));
      staffing::validate_targets(*engine, q.targets, s.solve_options());
    } catch (const InputError& e) {
      const auto key = queue_key_of_flag(e.where().field);
      std::string full = key.empty() ? table : fmt::format("{}.{}", table, key);
      // A target inherited from [targets] is named there.
      if (key.starts_with("targets.") && !s.origins.contains(full)) full = std::string(key);
      if (!s.origins.contains(full))
        full = s.origins.contains(table + ".channel") ? table + ".channel" : table;
      // The registry and the solver speak of flags; a scenario has keys.
      std::string detail = e.detail();
      for (const auto& [flag, key_of] : flag_keys) {
        for (auto at = detail.find(flag); at != std::string::npos; at = detail.find(flag, at)) {
          const bool whole = flag.back() == ' ' || at + flag.size() == detail.size() ||
                             !(std::isalnum(static_cast<unsigned char>(detail[at + flag.size()])) ||
                               detail[at + flag.size()] == '-');
          if (whole) detail.replace(at, flag.size(), key_of);
          at += whole ? key_of.size() : flag.size();
        }
      }
      throw InputError(s.where(full), fmt::format("{}: {}", full, detail));
    }
  }
}

}  // namespace

std::string_view to_string(Channel c) {
  return c == Channel::chat ? "chat" : c == Channel::email ? "email" : "voice";
}

const QueueSettings* Scenario::email_queue(std::string_view queue) const {
  const auto it = queues.find(std::string(queue));
  return it != queues.end() && it->second.channel == Channel::email ? &it->second : nullptr;
}

WeekHours Scenario::email_hours(const QueueSettings& q) const {
  if (q.email_hours) return *q.email_hours;
  if (hours) return *hours;
  return WeekHours::uniform({true, true, true, true, true, true, true}, 0, 86400);
}

staffing::EngineSpec Scenario::engine_spec(std::string_view queue,
                                           std::optional<double> patience) const {
  staffing::EngineSpec e;
  const auto it = queues.find(std::string(queue));
  const QueueSettings* q = it == queues.end() ? nullptr : &it->second;
  if (!patience) patience = q && q->patience_s ? q->patience_s : assumptions.patience_s;
  if (q && q->channel == Channel::chat) {
    e.model = "chat";
    e.patience_s = patience;
    e.concurrency = q->concurrency;
    e.aht_by_concurrency_s = q->aht_by_concurrency_s;
  } else if (q && q->blend()) {
    e.model = "blend";
    e.patience_s = patience;
    e.outbound_threshold = q->outbound_threshold;
    e.outbound_aht_s = q->outbound_aht_s;
  } else if (q && q->erlang_x()) {
    e.model = "erlang-x";
    e.patience_s = patience;
    e.lines = q->lines;
    e.redial_prob = q->redial_prob;
    e.redial_delay_s = q->redial_delay_s;
    e.forecast_cv = q->forecast_cv;
  } else if (staffing.method != StaffingMethod::erlang_c) {
    // Erlang C ignores patience when staffing (the simulation check still uses it, and says so).
    e.patience_s = patience;
  }
  return e;
}

const staffing::ServiceTargets& Scenario::targets_for(std::string_view queue) const {
  const auto it = queues.find(std::string(queue));
  return it == queues.end() ? targets : it->second.targets;
}

void validate(const Scenario& s) {
  validate_source(s);
  validate_forecast(s);  // also with a demand file: plan_for names one of its levels
  validate_hours(s);
  validate_targets(s);
  validate_assumptions(s);
  validate_shrinkage(s);
  validate_staffing(s);
  validate_rest(s);
  validate_schedule(s);
  validate_queues(s);
}

void check_files(const Scenario& s) {
  if (s.uses_demand()) {
    check_file(s, "demand.file", s.demand.file, "demand file");
  } else {
    check_file(s, "history.file", s.history.file, "history file");
    if (!s.forecast.special_days.empty()) {
      check_file(s, "forecast.special_days", s.forecast.special_days, "special-days file");
    }
  }
  if (s.schedule.enabled()) check_file(s, "schedule.rules", s.schedule.rules, "shift rules file");
  for (const auto& [name, q] : s.queues) {
    if (q.opening_backlog.empty()) continue;
    check_file(s, fmt::format("queues.{}.opening_backlog", name), q.opening_backlog,
               "opening backlog file");
  }
}

}  // namespace wfm::scenario
