// Erlang A: the M/M/N+M queue, Poisson arrivals, exponential handle times and exponential
// patience (Palm 1943; Garnett, Mandelbaum & Reiman 2002, "Designing a call center with impatient
// customers", MSOM 4(3):208-227; the performance measures of Mandelbaum & Zeltyn 2007, "The
// M/M/n+G queue: summary of performance measures", Technion, specialised to exponential patience).
//
// With lambda = calls/interval_s, mu = 1/AHT, theta = 1/patience, A = lambda/mu, x = lambda/theta,
// y = N mu/theta, the stationary probabilities relative to pi_N are
//   R_B = sum_{k<N} pi_k/pi_N = N e^A A^-N Gamma(N, A)
//   R_Q = sum_{k>N} pi_k/pi_N = x e^x x^-(y+1) gamma(y+1, x)
// and, with pi_N = 1/(1 + R_B + R_Q) and x' = x e^{-theta T}:
//   P(wait)                         = pi_N (1 + R_Q)
//   P(answered, after waiting)      = pi_N (N/A) R_Q
//   P(answered after waiting <= T)  = pi_N (N/A) (R_Q - R_Q(x'))     (R_Q(x') scaled, see .cpp)
//   P(still waiting at T)           = pi_N y e^x' x'^-y gamma(y, x') e^{-theta T (y+1) + x - x'}
//   ASA (answered calls)            = E[W 1{answered}] / P(answered), with the mean wait of
//                                     those who waited = -patience d/da log lower(a, x), a = y+1
// Derivations are in docs/erlang.md; every value is tested against a 50-digit direct summation
// over the birth-death chain and against published values.
// Erlang A is defined for every N >= 0 (abandonment keeps the queue stable).
#pragma once

namespace wfm::staffing {

struct ErlangAValues {
  double p_wait = 1;             // probability that an arriving call waits
  double p_abandon = 0;          // share of offered calls that abandon
  double p_answered_within = 0;  // share of offered calls answered within the threshold
  double p_abandon_within = 0;   // share of offered calls abandoning within the threshold
  double asa_s = 0;              // mean wait of answered calls (0 s for those not waiting)
  double mean_wait_all_s = 0;    // mean wait of all offered calls (= p_abandon * patience)
  double occupancy = 0;          // carried load / agents = A (1 - p_abandon) / N
  double mean_queue_length = 0;  // time-average number waiting
};

// Requires agents >= 0, load_erlangs >= 0, aht_s > 0, patience_s > 0, threshold_s >= 0.
// with_asa = false skips the ASA quadrature (asa_s is then 0), for searches without ASA target.
ErlangAValues erlang_a(double agents, double load_erlangs, double aht_s, double patience_s,
                       double threshold_s, bool with_asa = true);

}  // namespace wfm::staffing
