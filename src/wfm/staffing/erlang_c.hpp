// Erlang C: the M/M/N delay system (Erlang 1917; the formulas as in Gans, Koole & Mandelbaum
// 2003, "Telephone call centers: tutorial, review, and research prospects", MSOM 5(2):79-141,
// section 4.1). With A = offered load in Erlangs, N agents, rho = A/N < 1:
//
//   P(wait)     C = 1 / (1 + (1 - rho) (1/B(N,A) - 1))
//   P(W > t)      = C exp(-(N - A) t / AHT)           service level = 1 - P(W > T)
//   ASA           = C AHT / (N - A)                   (mean wait; every call is answered)
//   occupancy     = A / N
//   mean queue    = C rho / (1 - rho)
//
// N <= A is an unstable queue: the result is flagged (stable = false, p_wait = 1,
// service_level = 0, asa_s = +infinity, occupancy = 1), never an exception or NaN.
// Fractional N uses the continuous extension of B (see erlang_b.hpp).
#pragma once

namespace wfm::staffing {

struct ErlangCValues {
  bool stable = false;           // agents > load
  double p_wait = 1;             // probability that an arriving call waits
  double service_level = 0;      // P(wait <= threshold); all calls are answered
  double asa_s = 0;              // mean wait of all (= answered) calls, seconds; +inf if unstable
  double occupancy = 1;          // load / agents, capped at 1 when unstable
  double mean_queue_length = 0;  // time-average number waiting; +inf if unstable
};

// Requires agents >= 0, load_erlangs >= 0, aht_s > 0, threshold_s >= 0.
ErlangCValues erlang_c(double agents, double load_erlangs, double aht_s, double threshold_s);

// P(wait) alone (Erlang's C formula), 1 when agents <= load.
double erlang_c_p_wait(double agents, double load_erlangs);

// log(1/B(N, A) - 1) = log(sum_{k<N} A^k/k! / (A^N/N!)), the quantity the recurrence
// R(N+1) = (N+1)/A (1 + R(N)) advances; for N > 0, A > 0.
double erlang_log_ratio_below(double agents, double load_erlangs);

}  // namespace wfm::staffing
