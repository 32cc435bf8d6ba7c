#include "wfm/schedule/agents_csv.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <map>
#include <optional>

#include "wfm/core/error.hpp"
#include "wfm/io/csv_reader.hpp"
#include "wfm/io/input_file.hpp"
#include "wfm/io/number.hpp"

namespace wfm::schedule {
namespace {

using core::Location;

constexpr std::array<std::string_view, 7> kWeekdays = {"mon", "tue", "wed", "thu",
                                                       "fri", "sat", "sun"};

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// "sat sun", "sat;sun", "Sat, Sun": a set of weekdays as bits (bit 0 Monday).
unsigned parse_weekdays(std::string_view text, const Location& at) {
  unsigned bits = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == ';' || text[i] == ',' ||
                               text[i] == '\t' || text[i] == '|')) {
      ++i;
    }
    std::size_t j = i;
    while (j < text.size() && text[j] != ' ' && text[j] != ';' && text[j] != ',' &&
           text[j] != '\t' && text[j] != '|') {
      ++j;
    }
    if (j == i) break;
    const std::string word = lower(text.substr(i, j - i));
    const auto it = std::find(kWeekdays.begin(), kWeekdays.end(), word);
    WFM_REQUIRE(it != kWeekdays.end(), at,
                "expected weekdays among mon tue wed thu fri sat sun (separated by spaces or "
                "';'), got {}",
                io::quote_for_message(text.substr(i, j - i)));
    bits |= 1u << (it - kWeekdays.begin());
    i = j;
  }
  return bits;
}

// "HH:MM" in seconds after midnight; "24:00" only when `allow_24`.
int parse_clock(std::string_view text, const Location& at, bool allow_24) {
  int h = -1, m = -1;
  const bool shape = text.size() == 5 && text[2] == ':' &&
                     std::from_chars(text.data(), text.data() + 2, h).ptr == text.data() + 2 &&
                     std::from_chars(text.data() + 3, text.data() + 5, m).ptr == text.data() + 5;
  const bool ok =
      shape && m >= 0 && m < 60 && h >= 0 && (h < 24 || (allow_24 && h == 24 && m == 0));
  WFM_REQUIRE(ok, at, "expected a time of day \"HH:MM\" ({}), got {}",
              allow_24 ? "00:00 to 24:00" : "00:00 to 23:59", io::quote_for_message(text));
  return h * 3600 + m * 60;
}

}  // namespace

std::vector<Agent> read_agents_csv(std::istream& in, const std::string& source) {
  io::CsvReader reader(in, source);
  const io::CsvHeader header = reader.read_header();
  const auto col = [&](std::string_view name) { return header.find(name); };
  const auto id_col = col("agent"), min_col = col("min_hours"), max_col = col("max_hours");
  WFM_REQUIRE(id_col && min_col && max_col, (Location{source, 1, ""}),
              "expected columns agent, min_hours and max_hours (and optionally max_days, "
              "unavailable, available_from, available_to, preferred_start), found {}",
              header.joined());
  const auto days_col = col("max_days"), off_col = col("unavailable");
  const auto from_col = col("available_from"), to_col = col("available_to");
  const auto pref_col = col("preferred_start");
  std::vector<Agent> agents;
  std::map<std::string, std::size_t> seen;
  while (reader.next()) {
    const std::size_t line = reader.line();
    const auto at = [&](const char* column) { return Location{source, line, column}; };
    const auto cell = [&](const std::optional<std::size_t>& c) {
      return c ? io::trim(reader.field(*c)) : std::string_view();
    };
    Agent a;
    a.line = line;
    a.id = std::string(cell(id_col));
    WFM_REQUIRE(!a.id.empty(), at("agent"), "expected an agent id, got an empty field");
    const auto [it, fresh] = seen.emplace(a.id, line);
    WFM_REQUIRE(fresh, at("agent"), "agent '{}' is listed twice (first on line {})", a.id,
                it->second);
    a.min_hours = io::parse_number(cell(min_col), at("min_hours"), io::NumberRange::non_negative);
    a.max_hours = io::parse_number(cell(max_col), at("max_hours"), io::NumberRange::non_negative);
    WFM_REQUIRE(a.max_hours <= 168, at("max_hours"), "expected at most 168 hours a week, got {}",
                a.max_hours);
    WFM_REQUIRE(a.min_hours <= a.max_hours, at("min_hours"),
                "the weekly minimum ({} h) is above the maximum ({} h)", a.min_hours, a.max_hours);
    if (const auto d = cell(days_col); !d.empty()) {
      const double v = io::parse_number(d, at("max_days"), io::NumberRange::non_negative);
      WFM_REQUIRE(v == std::floor(v) && v <= 7, at("max_days"),
                  "expected a whole number of days from 0 to 7, got {}", io::quote_for_message(d));
      a.max_days = static_cast<int>(v);
    }
    a.unavailable_weekdays = parse_weekdays(cell(off_col), at("unavailable"));
    if (const auto f = cell(from_col); !f.empty()) {
      a.available_from_s = parse_clock(f, at("available_from"), false);
    }
    if (const auto t = cell(to_col); !t.empty()) {
      a.available_to_s = parse_clock(t, at("available_to"), true);
    }
    WFM_REQUIRE(a.available_from_s < a.available_to_s, at("available_to"),
                "the available window ends ({:02}:{:02}) before it starts ({:02}:{:02})",
                a.available_to_s / 3600, a.available_to_s / 60 % 60, a.available_from_s / 3600,
                a.available_from_s / 60 % 60);
    if (const auto p = cell(pref_col); !p.empty()) {
      a.preferred_start_s = parse_clock(p, at("preferred_start"), false);
    }
    agents.push_back(std::move(a));
  }
  WFM_REQUIRE(!agents.empty(), (Location{source, 0, ""}), "no agents: the file has a header only");
  return agents;
}

std::vector<Agent> load_agents_csv(const std::string& path) {
  std::ifstream in = io::open_input_file(path);
  return read_agents_csv(in, path);
}

}  // namespace wfm::schedule
