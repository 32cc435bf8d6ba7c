// Email / backlog staffing speed (issue 13): 100 queues x a year of 15-minute intervals (35,040
// each, 3,504,000 in all), arrivals around the clock with a daily and weekly shape and noise from a
// fixed linear congruential sequence, work 240-420 s per item; business hours 08:00-18:00
// Monday-Friday, 90% within 4 business hours. Times staff_backlog (staffing + its projection) and
// project_backlog (the projection of that staffing) over every queue, one thread, best of REPEAT
// (wall and CPU seconds); prints the figures and checksums (sum of agent-hours, infeasible
// intervals, which must be 0). Issue target: the staffing of all 100 queues in under 10 s. Usage:
// wfm_backlog_bench [QUEUES] [DAYS] [REPEAT]
// With a fourth argument `sim` (and optionally the replications, default 30): staffing by
// simulation (sim::staff_backlog_by_simulation, seed 1) of the first queue only, all threads,
// timed once: fluid and simulation agent-hours, the simulated shares, sweeps and day runs, and
// (untimed) both staffings simulated with fresh random numbers (seed 2).
// wfm_backlog_bench 1 365 1 sim 30
#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "wfm/core/parallel.hpp"
#include "wfm/sim/backlog_staffing.hpp"
#include "wfm/staffing/backlog.hpp"

using namespace wfm;

namespace {

staffing::BacklogQueue make_queue(int index, int days) {
  staffing::BacklogQueue q;
  q.name = fmt::format("q{:03}", index);
  std::uint64_t x = 0x9E3779B97F4A7C15ULL * static_cast<std::uint64_t>(index + 1);
  const auto next = [&x] {
    x = x * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<double>(x >> 11) / 9007199254740992.0;  // [0, 1)
  };
  const double scale = 0.5 + 2.5 * next();  // queues of different sizes
  auto t = *core::parse_local_time("2024-01-01T00:00");
  const int per_day = 96;
  for (int i = 0; i < days * per_day; ++i) {
    const double hour = (i % per_day) / 4.0 + 0.125;
    const int weekday = (i / per_day) % 7;  // 2024-01-01 is a Monday
    const double shape = 1.0 + 8.0 * std::exp(-(hour - 10.5) * (hour - 10.5) / 8.0) +
                         4.0 * std::exp(-(hour - 15.5) * (hour - 15.5) / 6.0);
    const double week = weekday >= 5 ? 0.4 : 1.0;
    const double items = std::floor(scale * shape * week * (0.7 + 0.6 * next()));
    const double handle = 240 + std::floor(180 * next());
    q.intervals.push_back({t, items, handle, static_cast<std::size_t>(i + 2)});
    t += std::chrono::minutes(15);
  }
  return q;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// CPU seconds of this process (user + system): on a loaded machine the wall time also counts
// other processes' turns, the CPU time only this run's work.
double cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

}  // namespace

int main(int argc, char** argv) {
  const int queues = argc > 1 ? std::atoi(argv[1]) : 100;
  const int days = argc > 2 ? std::atoi(argv[2]) : 365;
  const int repeat = argc > 3 ? std::atoi(argv[3]) : 3;
  staffing::BacklogOptions options;
  options.interval_s = 900;
  options.hours = wfm::staffing::BusinessHours{{false, true, true, true, true, true, false},
                                               8 * 3600, 18 * 3600}
                      .week();
  options.target = {0.9, 4 * 3600};

  if (argc > 4 && std::string(argv[4]) == "sim") {
    sim::SimSettings settings;
    settings.replications = argc > 5 ? std::atoi(argv[5]) : 30;
    settings.seed = 1;
    const staffing::BacklogQueue q = make_queue(0, days);
    const auto start = std::chrono::steady_clock::now();
    const double cpu = cpu_seconds();
    const sim::BacklogSimStaffing r = sim::staff_backlog_by_simulation(q, options, settings);
    const double wall = seconds_since(start);
    double items_total = 0;
    for (const auto& iv : q.intervals) items_total += iv.items;
    fmt::print("intervals: {}\nitems: {:.0f}\nreplications: {}\nthreads: {}\n", q.intervals.size(),
               items_total, settings.replications, core::max_threads());
    fmt::print("seconds: {:.2f}\ncpu_seconds: {:.2f}\n", wall, cpu_seconds() - cpu);
    fmt::print("fluid_agent_hours: {:.1f}\nsim_agent_hours: {:.1f}\n", r.fluid_agent_hours,
               r.result.agent_hours);
    fmt::print("fluid_simulated_share: {:.4f}\nsim_simulated_share: {:.4f}\n",
               r.fluid_fraction_within_target.mean, r.fraction_within_target.mean);
    fmt::print("days: {}\ndays_missed: {}\nsweeps: {}\nday_runs: {}\n", r.days.size(),
               r.days_missed, r.sweeps, r.evaluations);
    // Out of sample: the result and the fluid staffing with fresh random numbers (seed 2).
    sim::SimSettings fresh = settings;
    fresh.seed = 2;
    const double fresh_share =
        sim::simulate_backlog(r.result, fresh).total.fraction_within_target.mean;
    const double fluid_fresh = sim::simulate_backlog(staffing::staff_backlog(q, options), fresh)
                                   .total.fraction_within_target.mean;
    fmt::print("fresh_seed_sim_share: {:.4f}\nfresh_seed_fluid_share: {:.4f}\n", fresh_share,
               fluid_fresh);
    return r.met ? 0 : 1;
  }

  std::vector<staffing::BacklogQueue> data;
  std::size_t intervals = 0;
  double items = 0;
  for (int q = 0; q < queues; ++q) {
    data.push_back(make_queue(q, days));
    intervals += data.back().intervals.size();
    for (const auto& r : data.back().intervals) items += r.items;
  }

  double best_staff = 1e300, best_project = 1e300, best_staff_cpu = 1e300, best_project_cpu = 1e300;
  double agent_hours = 0, projected_hours = 0;
  double within = 0, due = 0;
  std::size_t infeasible = 0, mismatches = 0;
  for (int rep = 0; rep < repeat; ++rep) {
    std::vector<std::vector<double>> agents(data.size());
    agent_hours = within = due = 0;
    infeasible = 0;
    auto start = std::chrono::steady_clock::now();
    double cpu = cpu_seconds();
    for (std::size_t q = 0; q < data.size(); ++q) {
      const staffing::BacklogResult r = staffing::staff_backlog(data[q], options);
      agent_hours += r.agent_hours;
      within += r.items_within_target;
      due += r.items_due;
      infeasible += r.infeasible_intervals;
      for (const auto& s : r.slots) agents[q].push_back(s.agents);
    }
    best_staff = std::min(best_staff, seconds_since(start));
    best_staff_cpu = std::min(best_staff_cpu, cpu_seconds() - cpu);
    projected_hours = 0;
    mismatches = 0;
    start = std::chrono::steady_clock::now();
    cpu = cpu_seconds();
    for (std::size_t q = 0; q < data.size(); ++q) {
      const staffing::BacklogResult p = staffing::project_backlog(data[q], options, agents[q]);
      projected_hours += p.agent_hours;
      if (!p.feasible) ++mismatches;
    }
    best_project = std::min(best_project, seconds_since(start));
    best_project_cpu = std::min(best_project_cpu, cpu_seconds() - cpu);
  }
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  fmt::print("queues: {}\nintervals: {}\nitems: {:.0f}\nrepeat: {}\n", queues, intervals, items,
             repeat);
  fmt::print("staff_seconds: {:.3f}\nproject_seconds: {:.3f}\n", best_staff, best_project);
  fmt::print("staff_cpu_seconds: {:.3f}\nproject_cpu_seconds: {:.3f}\n", best_staff_cpu,
             best_project_cpu);
  fmt::print("staff_intervals_per_s: {:.0f}\n", static_cast<double>(intervals) / best_staff);
  fmt::print("checksum_agent_hours: {:.1f}\nprojected_agent_hours: {:.1f}\n", agent_hours,
             projected_hours);
  fmt::print("fraction_within_target: {:.6f}\ninfeasible_intervals: {}\n",
             due > 0 ? within / due : 1.0, infeasible);
  fmt::print("projection_mismatches: {}\npeak_rss_kib: {}\n", mismatches, usage.ru_maxrss);
  return infeasible == 0 && mismatches == 0 && agent_hours == projected_hours ? 0 : 1;
}
