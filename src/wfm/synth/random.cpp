#include "wfm/synth/random.hpp"

#include <cmath>
#include <numbers>

#include "wfm/core/error.hpp"
#include "wfm/core/log_gamma.hpp"

namespace wfm::synth {

std::uint64_t mix64(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

std::uint64_t stable_hash(std::string_view text) {
  std::uint64_t h = 0xCBF29CE484222325ULL;
  for (char c : text) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001B3ULL;
  }
  return h;
}

std::uint64_t derive_seed(std::uint64_t seed, std::uint64_t a, std::uint64_t b) {
  return mix64(mix64(mix64(seed) ^ a) ^ b);
}

double Rng::uniform() {
  return static_cast<double>(engine_() >> 11) * 0x1.0p-53;
}

double Rng::uniform_open() {
  return (static_cast<double>(engine_() >> 11) + 0.5) * 0x1.0p-53;
}

double Rng::normal() {
  if (has_spare_) {
    has_spare_ = false;
    return spare_;
  }
  const double r = std::sqrt(-2.0 * std::log(uniform_open()));
  const double theta = 2.0 * std::numbers::pi * uniform();
  spare_ = r * std::sin(theta);
  has_spare_ = true;
  return r * std::cos(theta);
}

double Rng::gamma(double shape) {
  WFM_ENSURE(shape > 0 && std::isfinite(shape), "gamma shape must be > 0, got {}", shape);
  if (shape < 1) {
    // Gamma(a) = Gamma(a + 1) * U^(1/a)  (Marsaglia & Tsang, section 6).
    return gamma(shape + 1) * std::pow(uniform_open(), 1.0 / shape);
  }
  const double d = shape - 1.0 / 3.0;
  const double c = 1.0 / std::sqrt(9.0 * d);
  while (true) {
    const double x = normal();
    double v = 1.0 + c * x;
    if (v <= 0) continue;
    v = v * v * v;
    const double u = uniform_open();
    if (u < 1.0 - 0.0331 * (x * x) * (x * x)) return d * v;
    if (std::log(u) < 0.5 * x * x + d * (1.0 - v + std::log(v))) return d * v;
  }
}

double Rng::gamma_mean1(double cv) {
  if (cv <= 0) return 1.0;
  const double shape = 1.0 / (cv * cv);
  return gamma(shape) / shape;
}

std::int64_t Rng::poisson(double mean) {
  WFM_ENSURE(mean >= 0 && std::isfinite(mean), "Poisson mean must be finite and >= 0, got {}",
             mean);
  if (mean == 0) return 0;
  if (mean < 10) {
    // Knuth: count uniforms until their product drops below exp(-mean).
    const double limit = std::exp(-mean);
    std::int64_t k = 0;
    double product = uniform_open();
    while (product > limit) {
      ++k;
      product *= uniform_open();
    }
    return k;
  }
  // PTRS: W. Hörmann, "The transformed rejection method for generating Poisson random variables",
  // Insurance: Mathematics and Economics 12 (1993) 39-45.
  const double slam = std::sqrt(mean);
  const double loglam = std::log(mean);
  const double b = 0.931 + 2.53 * slam;
  const double a = -0.059 + 0.02483 * b;
  const double inv_alpha = 1.1239 + 1.1328 / (b - 3.4);
  const double vr = 0.9277 - 3.6224 / (b - 2);
  while (true) {
    const double u = uniform() - 0.5;
    const double v = uniform_open();
    const double us = 0.5 - std::fabs(u);
    const double k = std::floor((2 * a / us + b) * u + mean + 0.43);
    if (us >= 0.07 && v <= vr) return static_cast<std::int64_t>(k);
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (std::log(v) + std::log(inv_alpha) - std::log(a / (us * us) + b) <=
        -mean + k * loglam - core::log_gamma(k + 1)) {
      return static_cast<std::int64_t>(k);
    }
  }
}

std::int64_t Rng::binomial(std::int64_t n, double p) {
  WFM_ENSURE(n >= 0 && p >= 0 && p <= 1, "binomial needs n >= 0 and 0 <= p <= 1, got n={} p={}", n,
             p);
  if (n == 0 || p == 0) return 0;
  if (p == 1) return n;
  if (p > 0.5) return n - binomial(n, 1 - p);
  // Waiting times: the gaps between successes are geometric; count the successes within n trials.
  const double log_q = std::log1p(-p);
  std::int64_t successes = 0;
  double trials = 0;
  while (true) {
    trials += std::floor(std::log(uniform_open()) / log_q) + 1;
    if (trials > static_cast<double>(n)) return successes;
    ++successes;
  }
}

}  // namespace wfm::synth
