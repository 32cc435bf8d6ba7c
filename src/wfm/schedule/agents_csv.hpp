// The agents file for rostering (roster.hpp): one row per agent with a contract and availability
// (docs/formats.md, "Agents CSV"):
//   agent,min_hours,max_hours,max_days,unavailable,available_from,available_to,preferred_start
//   A001,36,40,5,sat sun,,,08:00
// `agent`, `min_hours` and `max_hours` are required columns; the others are optional, as is any
// cell of them (an empty cell takes the default). Errors are core::InputError naming the file,
// line and column and what was expected ("agents.csv:4: column 'unavailable': expected weekdays
// such as \"sat sun\", got \"saturday\""), including a weekly minimum above the maximum, an
// available window that ends before it starts and an agent listed twice. Whether contracts fit
// the shift rules is checked by validate_agents (roster.hpp). Tested in
// tests/unit/schedule/roster_test.cpp.
#pragma once

#include <istream>
#include <string>
#include <vector>

#include "wfm/schedule/roster.hpp"

namespace wfm::schedule {

// Reads the agents from `in`; `source` names the file in messages. An empty table is an error.
std::vector<Agent> read_agents_csv(std::istream& in, const std::string& source);
// Opens and reads `path`.
std::vector<Agent> load_agents_csv(const std::string& path);

}  // namespace wfm::schedule
