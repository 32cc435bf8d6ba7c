#include "wfm/staffing/chat.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "wfm/core/error.hpp"
#include "wfm/staffing/birth_death.hpp"
#include "wfm/staffing/erlang_x.hpp"

namespace wfm::staffing {

namespace {

constexpr int kMaxConcurrency = 20;

// The chain for per-agent completion rates g[0..k] (g[c] = c / h(c), g[0] = 0).
ChatValues solve_chat(int agents, double arrivals_per_s, const double* g, int k, double patience_s,
                      double threshold_s) {
  const long s = agents;
  ChainParams p;
  p.arrival_rate = arrivals_per_s;
  p.slots = agents * k;
  p.full_rate = static_cast<double>(s) * g[k];
  p.abandon_rate = 1.0 / patience_s;
  p.threshold_s = threshold_s;
  const double inv_s = s > 0 ? 1.0 / static_cast<double>(s) : 0.0;
  const ChainMeasures m = solve_chain(p, [&](long n) {
    // q = floor(n / s) by a multiplication, corrected for rounding; rem = n - q s.
    long q = static_cast<long>(static_cast<double>(n) * inv_s);
    if (q * s > n) --q;
    if ((q + 1) * s <= n) ++q;
    const long rem = n - q * s;
    return q >= k ? p.full_rate
                  : static_cast<double>(rem) * g[q + 1] + static_cast<double>(s - rem) * g[q];
  });
  ChatValues v;
  v.p_wait = m.p_wait;
  v.p_answered = m.p_answered;
  v.p_answered_within = m.p_answered_within;
  v.p_abandon = m.p_abandon;
  v.p_abandon_within = m.p_abandon_within;
  v.p_virtual_within = m.p_virtual_within;
  v.asa_s =
      m.p_answered > 0 ? m.wait_answered / m.p_answered : std::numeric_limits<double>::infinity();
  v.mean_chats_in_service = m.mean_busy_slots;
  v.occupancy = agents > 0 ? m.mean_busy_slots / p.slots : 0.0;
  v.mean_queue_length = m.mean_queue;
  return v;
}

}  // namespace

ChatValues chat_values(int agents, double arrivals_per_s, const ChatParams& params,
                       double threshold_s) {
  const int k = static_cast<int>(params.handle_s.size());
  WFM_ENSURE(agents >= 0 && arrivals_per_s >= 0 && std::isfinite(arrivals_per_s) && k >= 1 &&
                 k <= kMaxConcurrency && params.patience_s > 0 &&
                 std::isfinite(params.patience_s) && threshold_s >= 0,
             "chat: bad arguments s={} lambda={} k={} patience={} T={}", agents, arrivals_per_s, k,
             params.patience_s, threshold_s);
  std::array<double, kMaxConcurrency + 1> g{};
  for (int c = 1; c <= k; ++c) g[c] = c / params.handle_s[static_cast<std::size_t>(c) - 1];
  return solve_chat(agents, arrivals_per_s, g.data(), k, params.patience_s, threshold_s);
}

void check_concurrency_profile(const std::vector<double>& h) {
  WFM_REQUIRE(!h.empty() && h.size() <= kMaxConcurrency, core::at_flag("--concurrency"),
              "expected a concurrency from 1 to 20, got {}", h.size());
  for (std::size_t i = 0; i < h.size(); ++i) {
    const double c = static_cast<double>(i);
    WFM_REQUIRE(h[i] > 0 && std::isfinite(h[i]), core::at_flag("--aht-by-concurrency"),
                "expected handle times > 0, got {} at {} chats", h[i], i + 1);
    if (i > 0) {
      WFM_REQUIRE((c + 1) / h[i] >= c / h[i - 1] * (1 - 1e-12),
                  core::at_flag("--aht-by-concurrency"),
                  "an agent with {} chats must finish at least as many chats per hour as with {} "
                  "(c / handle time nondecreasing): {:g} s at {} chats is more than {:g} s",
                  i + 1, i, h[i], i + 1, h[i - 1] * (c + 1) / c);
    }
  }
}

ChatEngine::ChatEngine(ChatParams params) : params_(std::move(params)) {
  const auto& h = params_.handle_s;
  check_concurrency_profile(h);
  WFM_REQUIRE(params_.patience_s > 0 && std::isfinite(params_.patience_s),
              core::at_flag("--patience"), "chat needs a mean patience > 0 seconds, e.g. 5m");
  relative_rate_.assign(h.size() + 1, 0.0);
  for (std::size_t i = 0; i < h.size(); ++i) {
    relative_rate_[i + 1] = static_cast<double>(i + 1) * h.front() / h[i];
  }
}

double ChatEngine::agent_capacity() const {
  return relative_rate_.back();
}

StaffingResult ChatEngine::evaluate(const IntervalLoad& load, double agents,
                                    const ServiceMeasure& measure, Detail) const {
  WFM_ENSURE(load.calls >= 0 && std::isfinite(load.calls) && load.interval_s > 0 &&
                 load.aht_s > 0 && agents >= 0 && agents == std::floor(agents) && agents <= 1e7,
             "chat: invalid load calls={} interval_s={} aht_s={} agents={}", load.calls,
             load.interval_s, load.aht_s, agents);
  // The profile scaled to this interval's single-chat handle time: g(c) = c / (h(c) aht / h(1)).
  const int k = static_cast<int>(params_.handle_s.size());
  std::array<double, kMaxConcurrency + 1> g{};
  for (int c = 1; c <= k; ++c) g[c] = relative_rate_[static_cast<std::size_t>(c)] / load.aht_s;
  const ChatValues v = solve_chat(static_cast<int>(agents), load.calls / load.interval_s, g.data(),
                                  k, params_.patience_s, measure.threshold_s);
  StaffingResult r;
  r.model = name();
  r.offered_load = load.offered_load();
  r.agents = agents;
  r.service_level =
      service_level_of(measure.definition, v.p_answered_within, v.p_answered, v.p_abandon_within);
  r.virtual_service_level = v.p_virtual_within;
  r.p_wait = v.p_wait;
  r.asa_s = v.asa_s;
  r.occupancy = v.occupancy;
  r.abandon_rate = v.p_abandon;
  r.mean_queue_length = v.mean_queue_length;
  return r;
}

}  // namespace wfm::staffing
