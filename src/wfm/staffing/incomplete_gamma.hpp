// Scaled incomplete gamma functions in log space, the numerical kernel of the Erlang engines.
//
// Erlang B, C and A are ratios of Poisson-like sums that overflow or underflow in double long
// before 10,000 Erlangs or 20,000 agents. Written with the incomplete gamma functions (DLMF 8.2)
// scaled by e^z z^-a, every quantity the engines need is a ratio of order one or a logarithm:
//   upper(a, z) = e^z z^-a Gamma(a, z)     so 1/B(N, A) = A upper(N + 1, A)
//   lower(a, z) = e^z z^-a gamma(a, z)     so the Erlang A queue sum is x lower(y + 1, x)
// In the bulk these use Boost.Math's gamma_q / gamma_p (relative error ~1e-15) divided by a
// log-space Poisson term computed with log1pmx (no cancellation at large a); in the far tails,
// where gamma_q / gamma_p would underflow, Legendre's continued fraction (DLMF 8.9.2, evaluated
// by the modified Lentz method) and the power series (DLMF 8.7.1), which converge fast there.
// Tested against 50-digit references in tests/unit/staffing/incomplete_gamma_test.cpp.
#pragma once

namespace wfm::staffing::detail {

// log(z^a e^-z / Gamma(a + 1)), the log of the Poisson term, for a >= 0, z >= 0.
double log_poisson_term(double a, double z);

// log(e^z z^-a Gamma(a, z)) for a > 0, z > 0.
double log_scaled_upper_gamma(double a, double z);

// log(e^z z^-a gamma(a, z)) for a > 0, z >= 0 (at z = 0 the value is log(1/a)).
double log_scaled_lower_gamma(double a, double z);

}  // namespace wfm::staffing::detail
