// The previous roster's reader: roster.csv as write_roster_csv writes it reads back to the same
// shifts, and every malformed row is an error naming the file, line and column.
#include "wfm/schedule/previous_roster_csv.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <sstream>
#include <string>
#include <vector>

#include "wfm/core/error.hpp"
#include "wfm/schedule/outputs.hpp"

using namespace wfm::schedule;

namespace {

std::string error_of(const std::string& text) {
  std::istringstream in(text);
  try {
    read_previous_roster_csv(in, "roster.csv");
  } catch (const wfm::core::InputError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("previous roster: roster.csv written by wfm reads back", "[schedule][roster]") {
  const ShiftRules rules = parse_shift_rules(R"([schedule]
interval = "1h"

[[shift]]
name = "six"
start_earliest = "06:00"
start_latest = "18:00"
paid_length = "6h"
cost_per_paid_hour = 10
)",
                                             "r.toml");
  const std::chrono::local_days sunday{std::chrono::year{2024} / 3 / 3};
  DayResult day;
  day.requirements.date = sunday;
  day.schedule.shifts = {{0, 6, {}}, {0, 18, {}}};  // 06:00-12:00 and 18:00-24:00
  std::vector<Agent> agents(2);
  agents[0].id = "A1";
  agents[1].id = "B,2";  // quoted in the CSV
  RosterResult r;
  r.entries = {{0, 0, 0}, {1, 0, 1}};
  std::ostringstream out;
  write_roster_csv(out, rules, {day}, agents, r);
  std::istringstream in(out.str());
  const PreviousRoster prev = read_previous_roster_csv(in, "roster.csv");
  CHECK(prev.source == "roster.csv");
  REQUIRE(prev.shifts.size() == 2);
  CHECK(prev.shifts[0].agent == "A1");
  CHECK(prev.shifts[0].date == sunday);
  CHECK(prev.shifts[0].start_s == 6 * 3600);
  CHECK(prev.shifts[0].end_s == 12 * 3600);
  CHECK(prev.shifts[0].line == 2);
  CHECK(prev.shifts[1].agent == "B,2");
  CHECK(prev.shifts[1].start_s == 18 * 3600);
  CHECK(prev.shifts[1].end_s == 24 * 3600);  // written as the next day's 00:00
  // A header only: a roster with no shift.
  std::istringstream header_only("agent,date,start,end\n");
  CHECK(read_previous_roster_csv(header_only, "r.csv").shifts.empty());
}

TEST_CASE("previous roster: bad rows name the file, line and column", "[schedule][roster]") {
  const std::string head = "agent,date,start,end\n";
  CHECK(error_of("agent,date,start\nA1,2024-03-03,2024-03-03T08:00\n") ==
        "roster.csv:1: expected a roster as wfm schedule writes it, with columns agent, date, "
        "start and end, found agent, date, start");
  CHECK(error_of(head + "A1,2024-03-32,2024-03-03T08:00,2024-03-03T16:00\n") ==
        "roster.csv:2: column 'date': expected a date YYYY-MM-DD, got \"2024-03-32\"");
  CHECK(error_of(head + "A1,2024-03-03,08:00,2024-03-03T16:00\n") ==
        "roster.csv:2: column 'start': expected a date-time YYYY-MM-DDTHH:MM, got \"08:00\"");
  CHECK(error_of(head + "A1,2024-03-03,2024-03-02T08:00,2024-03-03T16:00\n") ==
        "roster.csv:2: column 'start': expected a start on the row's date (2024-03-03), got "
        "2024-03-02T08:00");
  CHECK(error_of(head + "A1,2024-03-03,2024-03-03T14:00,2024-03-03T13:00\n") ==
        "roster.csv:2: column 'end': expected a date-time after the start (2024-03-03T14:00), got "
        "\"2024-03-03T13:00\"");
  CHECK(error_of(head + "A1,2024-03-03,2024-03-03T20:00,2024-03-04T20:15\n") ==
        "roster.csv:2: column 'end': expected the shift to end within 24 h of its start "
        "(2024-03-03T20:00; an overnight shift ends the next day), got 2024-03-04T20:15");
  CHECK(error_of(head + "A1,2024-03-03,2024-03-03T20:00,2024-03-04T04:00\n") == "no error");
  // An overnight shift: its end in seconds after its own date's midnight.
  std::istringstream night(head + "A1,2024-03-03,2024-03-03T22:00,2024-03-04T06:00\n");
  CHECK(read_previous_roster_csv(night, "roster.csv").shifts.at(0).end_s == 30 * 3600);
  CHECK(error_of(head + ",2024-03-03,2024-03-03T08:00,2024-03-03T16:00\n") ==
        "roster.csv:2: column 'agent': expected an agent id, got an empty field");
  CHECK(error_of(head + "A1,2024-03-03,2024-03-03T06:00,2024-03-03T10:00\n" +
                 "A1,2024-03-03,2024-03-03T16:00,2024-03-03T20:00\n") ==
        "roster.csv:3: column 'date': agent 'A1' has two shifts on 2024-03-03 (the first on line "
        "2)");
}
