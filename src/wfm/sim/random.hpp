// Random streams for the simulation: counter-based (Random123's Philox4x64-10, Salmon et al.
// 2011, "Parallel random numbers: as easy as 1, 2, 3", SC'11), so stream (seed, replication,
// queue, purpose) is a pure function of those numbers. A replication's results therefore do not
// depend on which thread runs it or in which order, and one seed gives identical output with any
// thread count. Samplers are written here (not std:: distributions, whose output differs between
// standard libraries): inverse transform, Box-Muller, Marsaglia-Tsang.
// Draws holds the streams of one replication of one queue-day and samples the model's laws
// (model.hpp) from them; DaySimulation and the fast path share it, so both consume every stream in
// the same order.
#pragma once

#include <array>
#include <cstdint>
#include <optional>

#include "wfm/sim/model.hpp"

namespace wfm::sim {

// What a stream is used for; each purpose gets its own sequence so that, e.g., changing the
// patience model does not change the arrivals.
enum class Purpose : std::uint64_t {
  kArrivals = 1,
  kHandle = 2,
  kPatience = 3,
  kRedial = 4,
  kRate = 5
};

class Stream {
 public:
  Stream(std::uint64_t seed, std::uint64_t replication, std::uint64_t queue, Purpose purpose);

  std::uint64_t next_u64();
  double uniform();       // [0, 1), 53 bits
  double uniform_open();  // (0, 1)
  double exponential(double mean);
  double normal();
  // Gamma with the given shape and scale (Marsaglia & Tsang 2000).
  double gamma(double shape, double scale);

 private:
  void refill();
  std::array<std::uint64_t, 2> key_;
  std::array<std::uint64_t, 4> counter_;
  std::array<std::uint64_t, 4> block_{};
  int used_ = 4;
  bool has_spare_normal_ = false;
  double spare_normal_ = 0;
};

// The random draws of one replication of one queue-day: streams (seed, replication, stream_id,
// purpose). A value: a copy continues the same sequences. `settings` must outlive it.
class Draws {
 public:
  Draws(const SimSettings& settings, std::uint64_t replication, std::uint64_t stream_id);

  // Gamma multiplier of mean 1 and the configured CV (1 without rate noise).
  double rate_multiplier();
  // The next arrival after `t` at `rate` per second; +inf when there is none.
  double next_arrival(double t, double rate);
  // A handle time of the configured law with the given mean.
  double handle(double mean);
  // A patience of the configured law; +inf without patience.
  double patience();
  // Whether an abandoning caller redials, and after how long.
  std::optional<double> redial_delay();

 private:
  static double lognormal(Stream& st, double mean, double cv);

  const SimSettings* s_;
  Stream arrivals_, handle_, patience_, redial_, rate_;
  double empirical_mean_ = 1;
  double weibull_scale_ = 1;
};

}  // namespace wfm::sim
