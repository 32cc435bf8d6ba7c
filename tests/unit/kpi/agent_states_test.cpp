// Agent state logs and schedules: state names, sorting, overlaps and bad rows.
#include <catch2/catch.hpp>

#include <sstream>

#include "fixtures.hpp"
#include "wfm/core/error.hpp"
#include "wfm/kpi/agent_states.hpp"

using namespace wfm::kpi;

namespace {
TimelineFile load(const std::string& text, TimelineKind kind = TimelineKind::states) {
  std::istringstream in(text);
  return load_timelines(in, "s.csv", kind);
}
}  // namespace

TEST_CASE("state and activity names", "[kpi][states]") {
  CHECK(parse_agent_state("On Contact") == AgentState::on_contact);
  CHECK(parse_agent_state("after-call work") == AgentState::acw);
  CHECK(parse_agent_state("Wrap-Up") == AgentState::acw);
  CHECK(parse_agent_state("LUNCH") == AgentState::break_time);
  CHECK(parse_agent_state("logged out") == AgentState::offline);
  CHECK_FALSE(parse_agent_state("busy-ish").has_value());
  CHECK(to_string(AgentState::break_time) == "break");
  CHECK(parse_activity("Open") == Activity::work);
  CHECK(adheres(AgentState::acw, Activity::work));
  CHECK_FALSE(adheres(AgentState::break_time, Activity::work));
  CHECK(adheres(AgentState::meeting, Activity::meeting));
  CHECK_FALSE(adheres(AgentState::training, Activity::meeting));
}

TEST_CASE("timelines load per agent, sorted", "[kpi][states]") {
  const auto f = load(test::states_csv);
  CHECK(f.rows == 10);
  REQUIRE(f.agents.size() == 2);
  CHECK(f.agents[0].agent == "ann");
  CHECK(f.agents[0].spans.size() == 6);
  // Rows out of order are sorted; empty spans are dropped.
  const auto g = load(
      "agent,state,start,end,comment\n"
      "x,available,2024-03-04T09:00,2024-03-04T10:00,late\n"
      "x,break,2024-03-04T08:00,2024-03-04T09:00,\n"
      "x,break,2024-03-04T10:00,2024-03-04T10:00,\n");
  REQUIRE(g.agents[0].spans.size() == 2);
  CHECK(g.agents[0].spans[0].line == 3);
  CHECK(g.agents[0].spans[0].what == static_cast<std::uint8_t>(AgentState::break_time));
  const auto s = load(test::schedule_csv, TimelineKind::schedule);
  CHECK(s.agents[1].spans[2].what == static_cast<std::uint8_t>(Activity::meeting));
}

TEST_CASE("bad state and schedule files", "[kpi][states]") {
  CHECK_THROWS_WITH(load("agent,state,start\n"),
                    "s.csv:1: missing column 'end'; expected agent, state, start, end; columns "
                    "present: agent, state, start");
  CHECK_THROWS_WITH(load("agent,state,start,end\nx,nap,2024-03-04T08:00,2024-03-04T09:00\n"),
                    "s.csv:2: column 'state': expected available, on_contact, acw, break, "
                    "training, meeting or offline, got \"nap\"");
  CHECK_THROWS_WITH(load("agent,activity,start,end\nx,phone,2024-03-04T08:00,2024-03-04T09:00\n",
                         TimelineKind::schedule),
                    Catch::StartsWith("s.csv:2: column 'activity': expected work, break"));
  CHECK_THROWS_WITH(load("agent,state,start,end\nx,break,2024-03-04T09:00,2024-03-04T08:00\n"),
                    "s.csv:2: column 'end': end 2024-03-04T08:00:00 is before the start "
                    "2024-03-04T09:00:00");
  CHECK_THROWS_WITH(load("agent,state,start,end\nx,break,08:00,09:00\n"),
                    Catch::StartsWith("s.csv:2: column 'start': expected a date-time like"));
  CHECK_THROWS_WITH(load("agent,state,start,end\n,break,2024-03-04T08:00,2024-03-04T09:00\n"),
                    "s.csv:2: column 'agent': expected an agent, got an empty field");
  CHECK_THROWS_WITH(
      load("agent,state,start,end\n"
           "x,available,2024-03-04T08:30,2024-03-04T09:30\n"
           "x,break,2024-03-04T08:00,2024-03-04T08:45\n"),
      "s.csv:3: column 'start': agent 'x': 2024-03-04T08:00:00 to 2024-03-04T08:45:00 "
      "overlaps 2024-03-04T08:30:00 to 2024-03-04T09:30:00 on line 2 (an agent has "
      "one state at a time)");
  CHECK_THROWS_WITH(load("agent,state,start,end\n"), "s.csv:1: no data rows after the header");
}

TEST_CASE("a state or schedule row lasts at most 31 days", "[kpi][states][limits]") {
  // Found by fuzz/agent_states_fuzz: a mistyped year made one row span centuries, which the KPI
  // report spread over millions of 15-minute periods (a hang).
  CHECK_THROWS_WITH(load("agent,state,start,end\n"
                         "x,available,2024-03-04T08:00,2024-03-04T09:00\n"
                         "x,offline,2024-03-04T09:00,2204-03-04T09:00\n"),
                    Catch::StartsWith("s.csv:3: column 'end': 2024-03-04T09:00:00 to "
                                      "2204-03-04T09:00:00 lasts 65743.0 days; a row may last "
                                      "at most 31 days (a mistyped date?)"));
  CHECK_THROWS_WITH(load("agent,activity,start,end\nx,work,2024-03-01T00:00,2024-04-01T00:01\n",
                         TimelineKind::schedule),
                    Catch::StartsWith("s.csv:2: column 'end': "));
  // 31 days exactly is accepted.
  const auto f = load("agent,state,start,end\nx,offline,2024-03-01T00:00,2024-04-01T00:00\n");
  REQUIRE(f.agents.size() == 1);
  CHECK(f.agents[0].spans.size() == 1);
}
