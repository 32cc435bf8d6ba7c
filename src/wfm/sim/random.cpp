#include "wfm/sim/random.hpp"

#include <cmath>
#include <numbers>

#include <Random123/philox.h>

namespace wfm::sim {

Stream::Stream(std::uint64_t seed, std::uint64_t replication, std::uint64_t queue, Purpose purpose)
    : key_{seed, static_cast<std::uint64_t>(purpose)}, counter_{replication, queue, 0, 0} {}

void Stream::refill() {
  r123::Philox4x64 philox;
  const r123::Philox4x64::ctr_type ctr = {{counter_[0], counter_[1], counter_[2], counter_[3]}};
  const r123::Philox4x64::key_type key = {{key_[0], key_[1]}};
  const auto out = philox(ctr, key);
  for (int i = 0; i < 4; ++i) block_[i] = out.v[i];
  ++counter_[2];
  used_ = 0;
}

std::uint64_t Stream::next_u64() {
  if (used_ == 4) refill();
  return block_[used_++];
}

double Stream::uniform() {
  return static_cast<double>(next_u64() >> 11) * 0x1.0p-53;
}

double Stream::uniform_open() {
  return (static_cast<double>(next_u64() >> 11) + 0.5) * 0x1.0p-53;
}

double Stream::exponential(double mean) {
  return -mean * std::log(uniform_open());
}

double Stream::normal() {
  if (has_spare_normal_) {
    has_spare_normal_ = false;
    return spare_normal_;
  }
  const double r = std::sqrt(-2.0 * std::log(uniform_open()));
  const double phi = 2.0 * std::numbers::pi * uniform();
  spare_normal_ = r * std::sin(phi);
  has_spare_normal_ = true;
  return r * std::cos(phi);
}

double Stream::gamma(double shape, double scale) {
  if (shape < 1.0) {
    // Boost shape by one, then scale by U^(1/shape) (Marsaglia & Tsang, section 6).
    const double u = uniform_open();
    return gamma(shape + 1.0, scale) * std::pow(u, 1.0 / shape);
  }
  const double d = shape - 1.0 / 3.0;
  const double c = 1.0 / std::sqrt(9.0 * d);
  for (;;) {
    double x = 0, v = 0;
    do {
      x = normal();
      v = 1.0 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const double u = uniform_open();
    if (u < 1.0 - 0.0331 * x * x * x * x) return d * v * scale;
    if (std::log(u) < 0.5 * x * x + d * (1.0 - v + std::log(v))) return d * v * scale;
  }
}

}  // namespace wfm::sim
