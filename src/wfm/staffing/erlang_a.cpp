#include "wfm/staffing/erlang_a.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "wfm/core/error.hpp"
#include "wfm/staffing/incomplete_gamma.hpp"

namespace wfm::staffing {
ErlangAValues erlang_a(double agents, double load_erlangs, double aht_s, double patience_s,
                       double threshold_s, bool with_asa) {
  WFM_ENSURE(agents >= 0 && load_erlangs >= 0 && aht_s > 0 && patience_s > 0 && threshold_s >= 0 &&
                 std::isfinite(patience_s),
             "erlang_a: bad arguments N={} A={} aht={} patience={} T={}", agents, load_erlangs,
             aht_s, patience_s, threshold_s);
  constexpr double kInf = std::numeric_limits<double>::infinity();
  ErlangAValues v;
  const double theta_t = threshold_s / patience_s;  // theta T
  if (load_erlangs == 0) {                          // no calls: nothing waits, nothing fails
    v.p_wait = 0;
    v.p_answered_within = 1;
    return v;
  }
  if (agents == 0) {  // everybody waits and eventually abandons
    v.p_wait = 1;
    v.p_abandon = 1;
    v.p_answered_within = 0;
    v.p_abandon_within = -std::expm1(-theta_t);
    v.asa_s = kInf;  // no call is answered
    v.mean_wait_all_s = patience_s;
    v.occupancy = 0;
    v.mean_queue_length = load_erlangs * patience_s / aht_s;
    return v;
  }
  const double n = agents;
  const double a = load_erlangs;
  const double x = a * patience_s / aht_s;  // lambda / theta
  const double y = n * patience_s / aht_s;  // N mu / theta
  const double n_over_a = n / a;            // = y / x

  // Weights relative to pi_N, in logs: R_B = sum_{k<N} pi_k/pi_N, R_Q = sum_{k>N} pi_k/pi_N.
  const double log_rb = std::log(n) + detail::log_scaled_upper_gamma(n, a);
  const double log_rq = std::log(x) + detail::log_scaled_lower_gamma(y + 1.0, x);
  // Callers still waiting T seconds after arrival see the chain from x' = x e^{-theta T}:
  // R_Q' = x lower(y+1, x') E',  E' = exp(-(y+1) theta T + x (1 - e^{-theta T})).
  const double xp = x * std::exp(-theta_t);
  const double log_ep = -(y + 1.0) * theta_t - x * std::expm1(-theta_t);
  const double log_rq_t =
      threshold_s > 0 ? std::log(x) + detail::log_scaled_lower_gamma(y + 1.0, xp) + log_ep : log_rq;
  // log(R_Q - R_Q'), the callers answered within T after waiting (times A/N, relative to pi_N).
  // R_Q - R_Q' = x e^x x^-(y+1) (gamma(y+1, x) - gamma(y+1, x')); when x' is in the upper tail the
  // difference is taken of the upper functions, Gamma(y+1, x') - Gamma(y+1, x), which does not
  // cancel when both are tiny (few agents: both lower functions are then ~Gamma(y+1)).
  double log_rq_diff = -std::numeric_limits<double>::infinity();
  if (threshold_s > 0) {
    if (xp >= y + 1.0) {
      const double l1 =
          (x - xp) - (y + 1.0) * theta_t + detail::log_scaled_upper_gamma(y + 1.0, xp);
      const double l2 = detail::log_scaled_upper_gamma(y + 1.0, x);
      log_rq_diff = std::log(x) + l1 + std::log1p(-std::exp(l2 - l1));
    } else {
      log_rq_diff = log_rq + std::log1p(-std::exp(log_rq_t - log_rq));
    }
  }
  const double m = std::max({0.0, log_rb, log_rq});
  const double w0 = std::exp(-m);          // pi_N
  const double wb = std::exp(log_rb - m);  // pi_N R_B: calls answered at once
  const double wq = std::exp(log_rq - m);  // pi_N R_Q
  const double wq_t = std::exp(log_rq_t - m);
  const double wq_diff = std::exp(log_rq_diff - m);  // pi_N (R_Q - R_Q')
  const double wep = std::exp(log_ep - m);           // pi_N E'
  const double z = w0 + wb + wq;

  v.p_wait = (w0 + wq) / z;
  const double answered_after_wait = n_over_a * wq / z;
  const double p_answered = wb / z + answered_after_wait;
  // P(abandon) = pi_N (1 + R_Q (1 - N/A)), clamped at 0 against rounding only.
  v.p_abandon = std::max(0.0, (w0 + wq - n_over_a * wq) / z);
  v.p_answered_within = (wb + n_over_a * wq_diff) / z;
  const double still_waiting = (wep + std::exp(-theta_t) * wq_t) / z;
  v.p_abandon_within =
      threshold_s > 0 ? std::max(0.0, v.p_wait - n_over_a * wq_diff / z - still_waiting) : 0.0;
  v.mean_wait_all_s = v.p_abandon * patience_s;  // P(abandon) = theta E[wait of all]
  v.mean_queue_length = a / aht_s * v.mean_wait_all_s;
  v.occupancy = a * p_answered / n;
  // Callers answered after waiting wait theta^-1 E[s], s = theta V, whose density is proportional
  // to exp(-(y+1) s - x e^-s): E[s] = -d/da log lower(a, x) at a = y + 1 (docs/erlang.md).
  v.asa_s = answered_after_wait > 0 && with_asa
                ? answered_after_wait * -detail::dlog_scaled_lower_gamma_da(y + 1.0, x) *
                      patience_s / p_answered
                : 0.0;
  return v;
}

}  // namespace wfm::staffing
