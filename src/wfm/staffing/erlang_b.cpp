#include "wfm/staffing/erlang_b.hpp"

#include <cmath>

#include "wfm/core/error.hpp"
#include "wfm/staffing/incomplete_gamma.hpp"

namespace wfm::staffing {

double erlang_b(double agents, double load_erlangs) {
  WFM_ENSURE(
      agents >= 0 && load_erlangs >= 0 && std::isfinite(agents) && std::isfinite(load_erlangs),
      "erlang_b needs agents >= 0 and load >= 0, got {} and {}", agents, load_erlangs);
  if (agents == 0) return 1.0;
  if (load_erlangs == 0) return 0.0;
  // Small integer N: the recurrence is exact to rounding and cheaper than any special function.
  if (agents <= 64 && agents == std::floor(agents)) {
    double b = 1.0;
    for (int n = 1; n <= static_cast<int>(agents); ++n) b = erlang_b_next(b, n, load_erlangs);
    return b;
  }
  // 1/B(N, A) = e^A A^-N Gamma(N + 1, A) = A upper(N + 1, A) (Jagerman 1974).
  return std::exp(-std::log(load_erlangs) -
                  detail::log_scaled_upper_gamma(agents + 1.0, load_erlangs));
}

}  // namespace wfm::staffing
