// The staffing solver over every engine: minimality, agreement of the fast run path with single
// evaluations, multiple targets, fractional staffing, zero volume, infeasible caps, validation.
#include "wfm/staffing/solver.hpp"

#include <cmath>
#include <vector>

#include <catch2/catch.hpp>

#include "wfm/core/error.hpp"

using namespace wfm::staffing;

namespace {

std::vector<double> loads() {
  std::vector<double> out;
  for (double a = 0.05; a < 12000; a *= 1.37) out.push_back(a);
  return out;
}

IntervalLoad load_for(double erlangs, double aht_s = 180, double interval_s = 900) {
  return IntervalLoad{erlangs * interval_s / aht_s, interval_s, aht_s};
}

// n meets the targets and n - 1 (when allowed) does not.
void check_minimal(const StaffingEngine& engine, const IntervalLoad& load, const ServiceTargets& t,
                   const SolveOptions& o = {}) {
  const StaffingResult r = solve(engine, load, t, o);
  INFO(engine.name() << " load " << load.offered_load() << " agents " << r.agents);
  REQUIRE(r.feasible);
  REQUIRE(r.agents == std::floor(r.agents));
  CHECK(meets_targets(engine.evaluate(load, r.agents, t.measure), t));
  if (r.agents > o.min_agents) {
    CHECK_FALSE(meets_targets(engine.evaluate(load, r.agents - 1, t.measure), t));
  }
}

}  // namespace

TEST_CASE("solver: Erlang C service-level answer is minimal from 0.05 to 12,000 Erlangs") {
  ErlangCEngine c;
  for (double sl : {0.5, 0.8, 0.95}) {
    for (double threshold : {0.0, 20.0, 60.0}) {
      ServiceTargets t;
      t.service_level = sl;
      t.measure.threshold_s = threshold;
      for (double a : loads()) check_minimal(c, load_for(a), t);
    }
  }
}

TEST_CASE("solver: Erlang A and Erlang B answers are minimal") {
  ErlangAEngine ea(120);
  ErlangBEngine eb;
  ServiceTargets sl;
  sl.service_level = 0.8;
  ServiceTargets ab;
  ab.max_abandon_rate = 0.03;
  ServiceTargets blocking;
  blocking.max_blocking = 0.01;
  for (double a : loads()) {
    if (a > 3000) continue;  // Erlang A solves cost microseconds each; the grid stays quick
    check_minimal(ea, load_for(a), sl);
    check_minimal(ea, load_for(a), ab);
    check_minimal(eb, load_for(a), blocking);
  }
}

TEST_CASE("solver: the Erlang C run (recurrence) agrees with single evaluations") {
  ErlangCEngine c;
  ServiceMeasure m{20, SlDefinition::kOffered};
  for (double a : {0.7, 9.5, 88.0, 950.0, 10500.0}) {
    const IntervalLoad load = load_for(a);
    const double first = std::floor(a) + 1;
    std::vector<StaffingResult> run(16);
    c.evaluate_run(load, first, 16, m, Detail{}, run.data());
    for (int i = 0; i < 16; ++i) {
      const StaffingResult one = c.evaluate(load, first + i, m);
      INFO("load " << a << " agents " << first + i);
      CHECK(run[i].p_wait == Approx(one.p_wait).epsilon(1e-12).margin(1e-300));
      CHECK(run[i].service_level == Approx(one.service_level).epsilon(1e-12));
      CHECK(run[i].asa_s == Approx(one.asa_s).epsilon(1e-12).margin(1e-300));
      CHECK(run[i].occupancy == Approx(one.occupancy).epsilon(1e-15));
    }
  }
}

TEST_CASE("solver: several targets at once need the most agents any one of them needs") {
  ErlangAEngine ea(90);
  for (double a : {3.0, 40.0, 400.0}) {
    const IntervalLoad load = load_for(a);
    ServiceTargets sl, asa, ab, occ, all;
    sl.service_level = all.service_level = 0.85;
    asa.max_asa_s = all.max_asa_s = 15;
    ab.max_abandon_rate = all.max_abandon_rate = 0.02;
    occ.max_occupancy = all.max_occupancy = 0.9;
    const double expected = std::max({solve(ea, load, sl).agents, solve(ea, load, asa).agents,
                                      solve(ea, load, ab).agents, solve(ea, load, occ).agents});
    CHECK(solve(ea, load, all).agents == expected);
  }
}

TEST_CASE("solver: fractional agents lie in (integer - 1, integer] and meet the target tightly") {
  ErlangCEngine c;
  ServiceTargets t;
  t.service_level = 0.8;
  SolveOptions frac;
  frac.fractional = true;
  for (double a : {0.3, 7.0, 123.4, 2500.0}) {
    const IntervalLoad load = load_for(a);
    const double whole = solve(c, load, t).agents;
    const StaffingResult r = solve(c, load, t, frac);
    INFO("load " << a);
    CHECK(r.agents <= whole);
    CHECK(r.agents > whole - 1);
    CHECK(r.service_level >= 0.8);
    CHECK(r.service_level == Approx(0.8).margin(1e-6));
  }
}

TEST_CASE("solver: zero volume needs no agents unless a floor is given") {
  ErlangCEngine c;
  ServiceTargets t;
  t.service_level = 0.8;
  const IntervalLoad none{0, 900, 180};
  CHECK(solve(c, none, t).agents == 0);
  SolveOptions floor;
  floor.min_agents = 2;
  CHECK(solve(c, none, t, floor).agents == 2);
  // The floor also applies to busy intervals.
  floor.min_agents = 50;
  CHECK(solve(c, load_for(5), t, floor).agents == 50);
}

TEST_CASE("solver: a target unreachable within the cap is a flagged result") {
  ErlangCEngine c;
  ServiceTargets t;
  t.service_level = 0.99;
  SolveOptions cap;
  cap.max_agents = 105;
  const StaffingResult r = solve(c, load_for(100), t, cap);
  CHECK_FALSE(r.feasible);
  CHECK(r.agents == 105);
  CHECK(std::isfinite(r.service_level));
}

TEST_CASE("solver: bad targets are input errors naming the flag") {
  ErlangCEngine c;
  ErlangBEngine b;
  ServiceTargets none;
  CHECK_THROWS_WITH(validate_targets(c, none, {}), Catch::Contains("give at least one target"));
  ServiceTargets bad_sl;
  bad_sl.service_level = 1.0;
  CHECK_THROWS_WITH(validate_targets(c, bad_sl, {}),
                    "--sl: expected a service level target strictly between 0 and 1, got 1");
  ServiceTargets ab;
  ab.max_abandon_rate = 0.05;
  CHECK_THROWS_WITH(validate_targets(c, ab, {}),
                    Catch::Contains("--max-abandon: erlang-c does not model abandonment"));
  ServiceTargets blocking;
  blocking.max_blocking = 0.01;
  CHECK_THROWS_WITH(validate_targets(c, blocking, {}), Catch::Contains("--max-blocking"));
  CHECK_NOTHROW(validate_targets(b, blocking, {}));
  ServiceTargets sl;
  sl.service_level = 0.8;
  CHECK_THROWS_WITH(validate_targets(b, sl, {}), Catch::Contains("use --max-blocking"));
}

TEST_CASE("scheduled agents: shrinkage, rounding up, and no spurious extra agent") {
  CHECK(scheduled_agents(10, 0.5, false) == 20);
  CHECK(scheduled_agents(14, 0.3, false) == 20);  // 14 / 0.7 = 20 exactly, not 21
  CHECK(scheduled_agents(15, 0.3, false) == 22);  // 21.43 -> 22
  CHECK(scheduled_agents(0, 0.3, false) == 0);
  CHECK(scheduled_agents(13.5, 0.25, true) == Approx(18.0));
  CHECK_THROWS_AS(scheduled_agents(10, 1.0, false), wfm::core::InputError);
}

TEST_CASE("solver: a start hint changes the path, not the answer") {
  ErlangCEngine c;
  ErlangAEngine a(120);
  ServiceTargets t;
  t.service_level = 0.8;
  for (double erlangs : {0.4, 7.5, 95.0, 1400.0}) {
    const IntervalLoad load = load_for(erlangs);
    const double plain_c = solve(c, load, t).agents;
    const double plain_a = solve(a, load, t).agents;
    for (double start : {0.0, 1.0, std::floor(erlangs), plain_c + 1, 3 * erlangs + 50, 1e6}) {
      SolveOptions o;
      o.start = start;
      INFO("load " << erlangs << " start " << start);
      CHECK(solve(c, load, t, o).agents == plain_c);
      CHECK(solve(a, load, t, o).agents == plain_a);
    }
  }
  SolveOptions bad;
  bad.start = std::nan("");
  CHECK_THROWS_AS(validate_targets(c, t, bad), wfm::core::InputError);
}

TEST_CASE("meets_targets: with an error estimate, confidence moves each measure to its bound") {
  // 20 replications: half-width = t_{0.975,19} se = 2.093024 se; at 0.95, z = 1.644854.
  StaffingResult r;
  r.service_level = 0.82;
  r.asa_s = 18;
  r.abandon_rate = 0.04;
  r.occupancy = 0.85;
  r.error = ErrorEstimate{0.03, 4, 0.02, 0.012, 20};
  const double k = 1.6448536269514722 / 2.0930240544083096;
  ServiceTargets sl;
  sl.service_level = 0.8;
  CHECK(meets_targets(r, sl));  // confidence 0.5: the mean
  sl.confidence = 0.95;
  CHECK_FALSE(meets_targets(r, sl));  // 0.82 - k 0.03 = 0.796
  sl.service_level = 0.82 - k * 0.03 - 1e-9;
  CHECK(meets_targets(r, sl));
  sl.service_level = 0.82 - k * 0.03 + 1e-9;
  CHECK_FALSE(meets_targets(r, sl));

  ServiceTargets upper;
  upper.confidence = 0.95;
  upper.max_asa_s = 18 + k * 4 + 1e-9;
  CHECK(meets_targets(r, upper));
  upper.max_asa_s = 18 + k * 4 - 1e-9;
  CHECK_FALSE(meets_targets(r, upper));
  upper = {};
  upper.confidence = 0.95;
  upper.max_abandon_rate = 0.04 + k * 0.012 - 1e-9;
  CHECK_FALSE(meets_targets(r, upper));
  upper.max_abandon_rate = 0.04 + k * 0.012 + 1e-9;
  CHECK(meets_targets(r, upper));
  upper = {};
  upper.confidence = 0.95;
  upper.max_occupancy = 0.85 + k * 0.02 - 1e-9;
  CHECK_FALSE(meets_targets(r, upper));
  upper.max_occupancy = 0.85 + k * 0.02 + 1e-9;
  CHECK(meets_targets(r, upper));

  // Without an error estimate (analytic engines) confidence changes nothing.
  r.error.reset();
  sl.service_level = 0.82;
  CHECK(meets_targets(r, sl));

  ErlangCEngine c;
  ServiceTargets bad;
  bad.service_level = 0.8;
  for (double conf : {0.4, 1.0, std::nan("")}) {
    bad.confidence = conf;
    CHECK_THROWS_WITH(validate_targets(c, bad, {}), Catch::Contains("confidence in [0.5, 1)"));
  }
}
