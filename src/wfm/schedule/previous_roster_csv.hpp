// The previous roster for `wfm schedule --previous-roster`: roster.csv as wfm writes it
// (outputs.hpp, write_roster_csv), read back so that rostering the next weeks respects the rest
// time after the previous roster's last shifts and the working days in a row across the boundary
// (roster.hpp, PreviousRoster). Only the columns agent, date, start and end are read; the others
// (paid_hours, breaks, shift, template) may be there and are ignored. Errors are core::InputError
// naming the file, line and column ("roster.csv:3: column 'end': expected a date-time after the
// start (2024-03-03T14:00), got \"2024-03-03T13:00\""), including a shift that does not start on
// its row's date, one ending more than 24 h after its start (an overnight shift ends the next
// day), and an agent with two shifts on one date.
// Tested in tests/unit/schedule/previous_roster_csv_test.cpp.
#pragma once

#include <istream>
#include <string>

#include "wfm/schedule/roster.hpp"

namespace wfm::schedule {

// Reads the shifts from `in`; `source` names the file in messages. A header only is allowed (a
// roster with no shift).
PreviousRoster read_previous_roster_csv(std::istream& in, const std::string& source);
// Opens and reads `path`.
PreviousRoster load_previous_roster_csv(const std::string& path);

}  // namespace wfm::schedule
