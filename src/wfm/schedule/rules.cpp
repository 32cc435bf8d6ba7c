#include "wfm/schedule/rules.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <set>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "wfm/core/error.hpp"
#include "wfm/core/time.hpp"
#include "wfm/io/toml_util.hpp"

namespace wfm::schedule {
namespace {

using core::Location;

constexpr std::string_view kWhat = "shift rules file";

// Errors worded as scenario files word them: "r.toml:12: shift.max_count: message" (the key as
// the Location's field, moved into the message).
[[noreturn]] void fail(const Location& at, const std::string& message) {
  throw core::InputError(Location{at.file, at.line, ""},
                         at.field.empty() ? message : at.field + ": " + message);
}
#define RULES_REQUIRE(cond, where, ...)                   \
  do {                                                    \
    if (!(cond)) fail((where), fmt::format(__VA_ARGS__)); \
  } while (false)

std::size_t line_of(const toml::node& n) {
  return n.source().begin.line;
}

// Reads the keys of one table, refusing keys it does not know; `prefix` is the dotted path used
// in messages ("shift.break").
class TableReader {
 public:
  TableReader(const toml::table& t, std::string file, std::string prefix,
              std::vector<std::string_view> known)
      : t_(t), file_(std::move(file)), prefix_(std::move(prefix)), known_(std::move(known)) {
    for (const auto& [k, v] : t_) {
      bool ok = false;
      for (auto n : known_) ok = ok || n == k.str();
      RULES_REQUIRE(ok, (Location{file_, line_of(v), key(k.str())}), "unknown key (known: {})",
                    fmt::join(known_, ", "));
    }
  }

  std::string key(std::string_view k) const {
    return prefix_.empty() ? std::string(k) : prefix_ + "." + std::string(k);
  }
  Location at(std::string_view k) const {
    const toml::node* n = t_.get(k);
    return Location{file_, n ? line_of(*n) : line_of(t_), key(k)};
  }
  const toml::node* get(std::string_view k) const { return t_.get(k); }

  std::optional<std::string> string(std::string_view k) const {
    const toml::node* n = t_.get(k);
    if (!n) return std::nullopt;
    RULES_REQUIRE(n->is_string(), at(k), "expected a string, got {}", io::toml_type_name(*n));
    return std::string(n->as_string()->get());
  }
  std::optional<double> number(std::string_view k, double min) const {
    const toml::node* n = t_.get(k);
    if (!n) return std::nullopt;
    double v = 0;
    if (n->is_integer()) {
      v = static_cast<double>(n->as_integer()->get());
    } else if (n->is_floating_point()) {
      v = n->as_floating_point()->get();
    } else {
      fail(at(k), fmt::format("expected a number, got {}", io::toml_type_name(*n)));
    }
    RULES_REQUIRE(std::isfinite(v) && v >= min, at(k), "expected a number >= {}, got {}", min, v);
    return v;
  }
  std::optional<int> count(std::string_view k) const {
    const toml::node* n = t_.get(k);
    if (!n) return std::nullopt;
    RULES_REQUIRE(n->is_integer(), at(k), "expected a whole number >= 0, got {}",
                  io::toml_type_name(*n));
    const auto v = n->as_integer()->get();
    RULES_REQUIRE(v >= 0 && v <= 1000000, at(k),
                  "expected a whole number from 0 to 1000000, got {}", v);
    return static_cast<int>(v);
  }
  std::optional<bool> boolean(std::string_view k) const {
    const toml::node* n = t_.get(k);
    if (!n) return std::nullopt;
    RULES_REQUIRE(n->is_boolean(), at(k), "expected true or false, got {}", io::toml_type_name(*n));
    return n->as_boolean()->get();
  }
  // A duration ("15m", "8h", "1h30m"; a bare number is seconds) in seconds.
  std::optional<double> duration_s(std::string_view k) const {
    const toml::node* n = t_.get(k);
    if (!n) return std::nullopt;
    if (n->is_integer() || n->is_floating_point()) return number(k, 0);
    RULES_REQUIRE(n->is_string(), at(k), "expected a duration such as \"15m\" or \"8h\", got {}",
                  io::toml_type_name(*n));
    const std::string text(n->as_string()->get());
    // "1h30m" as well as the single-unit forms core::parse_duration_s reads ("90m", "1.5h").
    std::optional<double> v = core::parse_duration_s(text);
    const auto h = text.find_first_of("hH");
    if (!v && h != std::string::npos && h + 1 < text.size() &&
        (text.back() == 'm' || text.back() == 'M')) {
      const auto a = core::parse_duration_s(text.substr(0, h + 1));
      const auto b = core::parse_duration_s(text.substr(h + 1));
      if (a && b) v = *a + *b;
    }
    RULES_REQUIRE(v.has_value(), at(k), "expected a duration such as \"15m\" or \"8h\", got \"{}\"",
                  n->as_string()->get());
    return v;
  }
  // A time of day "HH:MM" in seconds after midnight.
  std::optional<double> time_of_day_s(std::string_view k) const {
    const auto s = string(k);
    if (!s) return std::nullopt;
    int h = -1, m = -1;
    const bool ok = s->size() == 5 && (*s)[2] == ':' &&
                    std::from_chars(s->data(), s->data() + 2, h).ptr == s->data() + 2 &&
                    std::from_chars(s->data() + 3, s->data() + 5, m).ptr == s->data() + 5 &&
                    h >= 0 && h < 24 && m >= 0 && m < 60;
    RULES_REQUIRE(ok, at(k), "expected a time of day \"HH:MM\" (00:00 to 23:59), got \"{}\"", *s);
    return h * 3600.0 + m * 60.0;
  }
  // A duration or time that must be a whole number of intervals.
  int intervals(std::string_view k, double seconds, int interval_s) const {
    const double q = seconds / interval_s;
    RULES_REQUIRE(std::abs(q - std::round(q)) < 1e-9, at(k),
                  "expected a whole number of intervals ({} s each), got {} s", interval_s,
                  seconds);
    return static_cast<int>(std::lround(q));
  }
  const std::string& file() const { return file_; }

 private:
  const toml::table& t_;
  std::string file_;
  std::string prefix_;
  std::vector<std::string_view> known_;
};

// `intervals` intervals of interval_s seconds as "HhMMm" (64-bit: a mistyped window may hold
// billions of intervals).
std::string hhmm(std::int64_t intervals, int interval_s) {
  const std::int64_t minutes = intervals * interval_s / 60;
  return fmt::format("{}h{:02}m", minutes / 60, minutes % 60);
}

BreakRule read_break(const TableReader& r, int interval_s) {
  BreakRule b;
  b.name = r.string("name").value_or("break");
  const auto dur = r.duration_s("duration");
  RULES_REQUIRE(dur.has_value(), r.at("duration"), "required: the break's length, e.g. \"15m\"");
  b.duration = r.intervals("duration", *dur, interval_s);
  RULES_REQUIRE(b.duration > 0, r.at("duration"), "expected a duration > 0");
  const auto ws = r.duration_s("window_start");
  const auto we = r.duration_s("window_end");
  RULES_REQUIRE(ws.has_value(), r.at("window_start"),
                "required: the earliest start after the shift start, e.g. \"1h30m\"");
  RULES_REQUIRE(we.has_value(), r.at("window_end"),
                "required: the latest start after the shift start, e.g. \"150m\"");
  b.earliest = r.intervals("window_start", *ws, interval_s);
  b.latest = r.intervals("window_end", *we, interval_s);
  RULES_REQUIRE(b.earliest <= b.latest, r.at("window_end"),
                "the window ends ({}) before it starts ({})", hhmm(b.latest, interval_s),
                hhmm(b.earliest, interval_s));
  b.paid = r.boolean("paid").value_or(true);
  return b;
}

ShiftTemplate read_shift(const toml::table& t, const std::string& file, int interval_s, int day,
                         bool tours) {
  const TableReader r(t, file, "shift",
                      {"name", "start_earliest", "start_latest", "start_step", "paid_length",
                       "cost_per_paid_hour", "cost_per_shift", "min_count", "max_count",
                       "min_agents", "max_agents", "part_time", "overnight", "break"});
  ShiftTemplate s;
  s.line = line_of(t);
  const auto name = r.string("name");
  RULES_REQUIRE(name && !name->empty(), r.at("name"), "required: a name for the shift template");
  s.name = *name;
  const auto e = r.time_of_day_s("start_earliest");
  RULES_REQUIRE(e.has_value(), r.at("start_earliest"), "required: the earliest start, \"HH:MM\"");
  s.start_earliest = r.intervals("start_earliest", *e, interval_s);
  const auto l = r.time_of_day_s("start_latest");
  s.start_latest = l ? r.intervals("start_latest", *l, interval_s) : s.start_earliest;
  RULES_REQUIRE(s.start_latest >= s.start_earliest, r.at("start_latest"),
                "the latest start is before the earliest");
  const auto step = r.duration_s("start_step");
  s.start_step = step ? r.intervals("start_step", *step, interval_s) : 1;
  RULES_REQUIRE(s.start_step > 0, r.at("start_step"), "expected a step > 0");
  const auto paid = r.duration_s("paid_length");
  RULES_REQUIRE(paid.has_value(), r.at("paid_length"), "required: the paid length, e.g. \"8h\"");
  s.paid_length = r.intervals("paid_length", *paid, interval_s);
  RULES_REQUIRE(s.paid_length > 0, r.at("paid_length"), "expected a length > 0");
  s.cost_per_paid_hour = r.number("cost_per_paid_hour", 0).value_or(0);
  s.cost_per_shift = r.number("cost_per_shift", 0).value_or(0);
  RULES_REQUIRE(s.cost_per_paid_hour > 0 || s.cost_per_shift > 0, (Location{file, s.line, "shift"}),
                "template '{}' costs nothing: give cost_per_paid_hour or cost_per_shift > 0",
                s.name);
  s.min_count = r.count("min_count").value_or(0);
  s.max_count = r.count("max_count");
  RULES_REQUIRE(!s.max_count || *s.max_count >= s.min_count, r.at("max_count"),
                "max_count ({}) is below min_count ({})", s.max_count.value_or(0), s.min_count);
  // Headcount: tours of the template in a week. Without tours a day's shifts are not agents
  // (nothing says who works which days), so there is no headcount to limit.
  for (const char* key : {"min_agents", "max_agents"}) {
    RULES_REQUIRE(tours || r.get(key) == nullptr, r.at(key),
                  "a headcount (tours of the template in a week) needs a [tours] table; without "
                  "tours each day's shifts are scheduled on their own (max_count limits a day)");
  }
  s.min_agents = r.count("min_agents").value_or(0);
  s.max_agents = r.count("max_agents");
  RULES_REQUIRE(!s.max_agents || *s.max_agents >= s.min_agents, r.at("max_agents"),
                "max_agents ({}) is below min_agents ({})", s.max_agents.value_or(0), s.min_agents);
  RULES_REQUIRE(!s.max_agents || *s.max_agents >= s.min_count, r.at("max_agents"),
                "max_agents ({}) is below min_count ({}): a tour works a day at most once, so "
                "every day's min_count shifts need as many agents",
                s.max_agents.value_or(0), s.min_count);
  s.part_time = r.boolean("part_time").value_or(false);
  s.overnight = r.boolean("overnight").value_or(false);
  RULES_REQUIRE(!s.overnight || !tours, r.at("overnight"),
                "overnight shifts are not supported with [tours] yet (weekly tours schedule each "
                "day's shifts within the day)");

  if (const toml::node* bn = r.get("break")) {
    const toml::array* arr = bn->as_array();
    RULES_REQUIRE(arr != nullptr, r.at("break"), "expected [[shift.break]] tables, got {}",
                  io::toml_type_name(*bn));
    for (const auto& item : *arr) {
      const toml::table* bt = item.as_table();
      RULES_REQUIRE(bt != nullptr, (Location{file, line_of(item), "shift.break"}),
                    "expected a table, got {}", io::toml_type_name(item));
      const TableReader br(*bt, file, "shift.break",
                           {"name", "duration", "window_start", "window_end", "paid"});
      s.breaks.push_back(read_break(br, interval_s));
    }
    // Unpaid breaks lengthen the span: check windows against the final span.
    const int span = s.span();
    for (std::size_t i = 0; i < arr->size(); ++i) {
      const toml::table& bt = *(*arr)[i].as_table();
      const TableReader br(bt, file, "shift.break",
                           {"name", "duration", "window_start", "window_end", "paid"});
      const BreakRule& b = s.breaks[i];
      RULES_REQUIRE(b.latest + b.duration <= span, br.at("window_end"),
                    "break '{}' starting at the window's end ({}) would end after the shift "
                    "({} on site)",
                    b.name, hhmm(b.latest, interval_s), hhmm(span, interval_s));
      if (i > 0) {
        const BreakRule& p = s.breaks[i - 1];
        RULES_REQUIRE(p.latest + p.duration <= b.earliest, br.at("window_start"),
                      "break '{}' may start before break '{}' ends: list breaks in time order with "
                      "windows that do not overlap (the earlier one ends at the latest at {})",
                      b.name, p.name, hhmm(std::int64_t{p.latest} + p.duration, interval_s));
      }
    }
  }
  if (s.overnight) {
    RULES_REQUIRE(s.span() <= day, r.at("paid_length"),
                  "an overnight shift spans at most 24h on site, this one {}",
                  hhmm(s.span(), interval_s));
  } else {
    RULES_REQUIRE(s.start_latest + s.span() <= day, r.at("start_latest"),
                  "a shift starting at the latest start ends after midnight (set overnight = true "
                  "on the template to let its shifts run into the next day)");
  }
  return s;
}

}  // namespace

int ShiftTemplate::span() const {
  int s = paid_length;
  for (const auto& b : breaks) {
    if (!b.paid) s += b.duration;
  }
  return s;
}

int ShiftRules::horizon() const {
  int h = intervals_per_day();
  for (const auto& tp : templates) h = std::max(h, tp.start_latest + tp.span());
  return h;
}

bool ShiftRules::any_overnight() const {
  for (const auto& tp : templates) {
    if (tp.overnight) return true;
  }
  return false;
}

double ShiftTemplate::cost(int interval_s) const {
  return cost_per_shift + cost_per_paid_hour * paid_length * interval_s / 3600.0;
}

double TourRules::weekly_hours(const ShiftTemplate& tp, int interval_s) const {
  return days_per_week * (tp.paid_length * static_cast<double>(interval_s) / 3600.0);
}

bool TourRules::allows(const ShiftTemplate& tp, int interval_s) const {
  const double h = weekly_hours(tp, interval_s);
  constexpr double eps = 1e-9;  // hours from whole intervals against hours as typed
  return (!min_weekly_hours || h >= *min_weekly_hours - eps) &&
         (!max_weekly_hours || h <= *max_weekly_hours + eps);
}

std::vector<int> ShiftTemplate::starts() const {
  std::vector<int> v;
  for (int t = start_earliest; t <= start_latest; t += start_step) v.push_back(t);
  return v;
}

namespace {

ShiftRules rules_from(const toml::table& root, const std::string& display_name) {
  const TableReader top(root, display_name, "", {"schedule", "shift", "roster", "tours"});
  ShiftRules rules;
  rules.source = display_name;
  if (const toml::node* sn = root.get("schedule")) {
    const toml::table* st = sn->as_table();
    RULES_REQUIRE(st != nullptr, (Location{display_name, line_of(*sn), "schedule"}),
                  "expected a table [schedule], got {}", io::toml_type_name(*sn));
    const TableReader r(*st, display_name, "schedule", {"interval", "under_coverage_penalty"});
    if (const auto iv = r.duration_s("interval")) {
      const double v = *iv;
      RULES_REQUIRE(v >= 60 && v == std::floor(v) && std::fmod(86400.0, v) == 0, r.at("interval"),
                    "expected an interval of whole minutes that divides a day (15m, 30m, 1h), "
                    "got {} s",
                    v);
      rules.interval_s = static_cast<int>(v);
    }
    if (const auto p = r.number("under_coverage_penalty", 0)) {
      RULES_REQUIRE(*p > 0, r.at("under_coverage_penalty"), "expected a number > 0");
      rules.under_coverage_penalty = *p;
    }
  }
  if (const toml::node* rn = root.get("roster")) {
    const toml::table* rt = rn->as_table();
    RULES_REQUIRE(rt != nullptr, (Location{display_name, line_of(*rn), "roster"}),
                  "expected a table [roster], got {}", io::toml_type_name(*rn));
    const TableReader r(*rt, display_name, "roster",
                        {"min_rest", "max_consecutive_days", "unassigned_penalty",
                         "under_minimum_penalty", "preference_penalty", "split_tour_penalty"});
    RosterRules& ro = rules.roster;
    if (const auto rest = r.duration_s("min_rest")) {
      RULES_REQUIRE(*rest <= 86400, r.at("min_rest"), "expected a rest of at most 24h, got {} s",
                    *rest);
      ro.min_rest_s = r.intervals("min_rest", *rest, rules.interval_s) * rules.interval_s;
    }
    if (const auto c = r.count("max_consecutive_days")) {
      RULES_REQUIRE(*c >= 1 && *c <= 14, r.at("max_consecutive_days"),
                    "expected a whole number from 1 to 14, got {}", *c);
      ro.max_consecutive_days = *c;
    }
    if (const auto p = r.number("unassigned_penalty", 0)) {
      RULES_REQUIRE(*p > 0, r.at("unassigned_penalty"), "expected a number > 0");
      ro.unassigned_penalty = *p;
    }
    ro.under_minimum_penalty =
        r.number("under_minimum_penalty", 0).value_or(ro.under_minimum_penalty);
    ro.preference_penalty = r.number("preference_penalty", 0).value_or(ro.preference_penalty);
    ro.split_tour_penalty = r.number("split_tour_penalty", 0).value_or(ro.split_tour_penalty);
  }
  std::optional<Location> variance_at;  // where [tours] start_variance is, checked with the shifts
  std::optional<Location> band_at;      // the first of [tours] min/max_weekly_hours, likewise
  if (const toml::node* tn = root.get("tours")) {
    const toml::table* tt = tn->as_table();
    RULES_REQUIRE(tt != nullptr, (Location{display_name, line_of(*tn), "tours"}),
                  "expected a table [tours], got {}", io::toml_type_name(*tn));
    const TableReader r(*tt, display_name, "tours",
                        {"days_per_week", "consecutive_days_off", "start_variance",
                         "min_weekly_hours", "max_weekly_hours"});
    TourRules tours;
    tours.line = line_of(*tt);
    const auto k = r.count("days_per_week");
    RULES_REQUIRE(k.has_value(), r.at("days_per_week"),
                  "required: the working days of a tour, 1 to 7");
    RULES_REQUIRE(*k >= 1 && *k <= 7, r.at("days_per_week"),
                  "expected a whole number from 1 to 7, got {}", *k);
    tours.days_per_week = *k;
    tours.consecutive_days_off = r.boolean("consecutive_days_off").value_or(true);
    if (const auto v = r.duration_s("start_variance")) {
      RULES_REQUIRE(*v >= 0 && *v < 86400, r.at("start_variance"),
                    "expected a duration from 0 to less than a day (24h), got {} s", *v);
      tours.start_variance = r.intervals("start_variance", *v, rules.interval_s);
      variance_at = r.at("start_variance");
    }
    const auto weekly_hours = [&r, &band_at](std::string_view key) {
      const auto h = r.number(key, 0);
      if (h) {
        RULES_REQUIRE(*h <= 168, r.at(key), "expected hours from 0 to 168 (a week), got {}", *h);
        if (!band_at) band_at = r.at(key);
      }
      return h;
    };
    tours.min_weekly_hours = weekly_hours("min_weekly_hours");
    tours.max_weekly_hours = weekly_hours("max_weekly_hours");
    RULES_REQUIRE(!tours.min_weekly_hours || !tours.max_weekly_hours ||
                      *tours.min_weekly_hours <= *tours.max_weekly_hours,
                  r.at("max_weekly_hours"), "max_weekly_hours ({}) is below min_weekly_hours ({})",
                  tours.max_weekly_hours.value_or(0), tours.min_weekly_hours.value_or(0));
    rules.tours = tours;
  }
  const toml::node* shifts = root.get("shift");
  RULES_REQUIRE(shifts != nullptr, (Location{display_name, 0, "shift"}),
                "no shift templates: add at least one [[shift]]");
  const toml::array* arr = shifts->as_array();
  RULES_REQUIRE(arr != nullptr && !arr->empty(),
                (Location{display_name, line_of(*shifts), "shift"}), "expected [[shift]] tables");
  std::set<std::string> names;
  for (const auto& item : *arr) {
    const toml::table* t = item.as_table();
    RULES_REQUIRE(t != nullptr, (Location{display_name, line_of(item), "shift"}),
                  "expected a table, got {}", io::toml_type_name(item));
    ShiftTemplate s = read_shift(*t, display_name, rules.interval_s, rules.intervals_per_day(),
                                 rules.tours.has_value());
    RULES_REQUIRE(names.insert(s.name).second, (Location{display_name, s.line, "shift.name"}),
                  "duplicate template name '{}'", s.name);
    rules.templates.push_back(std::move(s));
  }
  if (rules.tours) {
    // min_agents tours work min_agents x days_per_week shifts a week, at most max_count a day.
    const int k = rules.tours->days_per_week;
    for (std::size_t i = 0; i < arr->size(); ++i) {
      const ShiftTemplate& tp = rules.templates[i];
      if (tp.min_agents == 0 || !tp.max_count) continue;
      const toml::node* key = (*arr)[i].as_table()->get("min_agents");
      RULES_REQUIRE(static_cast<long long>(tp.min_agents) * k <= 7LL * *tp.max_count,
                    (Location{display_name, line_of(*key), "shift.min_agents"}),
                    "template '{}': min_agents ({}) tours of {} days work {} shifts a week, more "
                    "than max_count ({}) a day allows ({})",
                    tp.name, tp.min_agents, k, static_cast<long long>(tp.min_agents) * k,
                    *tp.max_count, 7LL * *tp.max_count);
    }
  }
  if (variance_at) {
    // A band of starts [b, b + variance] must end on a start of every template.
    for (const auto& tp : rules.templates) {
      RULES_REQUIRE(rules.tours->start_variance % tp.start_step == 0, *variance_at,
                    "{} is not a multiple of the start step of template '{}' ({})",
                    hhmm(rules.tours->start_variance, rules.interval_s), tp.name,
                    hhmm(tp.start_step, rules.interval_s));
    }
  }
  if (band_at) {
    // Templates outside the band make no tours: at least one must be inside, and none outside
    // may demand shifts every day.
    const TourRules& tr = *rules.tours;
    const auto band =
        !tr.max_weekly_hours   ? fmt::format("at least {} h", *tr.min_weekly_hours)
        : !tr.min_weekly_hours ? fmt::format("at most {} h", *tr.max_weekly_hours)
                               : fmt::format("{} to {} h", *tr.min_weekly_hours,
                                             *tr.max_weekly_hours);
    std::vector<std::string> made;
    bool any = false;
    for (const auto& tp : rules.templates) {
      const double h = tr.weekly_hours(tp, rules.interval_s);
      made.push_back(fmt::format("'{}' {} h", tp.name, h));
      any = any || tr.allows(tp, rules.interval_s);
      RULES_REQUIRE(tr.allows(tp, rules.interval_s) || tp.min_count == 0, *band_at,
                    "template '{}' has min_count {} but its tours ({} days x {} = {} h) are "
                    "outside the weekly band ({})",
                    tp.name, tp.min_count, tr.days_per_week, hhmm(tp.paid_length, rules.interval_s),
                    h, band);
      RULES_REQUIRE(tr.allows(tp, rules.interval_s) || tp.min_agents == 0, *band_at,
                    "template '{}' has min_agents {} but its tours ({} days x {} = {} h) are "
                    "outside the weekly band ({})",
                    tp.name, tp.min_agents, tr.days_per_week,
                    hhmm(tp.paid_length, rules.interval_s), h, band);
    }
    RULES_REQUIRE(any, *band_at, "no template makes tours within the weekly band ({}): {} a week",
                  band, fmt::join(made, ", "));
  }
  return rules;
}

}  // namespace

ShiftRules parse_shift_rules(std::string_view text, const std::string& display_name) {
  return rules_from(io::parse_toml(text, display_name, kWhat), display_name);
}

ShiftRules load_shift_rules(const std::string& path) {
  return rules_from(io::load_toml_file(path, kWhat), path);
}

}  // namespace wfm::schedule
