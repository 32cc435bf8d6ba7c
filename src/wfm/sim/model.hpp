// What the simulator simulates: plain data describing queue-days and the behaviour of callers.
//
// A QueueDay is one queue over one day as consecutive intervals, each with its offered calls,
// mean handle time and staffed agents (whole agents). The day starts empty and carries its queue
// across interval boundaries; after the last interval no call arrives and the agents of the last
// interval finish the calls still waiting (the drain). When staffing drops at a boundary, an agent
// busy with a call finishes it and then leaves.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "wfm/core/time.hpp"
#include "wfm/staffing/engine.hpp"
#include "wfm/staffing/registry.hpp"

namespace wfm::sim {

enum class HandleDist { kExponential, kLognormal, kGamma, kEmpirical };
enum class PatienceDist { kNone, kExponential, kWeibull, kLognormal };
enum class RateNoise { kNone, kPerDay, kPerInterval };

struct HandleTimeModel {
  HandleDist dist = HandleDist::kExponential;
  double cv = 1.0;                // lognormal and gamma: coefficient of variation
  std::vector<double> empirical;  // observed handle times (s), rescaled to each interval's AHT
};

struct PatienceModel {
  PatienceDist dist = PatienceDist::kNone;
  double mean_s = 0;   // mean patience
  double shape = 1.0;  // Weibull shape
  double cv = 1.0;     // lognormal coefficient of variation
};

// An abandoning (or blocked, with lines) caller calls again with `probability`, after an
// exponential delay of mean delay_s.
struct RedialModel {
  double probability = 0;
  double delay_s = 300;
};

// Overdispersed arrivals: the Poisson rate is multiplied by a gamma variable of mean 1 and
// coefficient of variation `cv`, drawn once per day or once per interval.
struct ArrivalModel {
  RateNoise noise = RateNoise::kNone;
  double cv = 0;
};

// Chat with concurrency (the model of staffing/chat.hpp, simulated): an agent holds up to
// handle_s.size() chats at once, and a chat's handle time depends on how many chats its agent
// holds. A chat's work is drawn from the handle time model with the interval's AHT as its mean
// (the AHT of a chat handled alone) and is done at speed h(1) / h(c) while its agent holds c chats,
// so with exponential handle times an agent with c chats finishes them at rate c / h(c), as in the
// chat engine. A new chat goes to the staffed agent holding the fewest chats (the lowest-numbered
// on a tie); chats never move between agents, so after departures the spread may be uneven, where
// the chat engine assumes it even (docs/simulation.md measures the difference). Empty: voice, one
// call per agent.
struct ChatModel {
  std::vector<double> handle_s;  // h(1..k), seconds; only their ratios matter
  int concurrency() const { return handle_s.empty() ? 1 : static_cast<int>(handle_s.size()); }
};

// Call blending (the model of staffing/blend.hpp, simulated): an agent with no call waiting starts
// an outbound (or back-office) job while at least `threshold` agents stay idle after it does;
// outbound work is always there and never preempted, and inbound calls come first. An outbound
// job's duration is drawn from the handle time model with mean outbound_aht_s (0: the AHT of the
// interval it starts in; none starts in an interval without an AHT).
struct BlendModel {
  int threshold = 0;
  double outbound_aht_s = 0;
};

struct SimInterval {
  double calls = 0;  // expected offered calls (Poisson mean before rate noise)
  double aht_s = 0;  // mean handle time of calls arriving in the interval (> 0 when calls > 0)
  int agents = 0;    // staffed agents
};

struct QueueDay {
  std::string queue;
  core::LocalTime start{};
  double interval_s = 900;
  std::vector<SimInterval> intervals;
};

struct SimSettings {
  HandleTimeModel handle;
  PatienceModel patience;
  RedialModel redial;
  ArrivalModel arrivals;
  // Trunk lines: a call arriving when this many calls are in the system (in service or waiting)
  // is blocked (Erlang B/X); none: every call gets in.
  std::optional<int> lines;
  ChatModel chat;
  std::optional<BlendModel> blend;  // none: no outbound work (not with chat)
  staffing::ServiceMeasure measure;  // threshold T and service level definition
  std::uint64_t seed = 1;
  int replications = 30;
};

// The names commands and the Python module use: exponential, lognormal, gamma, empirical;
// none, exponential, weibull, lognormal; per-day, per-interval. nullopt for anything else.
std::optional<HandleDist> parse_handle_dist(std::string_view name);
std::optional<PatienceDist> parse_patience_dist(std::string_view name);
std::optional<RateNoise> parse_rate_noise(std::string_view name);

// Sets s.chat from spec's chat options (concurrency, aht_by_concurrency_s) and s.blend from its
// blend options (outbound_threshold, outbound_aht_s), each only when given: what `wfm simulate`,
// wfm.simulate and a plan's chat and blend queues simulate. Throws core::InputError for an
// outbound handle time without a threshold or chat options that disagree.
void set_channel_options(SimSettings& s, const staffing::EngineSpec& spec);

// Checks settings and days; throws core::InputError naming the setting.
void validate(const SimSettings& settings);
void validate(const QueueDay& day);

}  // namespace wfm::sim
