#include "wfm/staffing/engine.hpp"

#include <cmath>
#include <limits>

#include "wfm/core/error.hpp"
#include "wfm/core/limits.hpp"
#include "wfm/staffing/erlang_a.hpp"
#include "wfm/staffing/erlang_b.hpp"
#include "wfm/staffing/erlang_c.hpp"

namespace wfm::staffing {
namespace {

void check_load(const IntervalLoad& load, double agents) {
  WFM_ENSURE(load.calls >= 0 && std::isfinite(load.calls) && load.interval_s > 0 &&
                 load.aht_s > 0 && std::isfinite(load.aht_s) && agents >= 0 &&
                 std::isfinite(agents),
             "invalid interval load: calls={} interval_s={} aht_s={} agents={}", load.calls,
             load.interval_s, load.aht_s, agents);
}

}  // namespace

void require_supported_load(const IntervalLoad& load, const core::Location& where) {
  WFM_REQUIRE(std::isfinite(load.calls) && load.calls >= 0, where, "expected calls >= 0, got {}",
              load.calls);
  WFM_REQUIRE(std::isfinite(load.interval_s) && load.interval_s > 0, where,
              "expected an interval length > 0, got {}", load.interval_s);
  WFM_REQUIRE(std::isfinite(load.aht_s) && load.aht_s > 0, where,
              "expected a handle time > 0, got {}", load.aht_s);
  const double a = load.offered_load();
  WFM_REQUIRE(a <= core::kMaxOfferedLoadErlangs, where,
              "the offered load {:g} Erlangs ({:g} calls x {:g} s / {:g} s) is above the largest "
              "supported, {:g} Erlangs (docs/formats.md, limits)",
              a, load.calls, load.aht_s, load.interval_s, core::kMaxOfferedLoadErlangs);
}

void StaffingEngine::evaluate_run(const IntervalLoad& load, double first, int count,
                                  const ServiceMeasure& measure, Detail detail,
                                  StaffingResult* out) const {
  for (int i = 0; i < count; ++i) out[i] = evaluate(load, first + i, measure, detail);
}

void ErlangCEngine::evaluate_run(const IntervalLoad& load, double first, int count,
                                 const ServiceMeasure& measure, Detail detail,
                                 StaffingResult* out) const {
  const double a = load.offered_load();
  // Below or at the load the queue is unstable, and tiny loads are cheap anyway: no recurrence.
  if (count <= 1 || a == 0 || first <= a) {
    StaffingEngine::evaluate_run(load, first, count, measure, detail, out);
    return;
  }
  // R(n) = 1/B(n) - 1 once from the incomplete gamma, then R(n+1) = (n+1)/a (1 + R(n)), and
  // C(n) = 1 / (1 + (1 - a/n) R(n)). R may overflow to +inf far above the load: C is then 0.
  double ratio = std::exp(erlang_log_ratio_below(first, a));
  // exp(-(n - a) T / AHT), advanced by one constant factor per agent.
  const double decay_step = std::exp(-measure.threshold_s / load.aht_s);
  double decay = std::exp(-(first - a) * measure.threshold_s / load.aht_s);
  for (int i = 0; i < count; ++i) {
    const double n = first + i;
    if (i > 0) {
      ratio = n / a * (1.0 + ratio);
      decay *= decay_step;
    }
    StaffingResult& r = out[i];
    r = StaffingResult{};
    r.model = name();
    r.offered_load = a;
    r.agents = n;
    const double excess = n - a;
    r.p_wait = 1.0 / (1.0 + (1.0 - a / n) * ratio);
    r.service_level = 1.0 - r.p_wait * decay;
    r.asa_s = r.p_wait * load.aht_s / excess;
    r.occupancy = a / n;
    r.mean_queue_length = r.p_wait * a / excess;
  }
}

std::string_view to_string(SlDefinition d) {
  switch (d) {
    case SlDefinition::kOffered:
      return "offered";
    case SlDefinition::kAnswered:
      return "answered";
    case SlDefinition::kOfferedLessShortAbandons:
      return "offered-less-short-abandons";
    case SlDefinition::kAbandonsWithinTMet:
      return "abandons-within-t-met";
  }
  return "?";
}

std::optional<SlDefinition> parse_sl_definition(std::string_view text) {
  for (auto d : {SlDefinition::kOffered, SlDefinition::kAnswered,
                 SlDefinition::kOfferedLessShortAbandons, SlDefinition::kAbandonsWithinTMet}) {
    if (text == to_string(d)) return d;
  }
  return std::nullopt;
}

StaffingResult ErlangBEngine::evaluate(const IntervalLoad& load, double agents,
                                       const ServiceMeasure&, Detail) const {
  check_load(load, agents);
  StaffingResult r;
  r.model = name();
  r.offered_load = load.offered_load();
  r.agents = agents;
  r.blocking = erlang_b(agents, r.offered_load);
  r.service_level = 1.0 - r.blocking;
  r.occupancy = agents > 0 ? r.offered_load * (1.0 - r.blocking) / agents : 0.0;
  return r;
}

StaffingResult ErlangCEngine::evaluate(const IntervalLoad& load, double agents,
                                       const ServiceMeasure& measure, Detail) const {
  check_load(load, agents);
  StaffingResult r;
  r.model = name();
  r.offered_load = load.offered_load();
  r.agents = agents;
  const ErlangCValues v = erlang_c(agents, r.offered_load, load.aht_s, measure.threshold_s);
  r.stable = v.stable;
  r.service_level = v.service_level;  // every definition coincides without abandonment
  r.p_wait = v.p_wait;
  r.asa_s = v.asa_s;
  r.occupancy = v.occupancy;
  r.mean_queue_length = v.mean_queue_length;
  return r;
}

ErlangAEngine::ErlangAEngine(double patience_s) : patience_s_(patience_s) {
  WFM_REQUIRE(patience_s > 0 && std::isfinite(patience_s), core::at_flag("--patience"),
              "expected a mean patience > 0 seconds, got {}", patience_s);
}

StaffingResult ErlangAEngine::evaluate(const IntervalLoad& load, double agents,
                                       const ServiceMeasure& measure, Detail detail) const {
  check_load(load, agents);
  StaffingResult r;
  r.model = name();
  r.offered_load = load.offered_load();
  r.agents = agents;
  const ErlangAValues v = erlang_a(agents, r.offered_load, load.aht_s, patience_s_,
                                   measure.threshold_s, detail.full || detail.need_asa);
  const double p_answered = 1.0 - v.p_abandon;
  switch (measure.definition) {
    case SlDefinition::kOffered:
      r.service_level = v.p_answered_within;
      break;
    case SlDefinition::kAnswered:
      r.service_level = p_answered > 0 ? v.p_answered_within / p_answered : 0.0;
      break;
    case SlDefinition::kOfferedLessShortAbandons:
      r.service_level =
          v.p_abandon_within < 1 ? v.p_answered_within / (1 - v.p_abandon_within) : 0.0;
      break;
    case SlDefinition::kAbandonsWithinTMet:
      r.service_level = v.p_answered_within + v.p_abandon_within;
      break;
  }
  r.p_wait = v.p_wait;
  r.asa_s = v.asa_s;
  r.occupancy = v.occupancy;
  r.abandon_rate = v.p_abandon;
  r.mean_queue_length = v.mean_queue_length;
  return r;
}

}  // namespace wfm::staffing
