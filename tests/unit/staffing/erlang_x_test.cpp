// Erlang X (erlang_x.hpp): against a dense CTMC solved by Gaussian elimination with the waiting
// times of a tagged caller by uniformization (ctmc.hpp, an independent method), the Erlang A limit
// (no lines, no redials: the incomplete-gamma closed forms of erlang_a.cpp) and the Erlang B limit
// (N = s, no patience), stability at 20,000 agents and 10,000+ Erlangs, the redial fixed point,
// the forecast-variance quadrature against a brute-force integral, and the engine and solver.
//
// Published values: none was found for Erlang X with a queue (Koole's calculator and "Call Center
// Optimization" describe the model without a table whose inputs are all stated). The published
// Erlang B values of published_values_test.cpp (Abstract Micro Systems' Erlang Library for Excel;
// Westbay Engineers' calculator manual; sources in docs/references.md) are checked through the
// N = s, no-patience limit, and Westbay's published Extended Erlang B values (blocked callers
// retrying) through the same limit with redials.
#include "wfm/staffing/erlang_x.hpp"

#include <cmath>
#include <limits>
#include <vector>

#include <boost/math/distributions/gamma.hpp>
#include <catch2/catch.hpp>

#include "ctmc.hpp"
#include "wfm/core/error.hpp"
#include "wfm/staffing/erlang_a.hpp"
#include "wfm/staffing/erlang_b.hpp"
#include "wfm/staffing/registry.hpp"
#include "wfm/staffing/solver.hpp"

using namespace wfm::staffing;
namespace t = wfm::staffing::test;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

bool close(double got, double want, double rel, double abs = 1e-13) {
  return std::fabs(got - want) <= rel * std::fabs(want) + abs;
}

// The M/M/s/N+M measures by the generic CTMC: states 0..n_max (N, or a truncation far in the
// tail when there are no lines), each arrival state weighted by pi (PASTA).
struct Reference {
  double p_block = 0, p_wait = 0, p_answered = 0, p_answered_within = 0, p_abandon = 0,
         p_abandon_within = 0, wait_answered = 0, mean_queue = 0, busy = 0;
};

Reference reference(int s, double lines, double lambda, double aht_s, double patience_s,
                    double t_s) {
  const double mu = 1 / aht_s;
  const double theta = std::isfinite(patience_s) ? 1 / patience_s : 0.0;
  const long n_max = std::isfinite(lines)
                         ? static_cast<long>(lines)
                         : static_cast<long>(s + std::max(0.0, (lambda - s * mu) / theta) +
                                             12 * std::sqrt(lambda / theta + 1) + 40);
  t::Generator g(static_cast<std::size_t>(n_max) + 1);
  for (long n = 0; n <= n_max; ++n) {
    const auto i = static_cast<std::size_t>(n);
    if (n < n_max) g.add(i, i + 1, lambda);
    if (n > 0)
      g.add(i, i - 1,
            static_cast<double>(std::min<long>(n, s)) * mu +
                static_cast<double>(std::max<long>(n - s, 0)) * theta);
  }
  const auto pi = t::stationary(g);
  Reference r;
  for (long n = 0; n <= n_max; ++n) {
    const double p = static_cast<double>(pi[static_cast<std::size_t>(n)]);
    r.busy += p * static_cast<double>(std::min<long>(n, s));
    r.mean_queue += p * static_cast<double>(std::max<long>(n - s, 0));
    if (std::isfinite(lines) && n == n_max) {
      r.p_block += p;
    } else if (n < s) {
      r.p_answered += p;
      r.p_answered_within += p;
    } else {
      const auto c = t::tagged_caller(n - s, s * mu, theta, t_s);
      r.p_wait += p;
      r.p_answered += p * static_cast<double>(c.served);
      r.p_abandon += p * static_cast<double>(1 - c.served);
      r.p_answered_within += p * static_cast<double>(c.served_within);
      r.p_abandon_within += p * static_cast<double>(1 - c.served_within - c.still_waiting);
      r.wait_answered += p * static_cast<double>(c.wait_if_served);
    }
  }
  return r;
}

void check_against_reference(int s, double lines, double calls, double aht_s, double patience_s,
                             double t_s) {
  const double lambda = calls / 1800;
  ErlangXParams p;
  p.lines = lines;
  p.patience_s = patience_s;
  const ErlangXValues v = erlang_x_fixed(s, lambda, aht_s, p, t_s);
  const Reference r = reference(s, lines, lambda, aht_s, patience_s, t_s);
  INFO("s=" << s << " N=" << lines << " calls=" << calls << " aht=" << aht_s
            << " patience=" << patience_s << " T=" << t_s);
  CHECK(close(v.p_block, r.p_block, 1e-9));
  CHECK(close(v.p_wait, r.p_wait, 1e-9));
  CHECK(close(v.p_answered, r.p_answered, 1e-9));
  CHECK(close(v.p_answered_within, r.p_answered_within, 1e-9));
  CHECK(close(v.p_abandon, r.p_abandon, 1e-9, 1e-12));
  CHECK(close(v.p_abandon_within, r.p_abandon_within, 1e-8, 1e-12));
  CHECK(close(v.mean_queue_length, r.mean_queue, 1e-9, 1e-12));
  CHECK(close(v.occupancy, s > 0 ? r.busy / s : 0.0, 1e-9));
  if (r.p_answered > 0) CHECK(close(v.asa_s, r.wait_answered / r.p_answered, 1e-9, 1e-10));
}

}  // namespace

TEST_CASE("erlang-x: equals a dense CTMC with a tagged caller by uniformization",
          "[staffing][erlang-x]") {
  // (agents, lines, calls per 30 min, AHT, patience, T): lines and patience, lines without
  // patience (M/M/s/N), patience without lines, overload, a few agents, T = 0.
  check_against_reference(10, 15, 100, 180, 120, 20);
  check_against_reference(10, 10, 120, 180, 120, 20);
  check_against_reference(8, 20, 100, 180, kInf, 20);
  check_against_reference(12, kInf, 100, 180, 90, 30);
  check_against_reference(5, 40, 200, 180, 300, 60);
  check_against_reference(1, 3, 10, 240, 60, 10);
  check_against_reference(30, 45, 330, 150, 200, 15);
  check_against_reference(10, 14, 100, 180, 120, 0);
  check_against_reference(0, 5, 10, 180, 120, 20);
}

TEST_CASE("erlang-x: without lines and redials it is Erlang A", "[staffing][erlang-x]") {
  for (double a : {0.05, 1.0, 9.5, 50.0, 480.0, 2000.0, 12000.0}) {
    for (double patience : {30.0, 180.0, 1200.0}) {
      for (double n : {std::floor(a * 0.8), std::floor(a) + 1, std::ceil(a + 2 * std::sqrt(a))}) {
        if (n < 1) continue;
        const double aht = 180, t_s = 20;
        ErlangXParams p;
        p.patience_s = patience;
        const auto x = erlang_x_fixed(static_cast<int>(n), a / aht, aht, p, t_s);
        const auto e = erlang_a(n, a, aht, patience, t_s);
        INFO("A=" << a << " N=" << n << " patience=" << patience);
        CHECK(close(x.p_wait, e.p_wait, 1e-9, 1e-14));
        CHECK(close(x.p_abandon, e.p_abandon, 1e-8, 1e-14));
        CHECK(close(x.p_answered_within, e.p_answered_within, 1e-9, 1e-13));
        CHECK(close(x.p_abandon_within, e.p_abandon_within, 1e-7, 1e-13));
        CHECK(close(x.asa_s, e.asa_s, 1e-8, 1e-10));
        CHECK(close(x.occupancy, e.occupancy, 1e-9));
        CHECK(close(x.mean_queue_length, e.mean_queue_length, 1e-8, 1e-12));
        CHECK(x.p_block == 0);
        // Lines far above the queue change nothing either.
        p.lines = n + 100000;
        CHECK(close(erlang_x_fixed(static_cast<int>(n), a / aht, aht, p, t_s).p_answered_within,
                    e.p_answered_within, 1e-9, 1e-13));
      }
    }
  }
}

TEST_CASE("erlang-x: N = s without patience is Erlang B", "[staffing][erlang-x]") {
  for (double a : {0.1, 3.0, 42.0, 900.0, 15000.0}) {
    for (double n : {1.0, std::floor(a), std::ceil(a + 3 * std::sqrt(a))}) {
      if (n < 1) continue;
      ErlangXParams p;
      p.lines = n;
      const auto x = erlang_x_fixed(static_cast<int>(n), a / 180, 180, p, 20);
      INFO("A=" << a << " N=" << n);
      CHECK(close(x.p_block, erlang_b(n, a), 1e-10, 1e-300));
      CHECK(x.p_wait == 0);
      CHECK(close(x.occupancy, a * (1 - erlang_b(n, a)) / n, 1e-10));
      CHECK(close(x.p_answered_within, 1 - erlang_b(n, a), 1e-10));
    }
  }
}

TEST_CASE("erlang-x: finite and consistent at 20,000 agents and 10,000+ Erlangs",
          "[staffing][erlang-x]") {
  for (double a : {10000.0, 18000.0}) {
    for (int n : {9000, 10000, 10300, 20000}) {
      for (double lines : {kInf, n + 50.0}) {
        ErlangXParams p;
        p.patience_s = 120;
        p.lines = lines;
        const auto v = erlang_x_fixed(n, a / 180, 180, p, 20);
        INFO("A=" << a << " N=" << n << " lines=" << lines);
        for (double x : {v.p_block, v.p_wait, v.p_answered, v.p_answered_within, v.p_abandon,
                         v.p_abandon_within, v.p_virtual_within, v.occupancy}) {
          CHECK(std::isfinite(x));
          CHECK(x >= 0);
          CHECK(x <= 1 + 1e-12);
        }
        CHECK(std::isfinite(v.asa_s));
        // Flow balance: abandonment = theta E[queue] / lambda; carried = busy agents.
        CHECK(close(v.p_abandon, v.mean_queue_length / 120 / (a / 180), 1e-9, 1e-14));
        CHECK(close(v.occupancy * n, a * v.p_answered, 1e-9));
        CHECK(close(v.p_block + v.p_answered + v.p_abandon, 1, 1e-12));
      }
    }
  }
}

TEST_CASE("erlang-x: redials solve the attempt-rate fixed point", "[staffing][erlang-x]") {
  ErlangXParams p;
  p.patience_s = 60;
  p.lines = 24;
  const double lambda = 150.0 / 1800, aht = 180;
  const auto base = erlang_x(20, lambda, aht, p, 20, gamma_quadrature(0, 1));
  CHECK(base.attempt_rate == lambda);
  double previous_rate = lambda;
  for (double prob : {0.3, 0.7, 0.95}) {
    p.redial_prob = prob;
    p.redial_delay_s = 300;
    const auto v = erlang_x(20, lambda, aht, p, 20, gamma_quadrature(0, 1));
    const double loss = v.p_block + v.p_abandon;
    INFO("p=" << prob);
    CHECK(close(v.attempt_rate * (1 - prob * loss), lambda, 1e-11));
    // The state is that of the attempt rate (re-evaluated without redials).
    ErlangXParams q = p;
    q.redial_prob = 0;
    const auto direct = erlang_x_fixed(20, v.attempt_rate, aht, q, 20);
    CHECK(close(v.p_answered_within, direct.p_answered_within, 1e-12));
    CHECK(v.attempt_rate > previous_rate);
    CHECK(close(v.p_fresh_lost, loss * (1 - prob) / (1 - prob * loss), 1e-12));
    previous_rate = v.attempt_rate;
  }
}

TEST_CASE("erlang-x: forecast variance by Gauss-Laguerre equals a brute-force integral",
          "[staffing][erlang-x]") {
  const GammaNodes one = gamma_quadrature(0, 24);
  REQUIRE(one.z.size() == 1);
  for (double cv : {0.05, 0.2, 0.5}) {
    const GammaNodes nodes = gamma_quadrature(cv, kForecastNodes);
    double mean = 0, second = 0;
    for (std::size_t i = 0; i < nodes.z.size(); ++i) {
      mean += nodes.w[i] * nodes.z[i];
      second += nodes.w[i] * nodes.z[i] * nodes.z[i];
    }
    CHECK(close(mean, 1, 1e-12));
    CHECK(close(second - 1, cv * cv, 1e-10));
    ErlangXParams p;
    p.patience_s = 120;
    p.lines = 60;
    p.forecast_cv = cv;
    const double lambda = 40.0 / 180, aht = 180;
    const auto v = erlang_x(42, lambda, aht, p, 20, nodes);
    // Brute force: the call-weighted SL and abandonment over 20,000 gamma quantiles (midpoints).
    const boost::math::gamma_distribution<double> gamma(1 / (cv * cv), cv * cv);
    const int m = 20000;
    double calls = 0, within = 0, abandon = 0, occupancy = 0;
    for (int i = 0; i < m; ++i) {
      const double z = boost::math::quantile(gamma, (i + 0.5) / m);
      const auto f = erlang_x_fixed(42, lambda * z, aht, p, 20);
      calls += z;
      within += z * f.p_answered_within;
      abandon += z * f.p_abandon;
      occupancy += f.occupancy;
    }
    INFO("cv=" << cv);
    CHECK(close(v.p_answered_within, within / calls, 2e-4));
    CHECK(close(v.p_abandon, abandon / calls, 2e-3));
    CHECK(close(v.occupancy, occupancy / m, 2e-4));
    // Uncertainty costs service at the same staffing.
    CHECK(v.p_answered_within < erlang_x_fixed(42, lambda, aht, p, 20).p_answered_within);
  }
}

TEST_CASE("erlang-x engine: service-level definitions, monotone in agents, solver",
          "[staffing][erlang-x]") {
  // Patience longer than the handle time: with theta > mu, turning a waiting line into an agent
  // lowers the departure rate when every line is busy, and blocking can rise with agents near
  // the lines (docs/erlang.md); the monotone case is tested here.
  ErlangXParams p;
  p.patience_s = 300;
  p.lines = 60;
  p.redial_prob = 0.5;
  p.redial_delay_s = 600;
  p.forecast_cv = 0.1;
  const ErlangXEngine engine(p);
  const IntervalLoad load{.calls = 400, .interval_s = 1800, .aht_s = 200};
  double previous_sl = -1, previous_ab = 2, previous_block = 2;
  for (int n = 0; n <= 60; ++n) {
    const auto r = engine.evaluate(load, n, ServiceMeasure{20, SlDefinition::kOffered});
    INFO("n=" << n);
    CHECK(r.service_level >= previous_sl - 1e-12);
    CHECK(r.abandon_rate <= previous_ab + 1e-12);
    CHECK(r.blocking <= previous_block + 1e-12);
    CHECK(r.virtual_service_level.value() >= r.service_level - 1e-12);
    previous_sl = r.service_level;
    previous_ab = r.abandon_rate;
    previous_block = r.blocking;
  }
  const auto off = engine.evaluate(load, 50, {20, SlDefinition::kOffered});
  const auto ans = engine.evaluate(load, 50, {20, SlDefinition::kAnswered});
  const auto met = engine.evaluate(load, 50, {20, SlDefinition::kAbandonsWithinTMet});
  CHECK(ans.service_level > off.service_level);
  CHECK(met.service_level > off.service_level);

  ServiceTargets targets;
  targets.service_level = 0.8;
  targets.max_blocking = 0.02;
  validate_targets(engine, targets, {});
  const auto r = solve(engine, load, targets);
  CHECK(r.feasible);
  CHECK(meets_targets(r, targets));
  CHECK_FALSE(meets_targets(engine.evaluate(load, r.agents - 1, targets.measure), targets));
  // Infeasible within the lines: flagged at the lines, never above.
  targets.max_blocking = 1e-9;
  const auto capped = solve(engine, load, targets);
  CHECK_FALSE(capped.feasible);
  CHECK(capped.agents == 60);
}

TEST_CASE("erlang-x engine: the solver agrees with Erlang A without lines",
          "[staffing][erlang-x]") {
  ErlangXParams p;
  p.patience_s = 120;
  const ErlangXEngine x(p);
  const ErlangAEngine a(120);
  ServiceTargets targets;
  targets.service_level = 0.8;
  targets.max_abandon_rate = 0.05;
  for (double calls : {0.5, 12.0, 150.0, 1100.0, 9000.0}) {
    const IntervalLoad load{.calls = calls, .interval_s = 900, .aht_s = 180};
    INFO("calls=" << calls);
    CHECK(solve(x, load, targets).agents == solve(a, load, targets).agents);
  }
}

TEST_CASE("erlang-x: inputs are checked with the flag named", "[staffing][erlang-x]") {
  using wfm::core::InputError;
  EngineSpec spec;
  spec.model = "erlang-x";
  CHECK_THROWS_WITH(make_engine(spec),
                    Catch::StartsWith("--patience: erlang-x needs --patience or --lines"));
  spec.lines = 0.5;
  CHECK_THROWS_WITH(make_engine(spec), Catch::StartsWith("--lines: expected a whole number"));
  spec.lines = 30;
  spec.redial_prob = 1.0;
  spec.redial_delay_s = 60;
  CHECK_THROWS_WITH(make_engine(spec), Catch::StartsWith("--redial-prob: expected a probability"));
  spec.redial_prob = 0.2;
  spec.redial_delay_s.reset();
  CHECK_THROWS_WITH(make_engine(spec), Catch::StartsWith("--redial-delay: redials need"));
  spec.redial_delay_s = 60;
  spec.forecast_cv = 1.5;
  CHECK_THROWS_WITH(make_engine(spec), Catch::StartsWith("--forecast-cv: expected"));
  spec.forecast_cv = 0.1;
  const auto engine = make_engine(spec);
  CHECK(engine->name() == "erlang-x");
  CHECK(engine->max_agents() == 30.0);
  EngineSpec c;
  c.model = "erlang-c";
  c.lines = 10;
  CHECK_THROWS_WITH(make_engine(c), Catch::StartsWith("--lines: only erlang-x"));
  ServiceTargets targets;
  targets.service_level = 0.8;
  SolveOptions options;
  options.min_agents = 31;
  CHECK_THROWS_WITH(validate_targets(*engine, targets, options),
                    Catch::StartsWith("--min-agents: 31 agents is more than erlang-x can use"));
}

TEST_CASE("erlang-x: published Erlang B values through the N = s limit", "[staffing][erlang-x]") {
  ErlangXParams p;
  const auto blocking = [&p](int n, double a) {
    p.lines = n;
    return erlang_x_fixed(n, a / 180, 180, p, 20).p_block;
  };
  // Abstract Micro Systems, ErlbBlockage(3, 10.4) = 0.7411421 (printed to 7 decimals).
  CHECK(std::fabs(blocking(3, 10.4) - 0.7411421) <= 0.5e-7);
  // Westbay Engineers: 158.333 Erlangs need 168 lines for 3% blocking; 167 are not enough.
  const double a = 50000.0 * 0.19 / 60.0;
  CHECK(blocking(168, a) <= 0.03);
  CHECK(blocking(167, a) > 0.03);
  // Westbay: 15 lines carry 8.108 Erlangs at 1% blocking (root within half a printed unit).
  CHECK((blocking(15, 8.108 - 0.5e-3) - 0.01) * (blocking(15, 8.108 + 0.5e-3) - 0.01) <= 0);
}

TEST_CASE("erlang-x: published Extended Erlang B values through the N = s limit with redials",
          "[staffing][erlang-x][published]") {
  // Extended Erlang B (blocked callers retry at once with the recall factor r; the retried
  // traffic is found by iterating a = a0 + r a B(a, n)) is Erlang X with N = s lines, no
  // patience and redial probability r: its attempt stream solves the same fixed point, and its
  // p_block (per attempt) is the model's blocking. Sources (docs/references.md):
  //  - Westbay Engineers, Erlang calculator manual, "An example Extended Erlang B calculation":
  //    5.5 Erlangs, 3% blocking, 50% of blocked calls retried -> 11 lines.
  //  - Westbay Engineers, Erlang for Excel manual: =ExtErlBLines(100, 0.025, 50) -> 113 lines;
  //    =ExtErlBBlocking(1500, 1000, 20) -> 0.386 (printed to 3 decimals).
  ErlangXParams p;
  const auto blocking = [&p](int n, double erlangs, double recall) {
    p.lines = n;
    p.redial_prob = recall;
    return erlang_x(n, erlangs / 180, 180, p, 20, gamma_quadrature(0, kForecastNodes)).p_block;
  };
  CHECK(blocking(11, 5.5, 0.5) <= 0.03);
  CHECK(blocking(10, 5.5, 0.5) > 0.03);
  CHECK(blocking(113, 100, 0.5) <= 0.025);
  CHECK(blocking(112, 100, 0.5) > 0.025);
  CHECK(std::fabs(blocking(1000, 1500, 0.2) - 0.386) <= 0.5e-3);
  // The redials decide each answer: plain Erlang B (no recall) would accept 10 and 112 lines
  // (0.0293 and 0.0211) and give 0.335 blocking on 1000 lines.
  CHECK(blocking(10, 5.5, 0) <= 0.03);
  CHECK(blocking(112, 100, 0) <= 0.025);
  CHECK(blocking(1000, 1500, 0) < 0.386 - 0.04);
}
