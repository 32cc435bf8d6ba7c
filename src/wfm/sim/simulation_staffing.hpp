// TEMPORARY shim over sequential_staffing until the resumable simulator lands (branch
// sim-resumable replaces this file).
#pragma once

#include <cstdint>
#include <vector>

#include "wfm/sim/model.hpp"
#include "wfm/staffing/solver.hpp"

namespace wfm::sim {

struct DayStaffing {
  std::vector<staffing::StaffingResult> intervals;
};

DayStaffing staff_day_by_simulation(const QueueDay& day, const SimSettings& settings,
                                    const staffing::ServiceTargets& targets,
                                    const staffing::SolveOptions& options,
                                    std::uint64_t stream_id);

}  // namespace wfm::sim
