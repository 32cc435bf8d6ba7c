// The service level a schedule delivers: its on-phone agents per interval (breaks removed) fed to
// the discrete-event simulator (src/wfm/sim) against the queue's calls and handle times, with the
// queue carried across intervals, next to the Erlang C figure of the same agents in each interval
// taken alone. The difference is the "SIPP gap" of issue 11 (Green, Kolesar & Soares 2001):
// Erlang treats each interval as a steady state of its own; the simulation carries the queue
// left by an under-staffed interval into the next.
//
// The simulation model is Erlang C's (exponential handle times, Poisson arrivals, no
// abandonment), or Erlang A's when a mean patience is given (callers hang up after an exponential
// patience; the interval figure is then Erlang A's). So with the same agents in every interval of
// a long day the two agree (tested in tests/unit/schedule/simulate_test.cpp). Breaks are taken at
// interval boundaries (the agents of an interval are its on-phone count). Reproducible for a seed
// (sim/random.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "wfm/core/series.hpp"
#include "wfm/schedule/outputs.hpp"
#include "wfm/staffing/engine.hpp"

namespace wfm::schedule {

struct ServiceOptions {
  double threshold_s = 20;  // service level: answered within this many seconds, ...
  staffing::SlDefinition definition = staffing::SlDefinition::kOffered;  // ... of what
  std::optional<double> patience_s;  // mean exponential patience (Erlang A); absent: Erlang C
  int replications = 30;
  std::uint64_t seed = 1;
};

struct IntervalService {
  double calls = 0;
  std::optional<double> erlang_sl;     // Erlang C (A) with the interval's on-phone agents
  std::optional<double> simulated_sl;  // simulated mean (queue carried over)
  double simulated_sl_hw = 0;          // 95% half-width
};

struct DayService {
  std::vector<IntervalService> intervals;  // rules.intervals_per_day()
  std::optional<double> erlang_sl;         // calls-weighted mean of the intervals' Erlang figures
  std::optional<double> simulated_sl;      // of the day's calls
  double simulated_sl_hw = 0;
};

// For each of `days` (same order): the service their on-phone agents give `queue` of `demand`
// ("" when the table has one queue). The demand must be on the rules' interval and have aht_s.
std::vector<DayService> simulate_schedule(const ShiftRules& rules,
                                          const std::vector<DayResult>& days,
                                          const core::IntervalTable& demand,
                                          const std::string& queue, const ServiceOptions& options);

// Calls-weighted over every interval with calls of `days`: the Erlang figure (an interval without
// one counts as 0) and the simulated SL (over the intervals simulated). nullopt with no calls.
struct ServiceTotals {
  std::optional<double> erlang_sl;
  std::optional<double> simulated_sl;
};
ServiceTotals service_totals(const std::vector<DayService>& days);

}  // namespace wfm::schedule
