// The simulator as a staffing engine: the same interface as Erlang B/C/A, so the staffing solver
// (staffing::solve) can staff against simulated performance. evaluate(load, agents) simulates a
// stationary queue (constant rate, staffing and AHT) for warmup + measured intervals per
// replication, from an empty system, and reports the measured intervals' means with 95%
// confidence half-widths in StaffingResult::error. Every evaluation uses the same seed (common
// random numbers), so comparisons between agent counts are not blurred by sampling noise.
#pragma once

#include <optional>

#include <string_view>

#include "wfm/sim/model.hpp"
#include "wfm/sim/simulation.hpp"
#include "wfm/staffing/engine.hpp"

namespace wfm::sim {

// Simulated estimates as a StaffingResult (both simulation engines): the means, with the 95%
// half-widths and `replications` in `error`. A measure nothing was measured on reads as met when
// no call was offered (service level 1, no wait, no abandonment); with calls offered, service
// level without a denominator is 0, ASA with no call answered is +inf, and occupancy without
// agent time is 1 (no capacity for the calls: saturated). With `outbound_job_s` (blending: the
// mean outbound job time), `outbound` holds the total occupancy and the outbound work rate in
// jobs per hour, (total occupancy - occupancy) x agents x 3600 / outbound_job_s, as the blend
// engine counts it (busy outbound agents over the job time): the jobs finished within the
// interval (Estimates::outbound) lag the work by a job's length, so an interval with no agent can
// finish the jobs the one before started. The solver compares min_outbound with this mean.
staffing::StaffingResult staffing_result(const Estimates& e, std::string_view model,
                                         double offered_load, double agents, int replications,
                                         std::optional<double> outbound_job_s = std::nullopt);

// The mean outbound job time of `settings`' blending at an interval's AHT (BlendModel), or nullopt
// without blending: what staffing_result takes.
std::optional<double> outbound_job_s(const SimSettings& settings, double aht_s);

struct StationaryOptions {
  SimSettings settings;      // caller behaviour, seed, replications (measure is per call)
  int warmup_intervals = 4;  // discarded: the system starts empty
  int measured_intervals = 16;
};

class SimulationEngine final : public staffing::StaffingEngine {
 public:
  explicit SimulationEngine(StationaryOptions options);
  std::string_view name() const override { return "simulation"; }
  staffing::StaffingResult evaluate(const staffing::IntervalLoad& load, double agents,
                                    const staffing::ServiceMeasure& measure,
                                    staffing::Detail detail = {}) const override;
  bool models_abandonment() const override {
    return options_.settings.patience.dist != PatienceDist::kNone;
  }
  bool models_outbound() const override { return options_.settings.blend.has_value(); }

 private:
  StationaryOptions options_;
};

}  // namespace wfm::sim
