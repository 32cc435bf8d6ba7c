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
        "plan.csv:1: expected columns interval_start and agents (a wfm staff plan), found "
        "interval_start, queue, staff");
  CHECK(error_of("interval_start,queue,agents\n2024-03-04T08:00,a,12.5\n") ==
        "plan.csv:2: column 'agents': expected a whole number of agents (the simulation staffs "
        "whole agents), got 12.5");
  CHECK(error_of("interval_start,queue,agents\n2024-03-04T08:00,a,-2\n") ==
        "plan.csv:2: column 'agents': expected a number >= 0, got \"-2\"");
  CHECK(error_of("interval_start,queue,agents\n2024-03-04T08:00,a,12\n2024-02-30T08:00,a,3\n") ==
        "plan.csv:3: column 'interval_start': expected a time like 2024-03-04T08:00, got "
        "\"2024-02-30T08:00\"");
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
