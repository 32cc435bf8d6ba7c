#include "wfm/capacity/demand.hpp"

#include <cmath>

#include "wfm/core/error.hpp"

namespace wfm::capacity {

std::vector<double> project_required_fte(const DemandProjection& projection, int weeks) {
  using core::at_flag;
  WFM_REQUIRE(weeks >= 1, at_flag("capacity.weeks"), "expected a whole number >= 1, got {}", weeks);
  WFM_REQUIRE(std::isfinite(projection.base_week_fte) && projection.base_week_fte >= 0,
              at_flag("capacity.base_week_fte"), "expected a number >= 0, got {}",
              projection.base_week_fte);
  WFM_REQUIRE(
      std::isfinite(projection.shrinkage) && projection.shrinkage >= 0 && projection.shrinkage < 1,
      at_flag("capacity.shrinkage"), "expected a number in [0, 1), got {}", projection.shrinkage);
  WFM_REQUIRE(std::isfinite(projection.annual_growth) && projection.annual_growth > -1,
              at_flag("capacity.annual_growth"), "expected a number > -1, got {}",
              projection.annual_growth);
  for (std::size_t i = 0; i < projection.seasonal.size(); ++i) {
    const double m = projection.seasonal[i];
    WFM_REQUIRE(std::isfinite(m) && m >= 0, at_flag(fmt::format("capacity.seasonal[{}]", i)),
                "expected a number >= 0, got {}", m);
  }

  const double level = projection.base_week_fte / (1.0 - projection.shrinkage);
  const double log_growth = std::log1p(projection.annual_growth);
  std::vector<double> required(static_cast<std::size_t>(weeks));
  for (int w = 0; w < weeks; ++w) {
    const double season =
        projection.seasonal.empty()
            ? 1.0
            : projection.seasonal[static_cast<std::size_t>(w) % projection.seasonal.size()];
    required[static_cast<std::size_t>(w)] = level * std::exp(log_growth * w / 52.0) * season;
  }
  return required;
}

}  // namespace wfm::capacity
