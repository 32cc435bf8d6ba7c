#include "wfm/staffing/incomplete_gamma.hpp"

#include <cmath>
#include <limits>
#include <numbers>

#include <boost/math/policies/policy.hpp>
#include <boost/math/special_functions/digamma.hpp>
#include <boost/math/special_functions/log1p.hpp>

#include "wfm/core/error.hpp"
#include "wfm/core/log_gamma.hpp"

namespace wfm::staffing::detail {
namespace {

// Double arithmetic throughout (no promotion to long double: ~3x faster, same accuracy class).
using Policy = boost::math::policies::policy<boost::math::policies::promote_double<false>>;

// lgamma(a + 1) - (a log a - a), Stirling's remainder plus 0.5 log(2 pi a), without cancellation.
double log_gamma_stirling_part(double a) {
  if (a < 15.0) return core::log_gamma(a + 1.0) - (a > 0 ? a * std::log(a) : 0.0) + a;
  const double r = 1.0 / a;
  const double r2 = r * r;
  // Stirling series (DLMF 5.11.1): 1/(12a) - 1/(360a^3) + 1/(1260a^5) - 1/(1680a^7) + 1/(1188a^9)
  const double series =
      r * (1.0 / 12 - r2 * (1.0 / 360 - r2 * (1.0 / 1260 - r2 * (1.0 / 1680 - r2 / 1188))));
  return 0.5 * std::log(2.0 * std::numbers::pi * a) + series;
}

// e^z z^-a Gamma(a, z) by Legendre's continued fraction 1 / (b0 + a1 / (b1 + a2 / (b2 + ...))),
// b_i = z + 2i + 1 - a, a_i = -i (i - a) (DLMF 8.9.2), for z >= a + 1. Evaluated by the forward
// (Wallis) recurrence, which has no division in its dependency chain, with rescaling; the terms
// of both recurrences stay positive for z >= a + 1, so no cancellation occurs.
double scaled_upper_cf(double a, double z) {
  double a_prev = 1.0, a_cur = z + 1.0 - a;  // numerators A_{i-1}, A_i
  double b_prev = 0.0, b_cur = 1.0;          // denominators B_{i-1}, B_i
  for (int i = 1; i < 1000000; ++i) {
    const double ai = -i * (i - a);
    const double bi = z + 2.0 * i + 1.0 - a;
    const double a_next = bi * a_cur + ai * a_prev;
    const double b_next = bi * b_cur + ai * b_prev;
    a_prev = a_cur;
    a_cur = a_next;
    b_prev = b_cur;
    b_cur = b_next;
    if ((i & 3) == 0) {
      // Converged when successive convergents B/A agree to rounding.
      if (std::fabs(b_cur * a_prev - b_prev * a_cur) <= 1e-16 * std::fabs(b_cur * a_prev)) break;
      if (std::fabs(a_cur) > 1e200) {
        constexpr double s = 1e-200;
        a_prev *= s, a_cur *= s, b_prev *= s, b_cur *= s;
      }
    }
  }
  return b_cur / a_cur;
}

// e^z z^-a gamma(a, z) = sum_k z^k / (a (a+1) ... (a+k)), for z < a.
double scaled_lower_series(double a, double z) {
  // Four terms per step with one division: with d_i = a + k + i, the next four terms are
  // term * (z d2 d3 d4 + z^2 d3 d4 + z^3 d4 + z^4) / (d1 d2 d3 d4) and the fourth alone is
  // term * z^4 / (d1 d2 d3 d4). All terms are positive, so nothing cancels.
  double term = 1.0 / a;
  double sum = term;
  const double z2 = z * z;
  const double z3 = z2 * z;
  const double z4 = z2 * z2;
  for (int k = 0; k < 1000000; k += 4) {
    const double d1 = a + k + 1, d2 = d1 + 1, d3 = d1 + 2, d4 = d1 + 3;
    const double d34 = d3 * d4;
    const double inv = 1.0 / (d1 * d2 * d34);
    const double block = term * (z * d2 * d34 + z2 * d34 + z3 * d4 + z4) * inv;
    sum += block;
    term *= z4 * inv;
    if (block < sum * 1e-17) return sum;
  }
  WFM_ENSURE(false, "incomplete gamma series did not converge (a={}, z={})", a, z);
  return sum;
}

}  // namespace

double log_poisson_term(double a, double z) {
  if (z == 0.0) return a == 0.0 ? 0.0 : -std::numeric_limits<double>::infinity();
  if (a == 0.0) return -z;
  // a log z - z - lgamma(a+1) = a (log(z/a) - (z-a)/a) - [lgamma(a+1) - a log a + a]; near z = a
  // the bracket is log1pmx((z-a)/a), which keeps its relative accuracy (no cancellation).
  const double delta = (z - a) / a;
  const double core =
      std::fabs(delta) < 0.5 ? boost::math::log1pmx(delta, Policy()) : std::log(z / a) - delta;
  return a * core - log_gamma_stirling_part(a);
}

namespace {

// log d(a, z) = log(z^(a-1) e^-z / Gamma(a)) = log_poisson_term(a - 1, z) for a >= 1.
double log_density(double a, double z) {
  if (a >= 1.0) return log_poisson_term(a - 1.0, z);
  return (a - 1.0) * std::log(z) - z - core::log_gamma(a);
}

}  // namespace

double log_scaled_upper_gamma(double a, double z) {
  if (z >= a + 1.0) return std::log(scaled_upper_cf(a, z));
  if (z == 0.0) return std::numeric_limits<double>::infinity();
  // Gamma(a, z) = Gamma(a) (1 - P(a, z)) with P(a, z) = z d(a, z) lower(a, z), where
  // d(a, z) = z^(a-1) e^-z / Gamma(a); e^z z^-a Gamma(a) = 1 / (z d(a, z)).
  const double log_zd = std::log(z) + log_density(a, z);
  const double p = std::exp(log_zd + std::log(scaled_lower_series(a, z)));
  return std::log1p(-p) - log_zd;
}

double log_scaled_lower_gamma(double a, double z) {
  if (z == 0.0) return -std::log(a);
  if (z < a + 1.0) return std::log(scaled_lower_series(a, z));
  // gamma(a, z) = Gamma(a) (1 - Q(a, z)) with Q(a, z) = z d(a, z) upper(a, z).
  const double log_zd = std::log(z) + log_density(a, z);
  const double q = std::exp(log_zd + std::log(scaled_upper_cf(a, z)));
  return std::log1p(-q) - log_zd;
}

double dlog_scaled_lower_gamma_da(double a, double z) {
  if (z < a + 1.0) {
    // lower = sum_k t_k, t_0 = 1/a, t_k = t_{k-1} z/(a+k); d t_k/da = -t_k sum_{i<=k} 1/(a+i).
    double term = 1.0 / a;
    double harmonic = 1.0 / a;
    double sum = term;
    double dsum = term * harmonic;
    for (int k = 1; k < 1000000; ++k) {
      term *= z / (a + k);
      harmonic += 1.0 / (a + k);
      sum += term;
      dsum += term * harmonic;
      if (term * harmonic < dsum * 1e-17 && term < sum * 1e-17) break;
    }
    return -dsum / sum;
  }
  // The Wallis recurrences of scaled_upper_cf with their a-derivatives (d a_i/da = i,
  // d b_i/da = -1) give upper(a, z) = B/A and d log upper / da = dB/B - dA/A.
  double a_prev = 1.0, a_cur = z + 1.0 - a, da_prev = 0.0, da_cur = -1.0;
  double b_prev = 0.0, b_cur = 1.0, db_prev = 0.0, db_cur = 0.0;
  for (int i = 1; i < 1000000; ++i) {
    const double ai = -i * (i - a);
    const double bi = z + 2.0 * i + 1.0 - a;
    const double a_next = bi * a_cur + ai * a_prev;
    const double b_next = bi * b_cur + ai * b_prev;
    const double da_next = -a_cur + bi * da_cur + i * a_prev + ai * da_prev;
    const double db_next = -b_cur + bi * db_cur + i * b_prev + ai * db_prev;
    a_prev = a_cur, a_cur = a_next, b_prev = b_cur, b_cur = b_next;
    da_prev = da_cur, da_cur = da_next, db_prev = db_cur, db_cur = db_next;
    if ((i & 3) == 0) {
      const bool value_done =
          std::fabs(b_cur * a_prev - b_prev * a_cur) <= 1e-16 * std::fabs(b_cur * a_prev);
      const double d_now = db_cur / b_cur - da_cur / a_cur;
      const double d_before = db_prev / b_prev - da_prev / a_prev;
      if (value_done && std::fabs(d_now - d_before) <= 1e-15 * std::fabs(d_now) + 1e-300) break;
      if (std::fabs(a_cur) > 1e200 || std::fabs(da_cur) > 1e200 || std::fabs(db_cur) > 1e200) {
        constexpr double s = 1e-200;
        a_prev *= s, a_cur *= s, b_prev *= s, b_cur *= s;
        da_prev *= s, da_cur *= s, db_prev *= s, db_cur *= s;
      }
    }
  }
  const double upper = b_cur / a_cur;
  const double dlog_upper = db_cur / b_cur - da_cur / a_cur;
  // Gamma(a, z) = upper z^a e^-z, so d log Gamma(a, z)/da = dlog_upper + log z; with
  // Q = Gamma(a, z)/Gamma(a) and gamma = Gamma(a) (1 - Q):
  //   d log gamma(a, z)/da = (psi(a) - Q d log Gamma(a, z)/da) / (1 - Q).
  const double log_z = std::log(z);
  const double q = std::exp(log_z + log_density(a, z) + std::log(upper));
  const double dlog_gamma_upper = dlog_upper + log_z;
  const double dlog_gamma_lower =
      (boost::math::digamma(a, Policy()) - q * dlog_gamma_upper) / (1 - q);
  return dlog_gamma_lower - log_z;
}

}  // namespace wfm::staffing::detail
