#include "wfm/sim/model.hpp"

#include <cmath>

#include "wfm/core/error.hpp"
#include "wfm/core/limits.hpp"
#include "wfm/staffing/chat.hpp"
#include "wfm/staffing/registry.hpp"

namespace wfm::sim {

using core::at_flag;

std::optional<HandleDist> parse_handle_dist(std::string_view name) {
  if (name == "exponential") return HandleDist::kExponential;
  if (name == "lognormal") return HandleDist::kLognormal;
  if (name == "gamma") return HandleDist::kGamma;
  if (name == "empirical") return HandleDist::kEmpirical;
  return std::nullopt;
}

std::optional<PatienceDist> parse_patience_dist(std::string_view name) {
  if (name == "none") return PatienceDist::kNone;
  if (name == "exponential") return PatienceDist::kExponential;
  if (name == "weibull") return PatienceDist::kWeibull;
  if (name == "lognormal") return PatienceDist::kLognormal;
  return std::nullopt;
}

std::optional<RateNoise> parse_rate_noise(std::string_view name) {
  if (name == "per-day") return RateNoise::kPerDay;
  if (name == "per-interval") return RateNoise::kPerInterval;
  return std::nullopt;
}

void set_channel_options(SimSettings& s, const staffing::EngineSpec& spec) {
  if (spec.concurrency || !spec.aht_by_concurrency_s.empty()) {
    s.chat.handle_s = staffing::chat_profile(spec);
  }
  if (spec.outbound_threshold || spec.outbound_aht_s) {
    WFM_REQUIRE(spec.outbound_threshold.has_value(), at_flag("--outbound-threshold"),
                "blending needs the idle agents kept for inbound calls, e.g. 2");
    s.blend = BlendModel{*spec.outbound_threshold, spec.outbound_aht_s.value_or(0.0)};
  }
}

void validate(const SimSettings& s) {
  WFM_REQUIRE(s.replications >= 2 && s.replications <= 1000000, at_flag("--replications"),
              "expected 2 to 1000000 replications (a confidence interval needs 2), got {}",
              s.replications);
  const auto positive = [](double v) { return v > 0 && std::isfinite(v); };
  if (s.handle.dist == HandleDist::kLognormal || s.handle.dist == HandleDist::kGamma) {
    WFM_REQUIRE(positive(s.handle.cv), at_flag("--aht-cv"), "expected a CV > 0, got {}",
                s.handle.cv);
  }
  if (s.handle.dist == HandleDist::kEmpirical) {
    WFM_REQUIRE(!s.handle.empirical.empty(), at_flag("--aht-samples"),
                "the empirical handle time distribution needs observed handle times");
    for (double v : s.handle.empirical) {
      WFM_REQUIRE(positive(v), at_flag("--aht-samples"), "expected handle times > 0, got {}", v);
    }
  }
  if (s.patience.dist != PatienceDist::kNone) {
    WFM_REQUIRE(positive(s.patience.mean_s), at_flag("--patience"),
                "expected a mean patience > 0, got {}", s.patience.mean_s);
  }
  if (s.patience.dist == PatienceDist::kWeibull) {
    WFM_REQUIRE(positive(s.patience.shape), at_flag("--patience-shape"),
                "expected a Weibull shape > 0, got {}", s.patience.shape);
  }
  if (s.patience.dist == PatienceDist::kLognormal) {
    WFM_REQUIRE(positive(s.patience.cv), at_flag("--patience-cv"), "expected a CV > 0, got {}",
                s.patience.cv);
  }
  WFM_REQUIRE(s.redial.probability >= 0 && s.redial.probability < 1, at_flag("--redial-prob"),
              "expected a probability in [0, 1), got {}", s.redial.probability);
  WFM_REQUIRE(s.redial.probability == 0 || positive(s.redial.delay_s), at_flag("--redial-delay"),
              "expected a delay > 0, got {}", s.redial.delay_s);
  if (s.lines) {
    WFM_REQUIRE(*s.lines >= 1, at_flag("--lines"), "expected at least 1 line, got {}", *s.lines);
  }
  if (!s.chat.handle_s.empty()) staffing::check_concurrency_profile(s.chat.handle_s);
  if (s.blend) {
    WFM_REQUIRE(s.chat.handle_s.empty(), at_flag("--outbound-threshold"),
                "blending is simulated for voice calls, not with chat concurrency");
    WFM_REQUIRE(s.blend->threshold >= 0, at_flag("--outbound-threshold"),
                "expected a number of idle agents >= 0, got {}", s.blend->threshold);
    WFM_REQUIRE(s.blend->outbound_aht_s >= 0 && s.blend->outbound_aht_s <= core::kMaxDurationS,
                at_flag("--outbound-aht"), "expected a duration in (0, {:g}] s, got {}",
                core::kMaxDurationS, s.blend->outbound_aht_s);
  }
  WFM_REQUIRE(s.arrivals.cv >= 0 && std::isfinite(s.arrivals.cv), at_flag("--rate-cv"),
              "expected a CV >= 0, got {}", s.arrivals.cv);
  WFM_REQUIRE(s.measure.threshold_s >= 0 && std::isfinite(s.measure.threshold_s),
              at_flag("--threshold"), "expected a duration >= 0, got {}", s.measure.threshold_s);
}

void validate(const QueueDay& day) {
  WFM_REQUIRE(day.interval_s > 0 && std::isfinite(day.interval_s), at_flag("interval length"),
              "expected > 0 seconds, got {}", day.interval_s);
  for (const auto& iv : day.intervals) {
    WFM_REQUIRE(iv.calls >= 0 && iv.calls <= core::kMaxCallsPerInterval, at_flag("calls"),
                "queue '{}': expected 0 to {:g} calls in one interval, got {}", day.queue,
                core::kMaxCallsPerInterval, iv.calls);
    WFM_REQUIRE(iv.calls == 0 || (iv.aht_s > 0 && std::isfinite(iv.aht_s)), at_flag("aht_s"),
                "queue '{}': expected aht_s > 0 where calls arrive, got {}", day.queue, iv.aht_s);
    WFM_REQUIRE(iv.agents >= 0, at_flag("agents"), "queue '{}': expected agents >= 0, got {}",
                day.queue, iv.agents);
  }
}

}  // namespace wfm::sim
