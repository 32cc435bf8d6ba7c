#include "wfm/kpi/mapping.hpp"

#include <algorithm>

#include <toml++/toml.h>

#include "wfm/core/error.hpp"
#include "wfm/io/number.hpp"
#include "wfm/io/reader_options.hpp"
#include "wfm/io/toml_util.hpp"

namespace wfm::kpi {
namespace {

using core::InputError;
using core::Location;

constexpr std::array<std::string_view, field_count> field_names = {
    "contact_id", "queue", "customer_id", "arrival", "answer", "end", "outcome", "talk_s",
    "hold_s",     "acw_s", "agent",       "csat",    "nps",    "ces", "resolved"};

// Reads the keys of one TOML file with locations for every message.
class MappingParser {
 public:
  MappingParser(const toml::table& root, std::string file) : root_(root), file_(std::move(file)) {}

  ContactMapping run() {
    ContactMapping m = default_mapping();
    m.source = file_;
    check_keys(root_, "",
               {"format", "columns", "absent", "outcomes", "queues", "surveys", "resolved"});
    if (const auto* t = table("format")) read_format(*t, m);
    if (const auto* t = table("columns")) read_columns(*t, m);
    if (const auto* t = table("absent")) read_absent(*t, m);
    if (const auto* t = table("outcomes")) read_outcomes(*t, m);
    if (const auto* t = table("queues")) {
      check_keys(*t, "queues", {"allowed"});
      if (const auto* n = t->get("allowed")) m.queues = strings(*n, "queues.allowed", false);
    }
    if (const auto* t = table("surveys")) read_surveys(*t, m);
    if (const auto* t = table("resolved")) read_resolved(*t, m);
    check_consistency(m);
    return m;
  }

 private:
  Location at(const toml::node& n, std::string_view key) const {
    return io::toml_location(file_, n, key);
  }
  Location at_file(std::string_view key) const { return Location{file_, 0, std::string(key)}; }

  const toml::table* table(std::string_view name) const {
    const toml::node* n = root_.get(name);
    if (!n) return nullptr;
    WFM_REQUIRE(n->is_table(), at(*n, name), "expected a table [{}]", name);
    return n->as_table();
  }

  void check_keys(const toml::table& t, std::string_view prefix,
                  std::initializer_list<std::string_view> known) const {
    io::check_known_keys(t, prefix, known, file_);
  }

  std::string string(const toml::node& n, std::string_view key) const {
    return io::toml_string(n, at(n, key));
  }

  // A string or an array of strings (non-empty strings unless allow_empty).
  std::vector<std::string> strings(const toml::node& n, std::string_view key,
                                   bool allow_empty) const {
    std::vector<std::string> out;
    if (n.is_string()) {
      out.push_back(string(n, key));
    } else {
      WFM_REQUIRE(n.is_array(), at(n, key), "expected a string or an array of strings");
      for (const auto& item : *n.as_array()) out.push_back(string(item, key));
    }
    for (auto& s : out) {
      s = std::string(io::trim(s));
      WFM_REQUIRE(allow_empty || !s.empty(), at(n, key), "expected non-empty strings");
    }
    return out;
  }

  double number(const toml::node& n, std::string_view key) const {
    WFM_REQUIRE(n.is_number(), at(n, key), "expected a number");
    return n.is_integer() ? static_cast<double>(*n.value<std::int64_t>()) : *n.value<double>();
  }

  io::TimeFormat time_format(const toml::node& n, std::string_view key) const {
    return io::TimeFormat::parse(string(n, key), at(n, key));
  }

  void read_format(const toml::table& t, ContactMapping& m) const {
    check_keys(t, "format",
               {"delimiter", "time_format", "date_column", "date_format", "day_anchor",
                "clock_tolerance_s", "missing_arrival", "timezone"});
    if (const auto* n = t.get("delimiter")) {
      m.delimiter = io::parse_delimiter(string(*n, "format.delimiter"), at(*n, "format.delimiter"));
    }
    if (const auto* n = t.get("time_format")) m.time_format = time_format(*n, "format.time_format");
    if (const auto* n = t.get("date_column")) {
      m.date_column = string(*n, "format.date_column");
      WFM_REQUIRE(!io::trim(m.date_column).empty(), at(*n, "format.date_column"),
                  "expected a column name");
    }
    if (const auto* n = t.get("date_format")) {
      m.date_format = time_format(*n, "format.date_format");
      WFM_REQUIRE(m.date_format.has_date() && !m.date_format.has_time(),
                  at(*n, "format.date_format"), "expected a date format such as \"%Y-%m-%d\"");
    }
    if (const auto* n = t.get("day_anchor")) m.day_anchor = string(*n, "format.day_anchor");
    if (const auto* n = t.get("timezone")) {
      m.time_zone =
          core::TimeZone::locate(string(*n, "format.timezone"), at(*n, "format.timezone"));
    }
    if (const auto* n = t.get("clock_tolerance_s")) {
      m.clock_tolerance_s = number(*n, "format.clock_tolerance_s");
      WFM_REQUIRE(m.clock_tolerance_s >= 0 && m.clock_tolerance_s <= 60,
                  at(*n, "format.clock_tolerance_s"), "expected seconds between 0 and 60, got {}",
                  m.clock_tolerance_s);
    }
    if (const auto* n = t.get("missing_arrival")) {
      const std::string v = string(*n, "format.missing_arrival");
      if (v == "error")
        m.missing_arrival = MissingArrival::error;
      else if (v == "exclude")
        m.missing_arrival = MissingArrival::exclude;
      else
        throw InputError(
            at(*n, "format.missing_arrival"),
            fmt::format("expected \"error\" or \"exclude\", got {}", io::quote_for_message(v)));
    }
    // A date format without a date column (or the reverse) is a mistake.
    const bool date_format_given = t.get("date_format") != nullptr;
    WFM_REQUIRE(!date_format_given || !m.date_column.empty(), at_file("format.date_format"),
                "date_format needs date_column");
  }

  void read_columns(const toml::table& t, ContactMapping& m) const {
    for (const auto& [key, node] : t) {
      const auto f = parse_field(key.str());
      if (!f) {
        std::string list;
        for (auto n : field_names) list += fmt::format("{}{}", list.empty() ? "" : ", ", n);
        throw InputError(at(node, fmt::format("columns.{}", key.str())),
                         fmt::format("unknown field (fields: {})", list));
      }
      m.columns[static_cast<std::size_t>(*f)] =
          strings(node, fmt::format("columns.{}", key.str()), false);
    }
  }

  void read_absent(const toml::table& t, ContactMapping& m) const {
    for (const auto& [key, node] : t) {
      const std::string k = fmt::format("absent.{}", key.str());
      auto values = strings(node, k, true);
      if (key.str() == "times") {
        for (Field f : {Field::arrival, Field::answer, Field::end}) {
          auto& a = m.absent[static_cast<std::size_t>(f)];
          a.insert(a.end(), values.begin(), values.end());
        }
        continue;
      }
      const auto f = parse_field(key.str());
      WFM_REQUIRE(f.has_value(), at(node, k), "unknown field (a field name, or \"times\")");
      auto& a = m.absent[static_cast<std::size_t>(*f)];
      a.insert(a.end(), values.begin(), values.end());
    }
  }

  void read_outcomes(const toml::table& t, ContactMapping& m) const {
    m.outcomes.clear();
    for (const auto& [key, node] : t) {
      const std::string k = fmt::format("outcomes.{}", key.str());
      const std::string v = string(node, k);
      OutcomeCode code{std::string(key.str()), std::nullopt};
      if (v != "exclude") {
        code.outcome = parse_outcome(v);
        WFM_REQUIRE(code.outcome.has_value(), at(node, k),
                    "expected answered, abandoned, blocked, transferred or exclude, got {}",
                    io::quote_for_message(v));
      }
      m.outcomes.push_back(std::move(code));
    }
    WFM_REQUIRE(!m.outcomes.empty(), at_file("outcomes"), "the [outcomes] table is empty");
  }

  void read_surveys(const toml::table& t, ContactMapping& m) const {
    check_keys(t, "surveys", {"csat_scale", "ces_scale"});
    if (const auto* n = t.get("csat_scale")) {
      const double s = number(*n, "surveys.csat_scale");
      WFM_REQUIRE(s == 5 || s == 10, at(*n, "surveys.csat_scale"), "expected 5 or 10, got {}", s);
      m.csat_scale = static_cast<int>(s);
    }
    if (const auto* n = t.get("ces_scale")) {
      const double s = number(*n, "surveys.ces_scale");
      WFM_REQUIRE(s == 5 || s == 7, at(*n, "surveys.ces_scale"), "expected 5 or 7, got {}", s);
      m.ces_scale = static_cast<int>(s);
    }
  }

  void read_resolved(const toml::table& t, ContactMapping& m) const {
    check_keys(t, "resolved", {"yes", "no", "other"});
    if (const auto* n = t.get("yes")) m.resolved_yes = strings(*n, "resolved.yes", false);
    if (const auto* n = t.get("no")) m.resolved_no = strings(*n, "resolved.no", false);
    if (const auto* n = t.get("other")) {
      const std::string v = string(*n, "resolved.other");
      WFM_REQUIRE(v == "error" || v == "absent", at(*n, "resolved.other"),
                  "expected \"error\" or \"absent\", got {}", io::quote_for_message(v));
      m.resolved_other_absent = v == "absent";
    }
  }

  void check_consistency(const ContactMapping& m) const {
    if (!m.time_format.has_date()) {
      WFM_REQUIRE(!m.date_column.empty(), at_file("format.time_format"),
                  "time_format {} has no date: give date_column (and date_format)",
                  io::quote_for_message(m.time_format.spec()));
    } else {
      WFM_REQUIRE(m.date_column.empty(), at_file("format.date_column"),
                  "date_column is only for a time_format without a date (a time of day), but "
                  "time_format {} has a date",
                  io::quote_for_message(m.time_format.spec()));
    }
    WFM_REQUIRE(m.day_anchor.empty() || !m.date_column.empty(), at_file("format.day_anchor"),
                "day_anchor is only for times of day with a date_column");
    for (std::size_t i = 0; i < m.outcomes.size(); ++i) {
      for (std::size_t j = 0; j < i; ++j) {
        WFM_REQUIRE(m.outcomes[i].code != m.outcomes[j].code, at_file("outcomes"),
                    "outcome code {} is mapped twice", io::quote_for_message(m.outcomes[i].code));
      }
    }
  }

  const toml::table& root_;
  std::string file_;
};

}  // namespace

std::string_view field_name(Field f) {
  return field_names[static_cast<std::size_t>(f)];
}

std::optional<Field> parse_field(std::string_view name) {
  for (std::size_t i = 0; i < field_count; ++i) {
    if (field_names[i] == name) return static_cast<Field>(i);
  }
  return std::nullopt;
}

std::vector<std::string> ContactMapping::column_names(Field f) const {
  const auto& c = columns[static_cast<std::size_t>(f)];
  if (!c.empty()) return c;
  return {std::string(field_name(f))};
}

ContactMapping default_mapping() {
  return ContactMapping{};
}

ContactMapping parse_mapping(std::string_view toml_text, const std::string& display_name) {
  const toml::table root = io::parse_toml(toml_text, display_name, "mapping file");
  return MappingParser(root, display_name).run();
}

ContactMapping load_mapping(const std::string& path) {
  const toml::table root = io::load_toml_file(path, "mapping file");
  return MappingParser(root, path).run();
}

}  // namespace wfm::kpi
