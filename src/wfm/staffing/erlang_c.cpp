#include "wfm/staffing/erlang_c.hpp"

#include <cmath>
#include <limits>

#include "wfm/core/error.hpp"
#include "wfm/staffing/incomplete_gamma.hpp"

namespace wfm::staffing {
double erlang_log_ratio_below(double agents, double load_erlangs) {
  // sum_{k<N} pi_k / pi_N = N e^A A^-N Gamma(N, A).
  return std::log(agents) + detail::log_scaled_upper_gamma(agents, load_erlangs);
}

double erlang_c_p_wait(double agents, double load_erlangs) {
  WFM_ENSURE(agents >= 0 && load_erlangs >= 0, "erlang_c needs agents, load >= 0");
  if (load_erlangs == 0) return 0.0;
  if (agents <= load_erlangs) return 1.0;
  // C = 1 / (1 + (1 - rho) (1/B - 1)), in logs so that 1/B may exceed the double range.
  const double log_x =
      std::log1p(-load_erlangs / agents) + erlang_log_ratio_below(agents, load_erlangs);
  if (log_x > 700) return std::exp(-log_x);  // 1/(1+x) with x beyond 1e304
  return 1.0 / (1.0 + std::exp(log_x));
}

ErlangCValues erlang_c(double agents, double load_erlangs, double aht_s, double threshold_s) {
  WFM_ENSURE(agents >= 0 && load_erlangs >= 0 && aht_s > 0 && threshold_s >= 0,
             "erlang_c: bad arguments N={} A={} aht={} T={}", agents, load_erlangs, aht_s,
             threshold_s);
  ErlangCValues v;
  if (load_erlangs == 0) {  // no calls: nothing waits
    v.stable = true;
    v.p_wait = 0;
    v.service_level = 1;
    v.asa_s = 0;
    v.occupancy = 0;
    v.mean_queue_length = 0;
    return v;
  }
  if (agents <= load_erlangs) {
    v.stable = false;
    v.p_wait = 1;
    v.service_level = 0;
    v.asa_s = std::numeric_limits<double>::infinity();
    v.occupancy = 1;
    v.mean_queue_length = std::numeric_limits<double>::infinity();
    return v;
  }
  const double excess = agents - load_erlangs;
  const double rho = load_erlangs / agents;
  v.stable = true;
  v.p_wait = erlang_c_p_wait(agents, load_erlangs);
  v.service_level = 1.0 - v.p_wait * std::exp(-excess * threshold_s / aht_s);
  v.asa_s = v.p_wait * aht_s / excess;
  v.occupancy = rho;
  v.mean_queue_length = v.p_wait * load_erlangs / excess;  // C rho / (1 - rho)
  return v;
}

}  // namespace wfm::staffing
