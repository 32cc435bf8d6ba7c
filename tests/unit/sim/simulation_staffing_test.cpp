// Staffing a day by simulation: the answer equals an exhaustive search that re-simulates the day
// from its start for every candidate (same streams), for every target; the cap; the error
// estimate and the confidence; carry-over on a long-AHT day; Erlang C on a stationary day.
#include "wfm/sim/simulation_staffing.hpp"

#include <cmath>
#include <vector>

#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <catch2/catch.hpp>

#include "wfm/core/error.hpp"
#include "wfm/core/parallel.hpp"
#include "wfm/sim/day_simulator.hpp"
#include "wfm/sim/simulation.hpp"
#include "wfm/sim/simulation_engine.hpp"
#include "wfm/staffing/engine.hpp"
#include "wfm/staffing/solver.hpp"

using namespace wfm::sim;
namespace st = wfm::staffing;

namespace {

QueueDay day_of(const std::vector<double>& calls, double aht_s, double len_s = 900) {
  QueueDay d;
  d.interval_s = len_s;
  for (double c : calls) d.intervals.push_back({c, aht_s, 0});
  return d;
}

// Erlang C's answer per interval (the starting guess the pipeline gives).
void start_from_erlang_c(QueueDay& day, const st::ServiceTargets& targets) {
  const st::ErlangCEngine c;
  st::ServiceTargets sl;
  sl.measure = targets.measure;
  sl.service_level = 0.8;
  for (auto& iv : day.intervals) {
    iv.agents =
        iv.calls > 0
            ? static_cast<int>(st::solve(c, {iv.calls, day.interval_s, iv.aht_s}, sl).agents)
            : 0;
  }
}

// What n agents in interval i deliver with `chosen` agents before it, simulated from the start
// of the day (the day cut after interval i, so that its end is the drain), every replication.
st::StaffingResult from_scratch(const QueueDay& day, const SimSettings& s, std::size_t i, int n,
                                const std::vector<int>& chosen, std::uint64_t stream_id) {
  QueueDay prefix = day;
  prefix.intervals.resize(i + 1);
  for (std::size_t k = 0; k < i; ++k) prefix.intervals[k].agents = chosen[k];
  prefix.intervals[i].agents = n;
  std::vector<IntervalTally> per_rep(static_cast<std::size_t>(s.replications));
  for (int r = 0; r < s.replications; ++r) {
    std::vector<IntervalTally> t;
    simulate_day(prefix, s, static_cast<std::uint64_t>(r), stream_id, t);
    per_rep[static_cast<std::size_t>(r)] = t[i];
  }
  const Estimates e = estimate(per_rep, s.measure, day.interval_s);
  return staffing_result(e, "simulation",
                         day.intervals[i].calls * day.intervals[i].aht_s / day.interval_s, n,
                         s.replications,
                         outbound_job_s(s, day.intervals[i].aht_s));
}

// Staffs the day, then checks every interval against the exhaustive search: the chosen count is
// the fewest from the floor up that meets the targets, and its measures are those of the
// re-simulation to the last bit.
DayStaffing check_against_exhaustive(const QueueDay& day, SimSettings s,
                                     const st::ServiceTargets& targets,
                                     const st::SolveOptions& options = {}) {
  const DayStaffing got = staff_day_by_simulation(day, s, targets, options, 3);
  REQUIRE(got.intervals.size() == day.intervals.size());
  s.measure = targets.measure;
  std::vector<int> chosen;
  for (const auto& r : got.intervals) chosen.push_back(static_cast<int>(r.agents));
  for (std::size_t i = 0; i < day.intervals.size(); ++i) {
    const auto& r = got.intervals[i];
    INFO("interval " << i << ": calls " << day.intervals[i].calls << ", start "
                     << day.intervals[i].agents << ", chosen " << r.agents);
    REQUIRE(r.agents == std::floor(r.agents));
    CHECK(r.feasible);
    if (day.intervals[i].calls == 0 && !targets.min_outbound_per_hour) {
      // No call expected: the floor, as the solver staffs a zero-volume interval.
      CHECK(r.agents == std::ceil(options.min_agents));
      continue;
    }
    int fewest = -1;
    for (int n = static_cast<int>(std::ceil(options.min_agents)); n <= 200; ++n) {
      if (st::meets_targets(from_scratch(day, s, i, n, chosen, 3), targets)) {
        fewest = n;
        break;
      }
    }
    CHECK(r.agents == fewest);
    const st::StaffingResult again = from_scratch(day, s, i, chosen[i], chosen, 3);
    CHECK(r.service_level == again.service_level);
    CHECK(r.asa_s == again.asa_s);
    CHECK(r.abandon_rate == again.abandon_rate);
    CHECK(r.occupancy == again.occupancy);
    CHECK(r.p_wait == again.p_wait);
    REQUIRE(r.error.has_value());
    CHECK(r.error->service_level == again.error->service_level);
    CHECK(r.error->asa_s == again.error->asa_s);
  }
  return got;
}

// A small day: a morning ramp, a peak, a quiet interval, an afternoon bump.
QueueDay small_day() {
  QueueDay d = day_of({20, 45, 70, 70, 55, 0, 30, 60, 40, 15}, 240);
  return d;
}

}  // namespace

TEST_CASE("simulation staffing equals the exhaustive search: service level") {
  QueueDay d = small_day();
  st::ServiceTargets t;
  t.service_level = 0.8;
  start_from_erlang_c(d, t);
  SimSettings s;
  s.replications = 20;
  s.seed = 17;
  const DayStaffing r = check_against_exhaustive(d, s, t);
  // The solver brackets from the Erlang start: a few candidates per interval, not a scan.
  CHECK(r.evaluations <= 5 * static_cast<int>(d.intervals.size()));
  CHECK(r.intervals[5].agents == 0);  // no calls: the floor
}

TEST_CASE("simulation staffing equals the exhaustive search: blending, outbound per hour") {
  // Agents start 10-minute outbound jobs while more than one of them stays idle; the staffing must
  // answer 80% of the calls in 20 s and complete at least 40 outbound jobs an hour, also in the
  // interval without calls (outbound work alone).
  QueueDay d = small_day();
  st::ServiceTargets t;
  t.service_level = 0.8;
  start_from_erlang_c(d, t);
  SimSettings s;
  s.replications = 20;
  s.seed = 23;
  s.blend = BlendModel{1, 600};
  t.min_outbound_per_hour = 40;
  const DayStaffing r = check_against_exhaustive(d, s, t);
  for (const auto& iv : r.intervals) {
    REQUIRE(iv.outbound.has_value());
    CHECK(iv.outbound->per_hour >= 40);
    CHECK(iv.outbound->total_occupancy >= iv.occupancy);
  }
  CHECK(r.intervals[5].agents > 0);  // no calls, but outbound work to do (the floor is 0)
}

TEST_CASE("simulation staffing equals the exhaustive search: ASA, abandonment, occupancy") {
  QueueDay d = small_day();
  SimSettings s;
  s.replications = 16;
  s.seed = 5;
  SECTION("max ASA 15 s, with redials and lognormal handle times") {
    st::ServiceTargets t;
    t.max_asa_s = 15;
    start_from_erlang_c(d, t);
    s.patience = {PatienceDist::kExponential, 100, 1, 1};
    s.redial = {0.5, 60};
    s.handle.dist = HandleDist::kLognormal;
    s.handle.cv = 0.7;
    check_against_exhaustive(d, s, t);
  }
  SECTION("max abandonment 4%, exponential patience") {
    st::ServiceTargets t;
    t.max_abandon_rate = 0.04;
    start_from_erlang_c(d, t);
    s.patience = {PatienceDist::kExponential, 60, 1, 1};
    check_against_exhaustive(d, s, t);
  }
  SECTION("max occupancy 75%, per-interval rate noise") {
    st::ServiceTargets t;
    t.max_occupancy = 0.75;
    start_from_erlang_c(d, t);
    s.arrivals = {RateNoise::kPerInterval, 0.2};
    check_against_exhaustive(d, s, t);
  }
  SECTION("service level on answered calls and max ASA together, a floor of 2 agents") {
    st::ServiceTargets t;
    t.service_level = 0.85;
    t.measure.definition = st::SlDefinition::kAnswered;
    t.measure.threshold_s = 30;
    t.max_asa_s = 20;
    start_from_erlang_c(d, t);
    s.patience = {PatienceDist::kWeibull, 90, 0.8, 1};
    st::SolveOptions o;
    o.min_agents = 1.5;  // rounded up to 2
    const DayStaffing r = check_against_exhaustive(d, s, t, o);
    for (const auto& x : r.intervals) CHECK(x.agents >= 2);
  }
}

TEST_CASE("the cap: exactly max_agents, infeasible, and the day goes on with it") {
  QueueDay d = small_day();
  st::ServiceTargets t;
  t.service_level = 0.8;
  start_from_erlang_c(d, t);
  SimSettings s;
  s.replications = 12;
  st::SolveOptions o;
  o.max_agents = 9;  // the peak needs about 20
  const DayStaffing r = staff_day_by_simulation(d, s, t, o, 0);
  int capped = 0;
  for (std::size_t i = 0; i < r.intervals.size(); ++i) {
    const auto& x = r.intervals[i];
    INFO("interval " << i << " calls " << d.intervals[i].calls);
    CHECK(x.agents <= 9);
    if (!x.feasible) {
      ++capped;
      CHECK(x.agents == 9);
      CHECK_FALSE(st::meets_targets(x, t));
    } else {
      CHECK(st::meets_targets(x, t));
    }
  }
  CHECK(capped >= 3);
  CHECK(r.intervals[0].feasible);  // 20 calls of 240 s: 5.3 Erlangs fit under the cap
}

TEST_CASE("the error estimate: half-widths and replications of every interval with calls") {
  QueueDay d = small_day();
  st::ServiceTargets t;
  t.service_level = 0.8;
  t.max_asa_s = 60;
  start_from_erlang_c(d, t);
  SimSettings s;
  s.replications = 25;
  s.patience = {PatienceDist::kExponential, 120, 1, 1};
  const DayStaffing r = staff_day_by_simulation(d, s, t, {}, 1);
  for (std::size_t i = 0; i < r.intervals.size(); ++i) {
    const auto& x = r.intervals[i];
    INFO("interval " << i);
    REQUIRE(x.error.has_value());
    CHECK(x.error->replications == 25);
    CHECK(x.model == "simulation");
    if (d.intervals[i].calls > 0) {
      CHECK(x.error->service_level > 0);
      CHECK(x.error->service_level < 0.2);
      CHECK(x.error->occupancy > 0);
      CHECK(x.error->asa_s > 0);
      CHECK(x.occupancy > 0);
      CHECK(x.occupancy <= 1);
      CHECK(x.offered_load == Approx(d.intervals[i].calls * 240 / 900.0));
    }
  }
}

TEST_CASE("confidence 0.95 meets the one-sided bound, with at least as many agents") {
  QueueDay d = small_day();
  st::ServiceTargets t;
  t.service_level = 0.8;
  start_from_erlang_c(d, t);
  SimSettings s;
  s.replications = 20;
  const DayStaffing mean = staff_day_by_simulation(d, s, t, {}, 2);
  st::ServiceTargets sure = t;
  sure.confidence = 0.95;
  const DayStaffing bound = staff_day_by_simulation(d, s, sure, {}, 2);
  const double z = boost::math::quantile(boost::math::normal(), 0.95);
  const double t975 = boost::math::quantile(boost::math::students_t(19), 0.975);
  double more = 0;
  for (std::size_t i = 0; i < d.intervals.size(); ++i) {
    const auto& b = bound.intervals[i];
    INFO("interval " << i);
    REQUIRE(b.error.has_value());
    CHECK(b.service_level - z * b.error->service_level / t975 >= 0.8);
    more += b.agents - mean.intervals[i].agents;
  }
  CHECK(more > 0);
  CHECK_THROWS_AS(staff_day_by_simulation(
                      d, s,
                      [&] {
                        auto x = t;
                        x.confidence = 1.0;
                        return x;
                      }(),
                      {}, 2),
                  wfm::core::InputError);
}

TEST_CASE("long handle times: the queue carried over changes the staffing Erlang C gives") {
  // AHT 40 minutes on 15-minute intervals: calls of the peak keep agents busy after it.
  std::vector<double> calls;
  for (int i = 0; i < 24; ++i) calls.push_back(i < 8 ? 30.0 + 10 * i : (i < 12 ? 100.0 : 25.0));
  QueueDay d = day_of(calls, 2400);
  st::ServiceTargets t;
  t.service_level = 0.8;
  start_from_erlang_c(d, t);
  SimSettings s;
  s.replications = 40;
  s.seed = 8;
  const DayStaffing r = staff_day_by_simulation(d, s, t, {}, 0);
  int differs = 0;
  for (std::size_t i = 0; i < d.intervals.size(); ++i) {
    if (r.intervals[i].agents != d.intervals[i].agents) ++differs;
  }
  CHECK(differs >= 6);

  // The whole day simulated with each plan, on the streams the staffing used. Erlang C's plan
  // misses the target badly where the load drops: the agents of the peak are still on their
  // calls. The simulation's plan meets it in every interval followed by as many agents or more
  // (its callers then fare at least as well as in the drain they were judged with), and the last
  // interval, whose drain is the day's end, is measured exactly as it was decided.
  QueueDay erlang = d;
  QueueDay simulated = d;
  for (std::size_t i = 0; i < d.intervals.size(); ++i) {
    simulated.intervals[i].agents = static_cast<int>(r.intervals[i].agents);
  }
  const SimulationResult e = simulate({erlang}, s);
  const SimulationResult m = simulate({simulated}, s);
  double erlang_worst = 1;
  int checked = 0;
  for (std::size_t i = 0; i + 1 < d.intervals.size(); ++i) {
    erlang_worst = std::min(erlang_worst, e.days[0].intervals[i].service_level.mean);
    const auto& sl = m.days[0].intervals[i].service_level;
    INFO("interval " << i << ": simulation plan " << simulated.intervals[i].agents << " agents, SL "
                     << sl.mean << " (decided at " << r.intervals[i].service_level << "); Erlang C "
                     << erlang.intervals[i].agents << ", SL "
                     << e.days[0].intervals[i].service_level.mean);
    if (simulated.intervals[i + 1].agents >= simulated.intervals[i].agents) {
      CHECK(sl.mean >= r.intervals[i].service_level);
      CHECK(sl.mean >= 0.8);
      ++checked;
    }
  }
  CHECK(checked >= 10);
  for (std::size_t i = 12; i < 15; ++i) {  // after the drop the peak's calls hold agents
    INFO("interval " << i);
    CHECK(simulated.intervals[i].agents > erlang.intervals[i].agents + 20);
  }
  CHECK(erlang_worst < 0.5);
  const std::size_t last = d.intervals.size() - 1;
  CHECK(m.days[0].intervals[last].service_level.mean == r.intervals[last].service_level);
  CHECK(m.days[0].intervals[last].asa_s.mean == r.intervals[last].asa_s);
}

TEST_CASE("a stationary day: within one agent of Erlang C in the middle of the day") {
  // Independent value: Erlang C (Erlang 1917; e.g. Cooper, Introduction to Queueing Theory,
  // 1981, ch. 3), the fewest agents with P(wait <= 20 s) >= 80% at 20 Erlangs (100 calls of
  // 180 s per 15 minutes): 24.
  QueueDay d = day_of(std::vector<double>(40, 100.0), 180);
  st::ServiceTargets t;
  t.service_level = 0.8;
  const int erlang_c = static_cast<int>(st::solve(st::ErlangCEngine{}, {100, 900, 180}, t).agents);
  REQUIRE(erlang_c == 24);
  for (auto& iv : d.intervals) iv.agents = erlang_c + 3;  // a poor start, to move from
  SimSettings s;
  s.replications = 200;
  s.seed = 12;
  const DayStaffing r = staff_day_by_simulation(d, s, t, {}, 0);
  for (std::size_t i = 10; i < 30; ++i) {
    INFO("interval " << i << ": " << r.intervals[i].agents << " agents, SL "
                     << r.intervals[i].service_level);
    CHECK(std::abs(r.intervals[i].agents - erlang_c) <= 1);
  }
}

TEST_CASE("simulation staffing: same seed, same plan, whatever the thread count") {
  QueueDay d = small_day();
  st::ServiceTargets t;
  t.service_level = 0.8;
  start_from_erlang_c(d, t);
  SimSettings s;
  s.replications = 10;
  s.patience = {PatienceDist::kExponential, 90, 1, 1};
  std::vector<int> ticks;
  const auto run = [&](int threads) {
    wfm::core::ThreadLimit limit(threads);
    return staff_day_by_simulation(d, s, t, {}, 4, [&](int i) { ticks.push_back(i); });
  };
  const DayStaffing one = run(1);
  std::vector<int> expected_ticks;
  for (int i = 0; i < static_cast<int>(d.intervals.size()); ++i) expected_ticks.push_back(i);
  CHECK(ticks == expected_ticks);
  const DayStaffing two = run(2);
  for (std::size_t i = 0; i < d.intervals.size(); ++i) {
    CHECK(one.intervals[i].agents == two.intervals[i].agents);
    CHECK(one.intervals[i].service_level == two.intervals[i].service_level);
    CHECK(one.intervals[i].abandon_rate == two.intervals[i].abandon_rate);
  }
  CHECK(one.evaluations == two.evaluations);
}

TEST_CASE("simulation staffing: input errors name the setting") {
  QueueDay d = small_day();
  SimSettings s;
  s.replications = 4;
  st::ServiceTargets t;
  t.max_abandon_rate = 0.05;  // no patience in the settings
  CHECK_THROWS_WITH(staff_day_by_simulation(d, s, t, {}, 0),
                    Catch::Contains("does not model abandonment"));
  t = {};
  t.service_level = 0.8;
  st::SolveOptions o;
  o.fractional = true;
  CHECK_THROWS_WITH(staff_day_by_simulation(d, s, t, o, 0), Catch::Contains("whole agents"));
  t.max_blocking = 0.01;
  CHECK_THROWS_AS(staff_day_by_simulation(d, s, t, {}, 0), wfm::core::InputError);
  s.replications = 1;
  t = {};
  t.service_level = 0.8;
  CHECK_THROWS_WITH(staff_day_by_simulation(d, s, t, {}, 0), Catch::Contains("replications"));
}
