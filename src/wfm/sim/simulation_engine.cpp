#include "wfm/sim/simulation_engine.hpp"

#include <cmath>
#include <limits>
#include <vector>

#include "wfm/core/error.hpp"
#include "wfm/core/parallel.hpp"
#include "wfm/sim/day_simulator.hpp"
#include "wfm/sim/simulation.hpp"

namespace wfm::sim {

SimulationEngine::SimulationEngine(StationaryOptions options) : options_(std::move(options)) {
  validate(options_.settings);
  WFM_REQUIRE(options_.warmup_intervals >= 0 && options_.measured_intervals >= 1,
              core::at_flag("--sim-intervals"), "expected warmup >= 0 and >= 1 measured interval");
}

staffing::StaffingResult SimulationEngine::evaluate(const staffing::IntervalLoad& load,
                                                    double agents,
                                                    const staffing::ServiceMeasure& measure,
                                                    staffing::Detail) const {
  WFM_ENSURE(agents >= 0 && agents == std::floor(agents) && agents < 1e9,
             "simulation needs whole agents, got {}", agents);
  SimSettings settings = options_.settings;
  settings.measure = measure;
  QueueDay day;
  day.interval_s = load.interval_s;
  const int warm = options_.warmup_intervals;
  const int total = warm + options_.measured_intervals;
  day.intervals.assign(total, SimInterval{load.calls, load.aht_s, static_cast<int>(agents)});
  const auto reps = static_cast<std::size_t>(settings.replications);
  std::vector<IntervalTally> measured(reps);
  core::parallel_for(0, reps, [&](std::size_t r) {
    std::vector<IntervalTally> tallies;
    if (fast_path_applies(day, settings)) {
      simulate_day_fast(day, settings, r, 0, tallies);
    } else {
      simulate_day(day, settings, r, 0, tallies);
    }
    measured[r] = sum_tallies(tallies, warm, tallies.size());
  });
  const Estimates e = estimate(measured, measure, load.interval_s * options_.measured_intervals);
  return staffing_result(e, name(), load.offered_load(), agents, settings.replications,
                         outbound_job_s(settings, load.aht_s));
}

staffing::StaffingResult staffing_result(const Estimates& e, std::string_view model,
                                         double offered_load, double agents, int replications,
                                         std::optional<double> outbound_job_s) {
  const bool offered = e.offered.mean > 0;
  staffing::StaffingResult r;
  r.model = model;
  r.offered_load = offered_load;
  r.agents = agents;
  r.stable = true;
  r.service_level = e.service_level.defined ? e.service_level.mean : (offered ? 0.0 : 1.0);
  r.p_wait = e.p_wait.defined ? e.p_wait.mean : 0.0;
  r.asa_s =
      e.asa_s.defined ? e.asa_s.mean : (offered ? std::numeric_limits<double>::infinity() : 0.0);
  r.abandon_rate = e.abandon_rate.defined ? e.abandon_rate.mean : 0.0;
  r.occupancy = e.occupancy.defined ? e.occupancy.mean : (offered ? 1.0 : 0.0);
  r.mean_queue_length = e.queue_length.defined ? e.queue_length.mean : 0.0;
  r.blocking = e.blocking.defined ? e.blocking.mean : 0.0;
  if (outbound_job_s) {
    const double total = e.total_occupancy.defined ? e.total_occupancy.mean : r.occupancy;
    const double busy = e.occupancy.defined ? e.occupancy.mean : 0.0;
    r.outbound = staffing::OutboundWork{
        std::max(0.0, total - busy) * agents * 3600 / *outbound_job_s, total};
  }
  r.error =
      staffing::ErrorEstimate{e.service_level.half_width, e.asa_s.half_width,
                              e.occupancy.half_width, e.abandon_rate.half_width, replications};
  return r;
}

std::optional<double> outbound_job_s(const SimSettings& settings, double aht_s) {
  if (!settings.blend) return std::nullopt;
  return settings.blend->outbound_aht_s > 0 ? settings.blend->outbound_aht_s : aht_s;
}

}  // namespace wfm::sim
