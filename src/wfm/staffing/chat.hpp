// Chat with concurrency: each agent handles up to k chats at once, and a chat's handle time
// depends on how many chats its agent has (e.g. 3, 3.5, 4 minutes at 1, 2, 3 chats). A CTMC on the
// number n of chats in system (the model of Koole's chat calculator, G. Koole, "Call Center
// Optimization", 2013, ch. 5; built here from its assumptions, derived in docs/erlang.md):
//
//  - Poisson arrivals, exponential handle times with mean h(c) while the agent holds c chats
//    (the rate of a chat changes when its agent's concurrency changes: memoryless), so an agent
//    with c chats finishes chats at rate g(c) = c / h(c), which must be nondecreasing in c
//    (checked: a second chat that lowered an agent's throughput would not be taken).
//  - Chats are spread evenly: with n <= s k chats in service, n mod s agents hold floor(n/s) + 1
//    chats and the others floor(n/s) (routing to the least busy agent). Total rate
//    D(n) = (n mod s) g(floor(n/s) + 1) + (s - n mod s) g(floor(n/s)); above s k chats wait in a
//    FIFO queue and abandon at rate 1/patience each.
//  - Per-interval handle times: a load's aht_s is the single-chat handle time h(1); the profile
//    is scaled by aht_s / h(1), so `wfm staff` with per-interval AHT keeps the profile's shape.
// The chain is the birth-death chain of birth_death.hpp with slots = s k and D(s k) = s g(k), so
// the waiting-time results (service level, ASA, abandonment) carry over. Occupancy = mean chats in
// service / (s k), the share of chat slots used. k = 1 is Erlang A (tested). Whole agents only.
// Tests: tests/unit/staffing/chat_test.cpp.
#pragma once

#include <string_view>
#include <vector>

#include "wfm/staffing/engine.hpp"

namespace wfm::staffing {

struct ChatParams {
  std::vector<double> handle_s;  // h(1..k): mean handle time at 1, ..., k concurrent chats, > 0
  double patience_s = 0;         // mean patience of a waiting chat, > 0
};

struct ChatValues {
  double p_wait = 0;  // shares of offered chats
  double p_answered = 0;
  double p_answered_within = 0;
  double p_abandon = 0;
  double p_abandon_within = 0;
  double p_virtual_within = 0;
  double asa_s = 0;      // mean wait of answered chats
  double occupancy = 0;  // mean chats in service / (agents x concurrency)
  double mean_chats_in_service = 0;
  double mean_queue_length = 0;
};

// Checks a handle-time profile h(1..k): 1 <= k <= 20, every h(c) > 0 and finite, and c / h(c)
// nondecreasing. Throws core::InputError at --concurrency / --aht-by-concurrency. Shared by the
// chat engine and the simulator (sim/model.hpp: ChatModel).
void check_concurrency_profile(const std::vector<double>& handle_s);

// agents >= 0, arrivals_per_s >= 0; params checked by ChatEngine (WFM_ENSURE here).
ChatValues chat_values(int agents, double arrivals_per_s, const ChatParams& params,
                       double threshold_s);

class ChatEngine final : public StaffingEngine {
 public:
  // Throws core::InputError naming --aht-by-concurrency / --concurrency / --patience.
  explicit ChatEngine(ChatParams params);
  std::string_view name() const override { return "chat"; }
  StaffingResult evaluate(const IntervalLoad& load, double agents, const ServiceMeasure& measure,
                          Detail detail = {}) const override;
  bool models_abandonment() const override { return true; }
  double agent_capacity() const override;
  const ChatParams& params() const { return params_; }

 private:
  ChatParams params_;
  std::vector<double> relative_rate_;  // [c] = c h(1) / h(c): chats/s per agent x h(1)
};

}  // namespace wfm::staffing
