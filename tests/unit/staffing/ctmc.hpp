// Test-only generic continuous-time Markov chain tools, the independent method for the Erlang X
// and chat engines (which solve birth-death chains by ratios from the mode and get waiting times
// from negative binomial sums): a dense generator solved for pi Q = 0 by Gaussian elimination
// with partial pivoting (long double), and transient probabilities by uniformization. Nothing
// here knows about queues; the tests build the generators state by state.
#pragma once

#include <cmath>
#include <cstddef>
#include <stdexcept>
#include <vector>

namespace wfm::staffing::test {

using Real = long double;

struct Generator {
  explicit Generator(std::size_t n) : size(n), q(n * n, 0.0L) {}
  std::size_t size;
  std::vector<Real> q;  // row-major, q[i * n + j] = rate i -> j (i != j), diagonal = -row sum
  void add(std::size_t from, std::size_t to, Real rate) {
    if (rate <= 0 || from == to) return;
    q[from * size + to] += rate;
    q[from * size + from] -= rate;
  }
  Real at(std::size_t i, std::size_t j) const { return q[i * size + j]; }
};

// pi with pi Q = 0, sum pi = 1: solve Q^T pi = 0 with the last equation replaced by sum = 1.
inline std::vector<Real> stationary(const Generator& g) {
  const std::size_t n = g.size;
  std::vector<Real> m(n * (n + 1), 0.0L);  // augmented [Q^T | b]
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j) m[i * (n + 1) + j] = g.at(j, i);
  for (std::size_t j = 0; j < n; ++j) m[(n - 1) * (n + 1) + j] = 1;
  m[(n - 1) * (n + 1) + n] = 1;
  for (std::size_t c = 0; c < n; ++c) {
    std::size_t piv = c;
    for (std::size_t r = c + 1; r < n; ++r)
      if (std::fabs(m[r * (n + 1) + c]) > std::fabs(m[piv * (n + 1) + c])) piv = r;
    if (m[piv * (n + 1) + c] == 0) throw std::runtime_error("ctmc: singular generator");
    if (piv != c)
      for (std::size_t j = 0; j <= n; ++j) std::swap(m[c * (n + 1) + j], m[piv * (n + 1) + j]);
    for (std::size_t r = 0; r < n; ++r) {
      if (r == c) continue;
      const Real f = m[r * (n + 1) + c] / m[c * (n + 1) + c];
      if (f == 0) continue;
      for (std::size_t j = c; j <= n; ++j) m[r * (n + 1) + j] -= f * m[c * (n + 1) + j];
    }
  }
  std::vector<Real> pi(n);
  for (std::size_t i = 0; i < n; ++i) pi[i] = m[i * (n + 1) + n] / m[i * (n + 1) + i];
  return pi;
}

// The distribution at time t from p0: uniformization, p(t) = sum_k Pois(L t; k) p0 P^k with
// P = I + Q / L, L the largest exit rate; terms until past the mode and below 1e-22.
inline std::vector<Real> transient(const Generator& g, std::vector<Real> p0, Real t) {
  const std::size_t n = g.size;
  Real rate = 0;
  for (std::size_t i = 0; i < n; ++i) rate = std::fmax(rate, -g.at(i, i));
  std::vector<Real> out(n, 0.0L);
  if (rate == 0 || t == 0) return p0;
  const Real lt = rate * t;
  // Poisson weights by logs (lt may be large).
  Real cumulative = 0;
  std::vector<Real> v = std::move(p0), next(n);
  for (long k = 0;; ++k) {
    const Real w = std::exp(-lt + k * std::log(lt) - std::lgamma(static_cast<Real>(k + 1)));
    for (std::size_t i = 0; i < n; ++i) out[i] += w * v[i];
    cumulative += w;
    if (k > lt && w < 1e-22L * cumulative) break;
    if (k > 100000) throw std::runtime_error("ctmc: uniformization did not converge");
    for (std::size_t j = 0; j < n; ++j) {
      Real s = 0;
      for (std::size_t i = 0; i < n; ++i) s += v[i] * (g.at(i, j) / rate + (i == j ? 1 : 0));
      next[j] = s;
    }
    std::swap(v, next);
  }
  return out;
}

// A tagged caller who finds j callers waiting ahead of him, with `served_rate` the total rate at
// which the head of the queue enters service, theta the abandonment rate of each waiting caller
// (his own included): states 0..j = callers ahead, j+1 = served, j+2 = abandoned (absorbing).
struct TaggedCaller {
  Real served_within = 0;   // P(served within t)
  Real still_waiting = 0;   // P(waiting at t)
  Real served = 0;          // P(served eventually), first-step analysis
  Real wait_if_served = 0;  // E[wait 1{served}], first-step analysis
};

inline TaggedCaller tagged_caller(long j, Real served_rate, Real theta, Real t) {
  const std::size_t n = static_cast<std::size_t>(j) + 3;
  const std::size_t served = n - 2, abandoned = n - 1;
  Generator g(n);
  for (long i = 0; i <= j; ++i) {
    const auto s = static_cast<std::size_t>(i);
    g.add(s, i == 0 ? served : s - 1, served_rate + i * theta);
    g.add(s, abandoned, theta);
  }
  std::vector<Real> p0(n, 0.0L);
  p0[static_cast<std::size_t>(j)] = 1;
  const auto p = transient(g, p0, t);
  TaggedCaller out;
  out.served_within = p[served];
  for (long i = 0; i <= j; ++i) out.still_waiting += p[static_cast<std::size_t>(i)];
  // First-step analysis from 0 upwards: h_i = P(served), m_i = E[tau 1{served}].
  Real h = 1, m = 0;  // "served" state
  for (long i = 0; i <= j; ++i) {
    const Real forward = served_rate + i * theta, total = forward + theta;
    const Real h_new = forward / total * h;
    m = forward / total * (m + h / total);
    h = h_new;
  }
  out.served = h;
  out.wait_if_served = m;
  return out;
}

}  // namespace wfm::staffing::test
