// Scaled incomplete gamma functions in log space, the numerical kernel of the Erlang engines.
//
// Erlang B, C and A are ratios of Poisson-like sums that overflow or underflow in double long
// before 10,000 Erlangs or 20,000 agents. Written with the incomplete gamma functions (DLMF 8.2)
// scaled by e^z z^-a, every quantity the engines need is a ratio of order one or a logarithm:
//   upper(a, z) = e^z z^-a Gamma(a, z)     so 1/B(N, A) = A upper(N + 1, A)
//   lower(a, z) = e^z z^-a gamma(a, z)     so the Erlang A queue sum is x lower(y + 1, x)
// Two expansions with positive terms cover the whole domain, as in Numerical Recipes 6.2: the
// power series of gamma (DLMF 8.7.1) for z < a + 1 and Legendre's continued fraction of Gamma
// (DLMF 8.9.2, modified Lentz) for z >= a + 1; the complementary function is 1 minus the other,
// where that difference is at least ~0.3 and so loses nothing. The prefactor z^a e^-z / Gamma(a)
// is taken in log space with log1pmx, which keeps full accuracy at a in the millions.
// Both expansions need O(sqrt(a)) terms near z = a (a few hundred at 10,000 Erlangs).
// Boost.Math's gamma_q is not used: in Boost 1.74 (Debian 12) it is wrong by 5e-4 relative at
// a = 10001, z = 10201 (checked against mpmath); the Erlang tests would catch such an error.
// Tested against 50-digit references in tests/unit/staffing/reference_test.cpp.
#pragma once

namespace wfm::staffing::detail {

// log(z^a e^-z / Gamma(a + 1)), the log of the Poisson term, for a >= 0, z >= 0.
double log_poisson_term(double a, double z);

// log(e^z z^-a Gamma(a, z)) for a > 0, z > 0.
double log_scaled_upper_gamma(double a, double z);

// log(e^z z^-a gamma(a, z)) for a > 0, z >= 0 (at z = 0 the value is log(1/a)).
double log_scaled_lower_gamma(double a, double z);

// d/da log(e^z z^-a gamma(a, z)) for a > 0, z > 0: the derivative in the shape parameter,
// by differentiating the series (z < a + 1) or the continued fraction (z >= a + 1) term by term.
// Erlang A's ASA is -this at a = y + 1 (docs/erlang.md); no quadrature needed.
double dlog_scaled_lower_gamma_da(double a, double z);

}  // namespace wfm::staffing::detail
