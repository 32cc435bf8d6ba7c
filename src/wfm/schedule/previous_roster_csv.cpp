#include "wfm/schedule/previous_roster_csv.hpp"

#include <map>
#include <optional>
#include <utility>

#include "wfm/core/error.hpp"
#include "wfm/core/time.hpp"
#include "wfm/io/csv_reader.hpp"
#include "wfm/io/input_file.hpp"
#include "wfm/io/number.hpp"

namespace wfm::schedule {

PreviousRoster read_previous_roster_csv(std::istream& in, const std::string& source) {
  using core::Location;
  io::CsvReader reader(in, source);
  const io::CsvHeader header = reader.read_header();
  const auto agent_col = header.find("agent"), date_col = header.find("date");
  const auto start_col = header.find("start"), end_col = header.find("end");
  WFM_REQUIRE(agent_col && date_col && start_col && end_col, (Location{source, 1, ""}),
              "expected a roster as wfm schedule writes it, with columns agent, date, start and "
              "end, found {}",
              header.joined());
  PreviousRoster out;
  out.source = source;
  std::map<std::pair<std::string, std::chrono::local_days>, std::size_t> seen;
  while (reader.next()) {
    const std::size_t line = reader.line();
    const auto at = [&](const char* column) { return Location{source, line, column}; };
    PreviousShift s;
    s.line = line;
    s.agent = std::string(io::trim(reader.field(*agent_col)));
    WFM_REQUIRE(!s.agent.empty(), at("agent"), "expected an agent id, got an empty field");
    const std::string_view date_text = io::trim(reader.field(*date_col));
    const auto date = core::parse_local_date(date_text);
    WFM_REQUIRE(date.has_value(), at("date"), "expected a date YYYY-MM-DD, got {}",
                io::quote_for_message(date_text));
    s.date = *date;
    const auto time_of = [&](std::size_t col, const char* name) {
      const std::string_view text = io::trim(reader.field(col));
      const auto t = core::parse_local_time(text);
      WFM_REQUIRE(t.has_value(), at(name), "expected a date-time YYYY-MM-DDTHH:MM, got {}",
                  io::quote_for_message(text));
      return *t;
    };
    const core::LocalTime start = time_of(*start_col, "start");
    const core::LocalTime end = time_of(*end_col, "end");
    const core::LocalTime midnight{*date};
    WFM_REQUIRE(start >= midnight && start < midnight + std::chrono::days(1), at("start"),
                "expected a start on the row's date ({}), got {}", date_text,
                core::format_local_time(start));
    WFM_REQUIRE(end > start, at("end"), "expected a date-time after the start ({}), got {}",
                core::format_local_time(start),
                io::quote_for_message(io::trim(reader.field(*end_col))));
    WFM_REQUIRE(end <= start + std::chrono::days(1), at("end"),
                "expected the shift to end within 24 h of its start ({}; an overnight shift ends "
                "the next day), got {}",
                core::format_local_time(start), core::format_local_time(end));
    s.start_s = static_cast<int>((start - midnight).count());
    s.end_s = static_cast<int>((end - midnight).count());
    const auto [it, fresh] = seen.emplace(std::make_pair(s.agent, s.date), line);
    WFM_REQUIRE(fresh, at("date"), "agent '{}' has two shifts on {} (the first on line {})",
                s.agent, date_text, it->second);
    out.shifts.push_back(std::move(s));
  }
  return out;
}

PreviousRoster load_previous_roster_csv(const std::string& path) {
  std::ifstream in = io::open_input_file(path);
  return read_previous_roster_csv(in, path);
}

}  // namespace wfm::schedule
