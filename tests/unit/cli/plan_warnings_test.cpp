// wfm::cli's planner-facing warnings (plan_warnings.hpp): when each one fires and what it says.
#include "cli/plan_warnings.hpp"

#include <catch2/catch.hpp>

#include "wfm/core/time.hpp"

using namespace wfm::cli;

TEST_CASE("infeasible_warning: any infeasible interval, with the share", "[cli][warnings]") {
  CHECK_FALSE(infeasible_warning(0, 144));
  const auto w = infeasible_warning(142, 144);
  REQUIRE(w);
  CHECK_THAT(*w, Catch::Matchers::StartsWith("142 of 144 intervals (98.6%) cannot meet"));
}

TEST_CASE("shrinkage_warning from 50%, with the multiplier", "[cli][warnings]") {
  CHECK_FALSE(shrinkage_warning(0));
  CHECK_FALSE(shrinkage_warning(0.3));
  CHECK_FALSE(shrinkage_warning(0.49));
  REQUIRE(shrinkage_warning(0.5));
  const auto w = shrinkage_warning(0.99);
  REQUIRE(w);
  CHECK_THAT(*w, Catch::Matchers::StartsWith("shrinkage 0.99 schedules 100 agents for each one"));
}

TEST_CASE("start_gap_warning beyond 28 days after the history", "[cli][warnings]") {
  const auto last = *wfm::core::parse_local_date("2024-03-31");
  CHECK_FALSE(start_gap_warning(last, *wfm::core::parse_local_date("2024-04-01")));  // next day
  CHECK_FALSE(start_gap_warning(last, *wfm::core::parse_local_date("2024-04-29")));  // 28 days
  const auto w = start_gap_warning(last, *wfm::core::parse_local_date("2024-04-30"));
  REQUIRE(w);
  CHECK_THAT(*w, Catch::Matchers::StartsWith("the forecast starts 29 days after the last history "
                                             "day (2024-03-31)"));
  CHECK(start_gap_warning(last, *wfm::core::parse_local_date("2030-01-01")));
}
