// The stationary measures of a queue whose number in system is a birth-death chain: Poisson
// arrivals (rate lambda), `slots` service positions whose total service rate D(n) depends on the
// number n in system (n <= slots), waiting callers beyond the slots who abandon at rate theta each,
// and an optional capacity (lines) N >= slots above which arrivals are blocked. The core of the
// Erlang X engine (erlang_x.hpp: D(n) = min(n, s) mu) and of the chat engine (chat.hpp: D(n) the
// rate of n chats spread evenly over the agents).
//
// Solution. pi_{n+1}/pi_n = lambda / d(n+1), d(n) = D(n) for n <= slots and D(slots) + (n-slots)
// theta above; d must be nondecreasing (both engines check it), so the distribution is unimodal.
// Weights are set to 1 at the mode and walked outwards by these ratios until a term is below
// 1e-20 of the running sum (the dropped tails are bounded by geometric series), so no term
// overflows whatever the load (tested to 20,000 agents and 10,000+ Erlangs), and the cost is the
// width of the distribution, O(sqrt(load) + queue), not the number of agents.
//
// Waiting times (PASTA: arrivals see pi). A caller who finds j callers waiting (n = slots + j < N)
// reaches service after V_j = sum_{i=0..j} Exp(r + i theta), r = D(slots), while the number ahead
// of him falls by service starts and abandonments ahead. Its Laplace transform is prod_i
// (a+i)/(a+i+u/theta), a = r/theta, so exp(-theta V_j) ~ Beta(a, j+1) and
//   P(V_j > t) = I_{e^{-theta t}}(a, j+1) = P(NegBin(a, 1 - e^{-theta t}) <= j),
// a sum of positive terms computed by the negative binomial's pmf recurrence (no cancellation;
// the Poisson(r t) CDF when theta = 0). With his own patience P ~ Exp(theta), independent of V_j:
//   P(answered | j)            = E[e^{-theta V_j}] = r / (r + (j+1) theta)
//   P(answered within t | j)   = P(answered | j) P(V'_j <= t), V'_j = sum_{i=1..j+1} Exp(r + i
//   theta)
//                                (the density of V_j times e^{-theta v}, renormalised: NegBin(a+1))
//   P(still waiting at t | j)  = e^{-theta t} P(V_j > t)
//   E[W 1{answered} | j]       = P(answered | j) sum_{i=1..j+1} 1/(r + i theta)
//   P(V_j <= t)                = the "virtual" wait within t of a caller patient enough
// Derivation and tests: docs/erlang.md (Erlang X), tests/unit/staffing/erlang_x_test.cpp (a dense
// CTMC solved by Gaussian elimination, the Erlang A and B limits).
#pragma once

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace wfm::staffing {

struct ChainParams {
  double arrival_rate = 0;  // lambda, per second, >= 0
  int slots = 0;            // service positions, >= 0
  double full_rate = 0;     // D(slots): total service rate with every slot busy, per second
  double abandon_rate = 0;  // theta per waiting caller, per second, >= 0 (0: no abandonment)
  double capacity = std::numeric_limits<double>::infinity();  // N >= slots (lines); inf: none
  double threshold_s = 0;                                     // T for the service levels
};

// Shares of offered callers (arrivals), and time averages. All in [0, 1] except the means.
struct ChainMeasures {
  bool stable = true;            // false: theta = 0, no capacity and lambda >= D(slots)
  double p_block = 0;            // arrivals finding the capacity full
  double p_wait = 0;             // arrivals admitted to wait (all slots busy, a line free)
  double p_answered = 0;         // answered at once or after waiting
  double p_answered_within = 0;  // answered within T
  double p_abandon = 0;          // abandon while waiting
  double p_abandon_within = 0;   // abandon within T
  double p_virtual_within = 0;   // admitted and V <= T (reached service within T if patient)
  double wait_answered = 0;      // E[W 1{answered}], seconds (ASA = wait_answered / p_answered)
  double mean_queue = 0;         // time-average number waiting
  double mean_busy_slots = 0;    // time-average number of occupied slots
};

namespace detail {

// The CDF of NegBin(a, q) (P(X = m) = C(a+m-1, m) q^m (1-q)^a) at m = 0, 1, 2, ..., advanced one
// m at a time, given log P(X = 0) and c0 = q a (finite as theta -> 0: then q -> 0, q a -> r t,
// the Poisson limit). shift = 0 for NegBin(a), 1 for NegBin(a + 1) with the same c0 and q (its
// ratio is (c0 + q m)/m where NegBin(a)'s is (c0 + q (m-1))/m). Terms below e^-700 are carried
// in logs until they become representable (then their sum so far is < 1e-300: dropped).
class NegBinCdf {
 public:
  NegBinCdf(double log_p0, double c0, double q, double shift)
      : log_p_(log_p0), c0_(c0), q_(q), shift_(shift) {
    if (log_p_ > kLogTiny) {
      p_ = std::exp(log_p_);
      cdf_ = p_;
      in_logs_ = false;
    }
  }
  double cdf() const { return cdf_ < 1 ? cdf_ : 1.0; }
  // To m + 1; inv_m = 1 / (m + 1), shared by the callers' two distributions.
  void advance(double inv_m) {
    ++m_;
    const double ratio = (c0_ + q_ * (m_ - 1 + shift_)) * inv_m;
    if (in_logs_) {
      log_p_ += std::log(ratio);
      if (log_p_ > kLogTiny) {
        p_ = std::exp(log_p_);
        in_logs_ = false;
        cdf_ += p_;
      }
    } else {
      p_ *= ratio;
      cdf_ += p_;
    }
  }

 private:
  static constexpr double kLogTiny = -700;
  double log_p_;
  double c0_, q_, shift_;
  double p_ = 0;
  double cdf_ = 0;
  bool in_logs_ = true;
  double m_ = 0;
};

// The measures from the unnormalised weights w[0..] of the states lo, lo + 1, ... (sum `total`).
ChainMeasures measures_from_weights(const ChainParams& p, long lo, const std::vector<double>& w,
                                    double total);

}  // namespace detail

// Solves the chain. `rate(n)` = D(n) for 1 <= n <= slots (total service rate with n in service),
// nondecreasing, rate(slots) == p.full_rate. Requires theta > 0 or a finite capacity, or
// lambda < D(slots) (else stable = false and only that is filled).
template <class Rate>
ChainMeasures solve_chain(const ChainParams& p, Rate&& rate) {
  ChainMeasures out;
  const double lambda = p.arrival_rate;
  const long slots = p.slots;
  const double big = 9.0e15;  // larger than any state reached (capacities are capped below it)
  const long cap =
      std::isfinite(p.capacity) ? static_cast<long>(p.capacity) : static_cast<long>(big);
  if (lambda <= 0) {
    out.p_answered = 1;
    out.p_answered_within = 1;
    out.p_virtual_within = 1;
    return out;
  }
  if (p.abandon_rate <= 0 && !std::isfinite(p.capacity) && lambda >= p.full_rate) {
    out.stable = false;
    return out;
  }
  const auto death = [&](long n) {  // d(n), n >= 1
    return n <= slots ? rate(n) : p.full_rate + static_cast<double>(n - slots) * p.abandon_rate;
  };
  // The mode: the largest n with d(n) <= lambda (d nondecreasing), clamped to the capacity.
  long mode = 0;
  if (slots > 0 && death(1) <= lambda) {
    if (p.full_rate <= lambda) {
      mode = slots;
      if (p.abandon_rate > 0) {
        const double extra = std::floor((lambda - p.full_rate) / p.abandon_rate);
        mode = slots + static_cast<long>(std::min(extra, big));
      } else {
        mode = cap;
      }
    } else {
      long lo = 1, hi = slots;  // d(lo) <= lambda < d(hi)
      while (hi - lo > 1) {
        const long mid = lo + (hi - lo) / 2;
        (death(mid) <= lambda ? lo : hi) = mid;
      }
      mode = lo;
    }
  } else if (slots == 0) {
    mode = p.abandon_rate > 0
               ? static_cast<long>(std::min(std::floor(lambda / p.abandon_rate), big))
               : cap;
  }
  mode = std::min(mode, cap);
  constexpr double kEps = 1e-20;
  // Walk down from the mode, reverse, then walk up: the weights of [lo, hi] in order.
  std::vector<double> w;
  w.reserve(static_cast<std::size_t>(64 + 16 * std::sqrt(static_cast<double>(mode))));
  double sum = 1;
  double term = 1;
  const double inv_lambda = 1.0 / lambda;
  for (long n = mode; n > 0; --n) {
    term *= death(n) * inv_lambda;  // w_{n-1}
    if (term < kEps * sum) break;
    w.push_back(term);
    sum += term;
  }
  const long lo = mode - static_cast<long>(w.size());
  std::reverse(w.begin(), w.end());
  w.push_back(1);
  term = 1;
  for (long n = mode; n < cap; ++n) {
    term *= lambda / death(n + 1);  // w_{n+1}
    if (term < kEps * sum) break;
    w.push_back(term);
    sum += term;
  }
  return detail::measures_from_weights(p, lo, w, sum);
}

}  // namespace wfm::staffing
