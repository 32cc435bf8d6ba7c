// wfm::report SL chart parts (src/wfm/report/sl_summary.hpp): the axis minimum (lowest value or
// 10 points under the target, rounded down to 10%, within [0, 0.9]), the count of intervals below
// target with their share of the calls, and the note's text.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "wfm/report/html.hpp"
#include "wfm/report/sl_summary.hpp"

using namespace wfm::report;

TEST_CASE("the SL axis starts at the lowest value or 10 points under the target", "[report][sl]") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const std::vector<double> high{0.85, 0.92, nan};
  const std::vector<double> dip{0.9, 0.43};
  CHECK(sl_axis_min(0.8, {&high}) == Approx(0.7));
  CHECK(sl_axis_min(0.8, {&high, &dip}) == Approx(0.4));
  CHECK(sl_axis_min(std::nullopt, {&high}) == Approx(0.8));
  CHECK(sl_axis_min(std::nullopt, {}) == Approx(0.9));  // nothing drawn: never above 90%
  const std::vector<double> negative{-0.2};
  CHECK(sl_axis_min(0.8, {&negative}) == 0);
  CHECK(sl_axis_min(0.7, {}) == Approx(0.6));  // 0.7 - 0.1 rounds to 60%, not 59%
}

TEST_CASE("intervals below target are counted with their share of calls", "[report][sl]") {
  BelowTargetCount count(0.8);
  count.add(0.70, 0.03, 30);          // surely below
  count.add(0.79, 0.03, 10);          // below, its interval reaches the target
  count.add(0.80, 0.03, 40);          // at the target: not below
  count.add(std::nullopt, 0.0, 500);  // not simulated: not counted
  count.add(std::numeric_limits<double>::quiet_NaN(), 0.0, 500);
  count.add(0.60, std::nullopt, 20);  // no half-width: surely below
  const BelowTarget b = count.result();
  CHECK(b.simulated == 4);
  CHECK(b.below == 3);
  CHECK(b.surely_below == 2);
  CHECK(b.calls_share_below == Approx(60.0 / 100.0));
  CHECK(BelowTargetCount(0.8).result().calls_share_below == 0);
}

TEST_CASE("the SL note counts the intervals and gives the totals when known", "[report][sl]") {
  BelowTarget b;
  b.simulated = 19;
  b.below = 2;
  b.surely_below = 1;
  b.calls_share_below = 0.125;
  const std::string note = sl_note(0.8, b, 0.84, 0.83);
  CHECK(note.rfind("<p class=\"note sl-note\">", 0) == 0);
  CHECK(note.find("In simulation, 2 of 19 intervals are below the 80% target (1 with the whole "
                  "95% confidence interval below); they carry " +
                  format_percent(0.125, 1) + " of the calls.") != std::string::npos);
  CHECK(note.find("Expected SL over all calls: 84.0%, simulated: 83.0%.") != std::string::npos);
  const std::string bare = sl_note(0.8, BelowTarget{}, std::nullopt, 0.83);
  CHECK(bare.find("In simulation") == std::string::npos);
  CHECK(bare.find("Expected SL") == std::string::npos);
  CHECK(bare.find("weighted by calls") != std::string::npos);
}
