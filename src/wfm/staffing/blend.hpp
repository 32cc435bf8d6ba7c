// Call blending: inbound calls with priority, plus an unlimited supply of outbound (or
// back-office) jobs that agents take only while at least K agents stay idle. The threshold policy
// of S. Bhulai and G. Koole, "A queueing model for call blending in call centers", IEEE Trans.
// Automatic Control 48(8):1434-1438, 2003, doi:10.1109/TAC.2003.815038 (their model: Poisson
// inbound, exponential inbound and outbound handle times, outbound work always available and not
// preempted; a reserve of idle agents for inbound). Built here from those assumptions; derivation
// in docs/erlang.md ("Blending").
//
//  - s agents; inbound Poisson rate lambda, exponential handle time 1/mu (the load's AHT),
//    optional exponential patience 1/theta while waiting (none: theta = 0); FIFO queue.
//  - An arriving call takes an idle agent if any, else waits. An agent who becomes free takes a
//    waiting call; if none waits it starts an outbound job (mean 1/nu) only if at least K agents
//    stay idle after it does. Outbound jobs are never preempted. K >= s: never outbound (Erlang C,
//    or Erlang A with a patience); K = 0: an agent with no call waiting always works outbound.
//  - States with more than K idle agents are transient (idle agents only grow up to K), so the
//    chain lives on (l, o): o = outbound jobs in service in 0..s-K, l = q - d with q calls
//    waiting or d in 0..K idle agents. Arrivals raise l; completions lower it; an outbound
//    completion also lowers o (its agent takes a waiting call or goes idle); o rises only at
//    l = -K (an inbound completion with K idle starts an outbound job). Solved exactly, phase by
//    phase from o = s-K down (a censored chain: every phase o+1 is entered at one state), each
//    phase by one O(levels) recursion of positive terms, then the phases scaled by the flow
//    balance across the cut between phases o-1 and o, in logs: O((s-K+1) x levels) per
//    evaluation.
//  - Levels: the queue is truncated at Q waiting calls (arrivals there are lost), Q doubled until
//    the estimated mass beyond it is below 1e-12 (BlendValues::truncated_mass) or phases x levels
//    reach 1e7 (only near saturation, e.g. a load within 0.2% of 500 agents without patience;
//    truncated_mass then says what is left out).
//  - Waiting time of an arriving call (PASTA): it finds (q, o) and waits while the q calls ahead
//    are served or abandon; each inbound completion (rate mu (s-o)) or outbound completion (rate
//    nu o, the agent then takes a call, o falls) moves it up. P(wait <= T) by uniformization of
//    that absorbing chain; ASA and P(answered) by first-step analysis.
// Measures are of inbound calls except outbound_per_s = nu E[o] and total occupancy.
// Tests: tests/unit/staffing/blend_test.cpp (a dense CTMC, the Erlang C/A limit at K >= s).
#pragma once

#include <cmath>
#include <limits>
#include <string_view>

#include "wfm/staffing/engine.hpp"

namespace wfm::staffing {

struct BlendParams {
  int threshold = 0;          // K: idle agents kept for inbound, >= 0 (>= agents: no outbound)
  double outbound_aht_s = 0;  // mean outbound handle time, > 0; 0 in the engine: the load's AHT
  double patience_s = std::numeric_limits<double>::infinity();  // inbound; inf: no abandonment
};

struct BlendValues {
  bool stable = true;  // false: no patience and load lambda / mu >= s (1 - 1e-12)
  double p_wait = 0;   // shares of offered inbound calls
  double p_answered = 0;
  double p_answered_within = 0;
  double p_abandon = 0;
  double p_abandon_within = 0;
  double asa_s = 0;              // mean wait of answered calls
  double inbound_occupancy = 0;  // mean agents on inbound / agents
  double total_occupancy = 0;    // (inbound + outbound busy agents) / agents
  double mean_outbound = 0;      // mean outbound jobs in service
  double outbound_per_s = 0;     // outbound jobs completed per second = nu E[o]
  double mean_queue_length = 0;
  double truncated_mass = 0;  // estimated stationary mass beyond the queue truncation
};

// agents >= 0, arrivals_per_s >= 0, aht_s > 0, params.outbound_aht_s > 0, threshold_s >= 0.
BlendValues blend_values(int agents, double arrivals_per_s, double aht_s, const BlendParams& params,
                         double threshold_s);

// The engine: service level per SlDefinition, ASA, abandonment, occupancy = inbound occupancy,
// StaffingResult::outbound = outbound jobs per hour and total occupancy. Whole agents only.
class BlendEngine final : public StaffingEngine {
 public:
  // Throws core::InputError naming --outbound-threshold, --outbound-aht or --patience.
  explicit BlendEngine(const BlendParams& params);
  std::string_view name() const override { return "blend"; }
  bool models_outbound() const override { return true; }
  StaffingResult evaluate(const IntervalLoad& load, double agents, const ServiceMeasure& measure,
                          Detail detail = {}) const override;
  bool models_abandonment() const override { return std::isfinite(params_.patience_s); }
  const BlendParams& params() const { return params_; }

 private:
  BlendParams params_;
};

}  // namespace wfm::staffing
