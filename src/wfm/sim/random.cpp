#include "wfm/sim/random.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <numeric>

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

Draws::Draws(const SimSettings& s, std::uint64_t replication, std::uint64_t stream_id)
    : s_(&s),
      arrivals_(s.seed, replication, stream_id, Purpose::kArrivals),
      handle_(s.seed, replication, stream_id, Purpose::kHandle),
      patience_(s.seed, replication, stream_id, Purpose::kPatience),
      redial_(s.seed, replication, stream_id, Purpose::kRedial),
      rate_(s.seed, replication, stream_id, Purpose::kRate) {
  if (s.handle.dist == HandleDist::kEmpirical && !s.handle.empirical.empty()) {
    empirical_mean_ = std::accumulate(s.handle.empirical.begin(), s.handle.empirical.end(), 0.0) /
                      static_cast<double>(s.handle.empirical.size());
  }
  if (s.patience.dist == PatienceDist::kWeibull) {
    weibull_scale_ = s.patience.mean_s / std::tgamma(1.0 + 1.0 / s.patience.shape);
  }
}

double Draws::rate_multiplier() {
  const double cv = s_->arrivals.cv;
  if (s_->arrivals.noise == RateNoise::kNone || cv == 0) return 1.0;
  return rate_.gamma(1.0 / (cv * cv), cv * cv);
}

double Draws::next_arrival(double t, double rate) {
  if (rate <= 0) return std::numeric_limits<double>::infinity();
  return t + arrivals_.exponential(1.0 / rate);
}

double Draws::handle(double mean) {
  switch (s_->handle.dist) {
    case HandleDist::kExponential:
      return handle_.exponential(mean);
    case HandleDist::kLognormal:
      return lognormal(handle_, mean, s_->handle.cv);
    case HandleDist::kGamma: {
      const double cv2 = s_->handle.cv * s_->handle.cv;
      return handle_.gamma(1.0 / cv2, mean * cv2);
    }
    case HandleDist::kEmpirical: {
      const auto& v = s_->handle.empirical;
      const auto i = static_cast<std::size_t>(handle_.uniform() * static_cast<double>(v.size()));
      return v[std::min(i, v.size() - 1)] * (mean / empirical_mean_);
    }
  }
  return mean;
}

double Draws::patience() {
  const auto& p = s_->patience;
  switch (p.dist) {
    case PatienceDist::kNone:
      return std::numeric_limits<double>::infinity();
    case PatienceDist::kExponential:
      return patience_.exponential(p.mean_s);
    case PatienceDist::kWeibull:
      return weibull_scale_ * std::pow(-std::log(patience_.uniform_open()), 1.0 / p.shape);
    case PatienceDist::kLognormal:
      return lognormal(patience_, p.mean_s, p.cv);
  }
  return std::numeric_limits<double>::infinity();
}

std::optional<double> Draws::redial_delay() {
  if (s_->redial.probability <= 0) return std::nullopt;
  if (redial_.uniform() >= s_->redial.probability) return std::nullopt;
  return redial_.exponential(s_->redial.delay_s);
}

double Draws::lognormal(Stream& st, double mean, double cv) {
  const double sigma2 = std::log1p(cv * cv);
  return mean * std::exp(std::sqrt(sigma2) * st.normal() - 0.5 * sigma2);
}

}  // namespace wfm::sim
