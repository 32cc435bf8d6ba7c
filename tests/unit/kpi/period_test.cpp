// Report periods: interval, day, ISO week (Monday) and month starts, labels and neighbours.
#include <catch2/catch.hpp>

#include "wfm/io/time_format.hpp"
#include "wfm/kpi/period.hpp"

using namespace wfm::kpi;

namespace {
TimeMs at(int y, int m, int d, int hh = 0, int mm = 0) {
  return *wfm::io::days_from_civil(y, m, d) * ms_per_day + (hh * 60 + mm) * 60'000;
}
}  // namespace

TEST_CASE("period starts and labels", "[kpi][period]") {
  const TimeMs t = at(2024, 3, 6, 8, 20);  // a Wednesday
  CHECK(period_label(period_start(t, Dimension::interval, 900), Dimension::interval) ==
        "2024-03-06T08:15");
  CHECK(period_label(period_start(t, Dimension::day, 900), Dimension::day) == "2024-03-06");
  CHECK(period_label(period_start(t, Dimension::week, 900), Dimension::week) == "2024-03-04");
  CHECK(period_label(period_start(at(2024, 3, 10, 23, 59), Dimension::week, 0), Dimension::week) ==
        "2024-03-04");  // Sunday belongs to the week of the Monday before
  CHECK(period_label(period_start(at(2024, 3, 11), Dimension::week, 0), Dimension::week) ==
        "2024-03-11");
  CHECK(period_label(period_start(t, Dimension::month, 900), Dimension::month) == "2024-03");
  // Before 1970 (negative times) too.
  CHECK(period_label(period_start(at(1969, 12, 31, 23, 50), Dimension::interval, 1800),
                     Dimension::interval) == "1969-12-31T23:30");
  CHECK(period_label(period_start(at(1969, 12, 31), Dimension::week, 0), Dimension::week) ==
        "1969-12-29");
}

TEST_CASE("next and previous periods", "[kpi][period]") {
  CHECK(next_period(at(2024, 1, 1), Dimension::month, 0) == at(2024, 2, 1));
  CHECK(next_period(at(2024, 12, 1), Dimension::month, 0) == at(2025, 1, 1));
  CHECK(previous_period(at(2024, 1, 1), Dimension::month, 0) == at(2023, 12, 1));
  CHECK(previous_period(at(2024, 3, 1), Dimension::month, 0) == at(2024, 2, 1));
  CHECK(previous_period(at(2024, 3, 4), Dimension::week, 0) == at(2024, 2, 26));
  CHECK(previous_period(at(2024, 3, 1), Dimension::day, 0) == at(2024, 2, 29));
  CHECK(next_period(at(2024, 3, 4, 23, 45), Dimension::interval, 900) == at(2024, 3, 5));
}

TEST_CASE("for_each_period splits a span over the periods it overlaps", "[kpi][period]") {
  std::vector<std::pair<TimeMs, double>> parts;
  for_each_period(at(2024, 3, 4, 8, 10), at(2024, 3, 4, 8, 50), Dimension::interval, 900,
                  [&](TimeMs p, double s) { parts.emplace_back(p, s); });
  REQUIRE(parts.size() == 4);
  CHECK(parts[0] == std::make_pair(at(2024, 3, 4, 8, 0), 300.0));
  CHECK(parts[1] == std::make_pair(at(2024, 3, 4, 8, 15), 900.0));
  CHECK(parts[2] == std::make_pair(at(2024, 3, 4, 8, 30), 900.0));
  CHECK(parts[3] == std::make_pair(at(2024, 3, 4, 8, 45), 300.0));
  parts.clear();
  for_each_period(at(2024, 1, 31, 23, 0), at(2024, 2, 1, 1, 0), Dimension::month, 0,
                  [&](TimeMs p, double s) { parts.emplace_back(p, s); });
  REQUIRE(parts.size() == 2);
  CHECK(parts[1] == std::make_pair(at(2024, 2, 1), 3600.0));
  CHECK(parse_dimension("week") == Dimension::week);
  CHECK_FALSE(parse_dimension("year").has_value());
}
