// A day's requirements for the optimizer from the staffing CSV that `wfm staff` and `wfm plan`
// write (io::StaffingPlanCsv: required agents on the phones per queue and interval).
//
// One queue is scheduled, or every queue summed ("*": agents who take every queue's calls). The
// rows are split by calendar day; an interval without a row needs no one (closed). The plan's
// interval length (the smallest step between two starts of a day) must be the rules' interval and
// every start must fall on the rules' grid: otherwise core::InputError names both files.
// Tested in tests/unit/schedule/requirements_test.cpp.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "wfm/io/staffing_csv.hpp"
#include "wfm/schedule/rules.hpp"

namespace wfm::schedule {

struct DayRequirements {
  std::chrono::local_days date;
  std::vector<double> required;  // rules.intervals_per_day() values
};

// `queue`: a queue of the plan, "*" for all summed, or "" when the plan has exactly one queue.
std::vector<DayRequirements> day_requirements(const io::StaffingPlanCsv& plan,
                                              const std::string& queue, const ShiftRules& rules);

}  // namespace wfm::schedule
