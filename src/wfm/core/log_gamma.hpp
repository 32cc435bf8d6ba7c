// log|Gamma(x)| that is safe to call from parallel workers. std::lgamma (glibc, POSIX) also
// stores the sign of Gamma(x) in the global `signgam`, so two threads calling it race on that
// global: ThreadSanitizer reported it in `make test-tsan` (Erlang X/blend solves running in
// core::parallel_for). lgamma_r is the same glibc computation, returning the same value, with the
// sign stored in a local instead. Every wfm use of log-gamma goes through here.
#pragma once

#include <math.h>  // lgamma_r: a POSIX/glibc extension, not declared by <cmath> in namespace std

namespace wfm::core {

inline double log_gamma(double x) {
  int sign = 0;
  return ::lgamma_r(x, &sign);
}

}  // namespace wfm::core
