// What-if grids: the scenario under every combination of changes, e.g.
//   --vary volume=-10%,0,+10% --vary aht=+0s,+15s --vary sl=80/20,90/20
// is a 3 x 2 x 2 grid of 12 variants. Dimensions and their values:
//   volume     percent change of calls: "+10%", "-5%", "0"
//   aht        seconds added to AHT: "+15s", "-10s", "0" (units as core::parse_duration_s)
//   sl         service-level target X/T: "80/20" (80% in 20 s), "0.9/15s"
//   shrinkage  total shrinkage: "30%" or "0.3"
//   patience   mean patience: "90s", "2m"
// The forecast is made once; every variant re-staffs it (in parallel, core::parallel_for; results
// in grid order whatever the thread count). The base is the scenario unchanged, always computed.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "wfm/plan/plan.hpp"

namespace wfm::plan {

struct Dimension {
  std::string name;                 // volume, aht, sl, shrinkage, patience
  std::vector<std::string> labels;  // values as given
  std::vector<Variant> changes;     // one per label: only this dimension's field set
};

// Parses "name=v1,v2,..." (the text of one --vary). Throws core::InputError at `--vary`.
Dimension parse_dimension(std::string_view text);

// Every combination, first dimension slowest; labels "volume=+10% aht=+15s".
std::vector<Variant> grid(const std::vector<Dimension>& dims);

struct WhatifRun {
  PlanResult base;
  std::vector<PlanResult> variants;  // grid order
};

// Staffs the base and every variant (simulating each when `simulate`).
WhatifRun run_whatif(const core::ForecastTable& demand, const scenario::Scenario& s,
                     const std::vector<Variant>& variants, bool simulate);

}  // namespace wfm::plan
