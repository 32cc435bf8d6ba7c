// wfm::core opening hours (src/wfm/core/opening_hours.hpp): an interval is within the hours when
// it starts at or after the opening and ends by the closing of its own weekday; closed days;
// uniform hours from the c_encoding day set of --days (Sunday = 0) land on the right weekdays.
#include <catch2/catch.hpp>

#include <chrono>

#include "wfm/core/opening_hours.hpp"

using namespace std::chrono;
using wfm::core::DayHours;
using wfm::core::LocalTime;
using wfm::core::WeekHours;

namespace {

// 2024-03-04 is a Monday.
LocalTime at(unsigned d, int hh, int mm) {
  return LocalTime{local_days{year{2024} / March / day{d}}} + hours{hh} + minutes{mm};
}

}  // namespace

TEST_CASE("an interval is within the hours when it starts and ends inside", "[core][hours]") {
  WeekHours w;
  w.days[0] = DayHours{8 * 60, 18 * 60};  // Monday 08:00-18:00
  CHECK(w.contains(at(4, 8, 0), 1800));
  CHECK(w.contains(at(4, 17, 30), 1800));        // ends at the closing
  CHECK_FALSE(w.contains(at(4, 7, 30), 1800));   // starts before the opening
  CHECK_FALSE(w.contains(at(4, 17, 45), 1800));  // runs past the closing
  CHECK_FALSE(w.contains(at(4, 18, 0), 900));
  CHECK_FALSE(w.contains(at(5, 9, 0), 1800));  // Tuesday: closed by default
  CHECK_FALSE(DayHours{}.is_open());
  CHECK_FALSE(DayHours{600, 600}.covers(600, 15));  // a closed day covers nothing
  CHECK(DayHours{450, 1140}.covers(450, 15));       // minutes: 07:30-07:45 in 07:30-19:00
  CHECK_FALSE(DayHours{450, 1140}.covers(1130, 15));
}

TEST_CASE("open until midnight covers the last interval of the day", "[core][hours]") {
  WeekHours w;
  w.days[6] = DayHours{0, 24 * 60};  // Sunday, all day
  CHECK(w.contains(at(10, 0, 0), 900));
  CHECK(w.contains(at(10, 23, 45), 900));
  CHECK_FALSE(w.contains(at(11, 0, 0), 900));  // Monday
}

TEST_CASE("uniform hours put --days (Sunday = 0) on the right weekdays", "[core][hours]") {
  std::array<bool, 7> days{};
  days[0] = true;  // Sunday
  days[1] = true;  // Monday
  days[6] = true;  // Saturday
  const WeekHours w = WeekHours::uniform(days, 9 * 3600, 17 * 3600 + 1800);
  CHECK(w.days[0].open_min == 540);  // Monday
  CHECK(w.days[0].close_min == 1050);
  CHECK_FALSE(w.days[1].is_open());             // Tuesday
  CHECK(w.days[5].is_open());                   // Saturday
  CHECK(w.days[6].is_open());                   // Sunday
  CHECK(w.contains(at(10, 9, 0), 3600));        // Sunday
  CHECK_FALSE(w.contains(at(5, 9, 0), 3600));   // Tuesday
  CHECK(w.contains(at(9, 16, 30), 3600));       // Saturday, ends 17:30
  CHECK_FALSE(w.contains(at(9, 17, 0), 3600));  // ends 18:00
}
