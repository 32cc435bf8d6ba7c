// wfm::io staffing plan CSV: the file `wfm staff` writes (docs/formats.md, "Staffing outputs")
// read back as agents per queue and interval (the required `agents`, not `scheduled_agents`), a
// plan without a queue column, and every bad input with its file:line: column message.
#include <catch2/catch.hpp>

#include <sstream>
#include <string>

#include "wfm/core/error.hpp"
#include "wfm/core/time.hpp"
#include "wfm/io/staffing_csv.hpp"

using wfm::core::InputError;
using wfm::core::parse_local_time;
using wfm::io::read_staffing_csv;
using wfm::io::StaffingPlanCsv;

namespace {

StaffingPlanCsv read(const std::string& text) {
  std::istringstream in(text);
  return read_staffing_csv(in, "plan.csv");
}

std::string error_of(const std::string& text) {
  try {
    read(text);
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

wfm::core::LocalTime at(const char* text) {
  return *parse_local_time(text);
}

}  // namespace

TEST_CASE("staffing CSV: reads what wfm staff writes", "[io][staffing_csv]") {
  // The header of pipeline::write_staffing_csv (Erlang C, no simulation columns).
  const std::string plan =
      "interval_start,queue,calls,aht_s,offered_load_erlangs,agents,scheduled_agents,"
      "service_level,p_wait,asa_s,occupancy,abandon_rate,meets_targets\n"
      "2024-03-04T08:00,sales,100,180,10,14,20,0.84,0.3,9.1,0.71,0,true\n"
      "2024-03-04T08:00,support,50,300,8.3333333,12,17,0.81,0.35,12,0.69,0,true\n"
      "2024-03-04T08:15,sales,120,180,12,16,23,0.82,0.33,10,0.75,0,true\n";
  const auto p = read(plan);
  CHECK(p.size() == 3);
  CHECK(p.source() == "plan.csv");
  // Required agents (on the phones), not the scheduled agents with shrinkage.
  CHECK(p.agents_at("sales", at("2024-03-04T08:00"), 2) == 14);
  CHECK(p.agents_at("support", at("2024-03-04T08:00"), 3) == 12);
  CHECK(p.agents_at("sales", at("2024-03-04T08:15"), 4) == 16);
  try {
    p.agents_at("support", at("2024-03-04T08:15"), 5);
    FAIL("expected an InputError");
  } catch (const InputError& e) {
    CHECK(std::string(e.what()) ==
          "plan.csv: column 'agents': no staffing for queue 'support' at 2024-03-04T08:15 "
          "(demand line 5)");
  }
}

TEST_CASE("staffing CSV: without a queue column every row is queue \"\"", "[io][staffing_csv]") {
  const auto p = read("agents,interval_start\n7,2024-03-04T08:00\n0,2024-03-04T08:15\n");
  CHECK(p.agents_at("", at("2024-03-04T08:00"), 2) == 7);
  CHECK(p.agents_at("", at("2024-03-04T08:15"), 3) == 0);
}

TEST_CASE("staffing CSV: bad input names file, line and column", "[io][staffing_csv]") {
  CHECK(error_of("interval_start,queue,staff\n2024-03-04T08:00,a,3\n") ==
        "plan.csv:1: missing column 'agents'; columns present: interval_start, queue, staff (a wfm "
        "staff plan)");
  CHECK(error_of("interval_start,queue,agents\n2024-03-04T08:00,a,12.5\n") ==
        "plan.csv:2: column 'agents': expected a whole number of agents (the simulation staffs "
        "whole agents), got 12.5");
  CHECK(error_of("interval_start,queue,agents\n2024-03-04T08:00,a,-2\n") ==
        "plan.csv:2: column 'agents': expected a number >= 0, got \"-2\"");
  CHECK(error_of("interval_start,queue,agents\n2024-03-04T08:00,a,12\n2024-02-30T08:00,a,3\n") ==
        "plan.csv:3: column 'interval_start': expected a local date-time like 2024-03-04T08:00 or "
        "2024-03-04 08:00:00, got \"2024-02-30T08:00\"");
  CHECK(error_of("interval_start,queue,agents\n2024-03-04T08:00,a,12\n2024-03-04T08:00,a,13\n") ==
        "plan.csv:3: column 'interval_start': duplicate interval for queue 'a'");
}

TEST_CASE("staffing CSV: a missing file", "[io][staffing_csv]") {
  try {
    wfm::io::load_staffing_csv("/nonexistent/plan.csv");
    FAIL("expected an InputError");
  } catch (const InputError& e) {
    CHECK(std::string(e.what()) == "/nonexistent/plan.csv: cannot open the staffing file");
  }
}

TEST_CASE("staffing CSV: a spreadsheet export reads as the plain plan with reader options",
          "[io][staffing_csv][reader]") {
  const std::string plain =
      "interval_start,queue,agents,service_level\n"
      "2024-03-04T08:00,sales,12,0.81\n"
      "2024-03-04T08:00,support,7,0.9\n"
      "2024-03-04T08:15,sales,13,0.8\n";
  const std::string export_text =
      "Beginn;Warteschlange;Agenten;SL\n"
      "04/03/2024 08:00;sales;12;0,81\n"
      "04/03/2024 08:00;support;7;0,9\n"
      "04/03/2024 08:15;sales;13,0;0,8\n";
  wfm::io::StaffingCsvOptions options;
  options.reader.delimiter = ';';
  options.reader.decimal_mark = wfm::io::DecimalMark::comma;
  options.reader.time_format = wfm::io::parse_interval_time_format("%d/%m/%Y %H:%M", {});
  options.reader.columns = {
      {"interval_start", "Beginn"}, {"queue", "Warteschlange"}, {"agents", "Agenten"}};
  std::istringstream in(export_text);
  const auto mapped = read_staffing_csv(in, "plan.csv", options);
  CHECK(mapped.entries() == read(plain).entries());
  CHECK(mapped.size() == 3);

  // Errors name the file's own column and the field it stands for.
  const auto error_with = [&](const std::string& text) {
    std::istringstream s(text);
    try {
      read_staffing_csv(s, "plan.csv", options);
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(error_with("Beginn;Warteschlange;Agents\n04/03/2024 08:00;a;1\n") ==
        "plan.csv:1: missing column 'Agenten' (field 'agents' in the column mapping); columns "
        "present: Beginn, Warteschlange, Agents (a wfm staff plan)");
  CHECK_THAT(error_with("Beginn;Warteschlange;Agenten\n04/03/2024 08:00;a;1.5\n"),
             Catch::StartsWith("plan.csv:2: column 'Agenten': expected a number >= 0 with a "
                               "decimal comma"));
  const auto bad_time = error_with("Beginn;Warteschlange;Agenten\n2024-03-04T08:00;a;1\n");
  CHECK_THAT(bad_time, Catch::StartsWith("plan.csv:2: column 'Beginn': expected "));
  CHECK_THAT(bad_time, Catch::EndsWith("got \"2024-03-04T08:00\""));
  // A plain file read without the delimiter says which option to give.
  CHECK_THAT(error_of("interval_start;queue;agents\n2024-03-04T08:00;a;1\n"),
             Catch::Contains("give --delimiter ';'"));
  // Only the staffing plan's fields can be mapped.
  options.reader.columns = {{"offered", "Calls"}};
  CHECK(error_with(export_text) ==
        "columns: unknown field 'offered' in the column mapping (fields: interval_start, queue, "
        "agents)");
}

TEST_CASE("staffing CSV: a time zone rejects a start it skips", "[io][staffing_csv][time_zone]") {
  const std::string text =
      "interval_start,agents\n2024-03-31T01:45,3\n2024-03-31T02:00,3\n2024-03-31T03:00,4\n";
  CHECK(read(text).size() == 3);
  wfm::io::StaffingCsvOptions options;
  options.time_zone = wfm::core::TimeZone::locate("Europe/Paris", wfm::core::at_flag("--timezone"));
  std::istringstream in(text);
  CHECK_THROWS_WITH(read_staffing_csv(in, "plan.csv", options),
                    Catch::StartsWith("plan.csv:3: column 'interval_start': 2024-03-31T02:00 does "
                                      "not exist in Europe/Paris"));
}
