// Staffing engines: what a number of agents delivers on one interval's load.
//
// As QuantLib separates instruments from pricing engines, wfm separates the load of an interval
// (plain data) from the engine that evaluates it (a const strategy) and from the result (one
// StaffingResult type for every engine). Erlang B, C and A wrap the free functions in
// erlang_b.hpp, erlang_c.hpp and erlang_a.hpp; the simulation engine fills the same result and
// adds confidence half-widths. The staffing solver (solver.hpp) searches over this interface.
//
// Definitions, pinned here and in docs/erlang.md:
//  - offered load A = calls * aht_s / interval_s (Erlangs)
//  - service level (default, SlDefinition::kOffered) = calls answered within T / calls offered;
//    the other definitions in SlDefinition are options. Without abandonment all coincide.
//  - ASA = mean wait of answered calls (calls answered at once count with wait 0)
//  - occupancy = carried load / agents (carried = answered calls' work)
//  - abandon_rate = abandoned / offered; blocking = blocked / offered (Erlang B only)
#pragma once

#include <optional>
#include <string_view>

#include "wfm/core/error.hpp"

namespace wfm::staffing {

struct IntervalLoad {
  double calls = 0;       // calls offered in the interval, >= 0 (fractional for forecasts)
  double interval_s = 0;  // interval length, seconds, > 0
  double aht_s = 0;       // mean handle time (talk + hold + after-call work), seconds, > 0

  double offered_load() const { return calls * aht_s / interval_s; }
};

// Throws core::InputError at `where` unless `load` is in the engines' domain: calls >= 0, interval
// length and AHT > 0, all finite, and an offered load of at most core::kMaxOfferedLoadErlangs.
void require_supported_load(const IntervalLoad& load, const core::Location& where);

enum class SlDefinition {
  kOffered,                   // answered within T / offered (abandoned calls count as missed)
  kAnswered,                  // answered within T / answered
  kOfferedLessShortAbandons,  // answered within T / (offered - abandoned within T)
  kAbandonsWithinTMet,        // (answered within T + abandoned within T) / offered
};

std::string_view to_string(SlDefinition d);
std::optional<SlDefinition> parse_sl_definition(std::string_view text);

// How service level is measured: the threshold and the definition.
struct ServiceMeasure {
  double threshold_s = 20;
  SlDefinition definition = SlDefinition::kOffered;
};

// 95% confidence half-widths (Student t over `replications`: half-width = t_{0.975, R-1} x
// standard error), filled by simulation engines only. staffing::meets_targets turns them back into
// standard errors for ServiceTargets::confidence.
struct ErrorEstimate {
  double service_level = 0;
  double asa_s = 0;
  double occupancy = 0;
  double abandon_rate = 0;
  int replications = 0;
};

// Blending (blend.hpp): the outbound work done alongside the inbound calls.
struct OutboundWork {
  double per_hour = 0;         // outbound jobs completed per hour
  double total_occupancy = 0;  // (inbound + outbound busy agents) / agents
};

// What `agents` deliver on a load. The same type for every engine and for the solver.
struct StaffingResult {
  std::string_view model;    // "erlang-b", "erlang-c", "erlang-a", ...
  double offered_load = 0;   // Erlangs
  double agents = 0;         // evaluated (or, from the solver, required) agents
  bool stable = true;        // false: Erlang C with agents <= load (queue grows without bound)
  bool feasible = true;      // solver only: false when the targets cannot be met within limits
  double service_level = 0;  // as ServiceMeasure says
  double p_wait = 0;         // probability that an arriving call waits
  double asa_s = 0;          // mean wait of answered calls; +inf when unstable or none answered
  double occupancy = 0;      // carried load / agents
  double abandon_rate = 0;   // Erlang A (and simulation)
  double blocking = 0;       // Erlang B, Erlang X with lines
  double mean_queue_length = 0;
  // Erlang X and chat: admitted and reaching service within T if patient enough, of offered (the
  // "virtual" service level of callers whose patience exceeds T). Not a solver target.
  std::optional<double> virtual_service_level;
  std::optional<OutboundWork> outbound;  // blend only; occupancy above is inbound only
  std::optional<ErrorEstimate> error;    // simulation engines only
};

// How much of a StaffingResult an evaluation must fill. A search only needs the measures its
// targets name; kTargets lets an engine skip costly ones (Erlang A's ASA needs a quadrature)
// unless `need_asa` is set. The solver always returns a kFull evaluation.
struct Detail {
  bool full = true;
  bool need_asa = true;
};

class StaffingEngine {
 public:
  virtual ~StaffingEngine() = default;
  virtual std::string_view name() const = 0;
  // Performance of `agents` on `load`. Fractional agents only where supports_fractional().
  virtual StaffingResult evaluate(const IntervalLoad& load, double agents,
                                  const ServiceMeasure& measure, Detail detail = {}) const = 0;
  // Performance of agents = first, first + 1, ..., first + count - 1 (integers) into out[0..count).
  // Engines with a cheap recurrence in N (Erlang B and C) override it; the default evaluates each.
  virtual void evaluate_run(const IntervalLoad& load, double first, int count,
                            const ServiceMeasure& measure, Detail detail,
                            StaffingResult* out) const;
  virtual bool supports_fractional() const { return false; }
  // True when a Detail{.full = false} evaluation may leave measures out (the solver then
  // re-evaluates its answer in full).
  virtual bool detail_matters() const { return false; }
  // How many consecutive agent counts evaluate_run handles cheaply (1: no cheaper than singles).
  virtual int preferred_run() const { return 1; }
  // True when the engine can model blocking (a loss system) rather than waiting.
  virtual bool is_loss_system() const { return false; }
  // True when the engine models abandonment.
  virtual bool models_abandonment() const { return false; }
  // True when calls can be blocked (a --max-blocking target makes sense): loss systems, Erlang X
  // with lines.
  virtual bool models_blocking() const { return is_loss_system(); }
  // True when the engine does outbound work beside the calls (blending: StaffingResult::outbound,
  // a --min-outbound target makes sense).
  virtual bool models_outbound() const { return false; }
  // Offered load (in Erlangs of the load's AHT) one agent can carry at most: 1 for voice; for chat
  // k h(1) / h(k). The solver's starting guess divides the load by it (a hint, never the answer).
  virtual double agent_capacity() const { return 1.0; }
  // More agents than this change nothing (Erlang X: the lines); caps the solver's search.
  virtual std::optional<double> max_agents() const { return std::nullopt; }
};

// Erlang B: a loss system (no queue). service_level = 1 - blocking, p_wait = 0.
class ErlangBEngine final : public StaffingEngine {
 public:
  std::string_view name() const override { return "erlang-b"; }
  StaffingResult evaluate(const IntervalLoad& load, double agents, const ServiceMeasure& measure,
                          Detail detail = {}) const override;
  bool supports_fractional() const override { return true; }
  bool is_loss_system() const override { return true; }
};

// Erlang C: M/M/N, no abandonment.
class ErlangCEngine final : public StaffingEngine {
 public:
  std::string_view name() const override { return "erlang-c"; }
  StaffingResult evaluate(const IntervalLoad& load, double agents, const ServiceMeasure& measure,
                          Detail detail = {}) const override;
  void evaluate_run(const IntervalLoad& load, double first, int count,
                    const ServiceMeasure& measure, Detail detail,
                    StaffingResult* out) const override;
  bool supports_fractional() const override { return true; }
  int preferred_run() const override { return 4; }
};

// Erlang A: M/M/N+M with exponential patience of the given mean.
class ErlangAEngine final : public StaffingEngine {
 public:
  explicit ErlangAEngine(double patience_s);
  std::string_view name() const override { return "erlang-a"; }
  StaffingResult evaluate(const IntervalLoad& load, double agents, const ServiceMeasure& measure,
                          Detail detail = {}) const override;
  bool supports_fractional() const override { return true; }
  bool models_abandonment() const override { return true; }
  bool detail_matters() const override { return true; }
  double patience_s() const { return patience_s_; }

 private:
  double patience_s_;
};

}  // namespace wfm::staffing
