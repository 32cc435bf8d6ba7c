// Email / backlog staffing by simulation (sim/backlog_staffing.hpp): the result meets its own
// target in the simulation it was decided on, where the fluid staffing does not; it is the same
// for 1 and 2 threads; with fresh random numbers it lands near the target; one agent fewer in
// the intervals a day was raised makes that day miss; a cap flags the days it stops; bad input is
// an InputError. Also: a replication resumed from a copy runs exactly as the whole run.
#include "wfm/sim/backlog_staffing.hpp"

#include <array>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <optional>
#include <vector>

#include <catch2/catch.hpp>

#include "backlog_demand.hpp"

#include "wfm/core/error.hpp"
#include "wfm/core/parallel.hpp"

using namespace wfm::sim;
using namespace wfm::sim::test;
using wfm::core::LocalTime;
using wfm::staffing::BacklogOptions;
using wfm::staffing::BacklogQueue;
using wfm::staffing::BacklogResult;
using wfm::staffing::BusinessHours;

namespace {


SimSettings settings(int replications, std::uint64_t seed) {
  SimSettings s;
  s.replications = replications;
  s.seed = seed;
  return s;
}

// The share within target of the arrivals of slots [first, end) over the replications of `grid`
// simulated with `s`: the ratio estimator, computed here from simulate_backlog_once.
Estimate share_of(const BacklogResult& grid, const SimSettings& s, std::size_t first,
                  std::size_t end) {
  std::vector<double> within, due;
  for (int r = 0; r < s.replications; ++r) {
    const auto tally = simulate_backlog_once(grid, s, static_cast<std::uint64_t>(r));
    double w = 0, d = 0;
    for (std::size_t t = first; t < end; ++t) {
      w += tally[t].within_target;
      d += tally[t].due;
    }
    within.push_back(w);
    due.push_back(d);
  }
  return ratio_estimate(within, due);
}

}  // namespace

TEST_CASE("backlog replication: resumed from a copy, it runs as the whole run") {
  const BacklogResult model =
      wfm::staffing::staff_backlog(email_demand(400), office_hours(0.9, 4 * 3600));
  const SimSettings s = settings(2, 3);
  const auto whole = simulate_backlog_once(model, s, 1);
  BacklogReplication run(model, s, 1);
  std::vector<BacklogTally> none;
  while (run.next_slot() < 200)
    run.run_slot(static_cast<std::size_t>(model.slots[run.next_slot()].agents), none);
  BacklogReplication copy = run;  // the snapshot
  std::vector<BacklogTally> tally(model.slots.size() - 200);
  while (copy.next_slot() < model.slots.size())
    copy.run_slot(static_cast<std::size_t>(model.slots[copy.next_slot()].agents), tally, 200);
  for (std::size_t t = 200; t < model.slots.size(); ++t) {
    INFO("slot " << t);
    REQUIRE(tally[t - 200].items == whole[t].items);
    REQUIRE(tally[t - 200].items_done == whole[t].items_done);
    REQUIRE(tally[t - 200].within_target == whole[t].within_target);
    REQUIRE(tally[t - 200].backlog_items == whole[t].backlog_items);
  }
}

TEST_CASE("backlog staffing by simulation: meets its own target where the fluid staffing misses") {
  // 400 items a weekday, 90% within 4 business hours, open 08:00-18:00 Monday to Friday.
  const BacklogQueue q = email_demand(400);
  const BacklogOptions o = office_hours(0.9, 4 * 3600);
  const SimSettings s = settings(20, 7);
  const BacklogSimStaffing r = staff_backlog_by_simulation(q, o, s);
  // The starting point misses in simulation (the fluid model has no slack for randomness).
  REQUIRE(r.fluid_fraction_within_target.defined);
  CHECK(r.fluid_fraction_within_target.mean < 0.9);
  REQUIRE(r.met);
  CHECK(r.days_missed == 0);
  CHECK(r.days.size() == 10);  // ten business days
  CHECK(r.fraction_within_target.mean >= 0.9);
  // The whole simulation of the result, reduced by simulate_backlog, agrees with the search's.
  REQUIRE(r.simulated.total.fraction_within_target.defined);
  CHECK(r.simulated.total.fraction_within_target.mean ==
        Approx(r.fraction_within_target.mean).epsilon(1e-12));
  double fluid_h = 0, sim_h = 0;
  for (const BacklogSimDay& d : r.days) {
    INFO("day starting at slot " << d.first_slot);
    CHECK(d.met);
    CHECK(d.compared >= 0.9);
    // Recomputed here from the replications of the result.
    const Estimate e = share_of(r.result, s, d.first_slot, d.end_slot);
    if (d.fraction_within_target.defined) CHECK(e.mean == Approx(d.compared).epsilon(1e-12));
    CHECK(d.agent_hours >= d.fluid_agent_hours);
    fluid_h += d.fluid_agent_hours;
    sim_h += d.agent_hours;
  }
  CHECK(fluid_h == Approx(r.fluid_agent_hours));
  CHECK(sim_h == Approx(r.result.agent_hours));
  CHECK(r.result.agent_hours > r.fluid_agent_hours);
  // Agents only added: never fewer than the fluid staffing in any interval.
  const BacklogResult fluid = wfm::staffing::staff_backlog(q, o);
  for (std::size_t t = 0; t < fluid.slots.size(); ++t)
    REQUIRE(r.result.slots[t].agents >= fluid.slots[t].agents);

  SECTION("one agent fewer where a day was raised makes that day miss") {
    std::size_t tested = 0;
    for (const BacklogSimDay& d : r.days) {
      if (d.agent_hours <= d.fluid_agent_hours) continue;
      std::vector<double> agents;
      for (const auto& slot : r.result.slots) agents.push_back(slot.agents);
      for (std::size_t t = d.first_slot; t < d.end_slot; ++t) {
        if (r.result.slots[t].agents > fluid.slots[t].agents) agents[t] -= 1;
      }
      const BacklogResult fewer = wfm::staffing::project_backlog(q, o, agents);
      const Estimate e = share_of(fewer, s, d.first_slot, d.end_slot);
      INFO("day starting at slot " << d.first_slot << ": " << e.mean);
      CHECK(e.mean < 0.9);
      ++tested;
    }
    CHECK(tested >= 5);  // most business days needed a raise
  }

  SECTION("a fresh seed lands near the target") {
    // Out of sample: other random numbers, 100 replications. Every day must meet 0.9, so the
    // whole period lands above it. Measured (seed 2024): whole period 0.941 +- 0.023 against
    // 0.946 in the decision's 20 replications and 0.755 for the fluid staffing; 8 of the 10
    // days at 0.9 or more, the other two at 0.87 and 0.89.
    const SimSettings fresh = settings(100, 2024);
    const Estimate e = simulate_backlog(r.result, fresh).total.fraction_within_target;
    const Estimate f = simulate_backlog(fluid, fresh).total.fraction_within_target;
    std::size_t days_met = 0;
    for (const BacklogSimDay& d : r.days) {
      const Estimate day = share_of(r.result, fresh, d.first_slot, d.end_slot);
      if (day.mean >= 0.9) ++days_met;
      WARN("fresh seed, day at slot " << d.first_slot << ": " << day.mean << " +- "
                                      << day.half_width << " (decided on " << d.compared << ")");
    }
    WARN("fresh seed: staffed by simulation "
         << e.mean << " +- " << e.half_width << " (decided " << r.fraction_within_target.mean
         << "), fluid " << f.mean << " +- " << f.half_width << "; " << days_met
         << " of 10 days met");
    CHECK(e.mean > f.mean + 0.05);
    // Both estimate the same share: they agree within their joint noise.
    CHECK(std::abs(e.mean - r.fraction_within_target.mean) <
          e.half_width + r.fraction_within_target.half_width);
  }
}

TEST_CASE("backlog staffing by simulation: an opening backlog and a closed date") {
  // 400 items a weekday, 90% within 4 business hours; Wednesday 2024-03-06 closed; waiting at the
  // start: 60 items of 6 business hours (overdue for 4 h) and 40 of 1 h (3 h left: due by the end
  // of the 6th open interval, Monday 11:00).
  BacklogQueue q = email_demand(400);
  q.opening.push_back({60, 6 * 3600.0, 360.0, std::nullopt, 0});
  q.opening.push_back({40, 3600.0, 360.0, std::nullopt, 0});
  BacklogOptions o = office_hours(0.9, 4 * 3600);
  const auto wednesday = std::chrono::floor<std::chrono::days>(at("2024-03-06T00:00"));
  o.closed_dates.push_back(wednesday);
  const SimSettings s = settings(10, 11);
  const BacklogSimStaffing r = staff_backlog_by_simulation(q, o, s);
  REQUIRE(r.met);
  CHECK(r.days_missed == 0);
  // Nine business days: the holiday is none, and has no agents.
  REQUIRE(r.days.size() == 9);
  for (const BacklogSimDay& d : r.days) {
    INFO("day starting at slot " << d.first_slot);
    CHECK(d.date != wednesday);
    CHECK(d.met);
    CHECK(d.compared >= 0.9);
    const Estimate e = share_of(r.result, s, d.first_slot, d.end_slot);
    if (d.fraction_within_target.defined) CHECK(e.mean == Approx(d.compared).epsilon(1e-12));
  }
  for (const auto& slot : r.result.slots) {
    if (std::chrono::floor<std::chrono::days>(slot.start) == wednesday) {
      CHECK_FALSE(slot.open);
      CHECK(slot.agents == 0);
    }
  }
  // The opening items with a target (the 40; the 60 overdue ones never are within target) meet
  // it; recomputed here from each replication's opening tally.
  CHECK(r.opening_target_items == 40);
  REQUIRE(r.opening_fraction_within_target.defined);
  CHECK(r.opening_met);
  CHECK(r.opening_compared >= 0.9);
  std::vector<double> within, due;
  for (int rep = 0; rep < s.replications; ++rep) {
    BacklogTally opening;
    simulate_backlog_once(r.result, s, static_cast<std::uint64_t>(rep), 0, nullptr, &opening);
    CHECK(opening.items == 100);
    CHECK(opening.due == 100);  // the overdue ones count as due (and missed)
    within.push_back(opening.within_target);
    due.push_back(40);
  }
  CHECK(ratio_estimate(within, due).mean ==
        Approx(r.opening_fraction_within_target.mean).epsilon(1e-12));
  CHECK(r.simulated.opening.items.mean == 100);
  // Every opening item, the overdue ones included, is done by the end of the first business day
  // (Monday 18:00) in every replication: they are served before any arrival.
  for (int rep = 0; rep < s.replications; ++rep) {
    BacklogReplication run(r.result, s, static_cast<std::uint64_t>(rep));
    std::vector<BacklogTally> none;
    while (run.next_slot() < r.days.front().end_slot) {
      run.run_slot(static_cast<std::size_t>(r.result.slots[run.next_slot()].agents), none);
    }
    CHECK(run.opening().arrivals_done == 100);
  }
  // The first day costs more agent-hours than without the opening backlog.
  BacklogQueue empty = q;
  empty.opening.clear();
  const BacklogSimStaffing without = staff_backlog_by_simulation(empty, o, s);
  REQUIRE(without.days.size() == 9);
  CHECK(r.days.front().agent_hours > without.days.front().agent_hours);
  CHECK(without.opening_target_items == 0);
  CHECK_FALSE(without.opening_fraction_within_target.defined);
}

TEST_CASE("backlog staffing by simulation: the opening backlog's own target raises the first day") {
  // 200 items waiting 3.5 business hours with a 4-hour target: due by the end of the first open
  // interval (Monday 08:30). The fluid staffing gives that interval exactly the work of 90% of
  // them (36 agents x 30 min = 180 items of 6 min), which random work misses about half the time;
  // a floor of 3 agents leaves the first day's own arrivals (100 a weekday) far inside the
  // target. So only the opening backlog's target can raise the first day.
  BacklogQueue q = email_demand(100);
  q.opening.push_back({200, 3.5 * 3600, 360.0, std::nullopt, 0});
  BacklogOptions o = office_hours(0.9, 4 * 3600);
  o.min_agents = 3;
  const SimSettings s = settings(20, 5);
  const BacklogResult fluid = wfm::staffing::staff_backlog(q, o);
  const BacklogSimStaffing r = staff_backlog_by_simulation(q, o, s);
  REQUIRE(r.days.size() == 10);
  const BacklogSimDay& monday = r.days.front();
  REQUIRE(fluid.slots[16].agents == 36);  // Monday 08:00 (the grid starts at 00:00)
  // The preconditions, in the fluid staffing with the same random numbers: the first day's
  // arrivals meet the target, the opening backlog's 200 items do not.
  REQUIRE(share_of(fluid, s, monday.first_slot, monday.end_slot).mean >= 0.9);
  std::vector<double> within, due;
  for (int rep = 0; rep < s.replications; ++rep) {
    BacklogTally opening;
    simulate_backlog_once(fluid, s, static_cast<std::uint64_t>(rep), 0, nullptr, &opening);
    within.push_back(opening.within_target);
    due.push_back(200);
  }
  REQUIRE(ratio_estimate(within, due).mean < 0.9);
  // The result: the opening backlog meets it, because the first day was raised.
  CHECK(r.opening_target_items == 200);
  CHECK(r.opening_met);
  CHECK(r.opening_compared >= 0.9);
  CHECK(r.met);
  CHECK(monday.agent_hours > monday.fluid_agent_hours);
  CHECK(r.result.slots[16].agents > 36);
}

TEST_CASE("backlog staffing by simulation: the same for 1 and 2 threads") {
  const BacklogQueue q = email_demand(300);
  const BacklogOptions o = office_hours(0.8, 3 * 3600);
  const SimSettings s = settings(8, 11);
  const auto run = [&](int threads) {
    wfm::core::ThreadLimit limit(threads);
    return staff_backlog_by_simulation(q, o, s);
  };
  const BacklogSimStaffing one = run(1);
  const BacklogSimStaffing two = run(2);
  REQUIRE(one.result.slots.size() == two.result.slots.size());
  for (std::size_t t = 0; t < one.result.slots.size(); ++t)
    REQUIRE(one.result.slots[t].agents == two.result.slots[t].agents);
  CHECK(one.fraction_within_target.mean == two.fraction_within_target.mean);
  CHECK(one.evaluations == two.evaluations);
  CHECK(one.result.agent_hours > one.fluid_agent_hours);
}

TEST_CASE("backlog staffing by simulation: a higher confidence adds margin") {
  const BacklogQueue q = email_demand(400);
  const BacklogOptions o = office_hours(0.9, 4 * 3600);
  const SimSettings s = settings(20, 7);
  BacklogSimStaffingOptions high;
  high.confidence = 0.95;
  const BacklogSimStaffing mean = staff_backlog_by_simulation(q, o, s);
  const BacklogSimStaffing bound = staff_backlog_by_simulation(q, o, s, high);
  REQUIRE(bound.met);
  for (const BacklogSimDay& d : bound.days) {
    CHECK(d.compared >= 0.9);
    if (d.fraction_within_target.defined) CHECK(d.fraction_within_target.mean > d.compared);
  }
  CHECK(bound.result.agent_hours > mean.result.agent_hours);
}

TEST_CASE("backlog staffing by simulation: a cap that makes it impossible is flagged") {
  const BacklogQueue q = email_demand(400);
  BacklogOptions o = office_hours(0.9, 4 * 3600);
  const BacklogResult fluid = wfm::staffing::staff_backlog(q, o);
  // 40 agent-hours of work a weekday over 10 open hours: 4 agents leave no room for randomness
  // (the fluid staffing peaks at 8).
  o.max_agents = 4;
  BacklogSimStaffing r;
  REQUIRE_NOTHROW(r = staff_backlog_by_simulation(q, o, settings(10, 7)));
  CHECK_FALSE(r.met);
  CHECK(r.days_missed > 0);
  bool capped = false;
  for (const BacklogSimDay& d : r.days) {
    capped = capped || d.capped;
    if (!d.met) CHECK(d.capped);  // a day misses only where the cap stopped its raise
  }
  CHECK(capped);
  for (const auto& slot : r.result.slots) REQUIRE(slot.agents <= *o.max_agents);
}

TEST_CASE("backlog staffing by simulation: bad input") {
  const BacklogQueue q = email_demand(100);
  const BacklogOptions o = office_hours(0.9, 4 * 3600);
  using wfm::core::InputError;
  CHECK_THROWS_AS(staff_backlog_by_simulation(q, o, settings(1, 1)), InputError);
  CHECK_THROWS_WITH(staff_backlog_by_simulation(q, office_hours(1.0, 4 * 3600), settings(5, 1)),
                    Catch::Contains("target fraction in (0, 1)"));
  BacklogSimStaffingOptions bad;
  bad.confidence = 1.0;
  CHECK_THROWS_WITH(staff_backlog_by_simulation(q, o, settings(5, 1), bad),
                    Catch::Contains("--sim-confidence"));
  SimSettings patient = settings(5, 1);
  patient.patience.dist = PatienceDist::kExponential;
  patient.patience.mean_s = 60;
  CHECK_THROWS_WITH(staff_backlog_by_simulation(q, o, patient), Catch::Contains("never abandons"));
}
