// wfm::core::TimeZone (src/wfm/core/time_zone.hpp): unique, skipped and repeated wall-clock times
// of real zones, the spans reported around them, the messages, and unknown names.
// The transitions checked: the EU changes clocks at 01:00 UTC on the last Sunday of March and of
// October (Directive 2000/84/EC; IANA tzdata rule "EU"), so in Europe/Paris 2024-03-31 goes from
// 02:00 CET to 03:00 CEST and 2024-10-27 from 03:00 CEST back to 02:00 CET; the US changes at
// 02:00 local on the second Sunday of March and the first of November (Energy Policy Act of 2005;
// tzdata rule "US"): America/New_York 2024-03-10 and 2024-11-03.
#include <catch2/catch.hpp>

#include <chrono>
#include <string>

#include "wfm/core/error.hpp"
#include "wfm/core/time_zone.hpp"

using namespace std::chrono;
using wfm::core::InputError;
using wfm::core::LocalTime;
using wfm::core::LocalTimeKind;
using wfm::core::Location;
using wfm::core::repeated_hour_hint;
using wfm::core::TimeZone;

namespace {

LocalTime at(int y, unsigned m, unsigned d, int hh, int mm, int ss = 0) {
  return LocalTime{local_days{year{y} / month{m} / day{d}}} + hours{hh} + minutes{mm} + seconds{ss};
}

const TimeZone& paris() {
  static const TimeZone zone = TimeZone::locate("Europe/Paris", Location{{}, 0, "--timezone"});
  return zone;
}

}  // namespace

TEST_CASE("an ordinary time is unique, with its offset and the span until the next change",
          "[core][time_zone]") {
  const auto info = paris().info(at(2024, 7, 1, 12, 0));
  CHECK(info.kind == LocalTimeKind::unique);
  CHECK(info.first_offset == hours{2});
  CHECK(info.second_offset == hours{2});
  CHECK(info.first_abbrev == "CEST");
  // Summer time runs from 03:00 on 2024-03-31 to the start of the repeated hour (02:00) on
  // 2024-10-27: the repeated hour is not part of the unique span.
  CHECK(info.span_begin == at(2024, 3, 31, 3, 0));
  CHECK(info.span_end == at(2024, 10, 27, 2, 0));

  const auto winter = paris().info(at(2024, 12, 1, 9, 0));
  CHECK(winter.kind == LocalTimeKind::unique);
  CHECK(winter.first_offset == hours{1});
  CHECK(winter.first_abbrev == "CET");
  CHECK(winter.span_begin == at(2024, 10, 27, 3, 0));
  CHECK(winter.span_end == at(2025, 3, 30, 2, 0));
}

TEST_CASE("spring forward: 02:00 to 03:00 on 2024-03-31 does not exist in Europe/Paris",
          "[core][time_zone]") {
  for (const LocalTime t :
       {at(2024, 3, 31, 2, 0), at(2024, 3, 31, 2, 30), at(2024, 3, 31, 2, 59, 59)}) {
    const auto info = paris().info(t);
    CHECK(info.kind == LocalTimeKind::nonexistent);
    CHECK(info.first_offset == hours{1});
    CHECK(info.second_offset == hours{2});
    CHECK(info.span_begin == at(2024, 3, 31, 2, 0));
    CHECK(info.span_end == at(2024, 3, 31, 3, 0));
  }
  CHECK(paris().info(at(2024, 3, 31, 1, 59, 59)).kind == LocalTimeKind::unique);
  CHECK(paris().info(at(2024, 3, 31, 3, 0)).kind == LocalTimeKind::unique);
  const auto t = at(2024, 3, 31, 2, 30);
  CHECK(paris().explain(t, paris().info(t)) ==
        "2024-03-31T02:30 does not exist in Europe/Paris: clocks go forward from 02:00 to 03:00 "
        "on 2024-03-31 (CET to CEST)");
}

TEST_CASE("fall back: 02:00 to 03:00 on 2024-10-27 happens twice in Europe/Paris",
          "[core][time_zone]") {
  const auto t = at(2024, 10, 27, 2, 30);
  const auto info = paris().info(t);
  CHECK(info.kind == LocalTimeKind::repeated);
  CHECK(info.first_offset == hours{2});  // the first pass is still summer time
  CHECK(info.second_offset == hours{1});
  CHECK(info.first_abbrev == "CEST");
  CHECK(info.second_abbrev == "CET");
  CHECK(info.span_begin == at(2024, 10, 27, 2, 0));
  CHECK(info.span_end == at(2024, 10, 27, 3, 0));
  CHECK(paris().info(at(2024, 10, 27, 1, 59)).kind == LocalTimeKind::unique);
  CHECK(paris().info(at(2024, 10, 27, 3, 0)).kind == LocalTimeKind::unique);
  CHECK(paris().explain(t, info) ==
        "2024-10-27T02:30 occurs twice in Europe/Paris: clocks go back from 03:00 to 02:00 on "
        "2024-10-27 (CEST to CET), so 02:00 to 03:00 is lived twice");
}

TEST_CASE("America/New_York changes at 02:00 local on its own dates", "[core][time_zone]") {
  const auto ny = TimeZone::locate("America/New_York", Location{});
  const auto spring = ny.info(at(2024, 3, 10, 2, 15));
  CHECK(spring.kind == LocalTimeKind::nonexistent);
  CHECK(spring.first_offset == hours{-5});
  CHECK(spring.second_offset == hours{-4});
  const auto fall = ny.info(at(2024, 11, 3, 1, 15));
  CHECK(fall.kind == LocalTimeKind::repeated);
  CHECK(fall.span_begin == at(2024, 11, 3, 1, 0));
  CHECK(fall.span_end == at(2024, 11, 3, 2, 0));
  // Europe's dates are ordinary days in New York.
  CHECK(ny.info(at(2024, 3, 31, 2, 30)).kind == LocalTimeKind::unique);
}

TEST_CASE("UTC has no transitions: every time is unique", "[core][time_zone]") {
  const auto utc = TimeZone::locate("UTC", Location{});
  const auto info = utc.info(at(2024, 3, 31, 2, 30));
  CHECK(info.kind == LocalTimeKind::unique);
  CHECK(info.first_offset == seconds{0});
  CHECK(info.span_begin < at(1900, 1, 1, 0, 0));
  CHECK(info.span_end > at(2200, 1, 1, 0, 0));
}

TEST_CASE("an unknown zone name is an input error naming the flag and the value",
          "[core][time_zone]") {
  try {
    (void)TimeZone::locate("Europe/Pariss", wfm::core::at_flag("--timezone"));
    FAIL("expected an InputError");
  } catch (const InputError& e) {
    CHECK(std::string(e.what()) ==
          "--timezone: unknown time zone \"Europe/Pariss\": expected an IANA name such as "
          "Europe/Paris, America/New_York or UTC");
  }
  CHECK_THROWS_AS(TimeZone::locate("", wfm::core::at_flag("--timezone")), InputError);
  CHECK_THROWS_AS(TimeZone::locate("../../etc/passwd", wfm::core::at_flag("--timezone")),
                  InputError);
}

TEST_CASE("the repeated-hour hint is given for night hours only", "[core][time_zone]") {
  CHECK(repeated_hour_hint(at(2024, 10, 27, 2, 0), "--timezone").find("--timezone") !=
        std::string::npos);
  CHECK(!repeated_hour_hint(at(2024, 10, 27, 23, 30), "--timezone").empty());
  CHECK(!repeated_hour_hint(at(2024, 10, 27, 0, 0), "--timezone").empty());
  CHECK(!repeated_hour_hint(at(2024, 10, 27, 3, 45), "timezone").empty());
  CHECK(repeated_hour_hint(at(2024, 10, 27, 4, 0), "--timezone").empty());
  CHECK(repeated_hour_hint(at(2024, 3, 4, 9, 0), "--timezone").empty());
  CHECK(repeated_hour_hint(at(2024, 3, 4, 22, 59), "--timezone").empty());
}
