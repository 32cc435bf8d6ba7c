#include "wfm/sim/simulation_staffing.hpp"

#include "wfm/core/error.hpp"
#include "wfm/sim/sequential_staffing.hpp"

namespace wfm::sim {

DayStaffing staff_day_by_simulation(const QueueDay& day, const SimSettings& settings,
                                    const staffing::ServiceTargets& targets,
                                    const staffing::SolveOptions& options,
                                    std::uint64_t stream_id) {
  WFM_REQUIRE(targets.service_level && !targets.max_asa_s && !targets.max_abandon_rate &&
                  !targets.max_occupancy,
              core::at_flag("--method"), "sim staffs to a service level target only");
  int cap = 1000;
  for (const auto& iv : day.intervals) cap = std::max(cap, 20 * iv.agents + 1000);
  const auto r =
      staff_by_simulation(day, settings, *targets.service_level, 0.5, cap, stream_id);
  DayStaffing out;
  for (std::size_t i = 0; i < r.agents.size(); ++i) {
    staffing::StaffingResult x;
    const auto& e = r.performance[i];
    x.model = "simulation";
    x.agents = r.agents[i];
    x.feasible = r.feasible[i];
    x.service_level = e.service_level.mean;
    x.p_wait = e.p_wait.mean;
    x.asa_s = e.asa_s.mean;
    x.occupancy = e.occupancy.mean;
    x.abandon_rate = e.abandon_rate.mean;
    out.intervals.push_back(x);
  }
  return out;
}

}  // namespace wfm::sim
