// The one definition of totals (pipeline/totals.hpp) on a plan small enough to add up by hand.
#include <catch2/catch.hpp>

#include <limits>

#include "wfm/core/error.hpp"
#include "wfm/pipeline/totals.hpp"

using namespace wfm;

namespace {

core::LocalTime at(int day, int hour) {
  return core::LocalTime{std::chrono::local_days{std::chrono::year{2024} / 3 / (4 + day)}} +
         std::chrono::hours(hour);
}

pipeline::StaffedInterval interval(std::size_t queue, core::LocalTime start, double calls,
                                   double agents, double scheduled, double sl, double asa,
                                   double abandon, double occupancy, bool feasible = true) {
  pipeline::StaffedInterval iv;
  iv.queue = queue;
  iv.start = start;
  iv.calls = calls;
  iv.aht_s = 180;
  iv.result.agents = agents;
  iv.result.service_level = sl;
  iv.result.asa_s = asa;
  iv.result.abandon_rate = abandon;
  iv.result.occupancy = occupancy;
  iv.result.feasible = feasible;
  iv.scheduled = scheduled;
  return iv;
}

// Queue 0: two 1-hour intervals on day 0; queue 1: one on day 0 and one on day 3 (span 4 days).
pipeline::StaffingPlan small_plan() {
  pipeline::StaffingPlan p;
  p.queues = {"a", "b"};
  p.interval_s = 3600;
  p.span_days = 4;
  p.intervals = {
      interval(0, at(0, 9), 100, 10, 14, 0.9, 10, 0.02, 0.8),
      interval(0, at(0, 10), 300, 20, 28, 0.7, 30, 0.04, 0.9, false),
      interval(1, at(0, 9), 0, 0, 0, 1.0, 0, 0, 0),
      interval(1, at(3, 9), 50, 5, 7, 0.8, std::numeric_limits<double>::infinity(), 0.1, 0.6),
  };
  return p;
}

}  // namespace

TEST_CASE("totals follow their written definitions", "[pipeline]") {
  auto p = small_plan();
  pipeline::compute_totals(p, {40.0, 25.0});
  const auto& a = p.queue_totals.at(0);
  CHECK(a.calls == 400);
  CHECK(a.required_hours == 30);   // 10 + 20 agents x 1 h
  CHECK(a.scheduled_hours == 42);  // 14 + 28
  // FTE = 42 h x 7 / 4 calendar days / 40 paid hours per week.
  CHECK(a.fte == Approx(42.0 * 7 / 4 / 40));
  CHECK(*a.cost == 42 * 25);
  CHECK(a.peak_required == 20);
  CHECK(a.peak_scheduled == 28);
  CHECK(a.service_level == Approx((0.9 * 100 + 0.7 * 300) / 400));
  CHECK(a.abandon_rate == Approx((0.02 * 100 + 0.04 * 300) / 400));
  // ASA weighted by answered calls: 98 and 288.
  CHECK(a.asa_s == Approx((10 * 98.0 + 30 * 288.0) / (98 + 288)));
  CHECK(a.occupancy == Approx((0.8 * 10 + 0.9 * 20) / 30));
  CHECK(a.intervals == 2);
  CHECK(a.infeasible == 1);

  const auto& b = p.queue_totals.at(1);
  CHECK(b.calls == 50);
  CHECK(b.asa_s == 0);  // the only answered calls have no finite ASA
  CHECK(b.service_level == Approx(0.8));

  CHECK(p.overall.calls == 450);
  CHECK(p.overall.scheduled_hours == 49);
  CHECK(p.overall.fte == Approx(49.0 * 7 / 4 / 40));

  // Daily: queue a day 0, queue b days 0 and 3, then all queues days 0 and 3.
  REQUIRE(p.daily.size() == 5);
  CHECK(p.daily[0].queue == 0);
  CHECK(p.daily[1].queue == 1);
  CHECK(p.daily[2].queue == 1);
  CHECK(p.daily[3].queue == std::string::npos);
  CHECK(p.daily[4].queue == std::string::npos);
  // A day's FTE: its scheduled hours x 7 / paid hours per week.
  CHECK(p.daily[3].totals.scheduled_hours == 42);
  CHECK(p.daily[3].totals.fte == Approx(42.0 * 7 / 40));
  // A day without calls: SL 1 (no call missed), nothing abandoned.
  CHECK(p.daily[1].totals.service_level == 1);
  CHECK(p.daily[1].totals.abandon_rate == 0);
}

TEST_CASE("the simulated SL total is call-weighted over simulated intervals", "[pipeline]") {
  auto p = small_plan();
  sim::Estimates e;
  e.service_level = {0.5, 0.01, true};
  p.intervals[0].simulated = e;
  e.service_level = {0.9, 0.01, true};
  p.intervals[1].simulated = e;
  pipeline::compute_totals(p, {});
  REQUIRE(p.overall.simulated_sl.has_value());
  CHECK(*p.overall.simulated_sl == Approx((0.5 * 100 + 0.9 * 300) / 400));
  CHECK_FALSE(p.queue_totals[1].simulated_sl.has_value());
  CHECK_FALSE(p.overall.cost.has_value());
  CHECK(p.overall.fte == Approx(49.0 * 7 / 4 / 37.5));  // default 37.5 paid hours
}

TEST_CASE("totals reject a basis out of range", "[pipeline]") {
  auto p = small_plan();
  CHECK_THROWS_AS(pipeline::compute_totals(p, {0.0, std::nullopt}), core::InputError);
  CHECK_THROWS_AS(pipeline::compute_totals(p, {200.0, std::nullopt}), core::InputError);
  CHECK_THROWS_AS(pipeline::compute_totals(p, {37.5, -1.0}), core::InputError);
}
