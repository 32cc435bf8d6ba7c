// Test-only 50-digit reference for Erlang B, C and A, computed by direct summation over the
// stationary distribution of the birth-death chain (never by the incomplete-gamma closed forms the
// library uses), so that agreement with src/wfm/staffing/erlang_{b,c,a}.cpp is evidence, not
// tautology. Used by reference_test.cpp; the formulas are derived in the comments below and checked
// against each other (two methods per quantity where possible) in that test.
//
// Arithmetic is boost::multiprecision::cpp_bin_float_50 (50 decimal digits, binary exponent range
// +-2^31), so A^k/k!-type terms scaled by pi_N neither overflow nor underflow for N <= 1e7: no
// logarithms or rescaling are needed and tiny results (B(20000, 0.001) ~ 1e-137000) stay exact
// to ~45 digits. Infinite sums are truncated when their terms are decreasing and below 1e-60 of
// the partial sum. Integer agents only; the library's fractional extension is tested for
// continuity and monotonicity instead.
#pragma once

#include <boost/math/special_functions/expm1.hpp>
#include <boost/multiprecision/cpp_bin_float.hpp>

#include <cmath>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

namespace wfm::staffing::reference {

using Real = boost::multiprecision::cpp_bin_float_50;

// Relative size below which a decreasing tail of a series is dropped.
inline const Real& truncation_eps() {
  static const Real eps("1e-60");
  return eps;
}

inline void require(bool ok, const char* what) {
  if (!ok) throw std::invalid_argument(std::string("reference: ") + what);
}

// ---------------------------------------------------------------------------------------------
// The chain below N. For N agents and load A (Erlangs), the states k = 0..N (k busy agents, no
// queue) satisfy detailed balance pi_k lambda = pi_{k+1} (k+1) mu, i.e. pi_{k-1}/pi_k = k/A.
// Relative to pi_N: w_k = pi_k/pi_N = prod_{i=k+1..N} i/A, and
//   sum_{k<N} w_k = 1/B(N, A) - 1   (B = pi_N / sum_{k<=N} pi_k is Erlang B).
// Walking down from k = N the terms grow while k > A and then fall faster than geometrically
// (ratio (k-1)/A, itself decreasing), so the walk stops once k-1 < A and the term is below
// 1e-60 of the partial sum: the dropped tail is < 1e-60 * sqrt(2 pi A) relative.
struct LowerStates {
  Real sum;       // sum_{k<N} pi_k / pi_N
  Real busy_sum;  // sum_{k<N} k pi_k / pi_N  (for the mean number of busy agents)
};

inline LowerStates lower_states(int n, const Real& a) {
  require(n >= 0 && n <= 10'000'000, "agents in [0, 1e7]");
  require(a > 0, "load > 0");
  LowerStates out{0, 0};
  const Real inv_a = 1 / a;
  Real w = 1;  // w_N
  for (int k = n; k >= 1; --k) {
    w *= Real(k) * inv_a;  // now w_{k-1}
    out.sum += w;
    out.busy_sum += Real(k - 1) * w;
    if (Real(k - 1) < a && w < truncation_eps() * out.sum) break;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Erlang B, method 1: direct summation, B = pi_N / sum_{k<=N} pi_k = 1 / (1 + sum_{k<N} w_k).
inline Real erlang_b(int n, const Real& a) {
  require(n >= 0, "agents >= 0");
  require(a >= 0, "load >= 0");
  if (n == 0) return Real(1);
  if (a == 0) return Real(0);
  return 1 / (1 + lower_states(n, a).sum);
}

// Erlang B, method 2: the recurrence 1/B(n) = 1 + (n/A) / B(n-1), 1/B(0) = 1 (Horner's scheme for
// the same sum, accumulated from the other end, no truncation). Returns B(0..n_max).
inline std::vector<Real> erlang_b_table(int n_max, const Real& a) {
  require(n_max >= 0, "agents >= 0");
  require(a > 0, "load > 0");
  std::vector<Real> b(static_cast<std::size_t>(n_max) + 1);
  Real inv = 1;
  b[0] = 1;
  for (int n = 1; n <= n_max; ++n) {
    inv = 1 + inv * Real(n) / a;
    b[static_cast<std::size_t>(n)] = 1 / inv;
  }
  return b;
}

// ---------------------------------------------------------------------------------------------
// Erlang C (M/M/N, N > A). Above N the chain has pi_{N+j} = pi_N rho^j, rho = A/N, whose sum is
// the geometric series 1/(1 - rho) = N/(N - A). With Z = sum_{k<N} w_k + N/(N-A):
//   C = P(wait) = (N/(N-A)) / Z                      (PASTA: arrivals see the stationary chain)
// An arrival that finds j waiting waits for j+1 service completions at rate N mu: Erlang(j+1, N
// mu). Mixing over j ~ Geometric(1-rho) gives an Exp(N mu (1 - rho)) = Exp((N - A)/AHT) wait, so
//   P(W > T) = C exp(-(N - A) T / AHT),  SL = 1 - P(W > T),  ASA = E[W] = C AHT / (N - A),
//   E[Q] = sum_j j pi_{N+j} = C rho / (1 - rho),  occupancy = E[busy]/N = A/N.
// erlang_c_wait_tail_by_summation() below re-derives P(W > T) without the mixing argument.
struct ErlangC {
  bool stable = false;
  Real p_wait, p_no_wait;                      // C and 1 - C, each without cancellation
  Real service_level, p_wait_above_threshold;  // SL and 1 - SL
  Real asa_s, occupancy, mean_queue_length;
};

// With the states below N already summed (to share them between thresholds).
inline ErlangC erlang_c(int n, const Real& a, const Real& aht_s, const Real& threshold_s,
                        const LowerStates& lo) {
  require(a > 0 && aht_s > 0 && threshold_s >= 0, "load > 0, aht > 0, threshold >= 0");
  ErlangC c;
  c.stable = Real(n) > a;
  require(c.stable, "Erlang C reference needs agents > load");
  const Real queue = Real(n) / (Real(n) - a);
  const Real z = lo.sum + queue;
  c.p_wait = queue / z;
  c.p_no_wait = lo.sum / z;
  const Real rate = (Real(n) - a) / aht_s;  // decay rate of P(W > t) given a wait
  c.p_wait_above_threshold = c.p_wait * exp(-rate * threshold_s);
  c.service_level = c.p_no_wait - c.p_wait * boost::math::expm1(-rate * threshold_s);
  c.asa_s = c.p_wait / rate;
  const Real rho = a / Real(n);
  c.occupancy = rho;
  c.mean_queue_length = c.p_wait * rho / (1 - rho);
  return c;
}

inline ErlangC erlang_c(int n, const Real& a, const Real& aht_s, const Real& threshold_s) {
  return erlang_c(n, a, aht_s, threshold_s, lower_states(n, a));
}

// P(W > T) for Erlang C by direct summation over the arrival state: an arrival that finds j
// waiting waits > T iff fewer than j+1 completions of a rate-N/AHT Poisson process occur in T,
//   P(W > T) = sum_j pi_{N+j} P(Poisson(N T / AHT) <= j).
inline Real erlang_c_wait_tail_by_summation(int n, const Real& a, const Real& aht_s,
                                            const Real& threshold_s) {
  require(Real(n) > a, "agents > load");
  const LowerStates lo = lower_states(n, a);
  const Real z = lo.sum + Real(n) / (Real(n) - a);
  const Real rho = a / Real(n);
  const Real m = Real(n) * threshold_s / aht_s;  // Poisson mean
  Real poisson_term = exp(-m), poisson_cdf = poisson_term, geometric = 1, sum = 0;
  for (long j = 0;; ++j) {
    const Real term = geometric * poisson_cdf;
    sum += term;
    if (Real(j) > m && term < truncation_eps() * sum) break;
    geometric *= rho;
    poisson_term *= m / Real(j + 1);
    poisson_cdf += poisson_term;
    require(j < 50'000'000, "Erlang C tail summation did not converge");
  }
  return sum / z;
}

// ---------------------------------------------------------------------------------------------
// Erlang A (M/M/N+M). Rates per second: lambda = A/AHT, mu = 1/AHT, theta = 1/patience, and
// a = N mu. Below N the chain is the M/M/N one above. With j callers waiting the queue loses one
// at rate a + j theta (a service completion or an abandonment), so
//   pi_{N+j} = pi_N prod_{i=1..j} lambda/(a + i theta) = pi_N prod_{i=1..j} x/(y + i),
// x = lambda/theta, y = a/theta. The terms rise while y + j < x and then fall faster than
// geometrically; the sum is truncated as described at the top.
//
// The tagged arrival (PASTA) that finds j >= 0 waiting (all N agents busy) is FCFS, so only the j
// callers ahead matter: while i are ahead its position advances at rate r_i = a + i theta, and
//   V_j = sum_{i=0..j} Exp(r_i)        (the "offered wait": its wait if it had infinite patience).
// Its own patience tau ~ Exp(theta) is independent of V_j; it is answered iff tau > V_j, after
// waiting min(V_j, tau). Laplace transform L_j(s) = E e^{-s V_j} = prod_i r_i/(r_i + s), so
//   P(answered | j)       = L_j(theta) = prod_{i=0..j} (a + i theta)/(a + (i+1) theta)
//                         = y/(y + j + 1)                          (telescoping)
//   E[V_j 1{ans} | j]     = E[V_j e^{-theta V_j}] = -L_j'(theta)
//                         = y/(y + j + 1) * sum_{i=0..j} 1/(a + (i+1) theta)
//   E[min(V_j, tau) | j]  = int_0^inf P(V_j > t) e^{-theta t} dt = (1 - L_j(theta))/theta
//                         = (j + 1)/(a + (j + 1) theta).
// Threshold T: the rates form an arithmetic progression, so V_j has the density
//   f_j(v) = (prod_i r_i)/(theta^j j!) e^{-a v} (1 - e^{-theta v})^j
// (its transform is prod_i r_i/(r_i + s): substitute u = e^{-theta v} to get a Beta integral).
// With U = 1 - e^{-theta T} the same substitution gives regularized incomplete beta functions,
//   P(V_j <= T)                  = I_U(j + 1, y)
//   P(answered within T | j)     = int_0^T f_j(v) e^{-theta v} dv = y/(y+j+1) I_U(j + 1, y + 1)
// and I_U(j + 1, b) = P(X_b >= j + 1) for X_b ~ NegativeBinomial(b, U), whose pmf
//   t_0 = (1 - U)^b = e^{-b theta T},  t_{k+1} = t_k U (k + b)/(k + 1)
// is all-positive: the reference sums it (lower CDFs upwards, upper tails downwards, no
// cancellation) instead of evaluating an incomplete beta or gamma function; reference_test.cpp
// checks these against boost::math::ibeta and against numerical integration of f_j. Then
//   P(still waiting at T | j)    = P(V_j > T) P(tau > T) = (1 - U) P(X_y <= j)
//   P(abandoned by T | j)        = 1 - P(answered within T | j) - P(still waiting at T | j)
// (the three outcomes at time T are exhaustive; the subtraction loses at most ~10 of 50 digits).
// Totals: arrivals that find k < N are answered at once (wait 0). With Z = sum_k pi_k / pi_N:
//   P(wait) = sum_j pi_{N+j}/Z,  P(abandon) = theta E[Q] / lambda (abandonment flow = theta E[Q];
//   also checked against sum_j pi_{N+j} (j+1)/(y+j+1)/Z),  ASA = E[W 1{ans}] / P(ans),
//   E[W] over all calls = sum_j pi_{N+j} E[min(V_j, tau)] (checked against P(abandon)/theta),
//   occupancy = A (1 - P(abandon))/N (checked against E[busy agents]/N).

// P(X <= j) and P(X > j), j = 0..j_max, for X ~ NegativeBinomial(b, u), with ln(1 - u) given
// separately (exact as -theta T). All sums are of positive terms.
struct NegativeBinomialTables {
  std::vector<Real> lower;  // P(X <= j)
  std::vector<Real> upper;  // P(X > j)
};

inline NegativeBinomialTables negative_binomial_tables(const Real& b, const Real& u,
                                                       const Real& log_one_minus_u,
                                                       std::size_t j_max) {
  require(b >= 0 && u >= 0 && u < 1, "negative binomial parameters");
  NegativeBinomialTables out;
  out.lower.resize(j_max + 1);
  out.upper.resize(j_max + 1);
  std::vector<Real> t(j_max + 1);
  t[0] = exp(b * log_one_minus_u);
  for (std::size_t k = 0; k < j_max; ++k) t[k + 1] = t[k] * u * (Real(k) + b) / Real(k + 1);
  Real cdf = 0;
  for (std::size_t k = 0; k <= j_max; ++k) out.lower[k] = cdf += t[k];
  // P(X > j_max): by complement when that keeps >= 38 of the 50 digits, else (a light tail far
  // beyond the bulk, where the terms fall at least geometrically) by summing the tail upwards.
  Real tail = 1 - out.lower[j_max];
  if (tail < Real("1e-10")) {
    const Real mode = b > 1 ? (b - 1) * u / (1 - u) : Real(0);
    Real term = t[j_max];
    tail = 0;
    for (std::size_t k = j_max;; ++k) {
      term *= u * (Real(k) + b) / Real(k + 1);
      tail += term;
      if (Real(k + 1) > mode && term <= truncation_eps() * tail) break;
      require(k < j_max + 2'000'000, "negative binomial tail did not converge");
    }
  }
  out.upper[j_max] = tail;
  for (std::size_t k = j_max; k-- > 0;) out.upper[k] = out.upper[k + 1] + t[k + 1];
  return out;
}

// Per-arrival-state outcomes, j = 0..j_max waiting ahead (derivations above).
struct QueueStateOutcomes {
  std::vector<Real> answered;             // P(answered | j)
  std::vector<Real> answered_within;      // P(answered with wait <= T | j)
  std::vector<Real> not_answered_within;  // 1 - answered_within, without cancellation
  std::vector<Real> still_waiting;        // P(still waiting at T | j)
  std::vector<Real> abandon_within;       // P(abandoned with wait <= T | j)
  std::vector<Real> offered_wait_tail;    // P(V_j > T)
  std::vector<Real> wait_if_answered;     // E[V_j 1{answered} | j]
  std::vector<Real> wait_all;             // E[min(V_j, tau) | j]
};

inline QueueStateOutcomes queue_state_outcomes(std::size_t j_max, const Real& a_rate,
                                               const Real& theta, const Real& threshold_s) {
  require(a_rate >= 0 && theta > 0 && threshold_s >= 0, "queue state parameters");
  const Real y = a_rate / theta;
  const Real log_one_minus_u = -theta * threshold_s;
  const Real u = -boost::math::expm1(log_one_minus_u);
  const Real one_minus_u = exp(log_one_minus_u);
  const NegativeBinomialTables nb_y = negative_binomial_tables(y, u, log_one_minus_u, j_max);
  const NegativeBinomialTables nb_y1 = negative_binomial_tables(y + 1, u, log_one_minus_u, j_max);
  QueueStateOutcomes o;
  for (auto* v : {&o.answered, &o.answered_within, &o.not_answered_within, &o.still_waiting,
                  &o.abandon_within, &o.offered_wait_tail, &o.wait_if_answered, &o.wait_all})
    v->resize(j_max + 1);
  Real harmonic = 0;  // sum_{i=0..j} 1/(a + (i+1) theta)
  for (std::size_t j = 0; j <= j_max; ++j) {
    const Real jp1 = Real(j + 1);
    const Real denom = y + jp1;
    harmonic += 1 / (a_rate + jp1 * theta);
    o.answered[j] = y / denom;
    o.answered_within[j] = y / denom * nb_y1.upper[j];
    o.not_answered_within[j] = jp1 / denom + y / denom * nb_y1.lower[j];
    o.offered_wait_tail[j] = nb_y.lower[j];
    o.still_waiting[j] = one_minus_u * nb_y.lower[j];
    o.abandon_within[j] = 1 - o.answered_within[j] - o.still_waiting[j];
    o.wait_if_answered[j] = y / denom * harmonic;
    o.wait_all[j] = jp1 / (a_rate + jp1 * theta);
  }
  return o;
}

// Density f_j(v) of the offered wait V_j, for numerical cross-checks (in any floating type).
template <class F>
F offered_wait_density(std::size_t j, const F& a_rate, const F& theta, const F& v) {
  using std::exp;
  using std::pow;
  F c = a_rate;  // prod_{i=0..j} r_i / (theta^j j!) = a prod_{i=1..j} (a + i theta)/(i theta)
  for (std::size_t i = 1; i <= j; ++i) c *= (a_rate + F(i) * theta) / (F(i) * theta);
  return c * exp(-a_rate * v) * pow(F(-boost::math::expm1(-theta * v)), static_cast<int>(j));
}

struct ErlangA {
  Real p_wait, p_no_wait;
  Real p_abandon;           // theta E[Q] / lambda
  Real p_abandon_by_state;  // sum_j pi_{N+j} P(abandon | j) / Z
  Real p_answered;          // 1 - p_abandon, as a sum of positive terms
  Real p_answered_within, p_not_answered_within;
  Real p_abandon_within, p_still_waiting;
  Real asa_s;                    // E[W 1{answered}] / P(answered); 0 when nothing is answered
  Real mean_wait_all_s;          // sum_j pi_{N+j} E[min(V_j, tau)] / Z
  Real occupancy;                // A (1 - p_abandon) / N; 0 when N = 0
  Real occupancy_by_busy;        // E[busy agents] / N
  Real mean_queue_length;        // E[Q]
  std::size_t queue_states = 0;  // j_max + 1 after truncation
};

inline ErlangA erlang_a(int n, const Real& a, const Real& aht_s, const Real& patience_s,
                        const Real& threshold_s) {
  require(n >= 0 && a > 0 && aht_s > 0 && patience_s > 0 && threshold_s >= 0,
          "Erlang A parameters");
  const Real lambda = a / aht_s, theta = 1 / patience_s, a_rate = Real(n) / aht_s;
  const Real x = lambda / theta, y = a_rate / theta;
  const LowerStates lo = n > 0 ? lower_states(n, a) : LowerStates{0, 0};

  std::vector<Real> q{Real(1)};  // pi_{N+j} / pi_N
  Real q_sum = 1;
  for (std::size_t j = 1;; ++j) {
    const Real next = q.back() * x / (y + Real(j));
    q.push_back(next);
    q_sum += next;
    if (y + Real(j) > x && next < truncation_eps() * q_sum) break;
    require(j < 20'000'000, "Erlang A queue sum did not converge");
  }
  const std::size_t j_max = q.size() - 1;
  const QueueStateOutcomes o = queue_state_outcomes(j_max, a_rate, theta, threshold_s);

  Real eq = 0, ans = 0, ab = 0, ans_t = 0, not_ans_t = 0, ab_t = 0, still = 0, w_ans = 0, w_all = 0;
  for (std::size_t j = 0; j <= j_max; ++j) {
    eq += Real(j) * q[j];
    ans += q[j] * o.answered[j];
    ab += q[j] * Real(j + 1) / (y + Real(j + 1));
    ans_t += q[j] * o.answered_within[j];
    not_ans_t += q[j] * o.not_answered_within[j];
    ab_t += q[j] * o.abandon_within[j];
    still += q[j] * o.still_waiting[j];
    w_ans += q[j] * o.wait_if_answered[j];
    w_all += q[j] * o.wait_all[j];
  }
  const Real z = lo.sum + q_sum;
  ErlangA r;
  r.queue_states = j_max + 1;
  r.p_wait = q_sum / z;
  r.p_no_wait = lo.sum / z;
  r.mean_queue_length = eq / z;
  r.p_abandon = theta * r.mean_queue_length / lambda;
  r.p_abandon_by_state = ab / z;
  r.p_answered = (lo.sum + ans) / z;
  r.p_answered_within = (lo.sum + ans_t) / z;
  r.p_not_answered_within = not_ans_t / z;
  r.p_abandon_within = ab_t / z;
  r.p_still_waiting = still / z;
  r.asa_s = lo.sum + ans > 0 ? w_ans / (lo.sum + ans) : Real(0);
  r.mean_wait_all_s = w_all / z;
  r.occupancy = n > 0 ? a * r.p_answered / Real(n) : Real(0);
  r.occupancy_by_busy = n > 0 ? (lo.busy_sum + Real(n) * q_sum) / z / Real(n) : Real(0);
  return r;
}

inline double to_double(const Real& v) {
  return v.convert_to<double>();
}

}  // namespace wfm::staffing::reference
