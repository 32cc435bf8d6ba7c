// wfm::core time parsing and formatting (src/wfm/core/time.hpp): the two ISO forms of local
// date-times with and without seconds, impossible dates and times, trailing junk, round trips,
// and durations with units.
#include <catch2/catch.hpp>

#include <chrono>
#include <limits>
#include <string>

#include "wfm/core/time.hpp"

using namespace std::chrono;
using wfm::core::format_local_date;
using wfm::core::format_local_time;
using wfm::core::LocalTime;
using wfm::core::parse_duration_s;
using wfm::core::parse_local_date;
using wfm::core::parse_local_time;

namespace {

LocalTime at(int y, unsigned m, unsigned d, int hh, int mm, int ss = 0) {
  return LocalTime{local_days{year{y} / month{m} / day{d}}} + hours{hh} + minutes{mm} + seconds{ss};
}

}  // namespace

TEST_CASE("parse_local_time accepts both ISO forms, with and without seconds", "[core][time]") {
  CHECK(parse_local_time("2024-03-04T08:00") == at(2024, 3, 4, 8, 0));
  CHECK(parse_local_time("2024-03-04 08:00") == at(2024, 3, 4, 8, 0));
  CHECK(parse_local_time("2024-03-04T08:15:30") == at(2024, 3, 4, 8, 15, 30));
  CHECK(parse_local_time("2024-03-04 08:15:30") == at(2024, 3, 4, 8, 15, 30));
  CHECK(parse_local_time("2024-03-04T00:00:00") == at(2024, 3, 4, 0, 0));
  CHECK(parse_local_time("2024-03-04T23:59:59") == at(2024, 3, 4, 23, 59, 59));
  CHECK(parse_local_time("2024-02-29T12:00") == at(2024, 2, 29, 12, 0));  // leap year
  CHECK(parse_local_time("2024-12-31T23:45") == at(2024, 12, 31, 23, 45));
}

TEST_CASE("parse_local_time rejects impossible, malformed and padded text", "[core][time]") {
  for (const char* text : {
           "2024-02-30T08:00",      // no February 30th
           "2023-02-29T08:00",      // not a leap year
           "2024-13-01T08:00",      // month 13
           "2024-00-10T08:00",      // month 0
           "2024-04-31T08:00",      // April has 30 days
           "2024-03-00T08:00",      // day 0
           "2024-03-04T24:00",      // 24:00 is not a time of day here
           "2024-03-04T23:60",      // minute 60
           "2024-03-04T08:00:60",   // second 60
           "",                      //
           "garbage",               //
           "2024-03-04",            // a date alone
           "2024-03-04T8:00",       // one-digit hour
           "2024-3-04T08:00",       // one-digit month
           "2024-03-04X08:00",      // neither T nor space
           "2024-03-04T08-00",      // wrong time separator
           "2024/03/04T08:00",      // wrong date separator
           "2024-03-04T08:00Z",     // a zone is not accepted (local time)
           "2024-03-04T08:00:00Z",  //
           "2024-03-04T08:00 ",     // trailing space
           " 2024-03-04T08:00",     // leading space
           "2024-03-04T08:00x",     // trailing junk
           "2024-03-04T08:00:00.5",
           "2024-03-04T08:0a",
           "2024-03-04T08:00:0a",
       }) {
    INFO('"' << text << '"');
    CHECK_FALSE(parse_local_time(text).has_value());
  }
}

TEST_CASE("format_local_time writes seconds only when non-zero and round-trips", "[core][time]") {
  CHECK(format_local_time(at(2024, 3, 4, 8, 0)) == "2024-03-04T08:00");
  CHECK(format_local_time(at(2024, 3, 4, 8, 5, 7)) == "2024-03-04T08:05:07");
  CHECK(format_local_time(at(1999, 12, 31, 23, 59, 59)) == "1999-12-31T23:59:59");
  CHECK(format_local_time(at(2024, 1, 1, 0, 0)) == "2024-01-01T00:00");

  // parse(format(t)) == t over a range of times (every 7 h 13 min 17 s for about two years,
  // crossing month ends, a leap day and the year boundary).
  const auto step = hours{7} + minutes{13} + seconds{17};
  int checked = 0;
  for (auto t = at(2023, 11, 1, 0, 0); t < at(2025, 11, 1, 0, 0); t += step) {
    const auto text = format_local_time(t);
    const auto back = parse_local_time(text);
    REQUIRE(back.has_value());
    REQUIRE(*back == t);
    ++checked;
  }
  CHECK(checked > 2000);

  // format(parse(s)) == s for canonical text; the space form and ":00" normalise to 'T', no ":SS".
  for (const char* text : {"2024-03-04T08:00", "2024-02-29T23:59:01", "2000-01-01T00:00"}) {
    CHECK(format_local_time(*parse_local_time(text)) == text);
  }
  CHECK(format_local_time(*parse_local_time("2024-03-04 08:00:00")) == "2024-03-04T08:00");
}

TEST_CASE("parse_local_date and format_local_date", "[core][time]") {
  CHECK(parse_local_date("2024-03-04") == local_days{year{2024} / 3 / 4});
  CHECK(parse_local_date("2024-02-29") == local_days{year{2024} / 2 / 29});
  for (const char* text : {"2024-02-30", "2023-02-29", "2024-13-01", "2024-00-01", "2024-01-00",
                           "2024-3-4", "2024-03-04T08:00", "2024-03-04 ", " 2024-03-04",
                           "2024/03/04", "20240304", "", "abcd-ef-gh"}) {
    INFO('"' << text << '"');
    CHECK_FALSE(parse_local_date(text).has_value());
  }
  CHECK(format_local_date(local_days{year{2024} / 3 / 4}) == "2024-03-04");
  CHECK(format_local_date(*parse_local_date("1987-10-19")) == "1987-10-19");
}

TEST_CASE("parse_duration_s: bare numbers are seconds, units s, m, min, h, d, w", "[core][time]") {
  CHECK(parse_duration_s("1800") == 1800.0);
  CHECK(parse_duration_s("1800s") == 1800.0);
  CHECK(parse_duration_s("30m") == 1800.0);
  CHECK(parse_duration_s("30min") == 1800.0);
  CHECK(parse_duration_s("1h") == 3600.0);
  CHECK(parse_duration_s("19.8") == 19.8);
  CHECK(parse_duration_s("1.5h") == 5400.0);
  CHECK(parse_duration_s("1.5m") == 90.0);
  CHECK(parse_duration_s("2d") == 172800.0);
  CHECK(parse_duration_s("0") == 0.0);
  CHECK(parse_duration_s("0s") == 0.0);
  CHECK(parse_duration_s("1e3") == 1000.0);
  // Units are case-insensitive.
  CHECK(parse_duration_s("30M") == 1800.0);
  CHECK(parse_duration_s("2H") == 7200.0);
  CHECK(parse_duration_s("20S") == 20.0);
  CHECK(parse_duration_s("1D") == 86400.0);
  CHECK(parse_duration_s("13w") == 13 * 604800.0);  // weeks, for --horizon 13w
  CHECK(parse_duration_s("1W") == 604800.0);
}

TEST_CASE("parse_duration_s rejects negative, malformed and non-finite text", "[core][time]") {
  for (const char* text :
       {"-5", "-5s", "-0.5h", "abc",        "10x", "",   "nan",   "NaN",  "inf", "-inf", "infinity",
        "s",  "m",   "1.2.3", "10 minutes", "1hm", "h1", "1e400", "0x10", "--5", "5-"}) {
    INFO('"' << text << '"');
    CHECK_FALSE(parse_duration_s(text).has_value());
  }
}
