#include "wfm/kpi/agent_states.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <unordered_map>

#include "wfm/core/error.hpp"
#include "wfm/core/limits.hpp"
#include "wfm/io/csv_reader.hpp"
#include "wfm/io/number.hpp"

namespace wfm::kpi {
namespace {

using core::InputError;
using core::Location;

// Lower case, with spaces and dashes as underscores: "After-Call Work" -> "after_call_work".
std::string normalize(std::string_view text) {
  std::string out;
  for (char c : io::trim(text)) {
    out += (c == ' ' || c == '-') ? '_' : char(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

}  // namespace

std::string_view to_string(AgentState s) {
  switch (s) {
    case AgentState::available:
      return "available";
    case AgentState::on_contact:
      return "on_contact";
    case AgentState::acw:
      return "acw";
    case AgentState::break_time:
      return "break";
    case AgentState::training:
      return "training";
    case AgentState::meeting:
      return "meeting";
    case AgentState::offline:
      return "offline";
  }
  return "?";
}

std::optional<AgentState> parse_agent_state(std::string_view text) {
  const std::string n = normalize(text);
  if (n == "available" || n == "idle" || n == "ready") return AgentState::available;
  if (n == "on_contact" || n == "on_call" || n == "talk" || n == "busy")
    return AgentState::on_contact;
  if (n == "acw" || n == "after_call_work" || n == "wrap_up" || n == "wrap") return AgentState::acw;
  if (n == "break" || n == "lunch") return AgentState::break_time;
  if (n == "training" || n == "coaching") return AgentState::training;
  if (n == "meeting") return AgentState::meeting;
  if (n == "offline" || n == "logged_out" || n == "logout") return AgentState::offline;
  return std::nullopt;
}

bool is_productive(AgentState s) noexcept {
  return s == AgentState::available || s == AgentState::on_contact || s == AgentState::acw;
}

std::string_view to_string(Activity a) {
  switch (a) {
    case Activity::work:
      return "work";
    case Activity::break_time:
      return "break";
    case Activity::training:
      return "training";
    case Activity::meeting:
      return "meeting";
    case Activity::offline:
      return "offline";
  }
  return "?";
}

std::optional<Activity> parse_activity(std::string_view text) {
  const std::string n = normalize(text);
  if (n == "work" || n == "open" || n == "available" || n == "phones" || n == "contacts")
    return Activity::work;
  if (n == "break" || n == "lunch") return Activity::break_time;
  if (n == "training" || n == "coaching") return Activity::training;
  if (n == "meeting") return Activity::meeting;
  if (n == "offline" || n == "off") return Activity::offline;
  return std::nullopt;
}

bool adheres(AgentState state, Activity activity) noexcept {
  switch (activity) {
    case Activity::work:
      return is_productive(state);
    case Activity::break_time:
      return state == AgentState::break_time;
    case Activity::training:
      return state == AgentState::training;
    case Activity::meeting:
      return state == AgentState::meeting;
    case Activity::offline:
      return state == AgentState::offline;
  }
  return false;
}

TimelineFile load_timelines(const std::string& path, TimelineKind kind,
                            const TimelineOptions& options) {
  std::error_code ec;
  WFM_REQUIRE(!std::filesystem::is_directory(path, ec), (Location{path, 0, {}}),
              "is a directory, expected a CSV file");
  std::ifstream in(path, std::ios::binary);
  WFM_REQUIRE(in.good(), (Location{path, 0, {}}), "cannot open the file");
  return load_timelines(in, path, kind, options);
}

TimelineFile load_timelines(std::istream& in, const std::string& name, TimelineKind kind,
                            const TimelineOptions& options) {
  const io::TimeFormat& format = options.format;
  io::CsvReader reader(in, name, io::CsvOptions{options.delimiter, true});
  const io::CsvHeader header = reader.read_header();
  const std::size_t header_line = reader.line();
  const std::string what_column = kind == TimelineKind::states ? "state" : "activity";
  auto column = [&](const std::string& c) {
    WFM_REQUIRE(header.count(c) <= 1, (Location{name, header_line, {}}),
                "column '{}' appears {} times in the header", c, header.count(c));
    const auto i = header.find(c);
    WFM_REQUIRE(i.has_value(), (Location{name, header_line, {}}),
                "missing column '{}'; expected agent, {}, start, end; columns present: {}", c,
                what_column, header.joined());
    return *i;
  };
  const std::size_t agent_i = column("agent"), what_i = column(what_column),
                    start_i = column("start"), end_i = column("end");

  TimelineFile file;
  file.source = name;
  std::unordered_map<std::string, std::size_t> index;
  while (reader.next()) {
    ++file.rows;
    const std::size_t line = reader.line();
    const auto agent = io::trim(reader.field(agent_i));
    WFM_REQUIRE(!agent.empty(), (Location{name, line, "agent"}),
                "expected an agent, got an empty field");
    Span span;
    span.line = line;
    const auto what_text = io::trim(reader.field(what_i));
    if (kind == TimelineKind::states) {
      const auto s = parse_agent_state(what_text);
      WFM_REQUIRE(
          s.has_value(), (Location{name, line, what_column}),
          "expected available, on_contact, acw, break, training, meeting or offline, got {}",
          io::quote_for_message(what_text));
      span.what = static_cast<std::uint8_t>(*s);
    } else {
      const auto a = parse_activity(what_text);
      WFM_REQUIRE(a.has_value(), (Location{name, line, what_column}),
                  "expected work, break, training, meeting or offline, got {}",
                  io::quote_for_message(what_text));
      span.what = static_cast<std::uint8_t>(*a);
    }
    const auto read_time = [&](std::size_t i, const char* col) {
      const auto text = io::trim(reader.field(i));
      const auto t = format.read(text);
      WFM_REQUIRE(t.has_value() && format.has_date(), (Location{name, line, col}),
                  "expected {}, got {}", format.describe(), io::quote_for_message(text));
      if (options.time_zone) {
        const core::LocalTime local = to_local_seconds(*t);
        const core::LocalTimeInfo info = options.time_zone->info(local);
        WFM_REQUIRE(info.kind == core::LocalTimeKind::unique, (Location{name, line, col}),
                    "{}; a {} row carries no UTC offset, so wfm cannot place it (export the file "
                    "in UTC or standard time and run without a time zone)",
                    options.time_zone->explain(local, info),
                    kind == TimelineKind::states ? "state" : "schedule");
      }
      return *t;
    };
    span.start = read_time(start_i, "start");
    span.end = read_time(end_i, "end");
    WFM_REQUIRE(span.end >= span.start, (Location{name, line, "end"}),
                "end {} is before the start {}", format_time_ms(span.end),
                format_time_ms(span.start));
    if (span.end == span.start) continue;  // an empty span adds nothing
    WFM_REQUIRE(static_cast<double>(span.end - span.start) <= core::kMaxTimelineRowS * 1000,
                (Location{name, line, "end"}),
                "{} to {} lasts {:.1f} days; a row may last at most {:g} days (a mistyped date?)",
                format_time_ms(span.start), format_time_ms(span.end),
                static_cast<double>(span.end - span.start) / 86'400'000.0,
                core::kMaxTimelineRowS / 86400);
    const auto [it, inserted] = index.try_emplace(std::string(agent), file.agents.size());
    if (inserted) file.agents.push_back(AgentTimeline{std::string(agent), {}});
    file.agents[it->second].spans.push_back(span);
  }
  WFM_REQUIRE(file.rows > 0, (Location{name, header_line, {}}), "no data rows after the header");
  for (auto& a : file.agents) {
    std::stable_sort(a.spans.begin(), a.spans.end(),
                     [](const Span& x, const Span& y) { return x.start < y.start; });
    for (std::size_t i = 1; i < a.spans.size(); ++i) {
      const auto& prev = a.spans[i - 1];
      const auto& cur = a.spans[i];
      if (cur.start < prev.end) {
        const Span& late = prev.line > cur.line ? prev : cur;  // reported where it is
        const Span& early = prev.line > cur.line ? cur : prev;
        throw InputError(Location{name, late.line, "start"},
                         fmt::format("agent '{}': {} to {} overlaps {} to {} on line {} (an "
                                     "agent has one {} at a time)",
                                     a.agent, format_time_ms(late.start), format_time_ms(late.end),
                                     format_time_ms(early.start), format_time_ms(early.end),
                                     early.line, what_column));
      }
    }
  }
  return file;
}

}  // namespace wfm::kpi
