// The simulator as a staffing engine: the same interface as Erlang B/C/A, so the staffing solver
// (staffing::solve) can staff against simulated performance. evaluate(load, agents) simulates a
// stationary queue (constant rate, staffing and AHT) for warmup + measured intervals per
// replication, from an empty system, and reports the measured intervals' means with 95%
// confidence half-widths in StaffingResult::error. Every evaluation uses the same seed (common
// random numbers), so comparisons between agent counts are not blurred by sampling noise.
#pragma once

#include "wfm/sim/model.hpp"
#include "wfm/staffing/engine.hpp"

namespace wfm::sim {

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

 private:
  StationaryOptions options_;
};

}  // namespace wfm::sim
