// Requirements per day from a staffing CSV: queues, days, closed intervals, interval checks.
#include "wfm/schedule/requirements.hpp"

#include <catch2/catch.hpp>

#include <sstream>

#include "wfm/core/error.hpp"

using namespace wfm::schedule;

namespace {

const char* kRules = R"([schedule]
interval = "1h"
[[shift]]
name = "s"
start_earliest = "08:00"
paid_length = "4h"
cost_per_shift = 1
)";

wfm::io::StaffingPlanCsv plan(const std::string& text) {
  std::istringstream in(text);
  return wfm::io::read_staffing_csv(in, "plan.csv");
}

std::string error_of(const std::string& text, const std::string& queue) {
  try {
    day_requirements(plan(text), queue, parse_shift_rules(kRules, "r.toml"));
  } catch (const wfm::core::InputError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("requirements are split by day, per queue or summed", "[schedule][requirements]") {
  const auto rules = parse_shift_rules(kRules, "r.toml");
  const std::string csv =
      "interval_start,queue,agents\n"
      "2024-03-04T08:00,a,3\n2024-03-04T09:00,a,4\n2024-03-04T08:00,b,1\n"
      "2024-03-05T10:00,a,2\n";
  const auto a = day_requirements(plan(csv), "a", rules);
  REQUIRE(a.size() == 2);
  CHECK(wfm::core::format_local_date(a[0].date) == "2024-03-04");
  REQUIRE(a[0].required.size() == 24);
  CHECK(a[0].required[8] == 3);
  CHECK(a[0].required[9] == 4);
  CHECK(a[0].required[10] == 0);
  CHECK(a[1].required[10] == 2);
  const auto all = day_requirements(plan(csv), "*", rules);
  CHECK(all[0].required[8] == 4);
  CHECK_THAT(error_of(csv, ""), Catch::Contains("has 2 queues (a, b)"));
  CHECK_THAT(error_of(csv, "c"), Catch::Contains("no queue 'c'"));
}

TEST_CASE("a plan on another interval than the rules' is refused", "[schedule][requirements]") {
  CHECK_THAT(error_of("interval_start,agents\n2024-03-04T08:00,1\n2024-03-04T08:30,1\n", ""),
             Catch::Contains("not on the 3600-second grid"));
  CHECK_THAT(error_of("interval_start,agents\n2024-03-04T08:00,1\n2024-03-04T10:00,1\n"
                      "2024-03-04T12:00,1\n",
                      ""),
             Catch::Contains("intervals are 7200 s long"));
}
