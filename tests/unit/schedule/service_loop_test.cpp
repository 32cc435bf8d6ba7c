// The schedule -> simulate -> raise -> re-solve loop: round 0 is the plain schedule, costs never
// fall, and only intervals that missed the target are raised.
#include "wfm/schedule/service_loop.hpp"

#include <catch2/catch.hpp>

using namespace wfm;
using namespace wfm::schedule;

namespace {

const char* kRules = R"([schedule]
interval = "1h"
under_coverage_penalty = 100
[[shift]]
name = "four"
start_earliest = "06:00"
start_latest = "14:00"
paid_length = "4h"
cost_per_paid_hour = 10
)";

}  // namespace

TEST_CASE("the service loop raises what misses the target and re-solves", "[schedule][loop]") {
  const auto rules = parse_shift_rules(kRules, "r.toml");
  DayRequirements day;
  day.date = std::chrono::local_days(std::chrono::year{2024} / 3 / 4);
  day.required.assign(24, 0);
  core::IntervalTable demand;
  demand.source = "d.csv";
  demand.interval_s = 3600;
  demand.has_aht = true;
  core::QueueSeries q{"q", {}};
  for (int h = 8; h < 16; ++h) {
    // 60 calls an hour of 300 s: 5 Erlangs; 6 agents give Erlang C SL(20 s) of about 0.70.
    day.required[h] = 6;
    core::IntervalRecord r;
    r.start = core::LocalTime(day.date) + std::chrono::hours(h);
    r.offered = 60;
    r.aht_s = 300;
    q.intervals.push_back(r);
  }
  demand.queues.push_back(q);
  ServiceOptions so;
  so.replications = 10;
  const auto plain = schedule_days(rules, {day}, SolveOptions{10, 1e-9});
  const auto loop =
      schedule_to_service(rules, {day}, demand, "q", SolveOptions{10, 1e-9}, so, 0.8, 3);
  REQUIRE(loop.rounds.size() >= 2);
  CHECK(loop.rounds.size() <= 4);
  CHECK(loop.rounds[0].cost == Approx(plain[0].totals.cost));
  CHECK(loop.rounds[0].intervals_below > 0);
  for (std::size_t i = 1; i < loop.rounds.size(); ++i) {
    CHECK(loop.rounds[i].cost >= loop.rounds[i - 1].cost - 1e-9);
  }
  CHECK(loop.rounds.back().simulated_sl.value() > loop.rounds[0].simulated_sl.value());
  // The last round's schedule is the one returned, with its requirements raised where needed.
  for (int h = 0; h < 24; ++h) {
    if (h < 8 || h >= 16) CHECK(loop.days[0].requirements.required[h] == 0);
    if (h >= 8 && h < 16) CHECK(loop.days[0].requirements.required[h] >= 6);
  }
}
