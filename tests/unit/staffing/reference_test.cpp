// The analytic Erlang engines (src/wfm/staffing/erlang_{b,c,a}.cpp) against the independent
// 50-digit birth-death reference in reference.hpp, at 1e-9 relative accuracy, over loads from
// 0.001 to 12,000 Erlangs and up to 25,000 agents. First the reference checks itself (two methods
// per quantity, limits, conservation laws), then the library is compared to it. Probabilities
// near 1 are also compared on their complement (computed without cancellation in the reference),
// which is the stronger test. Fractional agents (not covered by the reference) are checked for
// continuity at integers and monotonicity between them.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <limits>
#include <optional>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include <boost/math/quadrature/exp_sinh.hpp>
#include <boost/math/quadrature/tanh_sinh.hpp>
#include <boost/math/special_functions/beta.hpp>
#include <boost/multiprecision/cpp_int.hpp>

#include "unit/staffing/reference.hpp"
#include "wfm/staffing/erlang_a.hpp"
#include "wfm/staffing/erlang_b.hpp"
#include "wfm/staffing/erlang_c.hpp"

namespace wfm::staffing {
namespace {

using reference::Real;

constexpr double kRelTol = 1e-9;
// Below the normal double range a relative comparison is meaningless: the library must then have
// underflowed to (nearly) zero.
constexpr double kTiny = 1e-300;

std::string show(const Real& r) {
  std::ostringstream os;
  os << std::setprecision(25) << r;
  return os.str();
}

std::string show(double d) {
  std::ostringstream os;
  os << std::setprecision(17) << d;
  return os.str();
}

// |lib - ref| <= kRelTol |ref|.
void check_value(double lib, const Real& ref, const char* what) {
  INFO(what << ": library " << show(lib) << ", reference " << show(ref));
  CHECK(std::isfinite(lib));
  if (abs(ref) < kTiny) {
    CHECK(std::abs(lib) <= 1e3 * kTiny);
    return;
  }
  const Real rel = abs(Real(lib) - ref) / abs(ref);
  INFO("relative error " << show(rel));
  CHECK(rel <= kRelTol);
}

// A probability p, and its complement 1 - p when that is large enough (>= 1e-6) for a double p
// to carry it to 1e-9 relative (the absolute slack is the rounding of p itself near 1).
void check_probability(double lib, const Real& ref, const Real& ref_complement, const char* what) {
  check_value(lib, ref, what);
  if (ref_complement >= Real("1e-6")) {
    INFO(what << " complement: library " << show(1 - lib) << ", reference "
              << show(ref_complement));
    CHECK(abs((1 - Real(lib)) - ref_complement) <= kRelTol * ref_complement + 4.5e-16);
  }
}

// |a - b| <= tol |b| in 50 digits (for the reference's self-checks).
bool agree(const Real& a, const Real& b, const char* tol) {
  return abs(a - b) <= Real(tol) * abs(b);
}

// Calls the library; an exception is a test failure (with the inputs in the INFO context), and
// the comparisons for that point are skipped.
template <class F>
auto call_library(F&& f) -> std::optional<decltype(f())> {
  try {
    return f();
  } catch (const std::exception& e) {
    FAIL_CHECK("library threw: " << e.what());
    return std::nullopt;
  }
}

// Agent counts around a load: small, below, at, just above, and sqrt(A) steps above.
std::vector<int> agents_around(double a, std::initializer_list<int> extra = {}) {
  const double s = std::sqrt(a);
  std::vector<int> n = {1,
                        2,
                        static_cast<int>(std::floor(a / 2)),
                        static_cast<int>(std::floor(a)),
                        static_cast<int>(std::ceil(a)),
                        static_cast<int>(std::ceil(a)) + 1,
                        static_cast<int>(std::ceil(a + s)),
                        static_cast<int>(std::ceil(a + 3 * s)),
                        static_cast<int>(std::ceil(a + 6 * s)),
                        static_cast<int>(std::ceil(1.5 * a)) + 5};
  n.insert(n.end(), extra);
  std::erase_if(n, [](int k) { return k < 1; });
  std::sort(n.begin(), n.end());
  n.erase(std::unique(n.begin(), n.end()), n.end());
  return n;
}

}  // namespace

// ------------------------------------------------------------------------------------------------
// The reference checks itself.

TEST_CASE("reference: Erlang B by summation, by recurrence and in closed form", "[reference]") {
  // Closed forms: B(1, A) = A/(1+A), B(2, A) = (A^2/2)/(1 + A + A^2/2).
  for (const char* s : {"0.001", "0.5", "1", "7.25", "1000"}) {
    const Real a(s);
    CHECK(agree(reference::erlang_b(1, a), a / (1 + a), "1e-45"));
    CHECK(agree(reference::erlang_b(2, a), a * a / 2 / (1 + a + a * a / 2), "1e-45"));
  }
  // Exact rational arithmetic for small N and rational A.
  for (const auto& [n, a_num, a_den] : {std::tuple{10, 5, 1}, std::tuple{20, 31, 2},
                                        std::tuple{40, 1, 1000}, std::tuple{60, 123, 2}}) {
    const boost::multiprecision::cpp_rational a(a_num, a_den);
    boost::multiprecision::cpp_rational term = 1, sum = 1;
    for (int k = 1; k <= n; ++k) {
      term *= a / k;
      sum += term;
    }
    const boost::multiprecision::cpp_rational exact = term / sum;
    const Real exact_real = Real(numerator(exact)) / Real(denominator(exact));
    INFO("N = " << n << ", A = " << a_num << "/" << a_den);
    CHECK(agree(reference::erlang_b(n, Real(a_num) / a_den), exact_real, "1e-45"));
  }
  // Direct summation (truncated) against the untruncated recurrence.
  for (const double a : {0.001, 3.0, 99.5, 2500.0, 10000.0}) {
    const int n_max = a == 0.001 || a == 10000.0 ? 20000 : 2600;
    const std::vector<Real> table = reference::erlang_b_table(n_max, Real(a));
    for (const int n : {1, 2, 10, 100, 2400, 2500, 2600, 9900, 10000, 10400, 20000}) {
      if (n > n_max) continue;
      INFO("A = " << a << ", N = " << n);
      CHECK(agree(reference::erlang_b(n, Real(a)), table[static_cast<std::size_t>(n)], "1e-40"));
    }
  }
}

TEST_CASE("reference: Erlang C tail by the mixing argument equals direct summation",
          "[reference]") {
  struct Case {
    int n;
    double a, aht_s, t_s;
  };
  for (const Case c : {Case{1, 0.5, 180, 20}, Case{10, 8, 180, 20}, Case{10, 9.9, 180, 60},
                       Case{100, 90, 300, 20}, Case{100, 99.5, 30, 0}, Case{500, 470, 180, 15}}) {
    INFO("N = " << c.n << ", A = " << c.a << ", T = " << c.t_s);
    const auto ref = reference::erlang_c(c.n, Real(c.a), Real(c.aht_s), Real(c.t_s));
    const Real tail =
        reference::erlang_c_wait_tail_by_summation(c.n, Real(c.a), Real(c.aht_s), Real(c.t_s));
    CHECK(agree(ref.p_wait_above_threshold, tail, "1e-40"));
    CHECK(agree(ref.service_level + ref.p_wait_above_threshold, Real(1), "1e-45"));
    CHECK(agree(ref.p_wait + ref.p_no_wait, Real(1), "1e-45"));
    // C from its own chain equals the textbook N B / (N - A (1 - B)).
    const Real b = reference::erlang_b(c.n, Real(c.a));
    CHECK(agree(ref.p_wait, Real(c.n) * b / (Real(c.n) - Real(c.a) * (1 - b)), "1e-40"));
  }
}

TEST_CASE("reference: Erlang A per-state outcomes against incomplete beta and quadrature",
          "[reference]") {
  // Per arrival state j, the negative-binomial sums must equal the incomplete-beta forms (in 50
  // digits) and direct numerical integration of the hypoexponential density f_j of the offered
  // wait (in long double: the quadrature checks the formulas, the 50-digit check the arithmetic).
  using LD = long double;
  struct Case {
    int n;
    double aht_s, patience_s, t_s;
    std::vector<std::size_t> js;
  };
  boost::math::quadrature::tanh_sinh<LD> tanh_sinh;
  boost::math::quadrature::exp_sinh<LD> exp_sinh;
  const LD quad_tol = 1e-15L;
  auto near = [](const Real& r, LD q) {
    return std::abs(reference::to_double(r) - double(q)) <= 1e-12 * std::abs(double(q));
  };
  for (const Case& c : {Case{10, 180, 120, 20, {0, 1, 5, 30}}, Case{3, 300, 20, 60, {0, 2, 12}},
                        Case{200, 240, 900, 20, {0, 4, 40}}, Case{0, 180, 60, 20, {0, 3}}}) {
    const Real a_rate = Real(c.n) / c.aht_s, theta = 1 / Real(c.patience_s), t(c.t_s);
    const Real y = a_rate / theta, u = -boost::math::expm1(-theta * t);
    const auto o = reference::queue_state_outcomes(c.js.back(), a_rate, theta, t);
    const LD a_ld = LD(c.n) / LD(c.aht_s), theta_ld = 1 / LD(c.patience_s), t_ld = LD(c.t_s);
    const LD y_ld = a_ld / theta_ld;
    for (const std::size_t j : c.js) {
      INFO("N = " << c.n << ", patience = " << c.patience_s << ", T = " << c.t_s << ", j = " << j);
      const Real jp1(j + 1);
      CHECK(agree(o.answered_within[j] + o.not_answered_within[j], Real(1), "1e-45"));
      if (c.n > 0) {
        // P(V_j > T) = 1 - I_U(j+1, y);  P(answered within T | j) = y/(y+j+1) I_U(j+1, y+1).
        CHECK(agree(o.offered_wait_tail[j], boost::math::ibetac(jp1, y, u), "1e-40"));
        CHECK(agree(o.answered_within[j], y / (y + jp1) * boost::math::ibeta(jp1, y + 1, u),
                    "1e-40"));
      } else {
        CHECK(o.offered_wait_tail[j] == 1);  // nobody to answer
        CHECK(o.answered_within[j] == 0);
        CHECK(agree(o.abandon_within[j], u, "1e-45"));
        continue;
      }
      auto f = [&](LD v) { return reference::offered_wait_density<LD>(j, a_ld, theta_ld, v); };
      auto tail_at = [&](LD v) {  // P(V_j > v)
        return boost::math::ibetac(LD(j + 1), y_ld, LD(-std::expm1(-theta_ld * v)));
      };
      CHECK(std::abs(exp_sinh.integrate(f, quad_tol) - 1) <= 1e-13L);  // f_j is a density
      CHECK(near(o.offered_wait_tail[j], 1 - tanh_sinh.integrate(f, LD(0), t_ld, quad_tol)));
      // P(answered within T | j) = int_0^T f_j(v) e^{-theta v} dv, P(answered | j) up to infinity.
      auto f_answered = [&](LD v) { return f(v) * std::exp(-theta_ld * v); };
      CHECK(near(o.answered_within[j], tanh_sinh.integrate(f_answered, LD(0), t_ld, quad_tol)));
      CHECK(near(o.answered[j], exp_sinh.integrate(f_answered, quad_tol)));
      // E[V_j 1{answered}] = int_0^inf v f_j(v) e^{-theta v} dv.
      CHECK(near(o.wait_if_answered[j],
                 exp_sinh.integrate([&](LD v) { return v * f_answered(v); }, quad_tol)));
      // E[min(V_j, tau)] = int_0^inf P(V_j > v) e^{-theta v} dv.
      CHECK(near(o.wait_all[j],
                 exp_sinh.integrate([&](LD v) { return tail_at(v) * std::exp(-theta_ld * v); },
                                    quad_tol)));
      // P(abandoned within T | j) = int_0^T theta e^{-theta s} P(V_j > s) ds.
      CHECK(near(
          o.abandon_within[j],
          tanh_sinh.integrate([&](LD s) { return theta_ld * std::exp(-theta_ld * s) * tail_at(s); },
                              LD(0), t_ld, quad_tol)));
    }
  }
}

TEST_CASE("reference: Erlang A conservation laws and limits", "[reference]") {
  struct Case {
    int n;
    double a, aht_s, patience_s, t_s;
  };
  for (const Case c :
       {Case{0, 3, 180, 60, 20}, Case{1, 0.2, 180, 600, 20}, Case{8, 12, 180, 90, 20},
        Case{10, 9, 180, 120, 20}, Case{10, 9, 180, 120, 0}, Case{50, 48, 300, 1, 60},
        Case{100, 99, 180, 1e5, 20}}) {
    INFO("N = " << c.n << ", A = " << c.a << ", patience = " << c.patience_s << ", T = " << c.t_s);
    const auto r =
        reference::erlang_a(c.n, Real(c.a), Real(c.aht_s), Real(c.patience_s), Real(c.t_s));
    CHECK(agree(r.p_wait + r.p_no_wait, Real(1), "1e-45"));
    // Abandonment flow theta E[Q] equals lambda P(abandon) summed over arrival states.
    CHECK(agree(r.p_abandon, r.p_abandon_by_state, "1e-40"));
    CHECK(agree(r.p_answered + r.p_abandon, Real(1), "1e-40"));
    CHECK(agree(r.p_answered_within + r.p_not_answered_within, Real(1), "1e-40"));
    // At T: answered, abandoned or still waiting.
    CHECK(agree(r.p_answered_within + r.p_abandon_within + r.p_still_waiting, Real(1), "1e-38"));
    // Little's law on the queue: E[W over all calls] = E[Q]/lambda = P(abandon) patience.
    CHECK(agree(r.mean_wait_all_s, r.p_abandon * c.patience_s, "1e-40"));
    if (c.n > 0) CHECK(agree(r.occupancy, r.occupancy_by_busy, "1e-40"));
    if (c.t_s == 0) CHECK(agree(r.p_answered_within, r.p_no_wait, "1e-45"));
  }
  SECTION("patience -> infinity gives Erlang C") {
    for (const auto& [n, a] : {std::pair{1, 0.5}, std::pair{10, 8.0}, std::pair{50, 45.0}}) {
      INFO("N = " << n << ", A = " << a);
      const auto r = reference::erlang_a(n, Real(a), Real(180), Real("1e13"), Real(20));
      const auto c = reference::erlang_c(n, Real(a), Real(180), Real(20));
      CHECK(agree(r.p_wait, c.p_wait, "1e-7"));
      CHECK(agree(r.p_answered_within, c.service_level, "1e-7"));
      CHECK(agree(r.asa_s, c.asa_s, "1e-7"));
      CHECK(agree(r.mean_queue_length, c.mean_queue_length, "1e-7"));
      CHECK(agree(r.occupancy, c.occupancy, "1e-7"));
    }
  }
  SECTION("patience -> 0 gives Erlang B (waiting callers leave at once)") {
    for (const auto& [n, a] : {std::pair{1, 0.5}, std::pair{10, 8.0}, std::pair{50, 65.0}}) {
      INFO("N = " << n << ", A = " << a);
      const auto r = reference::erlang_a(n, Real(a), Real(180), Real("1e-12"), Real(0));
      const Real b = reference::erlang_b(n, Real(a));
      CHECK(agree(r.p_wait, b, "1e-10"));
      CHECK(agree(r.p_abandon, b, "1e-10"));
    }
  }
}

// ------------------------------------------------------------------------------------------------
// The library against the reference.

TEST_CASE("erlang_b matches the 50-digit reference", "[erlang_b][reference]") {
  for (const double a :
       {0.001, 0.05, 1.0, 5.0, 10.5, 50.0, 99.9, 500.0, 1000.0, 5000.0, 10000.0, 12000.5}) {
    std::vector<int> ns = agents_around(a);
    if (a == 0.001 || a == 99.9 || a == 10000.0) ns.push_back(20000);
    if (a == 12000.5) ns.push_back(25000);
    for (const int n : ns) {
      INFO("N = " << n << ", A = " << a);
      const Real ref = reference::erlang_b(n, Real(a));
      const auto lib = call_library([&] { return erlang_b(n, a); });
      if (lib) check_probability(*lib, ref, 1 - ref, "B");
    }
  }
  CHECK(erlang_b(0, 3.0) == 1.0);
  CHECK(erlang_b(5, 0.0) == 0.0);
}

TEST_CASE("erlang_c matches the 50-digit reference", "[erlang_c][reference]") {
  const double aht_s = 180;
  for (const double a :
       {0.001, 0.05, 1.0, 5.0, 10.5, 50.0, 99.9, 500.0, 5000.0, 9999.5, 10000.0, 12000.5}) {
    std::vector<int> ns = agents_around(a);
    std::erase_if(ns, [&](int n) { return n <= a; });
    if (a == 0.001 || a == 10000.0) ns.push_back(20000);
    if (a == 12000.5) ns.push_back(25000);
    for (const int n : ns) {
      const reference::LowerStates lower = reference::lower_states(n, Real(a));
      for (const double t_s : {0.0, 20.0, 60.0}) {
        INFO("N = " << n << ", A = " << a << ", T = " << t_s);
        const auto ref = reference::erlang_c(n, Real(a), Real(aht_s), Real(t_s), lower);
        const auto lib = call_library([&] { return erlang_c(n, a, aht_s, t_s); });
        if (!lib) continue;
        const ErlangCValues& v = *lib;
        CHECK(v.stable);
        check_probability(v.p_wait, ref.p_wait, ref.p_no_wait, "p_wait");
        check_probability(v.service_level, ref.service_level, ref.p_wait_above_threshold,
                          "service_level");
        check_value(v.asa_s, ref.asa_s, "asa_s");
        check_value(v.occupancy, ref.occupancy, "occupancy");
        check_value(v.mean_queue_length, ref.mean_queue_length, "mean_queue_length");
        if (t_s == 0) check_value(erlang_c_p_wait(n, a), ref.p_wait, "erlang_c_p_wait");
      }
    }
  }
  SECTION("other handle times scale time, not probabilities") {
    for (const double aht_s2 : {30.0, 600.0}) {
      const auto ref = reference::erlang_c(12, Real(10), Real(aht_s2), Real(20));
      const ErlangCValues v = erlang_c(12, 10, aht_s2, 20);
      INFO("AHT = " << aht_s2);
      check_probability(v.service_level, ref.service_level, ref.p_wait_above_threshold,
                        "service_level");
      check_value(v.asa_s, ref.asa_s, "asa_s");
    }
  }
  SECTION("N <= A is flagged unstable, never NaN") {
    for (const auto& [n, a] : {std::pair{10.0, 10.0}, std::pair{5.0, 7.5}, std::pair{0.0, 1.0}}) {
      INFO("N = " << n << ", A = " << a);
      const ErlangCValues v = erlang_c(n, a, 180, 20);
      CHECK_FALSE(v.stable);
      CHECK(v.p_wait == 1.0);
      CHECK(v.service_level == 0.0);
      CHECK(v.asa_s == std::numeric_limits<double>::infinity());
      CHECK(v.occupancy == 1.0);
      CHECK(erlang_c_p_wait(n, a) == 1.0);
    }
  }
}

TEST_CASE("erlang_a matches the 50-digit reference", "[erlang_a][reference]") {
  // The grid is chosen so the reference (O(N + queue states) in 50 digits) stays within a few
  // seconds under ASan: long patience is combined with small loads or with N above A, where the
  // queue (which grows like sqrt(N patience / AHT), or (A - N) patience / AHT when N < A) is
  // short. Thresholds rotate over 0, 20 and 60 s so that each appears in every regime.
  struct Block {
    double a;
    std::vector<int> agents;
    std::vector<double> patience_s;
  };
  const std::vector<Block> grid = {
      {0.001, {0, 1, 2, 5}, {1, 30, 180, 600, 3600, 1e6}},
      {0.5, {0, 1, 2, 3}, {1, 30, 180, 600, 3600, 1e6}},
      {5, {0, 1, 3}, {1, 30, 180, 600, 3600}},
      {5, {5, 6, 10}, {1, 30, 180, 600, 3600, 1e6}},
      {50, {0, 1, 40}, {1, 30, 180, 600}},
      {50, {49, 50}, {1, 30, 180, 600, 3600}},
      {50, {51, 58, 80}, {1, 180, 3600, 1e6}},
      {500, {450, 500, 501}, {1, 30, 180, 600}},
      {500, {523, 600}, {1, 180, 3600, 1e6}},
      {5000, {4900, 5000, 5071, 5300}, {1, 30, 180}},
      {10000, {9900, 10000, 10001, 10300}, {1, 30}},
      {10000, {10300}, {600}},
      {10000, {20000}, {30, 3600}},
      {12000.5, {12000, 12400}, {1, 180}},
      {12000.5, {12001}, {1}},
      {12000.5, {25000}, {600}},
  };
  const double aht_s = 180;
  const double thresholds[] = {0, 20, 60};
  std::size_t rotation = 0, states = 0;
  for (const Block& block : grid) {
    for (const int n : block.agents) {
      for (const double patience_s : block.patience_s) {
        const double t_s = thresholds[rotation++ % 3];
        INFO("N = " << n << ", A = " << block.a << ", AHT = " << aht_s
                    << ", patience = " << patience_s << ", T = " << t_s);
        const auto ref =
            reference::erlang_a(n, Real(block.a), Real(aht_s), Real(patience_s), Real(t_s));
        states += ref.queue_states;
        const auto lib = call_library([&] { return erlang_a(n, block.a, aht_s, patience_s, t_s); });
        if (!lib) continue;
        const ErlangAValues& v = *lib;
        check_probability(v.p_wait, ref.p_wait, ref.p_no_wait, "p_wait");
        check_probability(v.p_abandon, ref.p_abandon, ref.p_answered, "p_abandon");
        check_probability(v.p_answered_within, ref.p_answered_within, ref.p_not_answered_within,
                          "p_answered_within");
        check_probability(v.p_abandon_within, ref.p_abandon_within,
                          ref.p_answered_within + ref.p_still_waiting, "p_abandon_within");
        check_value(v.mean_wait_all_s, ref.mean_wait_all_s, "mean_wait_all_s");
        check_value(v.mean_queue_length, ref.mean_queue_length, "mean_queue_length");
        // ASA and occupancy are averages over answered calls and over agents: undefined at N = 0.
        if (n > 0) {
          check_value(v.asa_s, ref.asa_s, "asa_s");
          check_value(v.occupancy, ref.occupancy, "occupancy");
        }
      }
    }
  }
  INFO("queue states summed by the reference: " << states);
  CHECK(states > 0);

  SECTION("other handle times") {
    for (const double aht_s2 : {30.0, 600.0}) {
      for (const double t_s : {0.0, 20.0}) {
        INFO("AHT = " << aht_s2 << ", T = " << t_s);
        const auto ref = reference::erlang_a(12, Real(11), Real(aht_s2), Real(120), Real(t_s));
        const auto lib = call_library([&] { return erlang_a(12, 11, aht_s2, 120, t_s); });
        if (!lib) continue;
        const ErlangAValues& v = *lib;
        check_probability(v.p_answered_within, ref.p_answered_within, ref.p_not_answered_within,
                          "p_answered_within");
        check_probability(v.p_abandon_within, ref.p_abandon_within,
                          ref.p_answered_within + ref.p_still_waiting, "p_abandon_within");
        check_value(v.asa_s, ref.asa_s, "asa_s");
      }
    }
  }
}

// ------------------------------------------------------------------------------------------------
// Fractional agents: the continuous extension is continuous at the integers and monotone.

TEST_CASE("fractional agents: continuity at integers and monotonicity", "[erlang_b][erlang_c]") {
  const double h = 1e-9;
  for (const auto& [n, a] :
       {std::pair{1.0, 0.5}, std::pair{10.0, 5.0}, std::pair{10.0, 9.5}, std::pair{100.0, 100.0},
        std::pair{523.0, 500.0}, std::pair{10300.0, 10000.0}, std::pair{20000.0, 12000.5}}) {
    INFO("N = " << n << ", A = " << a);
    const double b = erlang_b(n, a);
    // |dB/dN| <= B (log(N/A) + 1/N + ...) is modest, so 1e-9 agents move B by ~1e-8 relative.
    CHECK_THAT(erlang_b(n - h, a), Catch::Matchers::WithinRel(b, 1e-7));
    CHECK_THAT(erlang_b(n + h, a), Catch::Matchers::WithinRel(b, 1e-7));
    CHECK(erlang_b(n - h, a) >= b);
    CHECK(erlang_b(n + h, a) <= b);
    // Between neighbours: B decreases in N.
    for (const double frac : {0.001, 0.25, 0.5, 0.75, 0.999}) {
      INFO("fraction " << frac);
      const double bf = erlang_b(n + frac, a);
      CHECK(bf <= b);
      CHECK(bf >= erlang_b(n + 1, a));
    }
    if (n > a) {
      const ErlangCValues c = erlang_c(n, a, 180, 20);
      const ErlangCValues lo = erlang_c(n - h, a, 180, 20), hi = erlang_c(n + h, a, 180, 20);
      if (n - h > a) CHECK_THAT(lo.p_wait, Catch::Matchers::WithinRel(c.p_wait, 1e-6));
      CHECK_THAT(hi.p_wait, Catch::Matchers::WithinRel(c.p_wait, 1e-6));
      CHECK_THAT(hi.service_level, Catch::Matchers::WithinRel(c.service_level, 1e-6));
      for (const double frac : {0.25, 0.5, 0.75}) {
        const double cf = erlang_c_p_wait(n + frac, a);
        CHECK(cf <= c.p_wait);
        CHECK(cf >= erlang_c_p_wait(n + 1, a));
      }
    }
  }
  SECTION("Erlang A is continuous at integers") {
    for (const auto& [n, a] : {std::pair{1.0, 0.5}, std::pair{10.0, 12.0}, std::pair{50.0, 48.0},
                               std::pair{1000.0, 1000.0}}) {
      INFO("N = " << n << ", A = " << a);
      const ErlangAValues v = erlang_a(n, a, 180, 120, 20);
      for (const double m : {n - h, n + h}) {
        const ErlangAValues w = erlang_a(m, a, 180, 120, 20);
        CHECK_THAT(w.p_wait, Catch::Matchers::WithinRel(v.p_wait, 1e-6));
        CHECK_THAT(w.p_abandon, Catch::Matchers::WithinRel(v.p_abandon, 1e-6));
        CHECK_THAT(w.p_answered_within, Catch::Matchers::WithinRel(v.p_answered_within, 1e-6));
        CHECK_THAT(w.asa_s, Catch::Matchers::WithinRel(v.asa_s, 1e-6));
      }
      // P(abandon) decreases with more agents, also between integers.
      for (const double frac : {0.25, 0.5, 0.75}) {
        const double p = erlang_a(n + frac, a, 180, 120, 20).p_abandon;
        CHECK(p <= v.p_abandon);
        CHECK(p >= erlang_a(n + 1, a, 180, 120, 20).p_abandon);
      }
    }
  }
}

}  // namespace wfm::staffing
