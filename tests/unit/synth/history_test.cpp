// wfm::synth::generate_history: determinism, loading back through the CSV loader, and the
// patterns the model promises (docs/synth.md).
#include <catch2/catch.hpp>

#include <map>
#include <sstream>

#include "wfm/core/error.hpp"
#include "wfm/io/interval_csv.hpp"
#include "wfm/synth/history.hpp"

using wfm::core::IntervalTable;
using wfm::synth::generate_history;
using wfm::synth::SynthOptions;

namespace {

bool same(const IntervalTable& a, const IntervalTable& b) {
  if (a.queues.size() != b.queues.size() || a.interval_s != b.interval_s) return false;
  for (std::size_t q = 0; q < a.queues.size(); ++q) {
    const auto& x = a.queues[q];
    const auto& y = b.queues[q];
    if (x.queue != y.queue || x.intervals.size() != y.intervals.size()) return false;
    for (std::size_t i = 0; i < x.intervals.size(); ++i) {
      const auto& r = x.intervals[i];
      const auto& s = y.intervals[i];
      if (r.start != s.start || r.offered != s.offered || r.aht_s != s.aht_s ||
          r.handled != s.handled || r.abandoned != s.abandoned) {
        return false;
      }
    }
  }
  return true;
}

double hour_of(wfm::core::LocalTime t) {
  return static_cast<double>((t - std::chrono::floor<std::chrono::days>(t)).count()) / 3600.0;
}

unsigned weekday_of(wfm::core::LocalTime t) {
  return std::chrono::weekday{std::chrono::floor<std::chrono::days>(t)}.iso_encoding() - 1;
}

}  // namespace

TEST_CASE("generation is deterministic for a seed", "[synth]") {
  SynthOptions options;
  const auto a = generate_history(options);
  const auto b = generate_history(options);
  CHECK(same(a, b));
  options.seed = 43;
  CHECK_FALSE(same(a, generate_history(options)));
}

TEST_CASE("a queue's days do not depend on other queues or on the length", "[synth]") {
  SynthOptions all;
  const auto full = generate_history(all);
  SynthOptions one;
  one.queues = {wfm::synth::default_profile("support")};
  one.days = 7;
  const auto part = generate_history(one);
  const auto& support = full.queues[1].intervals;
  REQUIRE(full.queues[1].queue == "support");
  REQUIRE(part.queues[0].intervals.size() * 4 == support.size());
  for (std::size_t i = 0; i < part.queues[0].intervals.size(); ++i) {
    REQUIRE(part.queues[0].intervals[i].offered == support[i].offered);
    REQUIRE(part.queues[0].intervals[i].aht_s == support[i].aht_s);
  }
}

TEST_CASE("the default history has the documented shape", "[synth]") {
  const auto table = generate_history(SynthOptions{});
  CHECK(table.interval_s == 900);
  REQUIRE(table.queues.size() == 3);
  CHECK(table.queues[0].queue == "sales");
  CHECK(table.queues[1].queue == "support");
  CHECK(table.queues[2].queue == "billing");
  // 4 weeks x (5 days x 48 + Saturday 09:00-14:00 x 4 per hour) intervals per queue.
  for (const auto& q : table.queues) CHECK(q.intervals.size() == 4 * (5 * 48 + 20));

  for (const auto& q : table.queues) {
    INFO("queue " << q.queue);
    std::map<unsigned, double> by_weekday;
    std::map<int, double> by_hour;  // weekdays only
    for (const auto& r : q.intervals) {
      // Consistency of every interval.
      REQUIRE(r.handled.has_value());
      REQUIRE(r.abandoned.has_value());
      REQUIRE(*r.handled + *r.abandoned <= r.offered);
      REQUIRE(*r.handled >= 0);
      REQUIRE(*r.abandoned >= 0);
      REQUIRE(r.offered == std::floor(r.offered));
      REQUIRE(r.aht_s.has_value() == (r.offered > 0));
      if (r.aht_s) REQUIRE(*r.aht_s > 0);
      const unsigned wd = weekday_of(r.start);
      const double h = hour_of(r.start);
      REQUIRE(wd != 6);  // closed Sunday
      if (wd == 5) {
        REQUIRE(h >= 9);
        REQUIRE(h < 14);
      } else {
        REQUIRE(h >= 8);
        REQUIRE(h < 20);
        by_hour[static_cast<int>(h)] += r.offered;
      }
      by_weekday[wd] += r.offered;
    }
    // Weekly pattern: Monday is the busiest day, Friday the quietest weekday, Saturday lower.
    for (unsigned wd = 1; wd < 6; ++wd) CHECK(by_weekday[0] > by_weekday[wd]);
    CHECK(by_weekday[4] < by_weekday[1]);
    CHECK(by_weekday[5] < by_weekday[4]);
    // Intraday pattern: a morning peak, a lunch dip, an afternoon peak, a quiet evening.
    CHECK(by_hour[10] > by_hour[8]);
    CHECK(by_hour[10] > by_hour[12]);
    CHECK(by_hour[14] > by_hour[12] * 0.9);
    CHECK(by_hour[19] < by_hour[15] * 0.6);
  }
  // Relative volumes and handle times of the queues.
  const auto total = [](const wfm::core::QueueSeries& q) {
    double s = 0;
    for (const auto& r : q.intervals) s += r.offered;
    return s;
  };
  CHECK(total(table.queues[1]) > total(table.queues[0]));
  CHECK(total(table.queues[0]) > total(table.queues[2]));
  // daily_calls is the volume of an average weekday: support's 3000 a day over 20 weekdays,
  // grown by the trend (+0.5 %/week, about +0.75 % on average over 4 weeks).
  double support_weekdays = 0;
  for (const auto& r : table.queues[1].intervals) {
    if (weekday_of(r.start) < 5) support_weekdays += r.offered;
  }
  CHECK(support_weekdays / 20 == Approx(3000 * 1.0075).epsilon(0.05));
}

TEST_CASE("the history loads back through load_interval_table unchanged", "[synth]") {
  SynthOptions options;
  options.interval_s = 1800;
  options.days = 14;
  const auto table = generate_history(options);
  std::ostringstream out;
  wfm::io::write_interval_table(out, table);
  std::istringstream in(out.str());
  wfm::io::IntervalCsvOptions load_options;
  load_options.gap_policy = wfm::io::GapPolicy::error;
  const auto loaded = wfm::io::load_interval_table(in, "history.csv", load_options);
  CHECK(loaded.interval_s == 1800);
  CHECK(loaded.gaps.empty());
  CHECK(loaded.has_aht);
  CHECK(same(table, loaded));
}

TEST_CASE("scale multiplies volumes", "[synth]") {
  SynthOptions options;
  options.queues = {wfm::synth::default_profile("billing")};
  const auto base = generate_history(options);
  options.scale = 3;
  const auto big = generate_history(options);
  double a = 0, b = 0;
  for (const auto& r : base.queues[0].intervals) a += r.offered;
  for (const auto& r : big.queues[0].intervals) b += r.offered;
  CHECK(b / a == Approx(3).epsilon(0.03));
}

TEST_CASE("bad options are input errors naming the option", "[synth]") {
  const auto fails_with = [](auto change, const std::string& message) {
    SynthOptions options;
    change(options);
    CHECK_THROWS_WITH(generate_history(options), message);
  };
  fails_with([](SynthOptions& o) { o.days = 0; },
             "days: expected a whole number of days from 1 to 3660, got 0");
  fails_with([](SynthOptions& o) { o.interval_s = 700; },
             "interval: expected one of 300, 600, 900, 1800, 3600 s, got 700 s");
  fails_with([](SynthOptions& o) { o.queues.clear(); }, "queues: expected at least one queue");
  fails_with([](SynthOptions& o) { o.queues.push_back(wfm::synth::default_profile("sales")); },
             "queues: queue 'sales' is listed twice");
  fails_with([](SynthOptions& o) { o.queues[0].name = " x"; },
             "queues: expected queue names without surrounding spaces or line breaks, got \" x\"");
  fails_with([](SynthOptions& o) { o.scale = 0; }, "scale: expected a number in (0, 1000], got 0");
  fails_with(
      [](SynthOptions& o) {
        o.hours[5] = {550, 840};
      },
      "hours: Saturday: opening hours 09:10-14:00 are not on the 15-minute interval grid");
  fails_with(
      [](SynthOptions& o) {
        o.hours[0] = {480, 1500};
      },
      "hours: Monday: expected opening hours within 00:00-24:00, got 08:00-25:00");
  fails_with(
      [](SynthOptions& o) {
        for (auto& h : o.hours) h = {0, 0};
      },
      "hours: expected at least one open weekday");
  fails_with([](SynthOptions& o) { o.overdispersion = -0.1; },
             "overdispersion: expected a number in [0, 1], got -0.1");
}
