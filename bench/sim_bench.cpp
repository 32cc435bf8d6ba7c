// Simulation throughput: simulated calls per second on the stationary M/M/50 queue
// (arrival rate 0.16/s, mean handle time 300 s, FCFS), without and with exponential patience
// (mean 120 s), on the general event engine and on the FCFS fast path, 1..K threads.
//   wfm_sim_bench [--engine general|fast] [--patience S] [--threads K] [--replications R]
//                 [--hours H]
// Prints one line: engine, patience, threads, calls, seconds, calls/s, calls/s per thread,
// a checksum (total answered) and peak RSS (VmHWM).
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include <tbb/global_control.h>
#include <tbb/parallel_for.h>

#include "wfm/sim/day_simulator.hpp"

namespace {

long peak_rss_kib() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::strtol(line.c_str() + 6, nullptr, 10);
  }
  return -1;
}

}  // namespace

int main(int argc, char** argv) {
  std::string engine = "general";
  double patience = 0;
  int threads = 1, replications = 64;
  double hours = 24;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    const char* value = argv[i + 1];
    if (flag == "--engine")
      engine = value;
    else if (flag == "--patience")
      patience = std::atof(value);
    else if (flag == "--threads")
      threads = std::atoi(value);
    else if (flag == "--replications")
      replications = std::atoi(value);
    else if (flag == "--hours")
      hours = std::atof(value);
    else {
      std::fprintf(stderr, "unknown flag %s\n", argv[i]);
      return 2;
    }
  }
  using namespace wfm::sim;
  QueueDay day;
  day.interval_s = 3600;
  day.intervals.assign(static_cast<std::size_t>(hours), SimInterval{0.16 * 3600, 300, 50});
  SimSettings s;
  s.seed = 2026;
  if (patience > 0) {
    s.patience.dist = PatienceDist::kExponential;
    s.patience.mean_s = patience;
  }
  std::vector<double> answered(replications), offered(replications);
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
  const auto t0 = std::chrono::steady_clock::now();
  tbb::parallel_for(0, replications, [&](int r) {
    std::vector<IntervalTally> t;
    if (engine == "fast")
      simulate_day_fast(day, s, r, 0, t);
    else
      simulate_day(day, s, r, 0, t);
    for (const auto& x : t) {
      answered[r] += x.answered;
      offered[r] += x.offered;
    }
  });
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  double calls = 0, done = 0;
  for (int r = 0; r < replications; ++r) {
    calls += offered[r];
    done += answered[r];
  }
  std::printf("%s | %g | %d | %.0f | %.3f | %.3g | %.3g | %.0f | %.1f\n", engine.c_str(), patience,
              threads, calls, seconds, calls / seconds, calls / seconds / threads, done,
              static_cast<double>(peak_rss_kib()) / 1024.0);
  return 0;
}
