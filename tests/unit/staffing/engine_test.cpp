// Properties every analytic engine must have, over a wide grid (0.001 to 12,000 Erlangs, up to
// 25,000 agents): no NaN, probabilities in [0, 1], monotone in agents, Erlang A -> Erlang C as
// patience grows, the Erlang B recurrence identity at scale, unstable Erlang C flagged.
#include "wfm/staffing/engine.hpp"

#include <cmath>
#include <vector>

#include <catch2/catch.hpp>

#include "wfm/staffing/erlang_a.hpp"
#include "wfm/staffing/erlang_b.hpp"
#include "wfm/staffing/erlang_c.hpp"
#include "wfm/staffing/solver.hpp"

using namespace wfm::staffing;

namespace {

bool is_probability(double p) {
  return std::isfinite(p) && p >= 0 && p <= 1;
}

std::vector<double> agent_grid(double a) {
  std::vector<double> out;
  for (double n :
       {0.0, 1.0, 2.0, std::floor(a / 2), std::floor(a), std::floor(a) + 1,
        std::ceil(a + std::sqrt(a)), std::ceil(a + 3 * std::sqrt(a)), 2 * a + 5, 25000.0}) {
    if (out.empty() || n > out.back()) out.push_back(n);
  }
  return out;
}

}  // namespace

TEST_CASE("engines: finite values and probabilities in [0, 1] everywhere") {
  ErlangCEngine c;
  ErlangAEngine ea(120);
  ErlangBEngine b;
  for (double a : {0.001, 0.1, 1.0, 30.0, 500.0, 4000.0, 12000.0}) {
    const IntervalLoad load{a * 1800 / 300, 1800, 300};
    for (double n : agent_grid(a)) {
      for (const StaffingEngine* e :
           {static_cast<const StaffingEngine*>(&c), static_cast<const StaffingEngine*>(&ea),
            static_cast<const StaffingEngine*>(&b)}) {
        const StaffingResult r = e->evaluate(load, n, ServiceMeasure{20, SlDefinition::kOffered});
        INFO(e->name() << " load " << a << " agents " << n);
        CHECK(is_probability(r.service_level));
        CHECK(is_probability(r.p_wait));
        CHECK(is_probability(r.abandon_rate));
        CHECK(is_probability(r.blocking));
        CHECK(is_probability(r.occupancy));
        CHECK(!std::isnan(r.asa_s));
        CHECK(r.asa_s >= 0);
        if (r.stable && !(e == &ea && n == 0)) CHECK(std::isfinite(r.asa_s));
      }
    }
  }
}

TEST_CASE("engines: service level rises and ASA, abandonment, blocking fall as agents grow") {
  ErlangCEngine c;
  ErlangAEngine ea(60);
  ErlangBEngine b;
  for (double a : {0.5, 12.0, 250.0, 3000.0}) {
    const IntervalLoad load{a * 900 / 240, 900, 240};
    for (auto def : {SlDefinition::kOffered, SlDefinition::kAnswered,
                     SlDefinition::kOfferedLessShortAbandons, SlDefinition::kAbandonsWithinTMet}) {
      const ServiceMeasure m{30, def};
      StaffingResult prev_c = c.evaluate(load, std::floor(a) + 1, m);
      StaffingResult prev_a = ea.evaluate(load, 0, m);
      StaffingResult prev_b = b.evaluate(load, 0, m);
      const double top = a + 6 * std::sqrt(a) + 10;
      const double step = std::max(1.0, std::floor(top / 60));
      for (double n = 1; n <= top; n += step) {
        INFO("load " << a << " agents " << n << " definition " << to_string(def));
        const StaffingResult ra = ea.evaluate(load, n, m);
        CHECK(ra.service_level >= prev_a.service_level - 1e-12);
        CHECK(ra.abandon_rate <= prev_a.abandon_rate + 1e-12);
        if (n > 1) CHECK(ra.asa_s <= prev_a.asa_s * (1 + 1e-9));
        prev_a = ra;
        const StaffingResult rb = b.evaluate(load, n, m);
        CHECK(rb.blocking <= prev_b.blocking);
        prev_b = rb;
        if (n > std::floor(a) + 1) {
          const StaffingResult rc = c.evaluate(load, n, m);
          CHECK(rc.service_level >= prev_c.service_level);
          CHECK(rc.asa_s <= prev_c.asa_s);
          prev_c = rc;
        }
      }
    }
  }
}

TEST_CASE("erlang_a tends to erlang_c as patience grows") {
  for (double a : {5.0, 80.0, 900.0}) {
    const double n = std::ceil(a + 2 * std::sqrt(a));
    const ErlangCValues c = erlang_c(n, a, 200, 20);
    double prev_gap = 1;
    for (double patience : {1e3, 1e5, 1e7}) {
      const ErlangAValues e = erlang_a(n, a, 200, patience, 20);
      const double gap = std::fabs(e.p_answered_within - c.service_level) +
                         std::fabs(e.p_wait - c.p_wait) + e.p_abandon;
      INFO("load " << a << " patience " << patience);
      CHECK(gap < prev_gap);
      prev_gap = gap;
    }
    const ErlangAValues e = erlang_a(n, a, 200, 1e9, 20);
    CHECK(e.p_wait == Approx(c.p_wait).epsilon(1e-5));
    CHECK(e.p_answered_within == Approx(c.service_level).epsilon(1e-5));
    CHECK(e.asa_s == Approx(c.asa_s).epsilon(1e-5));
    CHECK(e.p_abandon < 1e-6);
  }
}

TEST_CASE("erlang_b satisfies its recurrence at every scale") {
  // B(n) = A B(n-1) / (n + A B(n-1)): the incomplete-gamma path against its own recurrence.
  for (double a : {0.01, 3.0, 70.0, 1000.0, 10000.0}) {
    for (double n : {65.0, 200.0, std::floor(a), std::floor(a + 3 * std::sqrt(a)), 20000.0}) {
      if (n < 65) continue;
      const double prev = erlang_b(n - 1, a);
      const double cur = erlang_b(n, a);
      INFO("load " << a << " agents " << n);
      if (prev > 1e-290) CHECK(cur == Approx(erlang_b_next(prev, n, a)).epsilon(1e-12));
    }
  }
}

TEST_CASE("erlang_b is continuous in fractional agents and between its integer neighbours") {
  for (double a : {2.0, 45.0, 800.0}) {
    for (double n : {3.0, 50.0, 830.0}) {
      const double at = erlang_b(n, a);
      if (erlang_b(n + 1, a) < 1e-250) continue;  // underflows: nothing left to compare
      CHECK(erlang_b(n + 1e-9, a) == Approx(at).epsilon(1e-7));
      CHECK(erlang_b(n - 1e-9, a) == Approx(at).epsilon(1e-7));
      const double mid = erlang_b(n + 0.5, a);
      CHECK(mid < at);
      CHECK(mid > erlang_b(n + 1, a));
    }
  }
}

TEST_CASE("erlang_c with agents <= load is a flagged unstable result, erlang_a stays defined") {
  for (double a : {1.0, 50.0, 10000.0}) {
    for (double n : {0.0, a / 2, a}) {
      const ErlangCValues c = erlang_c(n, a, 180, 20);
      CHECK_FALSE(c.stable);
      CHECK(c.p_wait == 1);
      CHECK(c.service_level == 0);
      CHECK(std::isinf(c.asa_s));
      const ErlangAValues e = erlang_a(n, a, 180, 120, 20);
      CHECK(is_probability(e.p_abandon));
      CHECK(is_probability(e.p_answered_within));
      if (n > 0) CHECK(std::isfinite(e.asa_s));
      // Flow balance: the agents' carried load equals the answered share of the offered load.
      CHECK(e.occupancy * n == Approx(a * (1 - e.p_abandon)).epsilon(1e-9));
    }
  }
}

TEST_CASE("erlang_a conservation: answered + abandoned = 1 and the within-T parts add up") {
  for (double a : {0.2, 20.0, 700.0}) {
    for (double n : {std::floor(a * 0.8), std::ceil(a + std::sqrt(a))}) {
      const ErlangAValues e = erlang_a(n, a, 240, 90, 15);
      const double p_answered = e.occupancy * n / a;
      CHECK(p_answered + e.p_abandon == Approx(1.0).epsilon(1e-12));
      CHECK(e.p_answered_within <= p_answered + 1e-15);
      CHECK(e.p_abandon_within <= e.p_abandon + 1e-15);
      // Little's law with P(abandon) = theta E[wait]: Lq = lambda E[wait].
      CHECK(e.mean_queue_length == Approx(a / 240 * e.mean_wait_all_s).epsilon(1e-12));
    }
  }
}

TEST_CASE("Erlang C holds at the largest supported load, 1e6 Erlangs", "[staffing][limits]") {
  // Independent method: the Erlang B recurrence B(n) = a B(n-1) / (n + a B(n-1)) in long double
  // from n = 0 (Cooper, Introduction to Queueing Theory, 2nd ed., section 3.4), then
  // C = N B / (N - a (1 - B)) and SL = 1 - C exp(-(N - a) T / AHT).
  const wfm::staffing::IntervalLoad load{1e6, 1800, 1800};
  const double a = load.offered_load();
  REQUIRE(a == 1e6);
  const wfm::staffing::ErlangCEngine engine;
  wfm::staffing::ServiceTargets targets;
  targets.service_level = 0.8;
  targets.measure.threshold_s = 20;
  const auto r = wfm::staffing::solve(engine, load, targets);
  REQUIRE(r.feasible);
  const auto n = static_cast<long>(r.agents);
  std::vector<long double> b(static_cast<std::size_t>(n + 1));
  b[0] = 1;
  for (long k = 1; k <= n; ++k) {
    b[static_cast<std::size_t>(k)] =
        a * b[static_cast<std::size_t>(k - 1)] / (k + a * b[static_cast<std::size_t>(k - 1)]);
  }
  const auto sl = [&](long m) {
    const long double bm = b[static_cast<std::size_t>(m)];
    const long double c = m * bm / (m - a * (1 - bm));
    return static_cast<double>(1 - c * std::exp(-(m - a) * 20.0L / 1800.0L));
  };
  CHECK(sl(n) >= 0.8);
  CHECK(sl(n - 1) < 0.8);
  CHECK(r.service_level == Approx(sl(n)).epsilon(1e-9));
}

TEST_CASE("require_supported_load rejects loads outside the engines' domain",
          "[staffing][limits]") {
  using wfm::staffing::require_supported_load;
  const auto where = wfm::core::at_flag("--calls");
  CHECK_NOTHROW(require_supported_load({1e6, 1800, 1800}, where));
  CHECK_THROWS_WITH(require_supported_load({1e13, 1800, 1800}, where),
                    Catch::Contains("--calls") && Catch::Contains("above the largest supported"));
  CHECK_THROWS_WITH(require_supported_load({1e308, 900, 1e308}, where),
                    Catch::Contains("above the largest supported"));
  CHECK_THROWS_AS(require_supported_load({std::nan(""), 900, 60}, where), wfm::core::InputError);
  CHECK_THROWS_AS(require_supported_load({5, 900, 0}, where), wfm::core::InputError);
}
