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
  const double inv_total = 1.0 / total;
  const std::size_t size = w.size();
  std::size_t i = 0;
  // States below the slots: answered at once. Kept branch-free so the compiler can vectorise.
  {
    const long below = std::min<long>(slots, lo + static_cast<long>(size)) - lo;
    const long end = std::max<long>(0, std::min<long>(below, capped ? cap - lo : below));
    double sum = 0, busy = 0;
    for (; i < static_cast<std::size_t>(end); ++i) {
      sum += w[i];
      busy += w[i] * static_cast<double>(lo + static_cast<long>(i));
    }
    out.p_answered = out.p_answered_within = out.p_virtual_within = sum * inv_total;
    out.mean_busy_slots = busy * inv_total;
  }
  // Queue states j = n - slots: the CDFs and H_j = sum_{i=1..j+1} 1/(r + i theta) advance with j.
  double h = 0;
  long j_done = -1;     // the j the CDFs and H are at
  double inv_step = 0;  // 1 / (r + (j+1) theta) at j_done
  const auto advance_to = [&](long j) {
    for (; j_done < j; ++j_done) {
      if (j_done >= 0) {
        const double inv_m = 1.0 / static_cast<double>(j_done + 1);
        f.advance(inv_m);
        g.advance(inv_m);
      }
      inv_step = 1.0 / (r + static_cast<double>(j_done + 2) * theta);
      h += inv_step;
    }
  };
  double wait = 0, answered = 0, within = 0, abandon = 0, abandon_within = 0, virtual_within = 0,
         queue = 0, busy = 0, block = 0;
  for (; i < size; ++i) {
    const long n = lo + static_cast<long>(i);
    const double pi = w[i];
    busy += pi * static_cast<double>(std::min(n, slots));
    if (n > slots) queue += pi * static_cast<double>(n - slots);
    if (capped && n >= cap) {
      block += pi;
      continue;
    }
    if (n < slots) {  // only when the capacity cut the loop above short: not reached
      answered += pi;
      within += pi;
      virtual_within += pi;
      continue;
    }
    advance_to(n - slots);
    const double pa = theta > 0 ? r * inv_step : (r > 0 ? 1.0 : 0.0);
    const double answered_within = pa * (1.0 - g.cdf());
    const double still_waiting = still_factor * f.cdf();
    wait += pi;
    answered += pi * pa;
    abandon += pi * (1.0 - pa);
    within += pi * answered_within;
    abandon_within += pi * std::max(0.0, 1.0 - answered_within - still_waiting);
    virtual_within += pi * (1.0 - f.cdf());
    out.wait_answered += pi * pa * h;
  }
  out.p_block = block * inv_total;
  out.p_wait = wait * inv_total;
  out.p_answered += answered * inv_total;
  out.p_answered_within += within * inv_total;
  out.p_abandon = abandon * inv_total;
  out.p_abandon_within = abandon_within * inv_total;
  out.p_virtual_within += virtual_within * inv_total;
  out.wait_answered *= inv_total;
  out.mean_queue = queue * inv_total;
  out.mean_busy_slots += busy * inv_total;
  if (!(theta > 0)) out.p_abandon_within = 0;
  // Sums of shares may pass 1 by rounding (~1e-15): clamp.
  for (double* x : {&out.p_block, &out.p_wait, &out.p_answered, &out.p_answered_within,
                    &out.p_abandon, &out.p_abandon_within, &out.p_virtual_within}) {
    *x = std::clamp(*x, 0.0, 1.0);
  }
  return out;
}

}  // namespace wfm::staffing::detail
