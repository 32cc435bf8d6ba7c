// forecast::run_forecast with a time zone: the horizon leaves out the interval starts that the
// zone skips (spring) or repeats (autumn), with a note each, and is unchanged without a zone.
// Europe/Paris: 2024-03-31 02:00 -> 03:00 and 2024-10-27 03:00 -> 02:00 (tzdata).
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <string>

#include "wfm/core/time.hpp"
#include "wfm/core/time_zone.hpp"
#include "wfm/forecast/pipeline.hpp"

using wfm::core::format_local_time;

namespace {

// A 24-hour queue, hourly, for `days` days up to and including `last` (a Saturday): each hour
// gets 10 + its hour calls.
wfm::core::IntervalTable around_the_clock(wfm::forecast::Date last, int days) {
  wfm::core::IntervalTable t;
  t.source = "h.csv";
  t.interval_s = 3600;
  t.queues.push_back({"", {}});
  for (int i = days - 1; i >= 0; --i) {
    const auto day = last - std::chrono::days{i};
    for (int h = 0; h < 24; ++h) {
      wfm::core::IntervalRecord r;
      r.start = wfm::core::LocalTime{day} + std::chrono::hours{h};
      r.offered = 10 + h;
      t.queues[0].intervals.push_back(r);
    }
  }
  return t;
}

std::vector<std::string> starts_on(const wfm::core::ForecastTable& t, const std::string& day) {
  std::vector<std::string> out;
  for (const auto& iv : t.queues.at(0).intervals) {
    const auto s = format_local_time(iv.start);
    if (s.rfind(day, 0) == 0) out.push_back(s.substr(11));
  }
  return out;
}

}  // namespace

TEST_CASE("a forecast with a time zone leaves out the skipped and the repeated hour",
          "[forecast][pipeline][time_zone]") {
  using namespace std::chrono;
  const auto paris = wfm::core::TimeZone::locate("Europe/Paris", wfm::core::at_flag("--timezone"));
  for (const auto& [last, change] :
       {std::pair{local_days{year{2024} / 3 / 30}, std::string("2024-03-31")},
        std::pair{local_days{year{2024} / 10 / 26}, std::string("2024-10-27")}}) {
    INFO(change);
    const auto history = around_the_clock(last, 28);
    wfm::forecast::ForecastOptions o;
    o.method = "snaive";
    o.horizon_days = 2;
    const auto plain = wfm::forecast::run_forecast(history, o);
    CHECK(plain.notes.empty());
    const auto plain_starts = starts_on(plain.table, change);
    CHECK(plain_starts.size() == 24);  // the wall clock: 00:00 ... 23:00
    CHECK(std::count(plain_starts.begin(), plain_starts.end(), "02:00") == 1);

    o.time_zone = paris;
    const auto zoned = wfm::forecast::run_forecast(history, o);
    const auto zoned_starts = starts_on(zoned.table, change);
    CHECK(zoned_starts.size() == 23);
    CHECK(std::count(zoned_starts.begin(), zoned_starts.end(), "02:00") == 0);
    CHECK(std::count(zoned_starts.begin(), zoned_starts.end(), "03:00") == 1);
    // The other day and the forecast values are the same.
    CHECK(zoned.table.queues[0].intervals.size() == plain.table.queues[0].intervals.size() - 1);
    REQUIRE(zoned.notes.size() == 1);
    CHECK_THAT(zoned.notes[0], Catch::Contains("Europe/Paris") &&
                                   Catch::Contains("1 interval from " + change + "T02:00 to " +
                                                   change + "T03:00 is not forecast"));
  }
}
