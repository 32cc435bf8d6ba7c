// Erlang B: the blocking probability of an M/M/N/N loss system (Erlang 1917).
//
//   B(N, A) = (A^N / N!) / sum_{k=0..N} A^k / k!
//
// computed without factorials or powers: the scaled upper incomplete gamma function gives
// 1/B(N, A) = e^A A^-N Gamma(N+1, A) (Jagerman 1974, "Some properties of the Erlang loss
// function", Bell Syst. Tech. J. 53(3):525-551), which is also the standard continuous extension
// of B to fractional N. Exact for 0 <= N and 0 <= A at any scale (tested to 20,000+ agents and
// 10,000+ Erlangs against a 50-digit reference in tests/unit/staffing/).
#pragma once

namespace wfm::staffing {

// Blocking probability of `agents` lines (or servers) offered `load_erlangs` Erlangs.
// agents may be fractional (continuous extension). Requires agents >= 0, load_erlangs >= 0.
double erlang_b(double agents, double load_erlangs);

// One step of the classic recurrence B(n) = A B(n-1) / (n + A B(n-1)), B(0) = 1.
inline double erlang_b_next(double b_prev, double n, double load_erlangs) {
  const double ab = load_erlangs * b_prev;
  return ab / (n + ab);
}

}  // namespace wfm::staffing
