// wfm::capacity::project_required_fte: growth compounded weekly, seasonality cycled, shrinkage,
// and the field named in each validation error.
#include <catch2/catch.hpp>

#include <cmath>

#include "wfm/capacity/demand.hpp"
#include "wfm/core/error.hpp"

using wfm::capacity::DemandProjection;
using wfm::capacity::project_required_fte;

namespace {

std::string field_of(const DemandProjection& projection, int weeks) {
  try {
    project_required_fte(projection, weeks);
  } catch (const wfm::core::InputError& e) {
    return e.where().field;
  }
  return "no error";
}

}  // namespace

TEST_CASE("project_required_fte: flat without growth or seasonality", "[capacity][demand]") {
  const auto required = project_required_fte(DemandProjection{80, 0, 0, {}}, 5);
  REQUIRE(required.size() == 5);
  for (double r : required) CHECK(r == 80);
}

TEST_CASE("project_required_fte: annual growth compounds weekly", "[capacity][demand]") {
  const auto required = project_required_fte(DemandProjection{100, 0, 0.10, {}}, 105);
  // (1.1)^(w/52): week 52 is exactly one year on, week 104 two years.
  CHECK(required[0] == Approx(100));
  CHECK(required[1] == Approx(100 * std::pow(1.1, 1.0 / 52)));
  CHECK(required[26] == Approx(100 * std::sqrt(1.1)));
  CHECK(required[52] == Approx(110));
  CHECK(required[104] == Approx(121));
  // Decline works too.
  const auto decline = project_required_fte(DemandProjection{100, 0, -0.5, {}}, 53);
  CHECK(decline[52] == Approx(50));
}

TEST_CASE("project_required_fte: seasonal multipliers cycle, shrinkage divides",
          "[capacity][demand]") {
  // base 70 productive FTE at 30 % shrinkage = 100 headcount-equivalent.
  const auto required = project_required_fte(DemandProjection{70, 0.3, 0, {1.0, 1.2, 0.8}}, 7);
  const double expected[] = {100, 120, 80, 100, 120, 80, 100};
  for (std::size_t w = 0; w < 7; ++w) CHECK(required[w] == Approx(expected[w]));

  const auto both = project_required_fte(DemandProjection{100, 0, 0.2, {1.0, 1.5}}, 54);
  CHECK(both[53] == Approx(100 * std::pow(1.2, 53.0 / 52) * 1.5));
}

TEST_CASE("project_required_fte: invalid input names the field", "[capacity][demand]") {
  CHECK(field_of(DemandProjection{10, 0, 0, {}}, 0) == "capacity.weeks");
  CHECK(field_of(DemandProjection{-1, 0, 0, {}}, 4) == "capacity.base_week_fte");
  CHECK(field_of(DemandProjection{NAN, 0, 0, {}}, 4) == "capacity.base_week_fte");
  CHECK(field_of(DemandProjection{10, 1, 0, {}}, 4) == "capacity.shrinkage");
  CHECK(field_of(DemandProjection{10, -0.1, 0, {}}, 4) == "capacity.shrinkage");
  CHECK(field_of(DemandProjection{10, 0, -1, {}}, 4) == "capacity.annual_growth");
  CHECK(field_of(DemandProjection{10, 0, INFINITY, {}}, 4) == "capacity.annual_growth");
  CHECK(field_of(DemandProjection{10, 0, 0, {1, 1, -0.5}}, 4) == "capacity.seasonal[2]");
  try {
    project_required_fte(DemandProjection{10, 0, -2, {}}, 4);
    FAIL("no error");
  } catch (const wfm::core::InputError& e) {
    CHECK(std::string(e.what()) == "capacity.annual_growth: expected a number > -1, got -2");
  }
}
