// Random streams for the simulation: counter-based (Random123's Philox4x64-10, Salmon et al.
// 2011, "Parallel random numbers: as easy as 1, 2, 3", SC'11), so stream (seed, replication,
// queue, purpose) is a pure function of those numbers. A replication's results therefore do not
// depend on which thread runs it or in which order, and one seed gives identical output with any
// thread count. Samplers are written here (not std:: distributions, whose output differs between
// standard libraries): inverse transform, Box-Muller, Marsaglia-Tsang.
#pragma once

#include <array>
#include <cstdint>

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

}  // namespace wfm::sim
