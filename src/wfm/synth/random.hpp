// Random numbers for the synthetic generator, identical on every platform for a given seed.
//
// std::mt19937_64 is specified bit for bit by the C++ standard, but the std:: distributions are
// not (libstdc++ and libc++ turn the same engine output into different normals and Poissons), so
// the samplers here are written out: uniform from the top 53 bits, normal by Box-Muller, gamma by
// Marsaglia & Tsang (2000), Poisson by multiplication (mean < 10) or Hörmann's PTRS (1993),
// binomial by geometric waiting times. They use only exp/log/sqrt/cos from <cmath> and
// core::log_gamma (glibc's lgamma_r).
// Streams: derive_seed(seed, parts...) mixes a seed with stream identifiers (queue, date) through
// splitmix64, so every stream is independent of the others and of the order they are used in.
// Not thread-safe; one Rng per stream. Tested in tests/unit/synth/random_test.cpp.
#pragma once

#include <cstdint>
#include <random>
#include <string_view>

namespace wfm::synth {

// splitmix64 finaliser: a bijective mix of 64 bits.
std::uint64_t mix64(std::uint64_t x);
// FNV-1a hash of a string: a stable stream identifier for a name.
std::uint64_t stable_hash(std::string_view text);
// A seed for the stream (seed, a, b).
std::uint64_t derive_seed(std::uint64_t seed, std::uint64_t a, std::uint64_t b = 0);

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : engine_(seed) {}

  std::uint64_t next_u64() { return engine_(); }
  // Uniform on [0, 1), multiples of 2^-53.
  double uniform();
  // Uniform on (0, 1): never 0, safe for log.
  double uniform_open();
  // Standard normal (Box-Muller; the second value of a pair is kept for the next call).
  double normal();
  // Gamma with the given shape (> 0) and scale 1; mean = shape.
  double gamma(double shape);
  // A gamma multiplier with mean 1 and coefficient of variation cv (>= 0; cv == 0 gives 1).
  double gamma_mean1(double cv);
  // Poisson with the given mean (>= 0).
  std::int64_t poisson(double mean);
  // Binomial(n, p), n >= 0, 0 <= p <= 1. Exact; cost grows with n * min(p, 1 - p).
  std::int64_t binomial(std::int64_t n, double p);

 private:
  std::mt19937_64 engine_;
  bool has_spare_ = false;
  double spare_ = 0;
};

}  // namespace wfm::synth
