// wfm::core::log_gamma: the values of std::lgamma (bit for bit, so no result of the engines
// changes), known values, and concurrent calls (which `make test-tsan` checks for races).
#include "wfm/core/log_gamma.hpp"

#include <atomic>
#include <cmath>
#include <numbers>

#include <catch2/catch.hpp>

#include "wfm/core/parallel.hpp"

using wfm::core::log_gamma;

TEST_CASE("log_gamma has known values and equals std::lgamma", "[core][log_gamma]") {
  CHECK(log_gamma(1.0) == 0.0);
  CHECK(log_gamma(2.0) == 0.0);
  const double pi = std::numbers::pi;
  CHECK(log_gamma(0.5) == Approx(0.5 * std::log(pi)).epsilon(1e-15));  // Gamma(1/2) = sqrt(pi)
  CHECK(log_gamma(11.0) == Approx(std::log(3628800.0)).epsilon(1e-15));  // Gamma(11) = 10!
  // Gamma(-1/2) = -2 sqrt(pi): the logarithm of its absolute value.
  CHECK(log_gamma(-0.5) == Approx(std::log(2 * std::sqrt(pi))).epsilon(1e-15));
  for (double x : {0.1, 0.75, 3.3, 14.9, 15.0, 170.5, 1e4, 1e7}) {
    INFO("x = " << x);
    CHECK(log_gamma(x) == std::lgamma(x));
  }
}

TEST_CASE("log_gamma can be called from parallel workers", "[core][log_gamma]") {
  std::atomic<int> mismatches{0};
  const double expected = log_gamma(7.5);
  wfm::core::parallel_for(0, 2000, [&](std::size_t i) {
    if (log_gamma(i % 2 ? 7.5 : -0.5) != (i % 2 ? expected : log_gamma(-0.5))) ++mismatches;
  });
  CHECK(mismatches.load() == 0);
}
