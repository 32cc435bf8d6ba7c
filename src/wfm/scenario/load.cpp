#include "wfm/scenario/load.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <limits>
#include <memory>
#include <vector>

#include <toml++/toml.h>

#include "wfm/core/suggest.hpp"
#include "wfm/core/time.hpp"
#include "wfm/io/number.hpp"
#include "wfm/io/reader_options.hpp"
#include "wfm/io/toml_util.hpp"
#include "wfm/staffing/backlog.hpp"

namespace wfm::scenario {
namespace {

namespace fs = std::filesystem;
using core::InputError;
using core::Location;

// ---- the schema: every key a scenario file may hold -------------------------------------------

enum class Kind {
  table,    // [name]
  columns,  // an inline table field -> column name; fields are io::interval_fields
  leaf,     // a value
};

struct KeySpec {
  std::string_view key;  // full dotted key
  Kind kind;
  std::string_view expect;  // what a value must be, for "expected ..., got a table"
};

constexpr std::string_view kString = "a string";
constexpr std::string_view kNumber = "a number";
constexpr std::string_view kFraction = "a fraction (0.8 or \"80%\")";
constexpr std::string_view kWhole = "a whole number";
constexpr std::string_view kBool = "true or false";
constexpr std::string_view kDuration = "a duration such as \"20s\", \"2m\" or 90 (seconds)";
constexpr std::string_view kPath = "a file name (a string)";
constexpr std::string_view kDurations = "an array of durations such as [\"3m\", \"3.5m\", \"4m\"]";
constexpr std::string_view kDelimiter = "one character such as \";\" (\"tab\" for a tab)";
constexpr std::string_view kTimeFormat = "a time format such as \"%d/%m/%Y %H:%M\" or \"iso\"";
constexpr std::string_view kHours = "opening hours such as \"08:00-20:00\", or \"closed\"";

constexpr KeySpec schema[] = {
    {"extends", Kind::leaf, kPath},
    {"name", Kind::leaf, kString},
    {"description", Kind::leaf, kString},
    {"timezone", Kind::leaf, "an IANA time zone name such as \"Europe/Paris\""},
    {"history", Kind::table, {}},
    {"history.file", Kind::leaf, kPath},
    {"history.mapping", Kind::leaf, kPath},
    {"history.delimiter", Kind::leaf, kDelimiter},
    {"history.decimal_comma", Kind::leaf, kBool},
    {"history.time_format", Kind::leaf, kTimeFormat},
    {"history.columns", Kind::columns, {}},
    {"history.gaps", Kind::leaf, "\"allow\" or \"error\""},
    {"history.queues", Kind::leaf, "an array of queue names"},
    {"demand", Kind::table, {}},
    {"demand.file", Kind::leaf, kPath},
    {"demand.mapping", Kind::leaf, kPath},
    {"demand.delimiter", Kind::leaf, kDelimiter},
    {"demand.decimal_comma", Kind::leaf, kBool},
    {"demand.time_format", Kind::leaf, kTimeFormat},
    {"demand.columns", Kind::columns, {}},
    {"demand.gaps", Kind::leaf, "\"allow\" or \"error\""},
    {"demand.queues", Kind::leaf, "an array of queue names"},
    {"forecast", Kind::table, {}},
    {"forecast.method", Kind::leaf, kString},
    {"forecast.horizon", Kind::leaf, "a whole number of days such as \"14d\""},
    {"forecast.start", Kind::leaf, "a date such as 2024-04-01"},
    {"forecast.levels", Kind::leaf, "an array of levels in percent such as [80, 95]"},
    {"forecast.special_days", Kind::leaf, kPath},
    {"forecast.outliers", Kind::leaf, "\"off\" or \"downweight\""},
    {"hours", Kind::table, {}},
    {"hours.default", Kind::leaf, kHours},
    {"hours.monday", Kind::leaf, kHours},
    {"hours.tuesday", Kind::leaf, kHours},
    {"hours.wednesday", Kind::leaf, kHours},
    {"hours.thursday", Kind::leaf, kHours},
    {"hours.friday", Kind::leaf, kHours},
    {"hours.saturday", Kind::leaf, kHours},
    {"hours.sunday", Kind::leaf, kHours},
    {"targets", Kind::table, {}},
    {"targets.service_level", Kind::leaf, kFraction},
    {"targets.threshold", Kind::leaf, kDuration},
    {"targets.sl_definition", Kind::leaf, kString},
    {"targets.max_asa", Kind::leaf, kDuration},
    {"targets.max_abandon", Kind::leaf, kFraction},
    {"targets.max_occupancy", Kind::leaf, kFraction},
    {"targets.max_blocking", Kind::leaf, kFraction},
    {"targets.sim_confidence", Kind::leaf, kNumber},
    {"assumptions", Kind::table, {}},
    {"assumptions.aht_s", Kind::leaf, kNumber},
    {"assumptions.aht_adjust_s", Kind::leaf, kNumber},
    {"assumptions.volume_factor", Kind::leaf, kNumber},
    {"assumptions.patience", Kind::leaf, kDuration},
    {"shrinkage", Kind::table, {}},
    {"shrinkage.total", Kind::leaf, kFraction},
    {"shrinkage.breaks", Kind::leaf, kFraction},
    {"shrinkage.training", Kind::leaf, kFraction},
    {"shrinkage.absence", Kind::leaf, kFraction},
    {"shrinkage.meetings", Kind::leaf, kFraction},
    {"shrinkage.coaching", Kind::leaf, kFraction},
    {"shrinkage.other", Kind::leaf, kFraction},
    {"staffing", Kind::table, {}},
    {"staffing.method", Kind::leaf, "\"erlang-c\", \"erlang-a\" or \"sim\""},
    {"staffing.plan_for", Kind::leaf, "\"mean\" or \"upper-80\""},
    {"staffing.min_agents", Kind::leaf, kNumber},
    {"staffing.max_agents", Kind::leaf, kNumber},
    {"staffing.fractional", Kind::leaf, kBool},
    {"simulation", Kind::table, {}},
    {"simulation.check", Kind::leaf, kBool},
    {"simulation.seed", Kind::leaf, kWhole},
    {"simulation.replications", Kind::leaf, kWhole},
    {"cost", Kind::table, {}},
    {"cost.per_agent_hour", Kind::leaf, kNumber},
    {"cost.currency", Kind::leaf, kString},
    {"capacity", Kind::table, {}},
    {"capacity.weeks", Kind::leaf, kWhole},
    {"capacity.hours_per_fte_week", Kind::leaf, kNumber},
    {"capacity.starting_headcount", Kind::leaf, kNumber},
    {"capacity.attrition_annual", Kind::leaf, kFraction},
    {"capacity.hiring_lead_weeks", Kind::leaf, kWhole},
    {"capacity.training_weeks", Kind::leaf, kWhole},
    {"capacity.growth_annual", Kind::leaf, kFraction},
    {"capacity.max_hires_per_week", Kind::leaf, kNumber},
    {"schedule", Kind::table, {}},
    {"schedule.rules", Kind::leaf, kPath},
    {"schedule.queue", Kind::leaf, kString},
    {"schedule.time_limit", Kind::leaf, kDuration},
    {"schedule.gap", Kind::leaf, kFraction},
    {"schedule.rounds", Kind::leaf, kWhole},
    {"queues", Kind::table, {}},
    {"queues.*", Kind::table, {}},
    {"queues.*.channel", Kind::leaf, "\"voice\", \"chat\" or \"email\""},
    {"queues.*.patience", Kind::leaf, kDuration},
    {"queues.*.concurrency", Kind::leaf, kWhole},
    {"queues.*.aht_by_concurrency", Kind::leaf, kDurations},
    {"queues.*.lines", Kind::leaf, kNumber},
    {"queues.*.redial_prob", Kind::leaf, kFraction},
    {"queues.*.redial_delay", Kind::leaf, kDuration},
    {"queues.*.forecast_cv", Kind::leaf, kNumber},
    {"queues.*.outbound_threshold", Kind::leaf, kWhole},
    {"queues.*.outbound_aht", Kind::leaf, kDuration},
    {"queues.*.within", Kind::leaf, kDuration},
    {"queues.*.target", Kind::leaf, kFraction},
    {"queues.*.open", Kind::leaf, kHours},
    {"queues.*.days", Kind::leaf, "days such as \"mon-fri\" or \"mon,wed,fri\""},
    {"queues.*.closed", Kind::leaf, "an array of dates such as [\"2026-12-25\"]"},
    {"queues.*.opening_backlog", Kind::leaf, kPath},
    {"queues.*.targets", Kind::table, {}},
    {"queues.*.targets.service_level", Kind::leaf, kFraction},
    {"queues.*.targets.threshold", Kind::leaf, kDuration},
    {"queues.*.targets.sl_definition", Kind::leaf, kString},
    {"queues.*.targets.max_asa", Kind::leaf, kDuration},
    {"queues.*.targets.max_abandon", Kind::leaf, kFraction},
    {"queues.*.targets.max_occupancy", Kind::leaf, kFraction},
    {"queues.*.targets.max_blocking", Kind::leaf, kFraction},
    {"queues.*.targets.min_outbound", Kind::leaf, kNumber},
    {"queues.*.targets.sim_confidence", Kind::leaf, kNumber},
    {"outputs", Kind::table, {}},
    {"outputs.dir", Kind::leaf, "a directory name (a string)"},
    {"outputs.report", Kind::leaf, kBool},
    {"outputs.simulation", Kind::leaf, kBool},
};

// [queues.NAME] tables share one schema, "queues.*": the key with its queue name replaced by "*".
std::string schema_key(std::string_view key) {
  constexpr std::string_view prefix = "queues.";
  if (!key.starts_with(prefix)) return std::string(key);
  const auto rest = key.substr(prefix.size());
  const auto dot = rest.find('.');
  return dot == std::string_view::npos ? "queues.*" : fmt::format("queues.*{}", rest.substr(dot));
}

const KeySpec* find_spec(std::string_view key) {
  const std::string k = schema_key(key);
  for (const auto& s : schema) {
    if (s.key == k) return &s;
  }
  return nullptr;
}

std::string_view parent_of(std::string_view key) {
  const auto dot = key.rfind('.');
  return dot == std::string_view::npos ? std::string_view{} : key.substr(0, dot);
}

std::string_view leaf_of(std::string_view key) {
  const auto dot = key.rfind('.');
  return dot == std::string_view::npos ? key : key.substr(dot + 1);
}

// The keys of the table `prefix` ("" for the top level), in schema order.
std::vector<std::string_view> keys_of(std::string_view prefix) {
  std::vector<std::string_view> out;
  for (const auto& s : schema) {
    if (parent_of(s.key) == prefix) out.push_back(leaf_of(s.key));
  }
  return out;
}

std::string join(const std::vector<std::string_view>& items) {
  std::string out;
  for (auto i : items) out += fmt::format("{}{}", out.empty() ? "" : ", ", i);
  return out;
}

// "unknown key; did you mean 'service_level'?" and the like.
std::string unknown_key_message(std::string_view key) {
  const std::string normalized = schema_key(key);
  const std::string_view full = normalized;
  const auto prefix = parent_of(full);
  const auto name = leaf_of(full);
  const auto siblings = keys_of(prefix);
  if (auto s = core::closest_name(name, siblings); !s.empty()) {
    return fmt::format("unknown key; did you mean '{}'?", s);
  }
  // The right name in the wrong table: patience under [targets].
  for (const auto& s : schema) {
    if (leaf_of(s.key) == name && parent_of(s.key) != prefix) {
      return fmt::format("unknown key; did you mean '{}'? (it belongs in [{}])", s.key,
                         parent_of(s.key).empty() ? "the top level" : parent_of(s.key));
    }
  }
  if (prefix.empty())
    return fmt::format("unknown key (the top-level keys and tables: {})", join(siblings));
  return fmt::format("unknown key (the keys of [{}]: {})", prefix, join(siblings));
}

std::size_t line_of(const toml::node& n) {
  return n.source().begin.line;
}

// ---- loading and merging the files of a chain --------------------------------------------------

// One setting of the merged scenario: the value's node (in its file's document) and the file.
struct Setting {
  const toml::node* node;
  std::string file;
};

// Settings that exclude each other: the nearer file wins, both in one file is an error.
struct Exclusive {
  std::vector<std::string_view> a, b;
};

const std::vector<Exclusive>& exclusive_groups() {
  static const std::vector<Exclusive> groups = {
      {{"history.file"}, {"demand.file"}},
      {{"shrinkage.total"},
       {"shrinkage.breaks", "shrinkage.training", "shrinkage.absence", "shrinkage.meetings",
        "shrinkage.coaching", "shrinkage.other"}},
  };
  return groups;
}

std::string resolve_path(const std::string& file, const std::string& value) {
  const fs::path p(value);
  const fs::path dir = fs::path(file).parent_path();
  std::string out =
      (p.is_absolute() || dir.empty() ? p : dir / p).lexically_normal().generic_string();
  if (out.size() > 1 && out.back() == '/') out.pop_back();  // "dir/." -> "dir"
  return out;
}

class Loader {
 public:
  // Loads `display_name` (text given, or read from the file when text is null) and its bases.
  void load(const std::string& display_name, const std::string* text) {
    load_file(display_name, text, nullptr);
  }

  const std::map<std::string, Setting>& settings() const { return settings_; }
  const std::vector<std::string>& files() const { return files_; }

 private:
  [[noreturn]] static void fail(const std::string& file, const toml::node& n, std::string_view key,
                                std::string_view message) {
    throw InputError(Location{file, line_of(n), {}}, fmt::format("{}: {}", key, message));
  }

  static std::string identity(const std::string& path) {
    std::error_code ec;
    auto p = fs::weakly_canonical(path, ec);
    return ec ? fs::path(path).lexically_normal().string() : p.string();
  }

  // `from`: the extends setting that named this file (null for the scenario itself).
  void load_file(const std::string& file, const std::string* text, const Setting* from) {
    const std::string id = identity(file);
    for (std::size_t i = 0; i < stack_.size(); ++i) {
      if (stack_[i].first != id) continue;
      std::string cycle;
      for (std::size_t j = i; j < stack_.size(); ++j) cycle += stack_[j].second + " -> ";
      cycle += file;
      fail(from->file, *from->node, "extends", fmt::format("extends cycle: {}", cycle));
    }
    if (from) {
      std::error_code ec;
      const auto status = fs::status(file, ec);
      if (!fs::exists(status)) {
        fail(from->file, *from->node, "extends",
             fmt::format("the base scenario {} does not exist", file));
      }
      if (fs::is_directory(status)) {
        fail(from->file, *from->node, "extends",
             fmt::format("the base scenario {} is a directory, expected a file", file));
      }
    }
    auto doc = std::make_unique<toml::table>(text ? io::parse_toml(*text, file, "scenario file")
                                                  : io::load_toml_file(file, "scenario file"));
    const toml::table& root = *doc;
    docs_.push_back(std::move(doc));
    check_table(root, "", file);

    stack_.emplace_back(id, file);
    if (const toml::node* ext = root.get("extends")) {
      if (!ext->is_string()) {
        fail(file, *ext, "extends",
             fmt::format("expected {}, got {}", kPath, io::toml_type_name(*ext)));
      }
      const std::string value = **ext->as_string();
      if (value.empty()) fail(file, *ext, "extends", "expected a file name, got an empty string");
      const Setting here{ext, file};
      load_file(resolve_path(file, value), nullptr, &here);
    }
    stack_.pop_back();
    merge(root, file);
    files_.push_back(file);
  }

  // Every key known, every table a table, every value not a table.
  void check_table(const toml::table& t, std::string_view prefix, const std::string& file) const {
    for (const auto& [k, node] : t) {
      const std::string full =
          prefix.empty() ? std::string(k.str()) : fmt::format("{}.{}", prefix, k.str());
      if (prefix == "queues" && k.str().find('.') != std::string_view::npos) {
        fail(file, node, full, "a queue configured in [queues] cannot have '.' in its name");
      }
      const KeySpec* spec = find_spec(full);
      if (!spec) fail(file, node, full, unknown_key_message(full));
      switch (spec->kind) {
        case Kind::table:
          if (!node.is_table()) {
            fail(file, node, full,
                 fmt::format("expected a table [{}], got {}", full, io::toml_type_name(node)));
          }
          check_table(*node.as_table(), full, file);
          break;
        case Kind::columns:
          if (!node.is_table()) {
            fail(file, node, full,
                 fmt::format("expected a table of field = \"column\" such as {{ offered = "
                             "\"CallsOffered\" }}, got {}",
                             io::toml_type_name(node)));
          }
          check_columns(*node.as_table(), full, file);
          break;
        case Kind::leaf:
          if (node.is_table()) {
            fail(file, node, full, fmt::format("expected {}, got a table", spec->expect));
          }
          break;
      }
    }
  }

  void check_columns(const toml::table& t, std::string_view prefix, const std::string& file) const {
    const std::vector<std::string_view> fields(io::interval_fields.begin(),
                                               io::interval_fields.end());
    for (const auto& [k, node] : t) {
      const std::string full = fmt::format("{}.{}", prefix, k.str());
      if (std::find(fields.begin(), fields.end(), k.str()) == fields.end()) {
        const auto s = core::closest_name(k.str(), fields);
        fail(file, node, full,
             s.empty() ? fmt::format("unknown field (the fields: {})", join(fields))
                       : fmt::format("unknown field; did you mean '{}'?", s));
      }
      if (!node.is_string()) {
        fail(file, node, full,
             fmt::format("expected a column name (a string), got {}", io::toml_type_name(node)));
      }
    }
  }

  static void flatten(const toml::table& t, std::string_view prefix,
                      std::vector<std::pair<std::string, const toml::node*>>& out) {
    for (const auto& [k, node] : t) {
      const std::string full =
          prefix.empty() ? std::string(k.str()) : fmt::format("{}.{}", prefix, k.str());
      out.emplace_back(full, &node);
      if (node.is_table()) flatten(*node.as_table(), full, out);
    }
  }

  void merge(const toml::table& root, const std::string& file) {
    std::vector<std::pair<std::string, const toml::node*>> flat;
    flatten(root, "", flat);
    const auto find = [&](const std::vector<std::string_view>& keys) -> const toml::node* {
      const toml::node* found = nullptr;
      for (const auto& [key, node] : flat) {
        if (std::find(keys.begin(), keys.end(), key) == keys.end()) continue;
        if (!found || line_of(*node) > line_of(*found)) found = node;
      }
      return found;
    };
    const auto drop = [&](const std::vector<std::string_view>& keys) {
      for (auto k : keys) settings_.erase(std::string(k));
    };
    for (const auto& g : exclusive_groups()) {
      const toml::node* a = find(g.a);
      const toml::node* b = find(g.b);
      if (a && b) {
        const toml::node* later = line_of(*a) > line_of(*b) ? a : b;
        const toml::node* earlier = later == a ? b : a;
        std::string later_key, earlier_key;
        for (const auto& [key, node] : flat) {
          if (node == later) later_key = key;
          if (node == earlier) earlier_key = key;
        }
        fail(file, *later, later_key,
             fmt::format("conflicts with {} (line {}): give one or the other", earlier_key,
                         line_of(*earlier)));
      }
      if (a) drop(g.b);
      if (b) drop(g.a);
    }
    for (const auto& [key, node] : flat) settings_[key] = Setting{node, file};
  }

  std::vector<std::unique_ptr<toml::table>> docs_;  // keeps the nodes of settings_ alive
  std::map<std::string, Setting> settings_;
  std::vector<std::string> files_;
  std::vector<std::pair<std::string, std::string>> stack_;  // (identity, name) being loaded
};

// ---- converting the merged settings into a Scenario -------------------------------------------

class Reader {
 public:
  explicit Reader(const std::map<std::string, Setting>& settings) : settings_(settings) {}

  const Setting* get(std::string_view key) const {
    const auto it = settings_.find(std::string(key));
    return it == settings_.end() ? nullptr : &it->second;
  }

  [[noreturn]] void fail(std::string_view key, std::string_view message) const {
    const Setting* s = get(key);
    throw InputError(Location{s->file, line_of(*s->node), {}}, fmt::format("{}: {}", key, message));
  }

  [[noreturn]] void wrong_type(std::string_view key) const {
    const KeySpec* spec = find_spec(key);
    fail(key, fmt::format("expected {}, got {}", spec ? spec->expect : "another type",
                          describe(*get(key)->node)));
  }

  // "a string \"abc\"", "an integer 3", ...: what a value is, for messages.
  static std::string describe(const toml::node& n) {
    if (const auto* s = n.as_string()) {
      return fmt::format("a string {}", io::quote_for_message(**s));
    }
    if (n.is_integer()) return fmt::format("an integer {}", **n.as_integer());
    if (n.is_floating_point()) return fmt::format("a number {}", **n.as_floating_point());
    if (n.is_boolean()) return fmt::format("a boolean {}", **n.as_boolean());
    return std::string(io::toml_type_name(n));
  }

  std::optional<std::string> string(std::string_view key) const {
    const Setting* s = get(key);
    if (!s) return std::nullopt;
    if (!s->node->is_string()) wrong_type(key);
    return **s->node->as_string();
  }

  std::optional<std::string> path(std::string_view key) const {
    const auto v = string(key);
    if (!v) return std::nullopt;
    if (io::trim(*v).empty()) fail(key, "expected a file name, got an empty string");
    return resolve_path(get(key)->file, *v);
  }

  std::optional<double> number(std::string_view key) const {
    const Setting* s = get(key);
    if (!s) return std::nullopt;
    const toml::node& n = *s->node;
    if (n.is_integer()) return static_cast<double>(**n.as_integer());
    if (n.is_floating_point()) {
      const double v = **n.as_floating_point();
      if (!std::isfinite(v)) fail(key, fmt::format("expected a finite number, got {}", v));
      return v;
    }
    wrong_type(key);
  }

  // A number, or a percentage string "80%".
  std::optional<double> fraction(std::string_view key) const {
    const Setting* s = get(key);
    if (!s) return std::nullopt;
    if (const auto* str = s->node->as_string()) {
      const auto t = io::trim(**str);
      const auto v = t.ends_with('%') ? io::parse_double(t.substr(0, t.size() - 1)) : std::nullopt;
      if (!v) {
        fail(key, fmt::format("expected {}, got {}", kFraction, describe(*s->node)));
      }
      return *v / 100;
    }
    return number(key);
  }

  std::optional<std::int64_t> whole(std::string_view key) const {
    const Setting* s = get(key);
    if (!s) return std::nullopt;
    if (!s->node->is_integer()) wrong_type(key);
    return **s->node->as_integer();
  }

  std::optional<int> small_whole(std::string_view key, int lo, int hi) const {
    const auto v = whole(key);
    if (!v) return std::nullopt;
    if (*v < lo || *v > hi) {
      fail(key, fmt::format("expected a whole number from {} to {}, got {}", lo, hi, *v));
    }
    return static_cast<int>(*v);
  }

  std::optional<bool> boolean(std::string_view key) const {
    const Setting* s = get(key);
    if (!s) return std::nullopt;
    if (!s->node->is_boolean()) wrong_type(key);
    return **s->node->as_boolean();
  }

  // A string with a unit ("20s", "2m", "1h", "14d") or a number of seconds.
  std::optional<double> duration_s(std::string_view key) const {
    const Setting* s = get(key);
    if (!s) return std::nullopt;
    if (const auto* str = s->node->as_string()) {
      const auto v = core::parse_duration_s(**str);
      if (!v) fail(key, fmt::format("expected {}, got {}", kDuration, describe(*s->node)));
      return *v;
    }
    if (!s->node->is_number()) wrong_type(key);
    const double v = *number(key);
    if (v < 0) fail(key, fmt::format("expected a duration >= 0, got {}", v));
    return v;
  }

  std::optional<std::string> choice(std::string_view key,
                                    std::initializer_list<std::string_view> allowed) const {
    const auto v = string(key);
    if (!v) return std::nullopt;
    if (std::find(allowed.begin(), allowed.end(), *v) == allowed.end()) {
      std::string list;
      std::size_t i = 0;
      for (auto a : allowed) {
        list += fmt::format("{}\"{}\"", i == 0 ? "" : (i + 1 == allowed.size() ? " or " : ", "), a);
        ++i;
      }
      fail(key, fmt::format("expected {}, got {}", list, io::quote_for_message(*v)));
    }
    return v;
  }

  std::optional<std::vector<std::string>> strings(std::string_view key) const {
    const Setting* s = get(key);
    if (!s) return std::nullopt;
    const auto* arr = s->node->as_array();
    if (!arr) wrong_type(key);
    std::vector<std::string> out;
    for (const auto& item : *arr) {
      if (!item.is_string()) {
        fail(key,
             fmt::format("expected an array of strings, got {} in it", io::toml_type_name(item)));
      }
      out.push_back(std::string(io::trim(**item.as_string())));
    }
    return out;
  }

  // The names of the tables directly under `table` ("queues" -> the queue names), sorted.
  std::vector<std::string> table_names(std::string_view table) const {
    std::vector<std::string> out;
    const std::string prefix = fmt::format("{}.", table);
    for (const auto& [key, setting] : settings_) {
      if (!key.starts_with(prefix)) continue;
      const auto rest = std::string_view(key).substr(prefix.size());
      out.emplace_back(rest.substr(0, rest.find('.')));
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }

  // The items of an array setting, each read by `read` (which fails on a wrong item).
  template <class Read>
  std::optional<std::vector<double>> array(std::string_view key, Read read) const {
    const Setting* s = get(key);
    if (!s) return std::nullopt;
    const auto* arr = s->node->as_array();
    if (!arr) wrong_type(key);
    std::vector<double> out;
    for (const auto& item : *arr) out.push_back(read(item));
    return out;
  }

  // An integer or floating-point value; nullopt for any other type.
  static std::optional<double> number_of(const toml::node& n) {
    if (n.is_integer()) return static_cast<double>(**n.as_integer());
    if (n.is_floating_point()) return **n.as_floating_point();
    return std::nullopt;
  }

  // An array of durations ("3m", "3.5m") or numbers of seconds, each > 0.
  std::optional<std::vector<double>> durations_s(std::string_view key) const {
    return array(key, [&](const toml::node& item) {
      const auto* str = item.as_string();
      const auto v = str ? core::parse_duration_s(**str) : number_of(item);
      if (!v || !(*v > 0) || !std::isfinite(*v)) {
        fail(key, fmt::format("expected {} (each > 0), got {} in it", kDurations, describe(item)));
      }
      return *v;
    });
  }

  std::optional<std::vector<double>> numbers(std::string_view key) const {
    return array(key, [&](const toml::node& item) {
      const auto v = number_of(item);
      if (!v) {
        fail(key,
             fmt::format("expected an array of numbers, got {} in it", io::toml_type_name(item)));
      }
      return *v;
    });
  }

  // An array of dates (TOML dates or "YYYY-MM-DD" strings), none listed twice.
  std::optional<std::vector<std::chrono::local_days>> dates(std::string_view key) const {
    const Setting* s = get(key);
    if (!s) return std::nullopt;
    const auto* arr = s->node->as_array();
    if (!arr) wrong_type(key);
    std::vector<std::chrono::local_days> out;
    for (const auto& item : *arr) {
      std::optional<std::chrono::local_days> d;
      if (const auto* v = item.as_date()) {
        const std::chrono::year_month_day ymd{std::chrono::year{(**v).year},
                                              std::chrono::month{(**v).month},
                                              std::chrono::day{(**v).day}};
        if (ymd.ok()) d = std::chrono::local_days{ymd};
      } else if (const auto* str = item.as_string()) {
        d = core::parse_local_date(io::trim(**str));
      }
      if (!d) {
        fail(key, fmt::format("expected an array of dates such as [\"2026-12-25\"], got {} in it",
                              item.is_string() ? io::quote_for_message(**item.as_string())
                                               : std::string(io::toml_type_name(item))));
      }
      if (std::find(out.begin(), out.end(), *d) != out.end())
        fail(key, fmt::format("date {} is listed twice", core::format_local_date(*d)));
      out.push_back(*d);
    }
    return out;
  }

  std::optional<std::chrono::local_days> date(std::string_view key) const {
    const Setting* s = get(key);
    if (!s) return std::nullopt;
    if (const auto* d = s->node->as_date()) {
      const toml::date v = **d;
      const std::chrono::year_month_day ymd{std::chrono::year{v.year}, std::chrono::month{v.month},
                                            std::chrono::day{v.day}};
      if (!ymd.ok()) fail(key, "expected a valid date");
      return std::chrono::local_days{ymd};
    }
    if (const auto* str = s->node->as_string()) {
      const auto d = core::parse_local_date(io::trim(**str));
      if (!d) {
        fail(key, fmt::format("expected a date such as 2024-04-01, got {}",
                              io::quote_for_message(**str)));
      }
      return *d;
    }
    wrong_type(key);
  }

  std::optional<DayHours> hours(std::string_view key) const {
    const auto v = string(key);
    if (!v) return std::nullopt;
    const auto t = io::trim(*v);
    if (t == "closed") return DayHours{0, 0};
    const auto open_close = staffing::parse_open_hours(t);
    if (!open_close) {
      fail(key, fmt::format("expected {} (open before close), got {}", kHours,
                            io::quote_for_message(t)));
    }
    return DayHours{open_close->first / 60, open_close->second / 60};
  }

 private:
  const std::map<std::string, Setting>& settings_;
};

// Runs `check`; its InputError becomes one at the scenario's key (file and line).
template <typename Check>
void check_at(const Reader& r, const std::string& key, Check check) {
  try {
    check();
  } catch (const InputError& e) {
    r.fail(key, e.detail());
  }
}

void read_source(const Reader& r, const char* table, DataSource& src) {
  const std::string t(table);
  if (auto v = r.path(t + ".file")) src.file = *v;
  if (auto v = r.path(t + ".mapping")) {
    std::error_code ec;
    if (!fs::is_regular_file(*v, ec)) {
      r.fail(t + ".mapping",
             fmt::format("the mapping file {} does not exist or is not a file", *v));
    }
    io::load_reader_mapping(*v);  // its errors name the mapping file's line and key
    src.mapping = *v;
  }
  if (auto v = r.string(t + ".delimiter")) {
    check_at(r, t + ".delimiter", [&] { io::parse_delimiter(*v, {}); });
    src.delimiter = *v;
  }
  if (auto v = r.boolean(t + ".decimal_comma")) src.decimal_comma = *v;
  if (auto v = r.string(t + ".time_format")) {
    check_at(r, t + ".time_format", [&] { io::parse_interval_time_format(*v, {}); });
    src.time_format = *v;
  }
  for (auto f : io::interval_fields) {
    if (auto v = r.string(fmt::format("{}.columns.{}", t, f))) {
      if (io::trim(*v).empty()) {
        r.fail(fmt::format("{}.columns.{}", t, f), "expected a column name, got an empty string");
      }
      src.columns[std::string(f)] = *v;
    }
  }
  if (auto v = r.choice(t + ".gaps", {"allow", "error"})) src.gaps = *io::parse_gap_policy(*v);
  if (auto v = r.strings(t + ".queues")) src.queues = *v;
}

void read_forecast(const Reader& r, ForecastSettings& f) {
  if (auto v = r.string("forecast.method")) f.method = *v;
  if (auto v = r.duration_s("forecast.horizon")) {
    const double days = *v / 86400;
    if (days < 1 || days != std::floor(days)) {
      r.fail("forecast.horizon",
             fmt::format("expected a whole number of days such as \"14d\", got {}",
                         Reader::describe(*r.get("forecast.horizon")->node)));
    }
    if (days > 3660) r.fail("forecast.horizon", "expected at most 3660 days");
    f.horizon_days = static_cast<int>(days);
  }
  if (auto v = r.date("forecast.start")) f.start = *v;
  if (auto v = r.numbers("forecast.levels")) f.levels = *v;
  if (auto v = r.path("forecast.special_days")) f.special_days = *v;
  if (auto v = r.choice("forecast.outliers", {"off", "downweight"})) {
    f.outliers = *v == "off" ? OutlierPolicy::off : OutlierPolicy::downweight;
  }
}

void read_hours(const Reader& r, Scenario& s) {
  if (!r.get("hours")) return;
  WeekHours w;
  DayHours def = default_day_hours;
  const Setting* def_set = r.get("hours.default");
  if (auto v = r.hours("hours.default")) def = *v;
  for (std::size_t d = 0; d < 7; ++d) {
    const std::string key = fmt::format("hours.{}", weekdays[d]);
    if (auto v = r.hours(key)) {
      w.days[d] = *v;
    } else {
      w.days[d] = def;
      if (def_set) s.origins[key] = s.origins["hours.default"];
    }
  }
  s.hours = w;
}

// [targets], or [queues.NAME.targets] when `table` is "queues.NAME.targets".
void read_targets(const Reader& r, const std::string& table, staffing::ServiceTargets& t) {
  const auto key = [&](std::string_view k) { return fmt::format("{}.{}", table, k); };
  if (auto v = r.fraction(key("service_level"))) t.service_level = *v;
  if (auto v = r.duration_s(key("threshold"))) t.measure.threshold_s = *v;
  if (auto v = r.string(key("sl_definition"))) {
    const auto d = staffing::parse_sl_definition(*v);
    if (!d) {
      r.fail(key("sl_definition"),
             fmt::format("expected \"offered\", \"answered\", \"offered-less-short-abandons\" or "
                         "\"abandons-within-t-met\", got {}",
                         io::quote_for_message(*v)));
    }
    t.measure.definition = *d;
  }
  if (auto v = r.duration_s(key("max_asa"))) t.max_asa_s = *v;
  if (auto v = r.fraction(key("max_abandon"))) t.max_abandon_rate = *v;
  if (auto v = r.fraction(key("max_occupancy"))) t.max_occupancy = *v;
  if (auto v = r.fraction(key("max_blocking"))) t.max_blocking = *v;
  if (auto v = r.number(key("min_outbound"))) t.min_outbound_per_hour = *v;
  if (auto v = r.number(key("sim_confidence"))) t.confidence = *v;
}

// An email queue's `open` and `days`: the same hours on each of those days (either key alone: the
// other's default, 00:00-24:00 or every day).
void read_email_hours(const Reader& r, const std::string& name, QueueSettings& q) {
  const std::string open_key = fmt::format("queues.{}.open", name);
  const std::string days_key = fmt::format("queues.{}.days", name);
  const auto open = r.hours(open_key);
  const auto days_text = r.string(days_key);
  if (!open && !days_text) return;
  std::array<bool, 7> days;
  days.fill(true);
  if (days_text) {
    const auto d = staffing::parse_open_days(io::trim(*days_text));
    if (!d) {
      r.fail(days_key, fmt::format("expected days such as \"mon-fri\" or \"mon,wed,fri\", got {}",
                                   io::quote_for_message(*days_text)));
    }
    days = *d;
  }
  const DayHours h = open ? *open : DayHours{0, 24 * 60};
  q.email_hours = WeekHours::uniform(days, h.open_min * 60, h.close_min * 60);
}

// [queues.NAME] tables, after [targets] (a queue's targets start from them).
void read_queues(const Reader& r, Scenario& s) {
  for (const auto& name : r.table_names("queues")) {
    const auto key = [&](std::string_view k) { return fmt::format("queues.{}.{}", name, k); };
    QueueSettings q;
    if (auto v = r.choice(key("channel"), {"voice", "chat", "email"})) {
      q.channel = *v == "chat" ? Channel::chat : *v == "email" ? Channel::email : Channel::voice;
    }
    if (auto v = r.duration_s(key("patience"))) q.patience_s = *v;
    if (auto v = r.small_whole(key("concurrency"), 1, 20)) q.concurrency = *v;
    if (auto v = r.durations_s(key("aht_by_concurrency"))) q.aht_by_concurrency_s = *v;
    if (auto v = r.number(key("lines"))) q.lines = *v;
    if (auto v = r.fraction(key("redial_prob"))) q.redial_prob = *v;
    if (auto v = r.duration_s(key("redial_delay"))) q.redial_delay_s = *v;
    if (auto v = r.number(key("forecast_cv"))) q.forecast_cv = *v;
    if (auto v = r.small_whole(key("outbound_threshold"), 0, 100000)) q.outbound_threshold = *v;
    if (auto v = r.duration_s(key("outbound_aht"))) q.outbound_aht_s = *v;
    if (auto v = r.duration_s(key("within"))) q.within_s = *v;
    if (auto v = r.fraction(key("target"))) q.target = *v;
    read_email_hours(r, name, q);
    if (auto v = r.dates(key("closed"))) q.closed_dates = *v;
    if (auto v = r.path(key("opening_backlog"))) q.opening_backlog = *v;
    q.targets = s.targets;
    read_targets(r, fmt::format("queues.{}.targets", name), q.targets);
    s.queues[name] = std::move(q);
  }
}

void read_staffing(const Reader& r, StaffingSettings& st) {
  if (auto v = r.choice("staffing.method", {"erlang-c", "erlang-a", "sim"})) {
    st.method = *parse_staffing_method(*v);
  }
  if (auto v = r.string("staffing.plan_for")) {
    const auto t = io::trim(*v);
    if (t != "mean") {
      const auto level = t.starts_with("upper-") ? io::parse_double(t.substr(6)) : std::nullopt;
      if (!level) {
        r.fail("staffing.plan_for",
               fmt::format("expected \"mean\" or \"upper-<level>\" such as \"upper-80\", got {}",
                           io::quote_for_message(t)));
      }
      st.plan_for_upper = *level;
    }
  }
  if (auto v = r.number("staffing.min_agents")) st.min_agents = *v;
  if (auto v = r.number("staffing.max_agents")) st.max_agents = *v;
  if (auto v = r.boolean("staffing.fractional")) st.fractional = *v;
}

void read_simulation(const Reader& r, SimulationSettings& sim) {
  if (auto v = r.boolean("simulation.check")) sim.check = *v;
  if (const Setting* s = r.get("simulation.seed")) {
    if (const auto* str = s->node->as_string()) {
      // Seeds above 2^63 - 1 (TOML's largest integer) as a string of digits.
      const auto t = io::trim(**str);
      std::uint64_t seed = 0;
      const auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), seed);
      if (t.empty() || ec != std::errc{} || ptr != t.data() + t.size()) {
        r.fail("simulation.seed",
               fmt::format("expected a whole number from 0 to 18446744073709551615, got {}",
                           io::quote_for_message(t)));
      }
      sim.seed = seed;
    } else {
      const auto v = r.whole("simulation.seed");
      if (*v < 0) {
        r.fail("simulation.seed",
               fmt::format("expected a whole number from 0 to 18446744073709551615, got {}", *v));
      }
      sim.seed = static_cast<std::uint64_t>(*v);
    }
  }
  if (auto v = r.small_whole("simulation.replications", 2, 1'000'000)) sim.replications = *v;
}

void read_capacity(const Reader& r, CapacitySettings& c) {
  if (auto v = r.small_whole("capacity.weeks", 1, 520)) c.weeks = *v;
  if (auto v = r.number("capacity.hours_per_fte_week")) c.hours_per_fte_week = *v;
  if (auto v = r.number("capacity.starting_headcount")) c.starting_headcount = *v;
  if (auto v = r.fraction("capacity.attrition_annual")) c.attrition_annual = *v;
  if (auto v = r.small_whole("capacity.hiring_lead_weeks", 0, 520)) c.hiring_lead_weeks = *v;
  if (auto v = r.small_whole("capacity.training_weeks", 0, 520)) c.training_weeks = *v;
  if (auto v = r.fraction("capacity.growth_annual")) c.growth_annual = *v;
  if (auto v = r.number("capacity.max_hires_per_week")) c.max_hires_per_week = *v;
}

Scenario build(const Loader& loader, const std::string& display_name) {
  Scenario s;
  s.source = display_name;
  s.files = loader.files();
  for (const auto& [key, setting] : loader.settings()) {
    s.origins[key] = Location{setting.file, line_of(*setting.node), {}};
  }
  const Reader r(loader.settings());
  const std::string stem = fs::path(display_name).stem().string();
  s.name = r.string("name").value_or(stem);
  s.description = r.string("description").value_or("");
  read_source(r, "history", s.history);
  read_source(r, "demand", s.demand);
  if (auto v = r.string("timezone")) {
    try {
      s.history.time_zone = core::TimeZone::locate(*v, Location{});
    } catch (const InputError& e) {
      r.fail("timezone", e.detail());
    }
    s.demand.time_zone = s.history.time_zone;
  }
  read_forecast(r, s.forecast);
  read_hours(r, s);
  read_targets(r, "targets", s.targets);
  read_queues(r, s);
  if (auto v = r.number("assumptions.aht_s")) s.assumptions.aht_s = *v;
  if (auto v = r.number("assumptions.aht_adjust_s")) s.assumptions.aht_adjust_s = *v;
  if (auto v = r.number("assumptions.volume_factor")) s.assumptions.volume_factor = *v;
  if (auto v = r.duration_s("assumptions.patience")) s.assumptions.patience_s = *v;
  if (auto v = r.fraction("shrinkage.total")) s.shrinkage.total_given = *v;
  for (std::size_t i = 0; i < shrinkage_categories.size(); ++i) {
    if (auto v = r.fraction(fmt::format("shrinkage.{}", shrinkage_categories[i]))) {
      s.shrinkage.categories[i] = *v;
    }
  }
  read_staffing(r, s.staffing);
  read_simulation(r, s.simulation);
  if (auto v = r.number("cost.per_agent_hour")) s.cost.per_agent_hour = *v;
  if (auto v = r.string("cost.currency")) s.cost.currency = *v;
  read_capacity(r, s.capacity);
  if (auto v = r.path("schedule.rules")) s.schedule.rules = *v;
  if (auto v = r.string("schedule.queue")) s.schedule.queue = *v;
  if (auto v = r.duration_s("schedule.time_limit")) s.schedule.time_limit_s = *v;
  if (auto v = r.fraction("schedule.gap")) s.schedule.gap = *v;
  if (auto v = r.small_whole("schedule.rounds", 0, 20)) s.schedule.rounds = *v;
  s.outputs.dir = r.path("outputs.dir").value_or("out/" + stem);
  if (auto v = r.boolean("outputs.report")) s.outputs.report = *v;
  if (auto v = r.boolean("outputs.simulation")) s.outputs.simulation = *v;
  validate(s);
  return s;
}

}  // namespace

Scenario load_scenario(const std::string& path) {
  Loader loader;
  loader.load(path, nullptr);
  return build(loader, path);
}

Scenario parse_scenario(std::string_view toml_text, const std::string& display_name) {
  Loader loader;
  const std::string text(toml_text);
  loader.load(display_name, &text);
  return build(loader, display_name);
}

}  // namespace wfm::scenario
