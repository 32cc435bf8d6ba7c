// Timestamp formats of exports: ISO, strftime-like patterns, times of day, impossible values.
#include <catch2/catch.hpp>

#include "wfm/core/error.hpp"
#include "wfm/io/time_format.hpp"

using namespace wfm::io;

namespace {

TimeMs at(int y, int m, int d, int hh = 0, int mm = 0, int ss = 0, int ms = 0) {
  return *days_from_civil(y, m, d) * ms_per_day + ((hh * 60 + mm) * 60 + ss) * 1000 + ms;
}

TimeFormat pattern(const char* spec) {
  return TimeFormat::parse(spec, wfm::core::Location{});
}

}  // namespace

TEST_CASE("days_from_civil matches known dates", "[io][time]") {
  CHECK(*days_from_civil(1970, 1, 1) == 0);
  CHECK(*days_from_civil(2000, 3, 1) == 11017);
  CHECK(*days_from_civil(1969, 12, 31) == -1);
  CHECK(*days_from_civil(2024, 2, 29) == 19782);
  CHECK_FALSE(days_from_civil(2023, 2, 29));
  CHECK_FALSE(days_from_civil(2024, 4, 31));
  CHECK_FALSE(days_from_civil(2024, 13, 1));
}

TEST_CASE("iso reads local date-times with optional seconds and fraction", "[io][time]") {
  const TimeFormat iso;
  CHECK(iso.read("2024-03-04T08:05") == at(2024, 3, 4, 8, 5));
  CHECK(iso.read("2024-03-04 08:05:09") == at(2024, 3, 4, 8, 5, 9));
  CHECK(iso.read(" 2024-03-04T08:05:09.25 ") == at(2024, 3, 4, 8, 5, 9, 250));
  CHECK(iso.read("2024-03-04T08:05:09.123456") == at(2024, 3, 4, 8, 5, 9, 123));
  for (const char* bad : {"2024-03-04", "2024-02-30T08:00", "2024-03-04T24:00", "2024-03-04T08:60",
                          "2024-03-04T08:05:09Z", "2024-03-04T08:05:09+01:00", "04/03/2024 08:05",
                          "2024-03-04T08:05:09.", "", "2024-3-4T08:05"}) {
    INFO(bad);
    CHECK_FALSE(iso.read(bad).has_value());
  }
  CHECK(iso.has_date());
  CHECK(iso.describe() == "a date-time like 2024-03-04T08:05:00 (format iso)");
}

TEST_CASE("patterns: compact dates, times of day, 12-hour clocks", "[io][time]") {
  const auto yymmdd = pattern("%y%m%d");
  CHECK(yymmdd.read("990101") == at(1999, 1, 1));
  CHECK(yymmdd.read("240304") == at(2024, 3, 4));
  CHECK_FALSE(yymmdd.read("990230").has_value());
  CHECK(yymmdd.has_date());
  CHECK_FALSE(yymmdd.has_time());

  const auto tod = pattern("%H:%M:%S");
  CHECK(tod.read("0:00:31") == 31'000);
  CHECK(tod.read("23:59:59") == (86400 - 1) * 1000);
  CHECK_FALSE(tod.read("24:00:00").has_value());
  CHECK_FALSE(tod.read("7:5").has_value());
  CHECK_FALSE(tod.has_date());
  CHECK(tod.describe() == "a time of day like 20:05:09 (format \"%H:%M:%S\")");

  const auto us = pattern("%m/%d/%Y %I:%M:%S %p");
  CHECK(us.read("3/4/2024 8:05:09 PM") == at(2024, 3, 4, 20, 5, 9));
  CHECK(us.read("03/04/2024 12:00:00 am") == at(2024, 3, 4, 0, 0, 0));
  CHECK(us.read("03/04/2024 12:30:00 PM") == at(2024, 3, 4, 12, 30, 0));
  CHECK_FALSE(us.read("03/04/2024 13:00:00 PM").has_value());

  const auto frac = pattern("%Y%m%d %H%M%S.%f");
  CHECK(frac.read("20240304 080509.5") == at(2024, 3, 4, 8, 5, 9, 500));
  CHECK_FALSE(frac.read("20240304 080509").has_value());
}

TEST_CASE("bad patterns are errors at their location", "[io][time]") {
  const wfm::core::Location where{"m.toml", 3, "format.time_format"};
  CHECK_THROWS_WITH(
      TimeFormat::parse("%Y-%q", where),
      Catch::StartsWith("m.toml:3: column 'format.time_format': unknown directive %q"));
  CHECK_THROWS_WITH(TimeFormat::parse("%H:%M %H", where), Catch::Contains("appears twice"));
  CHECK_THROWS_WITH(TimeFormat::parse("%I:%M", where),
                    Catch::Contains("%I (12-hour clock) and %p"));
  CHECK_THROWS_WITH(TimeFormat::parse("%Y-%m", where),
                    Catch::Contains("needs a year, a month and a day"));
  CHECK_THROWS_WITH(TimeFormat::parse("%M:%S", where), Catch::Contains("no hour"));
  CHECK_THROWS_WITH(TimeFormat::parse("date", where), Catch::Contains("no date and no time"));
  CHECK_THROWS_WITH(TimeFormat::parse("%H%", where), Catch::Contains("lone '%'"));
}
