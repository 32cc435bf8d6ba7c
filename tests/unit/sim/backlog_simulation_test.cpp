// Deferred work simulated item by item (sim/backlog_simulation.hpp) against the fluid backlog
// model (staffing/backlog.hpp) on two weeks of email demand, an M/M/1 case with a closed form,
// the business-hours rules (no work while closed, work resumed at the opening), conservation of
// items and work, and determinism across thread counts.
#include "wfm/sim/backlog_simulation.hpp"

#include <array>
#include <cmath>
#include <cstddef>
#include <string>
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


SimSettings settings(int replications, std::uint64_t seed = 7) {
  SimSettings s;
  s.replications = replications;
  s.seed = seed;
  return s;
}

}  // namespace

TEST_CASE("backlog simulation: the fluid model's staffing, checked item by item") {
  // 400 items a weekday, 90% within 4 business hours, open 08:00-18:00 Monday to Friday.
  const BacklogQueue q = email_demand(400);
  const BacklogOptions o = office_hours(0.9, 4 * 3600);
  const BacklogResult model = wfm::staffing::staff_backlog(q, o);
  REQUIRE(model.feasible);
  REQUIRE(model.fraction_within_target > 0.99);
  const BacklogSimulation sim = simulate_backlog(model, settings(40));
  const Estimate& share = sim.total.fraction_within_target;
  REQUIRE(share.defined);
  INFO("model " << model.fraction_within_target << ", simulated " << share.mean << " +- "
                << share.half_width);
  // Items and work: arrivals as the demand, and the work done as the items done need.
  CHECK(sim.total.items.mean == Approx(model.items).epsilon(0.02));
  CHECK(sim.total.work_done_s.mean == Approx(sim.total.items_done.mean * 360).epsilon(0.03));

  // The fluid model staffs the expected work with no slack beyond rounding up: the level rule
  // works each cohort just before its deadline. Random arrivals and work then push a large part
  // of the items past it: measured 0.77 +- 0.08 (40 replications) where the model says 0.997.
  // This is the finding the simulation check exists for, asserted so that it cannot go unseen.
  CHECK(share.mean < model.fraction_within_target - 0.1);
  CHECK(share.mean + share.half_width < 0.9);

  // One agent more in every staffed interval absorbs the randomness (measured 1.0000).
  std::vector<double> more;
  for (const auto& s : model.slots) more.push_back(s.agents > 0 ? s.agents + 1 : 0);
  const BacklogSimulation sim_more =
      simulate_backlog(wfm::staffing::project_backlog(q, o, more), settings(40));
  CHECK(sim_more.total.fraction_within_target.mean > 0.99);

  // One agent fewer: the simulated share falls, with the model's (measured 0.03 and 0.02).
  std::vector<double> fewer;
  for (const auto& s : model.slots) fewer.push_back(s.agents > 0 ? s.agents - 1 : 0);
  const BacklogResult thin = wfm::staffing::project_backlog(q, o, fewer);
  const BacklogSimulation sim_thin = simulate_backlog(thin, settings(40));
  INFO("fewer agents: model " << thin.fraction_within_target << ", simulated "
                              << sim_thin.total.fraction_within_target.mean);
  CHECK(sim_thin.total.fraction_within_target.mean < share.mean - 0.3);
  CHECK(sim_thin.total.fraction_within_target.mean ==
        Approx(thin.fraction_within_target).margin(0.05));
  CHECK(sim_thin.total.backlog_items.mean > sim.total.backlog_items.mean);
}

TEST_CASE("backlog simulation: agrees with the fluid model when the work is nearly fluid") {
  // The same work (400 x 6 minutes a weekday) split into 100 times as many items of 3.6 s: the
  // random part of the cumulative work shrinks like 1/sqrt(items) and the simulation approaches
  // the fluid model (measured: 0.77 at 400 items a day, 0.88 at 4,000, 0.97 at 40,000). At
  // 40,000 items a day the simulated share must be within 5 points of the model's.
  BacklogQueue q = email_demand(400);
  for (auto& iv : q.intervals) {
    iv.items *= 100;
    iv.handle_s /= 100;
  }
  const BacklogOptions o = office_hours(0.9, 4 * 3600);
  const BacklogResult model = wfm::staffing::staff_backlog(q, o);
  const BacklogSimulation sim = simulate_backlog(model, settings(8));
  const Estimate& share = sim.total.fraction_within_target;
  INFO("model " << model.fraction_within_target << ", simulated " << share.mean << " +- "
                << share.half_width);
  CHECK(std::abs(share.mean - model.fraction_within_target) < 0.05);
  CHECK(share.mean > 0.9);
}

TEST_CASE("backlog simulation: M/M/1 around the clock matches the closed form") {
  // Open around the clock, 1 agent, 3 items per 30 minutes (lambda = 1/600 s), 5 minutes of work
  // (mu = 1/300 s): an M/M/1 FIFO queue whose time in system is exponential with rate
  // theta = mu - lambda = 1/600 s (Kleinrock 1975, Queueing Systems I, eq. 3.28), mean 600 s.
  // The model's deadline counts from the interval's start: an item arriving u into its interval
  // (u uniform on [0, Δ) given the count) has k·Δ - u, so the share within target is
  // 1 - exp(-theta·k·Δ) (exp(theta·Δ) - 1) / (theta·Δ); with k = 2, Δ = 1800: 1 - e^-3 (1 - e^-3)/3.
  BacklogQueue q;
  q.name = "mm1";
  const LocalTime first = at("2024-03-04T00:00");
  for (int i = 0; i < 48 * 20; ++i)
    q.intervals.push_back({first + std::chrono::minutes(30 * i), 3.0, 300.0, 0});
  BacklogOptions o;
  o.interval_s = 1800;
  o.target = {0.5, 3600};
  const BacklogResult grid =
      wfm::staffing::project_backlog(q, o, std::vector<double>(q.intervals.size(), 1.0));
  const BacklogSimulation sim = simulate_backlog(grid, settings(20));
  const double expected = 1 - std::exp(-3.0) * (1 - std::exp(-3.0)) / 3;  // 0.98424
  INFO("share " << sim.total.fraction_within_target.mean << " +- "
                << sim.total.fraction_within_target.half_width << ", age "
                << sim.total.mean_business_age_s.mean << " +- "
                << sim.total.mean_business_age_s.half_width);
  CHECK(sim.total.fraction_within_target.mean == Approx(expected).margin(0.004));
  CHECK(sim.total.mean_business_age_s.mean == Approx(600).epsilon(0.05));
  // Utilisation 0.5: the agent works half the time.
  CHECK(sim.total.work_done_s.mean / (1800.0 * 48 * 20) == Approx(0.5).epsilon(0.03));
}

TEST_CASE("backlog simulation: no work while closed, paused work resumed at the opening") {
  // Open 08:00-18:00 on weekdays; items arrive on Friday evening and over the weekend only, with
  // two agents on Monday. Nothing is done before Monday 08:00; every item is then done, and the
  // business age of an item arriving while closed is its time after the opening.
  BacklogQueue q;
  q.name = "weekend";
  const LocalTime friday = at("2024-03-08T18:00");
  for (int i = 0; i < 144; ++i) {  // Friday 18:00 to Monday 18:00
    const double items = i < 124 ? 0.5 : 0.0;  // until Monday 08:00
    q.intervals.push_back({friday + std::chrono::minutes(30 * i), items, 600.0, 0});
  }
  const BacklogOptions o = office_hours(0.9, 4 * 3600);
  std::vector<double> agents(q.intervals.size(), 0.0);
  for (std::size_t t = 0; t < agents.size(); ++t) agents[t] = 2;  // closed ones do nothing
  const BacklogResult grid = wfm::staffing::project_backlog(q, o, agents);
  for (std::uint64_t r = 0; r < 5; ++r) {
    double max_age = 0;
    const auto tally = simulate_backlog_once(grid, settings(2), r, 0, &max_age);
    double items = 0, done = 0;
    for (std::size_t t = 0; t < tally.size(); ++t) {
      items += tally[t].items;
      done += tally[t].items_done;
      if (!grid.slots[t].open) CHECK(tally[t].work_done_s == 0);
      if (!grid.slots[t].open) CHECK(tally[t].items_done == 0);
      CHECK(tally[t].work_done_s <= 2 * 1800 + 1e-6);
      CHECK(tally[t].items + (t > 0 ? tally[t - 1].backlog_items : 0) - tally[t].items_done ==
            tally[t].backlog_items);
    }
    CHECK(done == items);  // 10 hours x 2 agents is ample for ~30 items of 10 minutes
    CHECK(tally.back().backlog_items == 0);
    // Every item waited for Monday 08:00 and was done within Monday's 10 open hours.
    CHECK(max_age > 0);
    CHECK(max_age <= 10 * 3600);
  }

  // An item in progress at a closing is resumed at the next opening, not restarted: items of 3
  // hours' work (gamma with a tiny CV) arriving from Monday 16:00 (40 expected in the first
  // interval, the first after ~45 s), one agent. The first is worked from its arrival to 18:00,
  // then from Tuesday 08:00 for the hour left: done between 09:00 and 09:30 (slot 34).
  BacklogQueue one;
  one.name = "long";
  const LocalTime monday = at("2024-03-11T16:00");
  for (int i = 0; i < 40; ++i)
    one.intervals.push_back({monday + std::chrono::minutes(30 * i), i == 0 ? 40.0 : 0.0, 10800, 0});
  const BacklogResult g1 =
      wfm::staffing::project_backlog(one, o, std::vector<double>(one.intervals.size(), 1.0));
  SimSettings s = settings(2);
  s.handle.dist = HandleDist::kGamma;
  s.handle.cv = 1e-4;
  const auto tally = simulate_backlog_once(g1, s, 0);
  for (std::size_t t = 4; t < 32; ++t) CHECK(tally[t].work_done_s == 0);  // 18:00 to 08:00
  CHECK(tally[3].work_done_s == Approx(1800));
  CHECK(tally[32].work_done_s == Approx(1800));
  double done_before = 0;
  for (std::size_t t = 0; t < 34; ++t) done_before += tally[t].items_done;
  CHECK(done_before == 0);
  CHECK(tally[34].items_done == 1);
  CHECK(tally[34].business_age_s == 0);  // counted in its arrival interval
  CHECK(tally[0].business_age_s == Approx(10800).epsilon(0.01));
}

TEST_CASE("backlog simulation: an explicit seed gives the same result with any thread count") {
  const BacklogQueue q = email_demand(200);
  const BacklogResult model = wfm::staffing::staff_backlog(q, office_hours(0.8, 3 * 3600));
  BacklogSimulation runs[2];
  for (int k = 0; k < 2; ++k) {
    const wfm::core::ThreadLimit limit(k == 0 ? 1 : 4);
    runs[k] = simulate_backlog(model, settings(8, 11));
  }
  CHECK(runs[0].total.fraction_within_target.mean == runs[1].total.fraction_within_target.mean);
  CHECK(runs[0].total.mean_business_age_s.half_width ==
        runs[1].total.mean_business_age_s.half_width);
  for (std::size_t t = 0; t < model.slots.size(); ++t) {
    CHECK(runs[0].slots[t].backlog_items.mean == runs[1].slots[t].backlog_items.mean);
  }
  // Another seed gives another sample.
  const BacklogSimulation other = simulate_backlog(model, settings(8, 12));
  CHECK(other.total.items.mean != runs[0].total.items.mean);
}

TEST_CASE("backlog simulation: callers' options that deferred work does not have are refused") {
  const BacklogResult model =
      wfm::staffing::staff_backlog(email_demand(100), office_hours(0.9, 4 * 3600));
  SimSettings s = settings(4);
  s.patience.dist = PatienceDist::kExponential;
  s.patience.mean_s = 60;
  CHECK_THROWS_AS(simulate_backlog(model, s), wfm::core::InputError);
  s = settings(4);
  s.lines = 10;
  CHECK_THROWS_AS(simulate_backlog(model, s), wfm::core::InputError);
  s = settings(1);
  CHECK_THROWS_AS(simulate_backlog(model, s), wfm::core::InputError);
}

TEST_CASE("backlog simulation: an opening backlog is first in the queue at time 0") {
  // One agent around the clock, no arrivals, 20 items waiting at the start with exponential work
  // of mean 360 s, aged 30 business minutes; T = 2 h on 30-minute intervals leaves 1.5 h: due by
  // the end of the third open interval, 5400 s. The i-th item is done at the sum of i
  // exponentials, an Erlang(i, 1/360) time, so P(done by 5400 s) = P(Poisson(15) >= i) (a Poisson
  // process counts the completions: Ross, Introduction to Probability Models, 10th ed., §5.3.5),
  // and the expected share within target is E[min(N, 20)] / 20 with N ~ Poisson(15). The mean
  // business age at completion is 1800 + 360 (20 + 1) / 2 = 5580 s.
  BacklogQueue q;
  q.name = "start";
  const LocalTime first = at("2024-03-04T00:00");
  for (int i = 0; i < 20; ++i)
    q.intervals.push_back({first + std::chrono::minutes(30 * i), 0, 0, 0});
  q.opening = {{20, 1800, 360, {}, 0}};
  BacklogOptions o;
  o.interval_s = 1800;
  o.target = {0.5, 7200};
  const BacklogResult grid =
      wfm::staffing::project_backlog(q, o, std::vector<double>(q.intervals.size(), 1.0));
  REQUIRE(grid.opening.size() == 1);
  CHECK(grid.opening[0].due_open == 2);
  double expected = 0, pmf = std::exp(-15.0), cdf_below = 0;  // P(N = n), P(N < n)
  for (int n = 0; n < 20; ++n) {
    cdf_below += pmf;
    expected += (1 - cdf_below) / 20;  // P(N >= n + 1) / 20
    pmf *= 15.0 / (n + 1);
  }
  const BacklogSimulation sim = simulate_backlog(grid, settings(4000));
  const Estimate& share = sim.opening.fraction_within_target;
  INFO("share " << share.mean << " +- " << share.half_width << ", expected " << expected);
  REQUIRE(share.defined);
  CHECK(share.half_width < 0.01);
  CHECK(share.mean == Approx(expected).margin(0.01));
  CHECK(sim.opening.items.mean == 20);
  CHECK(sim.opening.items_due.mean == 20);
  CHECK(sim.opening.mean_business_age_s.mean == Approx(5580).epsilon(0.02));
  CHECK_FALSE(sim.total.fraction_within_target.defined);  // no arrivals: nothing of theirs due
  // The items wait in the queue at the start: the first interval's backlog and work.
  const auto tally = simulate_backlog_once(grid, settings(2), 0);
  CHECK(tally[0].items == 0);
  CHECK(tally[0].work_done_s == Approx(1800));
  CHECK(tally[0].backlog_items == 20 - tally[0].items_done);

  // Overdue items (aged past T) are due and never within target, and delay the others.
  BacklogQueue late = q;
  late.opening.push_back({5, 3 * 3600, 360, {}, 0});
  const BacklogResult g2 =
      wfm::staffing::project_backlog(late, o, std::vector<double>(q.intervals.size(), 1.0));
  CHECK(g2.opening_overdue_items == 5);
  wfm::sim::BacklogTally opening;
  simulate_backlog_once(g2, settings(2), 0, 0, nullptr, &opening);
  CHECK(opening.items == 25);
  CHECK(opening.due == 25);
  CHECK(opening.arrivals_done == 25);
  CHECK(opening.within_target <= 20);
  const BacklogSimulation s2 = simulate_backlog(g2, settings(400));
  CHECK(s2.opening.fraction_within_target.mean < 0.8 * share.mean);
}

TEST_CASE("backlog simulation: an opening backlog agrees with the fluid model in the fluid limit") {
  // A week of nearly fluid work (as above: 40,000 items of 3.6 s a weekday) and 30,000 items of
  // 3.6 s waiting at the start, aged 2 business hours, 90% within 4 h: the simulated share of the
  // opening items within target must be within 5 points of the model's.
  BacklogQueue q = email_demand(400);
  q.intervals.resize(7 * 48);
  for (auto& iv : q.intervals) {
    iv.items *= 100;
    iv.handle_s /= 100;
  }
  q.opening = {{30000, 7200, 3.6, {}, 0}};
  const BacklogOptions o = office_hours(0.9, 4 * 3600);
  const BacklogResult model = wfm::staffing::staff_backlog(q, o);
  REQUIRE(model.feasible);
  REQUIRE(model.opening_due == 30000);
  const double model_share = model.opening_within_target / model.opening_due;
  const BacklogSimulation sim = simulate_backlog(model, settings(4));
  const Estimate& share = sim.opening.fraction_within_target;
  INFO("model " << model_share << ", simulated " << share.mean << " +- " << share.half_width);
  CHECK(model_share >= 0.9);
  CHECK(std::abs(share.mean - model_share) < 0.05);
  CHECK(sim.opening.items.mean == 30000);
}
