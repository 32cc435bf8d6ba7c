#include "wfm/staffing/birth_death.hpp"

#include <algorithm>
#include <cmath>

namespace wfm::staffing::detail {

ChainMeasures measures_from_weights(const ChainParams& p, long lo, const std::vector<double>& w,
                                    double total) {
  ChainMeasures out;
  const long slots = p.slots;
  const double r = p.full_rate;
  const double theta = p.abandon_rate;
  const double t = p.threshold_s;
  const bool capped = std::isfinite(p.capacity);
  const long cap = capped ? static_cast<long>(p.capacity) : -1;
  // P(V_j > T) ~ NegBin(r/theta, q) and P(V'_j > T) ~ NegBin(r/theta + 1, q), q = 1 - e^{-theta T}.
  const double q = -std::expm1(-theta * t);
  const double c0 = theta > 0 ? q * r / theta : r * t;
  detail::NegBinCdf f(-r * t, c0, q, 0.0);
  detail::NegBinCdf g(-r * t - theta * t, c0, q, 1.0);
  const double still_factor = std::exp(-theta * t);
  double h = 0;  // H_j = sum_{i=1..j+1} 1/(r + i theta)
  long j_done = -1;  // the j the CDFs and H are at
  const auto advance_to = [&](long j) {
    for (; j_done < j; ++j_done) {
      if (j_done >= 0) {
        f.advance();
        g.advance();
      }
      h += 1.0 / (r + static_cast<double>(j_done + 2) * theta);
    }
  };
  const double inv_total = 1.0 / total;
  for (std::size_t i = 0; i < w.size(); ++i) {
    const long n = lo + static_cast<long>(i);
    const double pi = w[i] * inv_total;
    out.mean_busy_slots += pi * static_cast<double>(std::min(n, slots));
    if (n > slots) out.mean_queue += pi * static_cast<double>(n - slots);
    if (capped && n >= cap) {
      out.p_block += pi;
      continue;
    }
    if (n < slots) {
      out.p_answered += pi;
      out.p_answered_within += pi;
      out.p_virtual_within += pi;
      continue;
    }
    const long j = n - slots;
    advance_to(j);
    const double pa = theta > 0 ? r / (r + static_cast<double>(j + 1) * theta) : (r > 0 ? 1.0 : 0.0);
    const double answered_within = pa * (1.0 - g.cdf());
    const double still_waiting = still_factor * f.cdf();
    out.p_wait += pi;
    out.p_answered += pi * pa;
    out.p_abandon += pi * (1.0 - pa);
    out.p_answered_within += pi * answered_within;
    out.p_abandon_within += pi * std::max(0.0, 1.0 - answered_within - still_waiting);
    out.p_virtual_within += pi * (1.0 - f.cdf());
    out.wait_answered += pi * pa * h;
  }
  if (!(theta > 0)) out.p_abandon_within = 0;
  // Sums of shares may pass 1 by rounding (~1e-15): clamp.
  for (double* x : {&out.p_block, &out.p_wait, &out.p_answered, &out.p_answered_within,
                    &out.p_abandon, &out.p_abandon_within, &out.p_virtual_within}) {
    *x = std::clamp(*x, 0.0, 1.0);
  }
  return out;
}

}  // namespace wfm::staffing::detail
