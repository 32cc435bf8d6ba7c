// Call blending (blend.hpp): against a dense CTMC on (inbound calls in system, outbound jobs)
// built here from the rules of the model (not the engine's (l, o) levels), with the tagged
// caller's wait by uniformization (ctmc.hpp); the threshold K >= agents equals Erlang C and
// Erlang A; large cases (500 agents) stay finite with the truncation checked; engine, solver
// and input errors.
#include "wfm/staffing/blend.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "ctmc.hpp"
#include "wfm/staffing/erlang_a.hpp"
#include "wfm/staffing/erlang_c.hpp"
#include "wfm/staffing/registry.hpp"
#include "wfm/staffing/solver.hpp"

using namespace wfm::staffing;
namespace t = wfm::staffing::test;

namespace {

bool close(double got, double want, double rel, double abs = 1e-12) {
  return std::fabs(got - want) <= rel * std::fabs(want) + abs;
}

struct Dense {
  double p_wait = 0, answered_within = 0, abandon_within = 0, answered = 0;
  double queue = 0, busy_in = 0, outbound = 0;
};

// The model as stated: state (i, o), i inbound calls in system (i <= imax), o outbound jobs.
Dense dense_blend(int s, int k, double lambda, double aht, double out_aht, double patience,
                  double t_s, int queue_max) {
  const double mu = 1 / aht, nu = 1 / out_aht, theta = std::isfinite(patience) ? 1 / patience : 0;
  const int imax = s + queue_max, width = s + 1;
  const auto id = [&](int i, int o) { return static_cast<std::size_t>(i * width + o); };
  t::Generator g(static_cast<std::size_t>((imax + 1) * width));
  for (int i = 0; i <= imax; ++i) {
    for (int o = 0; o <= s; ++o) {
      const int in_service = std::min(i, s - o), queue = i - in_service;
      const int idle = s - o - in_service;
      if (i < imax) g.add(id(i, o), id(i + 1, o), lambda);
      if (in_service > 0) {
        // The freed agent takes a waiting call, else starts outbound if K stay idle after.
        const int to_o = queue > 0 ? o : (idle >= k ? o + 1 : o);
        g.add(id(i, o), id(i - 1, to_o), mu * in_service);
      }
      if (o > 0 && (queue > 0 || idle < k)) g.add(id(i, o), id(i, o - 1), nu * o);
      if (queue > 0) g.add(id(i, o), id(i - 1, o), theta * queue);
    }
  }
  const auto pi = t::stationary(g);
  Dense d;
  // The tagged caller: (j ahead, o) -> served / abandoned, as one chain from the arrival mix.
  const int jw = queue_max + s + 1;
  const std::size_t served = static_cast<std::size_t>(jw * width), abandoned = served + 1;
  t::Generator tag(served + 2);
  std::vector<t::Real> p0(served + 2, 0.0L);
  for (int j = 0; j < jw; ++j) {
    for (int o = 0; o <= s; ++o) {
      const std::size_t x = static_cast<std::size_t>(j * width + o);
      const double a = mu * (s - o) + theta * j;
      const std::size_t down = j == 0 ? served : x - static_cast<std::size_t>(width);
      tag.add(x, down, a);
      if (o > 0) tag.add(x, j == 0 ? served : down - 1, nu * o);
      tag.add(x, abandoned, theta);
    }
  }
  for (int i = 0; i <= imax; ++i) {
    for (int o = 0; o <= s; ++o) {
      const double p = static_cast<double>(pi[id(i, o)]);
      const int in_service = std::min(i, s - o), queue = i - in_service;
      d.busy_in += p * in_service;
      d.outbound += p * o;
      d.queue += p * queue;
      if (in_service + o < s) continue;  // answered at once
      if (i == imax) continue;           // blocked by the truncation (negligible)
      d.p_wait += p;
      p0[static_cast<std::size_t>(queue * width + o)] += p;
    }
  }
  const auto at_t = t::transient(tag, p0, t_s);
  d.answered_within = 1 - d.p_wait + static_cast<double>(at_t[served]);
  d.abandon_within = static_cast<double>(at_t[abandoned]);
  d.answered = 1 - theta * d.queue / lambda;  // abandoned = theta E[queue] / lambda
  return d;
}

void check_against_ctmc(int s, int k, double calls, double aht, double out_aht, double patience,
                        double t_s, int queue_max) {
  const double lambda = calls / 1800;
  const Dense d = dense_blend(s, k, lambda, aht, out_aht, patience, t_s, queue_max);
  const BlendValues v = blend_values(s, lambda, aht, {k, out_aht, patience}, t_s);
  INFO("s=" << s << " K=" << k << " calls=" << calls << " out_aht=" << out_aht
            << " patience=" << patience << " T=" << t_s);
  CHECK(v.truncated_mass < 1e-12);
  CHECK(close(v.p_wait, d.p_wait, 1e-9));
  CHECK(close(v.p_answered_within, d.answered_within, 1e-9));
  CHECK(close(v.p_abandon_within, d.abandon_within, 1e-8));
  CHECK(close(v.p_answered, d.answered, 1e-9));
  CHECK(close(v.mean_queue_length, d.queue, 1e-9));
  CHECK(close(v.inbound_occupancy, d.busy_in / s, 1e-9));
  CHECK(close(v.mean_outbound, d.outbound, 1e-9));
  CHECK(close(v.outbound_per_s, d.outbound / out_aht, 1e-9));
  CHECK(close(v.total_occupancy, (d.busy_in + d.outbound) / s, 1e-9));
  CHECK(close(v.p_abandon, std::isfinite(patience) ? d.queue / patience / lambda : 0.0, 1e-9));
  // ASA by Little's law without abandonment: mean wait = E[queue] / lambda.
  if (!std::isfinite(patience)) CHECK(close(v.asa_s, d.queue / lambda, 1e-9));
}

EngineSpec blend_spec(std::optional<int> k, std::optional<double> out_aht = std::nullopt,
                      std::optional<double> patience = std::nullopt, std::string model = "blend") {
  EngineSpec spec;
  spec.model = std::move(model);
  spec.outbound_threshold = k;
  spec.outbound_aht_s = out_aht;
  spec.patience_s = patience;
  return spec;
}

}  // namespace

TEST_CASE("blend: equals a dense CTMC of the model for several thresholds", "[staffing][blend]") {
  const double inf = std::numeric_limits<double>::infinity();
  for (int k : {0, 1, 2, 4}) {
    check_against_ctmc(4, k, 25, 180, 180, inf, 20, 80);
    check_against_ctmc(5, k, 30, 180, 600, inf, 30, 80);  // slow outbound
    check_against_ctmc(4, k, 50, 180, 60, 120, 20, 50);   // fast outbound, patience
  }
  check_against_ctmc(3, 1, 60, 200, 300, 90, 0, 40);    // T = 0, overloaded with patience
  check_against_ctmc(6, 0, 30, 240, 240, inf, 60, 90);  // K = 0: pooled
  check_against_ctmc(3, 7, 20, 180, 180, inf, 20, 90);  // K > s: no outbound
}

TEST_CASE("blend: a threshold of at least the agents is Erlang C, or Erlang A with patience",
          "[staffing][blend]") {
  const double inf = std::numeric_limits<double>::infinity();
  for (double a : {0.5, 8.0, 95.0, 450.0}) {
    for (double n : {std::floor(a) + 1, std::ceil(a + 2 * std::sqrt(a))}) {
      const double aht = 180, t_s = 20;
      const int s = static_cast<int>(n);
      for (int k : {s, s + 3}) {
        const BlendValues v = blend_values(s, a / aht, aht, {k, 300, inf}, t_s);
        const ErlangCValues c = erlang_c(n, a, aht, t_s);
        INFO("A=" << a << " N=" << n << " K=" << k);
        CHECK(v.truncated_mass < 1e-12);
        CHECK(close(v.p_wait, c.p_wait, 1e-9, 1e-14));
        CHECK(close(v.p_answered_within, c.service_level, 1e-9, 1e-14));
        CHECK(close(v.asa_s, c.asa_s, 1e-8, 1e-10));
        CHECK(close(v.inbound_occupancy, a / n, 1e-9));
        CHECK(v.mean_outbound == 0);
        const BlendValues w = blend_values(s, a / aht, aht, {k, 300, 120}, t_s);
        const ErlangAValues e = erlang_a(n, a, aht, 120, t_s);
        CHECK(close(w.p_wait, e.p_wait, 1e-9, 1e-14));
        CHECK(close(w.p_abandon, e.p_abandon, 1e-8, 1e-14));
        CHECK(close(w.p_answered_within, e.p_answered_within, 1e-9, 1e-14));
        CHECK(close(w.asa_s, e.asa_s, 1e-8, 1e-10));
      }
    }
  }
}

TEST_CASE("blend: 500 agents stay finite and conserve work", "[staffing][blend]") {
  const double inf = std::numeric_limits<double>::infinity();
  const double aht = 180, a = 450;
  for (int k : {0, 5, 40}) {
    for (double out_aht : {60.0, 180.0, 900.0}) {
      for (double patience : {inf, 120.0}) {
        const BlendValues v = blend_values(500, a / aht, aht, {k, out_aht, patience}, 20);
        INFO("K=" << k << " out_aht=" << out_aht << " patience=" << patience);
        CHECK(v.truncated_mass < 1e-12);
        CHECK(v.p_answered_within >= 0);
        CHECK(v.p_answered_within <= 1);
        CHECK(v.p_wait <= 1);
        // Carried inbound load = offered x (1 - abandoned); idle agents at most K on average.
        CHECK(close(v.inbound_occupancy * 500, a * (1 - v.p_abandon), 1e-8));
        CHECK(v.total_occupancy <= 1 + 1e-12);
        CHECK(v.total_occupancy * 500 >= 500 - k - 1e-6);
        CHECK(close(v.outbound_per_s, v.mean_outbound / out_aht, 1e-12));
      }
    }
  }
  // Agents equal to the load (up to rounding) without patience: unstable, as in Erlang C.
  const BlendValues full = blend_values(10, 100.0 / 1800, 180, {1, 300, inf}, 20);
  CHECK_FALSE(full.stable);
  CHECK(full.p_answered_within == 0);
  CHECK(std::isinf(full.asa_s));
  // K = 0 with no inbound: every agent works outbound.
  const BlendValues idle = blend_values(500, 0, aht, {0, 300, inf}, 20);
  CHECK(idle.mean_outbound == 500);
  CHECK(idle.p_answered_within == 1);
}

TEST_CASE("blend engine: outbound reported, monotone, solver", "[staffing][blend]") {
  const auto engine = make_engine(blend_spec(2, 300.0));
  CHECK(engine->name() == "blend");
  const IntervalLoad load{.calls = 300, .interval_s = 1800, .aht_s = 180};
  const ServiceMeasure m{20, SlDefinition::kOffered};
  const auto r = engine->evaluate(load, 40, m);
  const auto v =
      blend_values(40, 300.0 / 1800, 180, {2, 300, std::numeric_limits<double>::infinity()}, 20);
  CHECK(close(r.service_level, v.p_answered_within, 1e-12));
  REQUIRE(r.outbound.has_value());
  CHECK(close(r.outbound->per_hour, v.outbound_per_s * 3600, 1e-12));
  CHECK(close(r.outbound->total_occupancy, v.total_occupancy, 1e-12));
  CHECK(close(r.occupancy, 30.0 / 40, 1e-9));
  double previous = -1;
  for (int n = 31; n <= 60; ++n) {
    const auto e = engine->evaluate(load, n, m);
    CHECK(e.service_level >= previous - 1e-12);
    previous = e.service_level;
  }
  // The outbound AHT defaults to the interval's inbound AHT.
  const auto same = make_engine(blend_spec(2))->evaluate(load, 40, m);
  const auto v180 =
      blend_values(40, 300.0 / 1800, 180, {2, 180, std::numeric_limits<double>::infinity()}, 20);
  CHECK(close(same.outbound->per_hour, v180.outbound_per_s * 3600, 1e-12));
  ServiceTargets targets;
  targets.measure = m;
  targets.service_level = 0.8;
  const auto s = solve(*engine, load, targets);
  CHECK(s.feasible);
  CHECK(meets_targets(s, targets));
  CHECK_FALSE(meets_targets(engine->evaluate(load, s.agents - 1, m), targets));
  // Reserving more idle agents never needs more agents for the inbound target than K = 0.
  CHECK(solve(*make_engine(blend_spec(0, 300.0)), load, targets).agents >= s.agents);
}

TEST_CASE("blend: staffing for an inbound target plus an outbound volume", "[staffing][blend]") {
  const auto engine = make_engine(blend_spec(2, 300.0));
  const IntervalLoad load{.calls = 300, .interval_s = 1800, .aht_s = 180};
  ServiceTargets targets;
  targets.measure = {20, SlDefinition::kOffered};
  targets.service_level = 0.8;
  const auto inbound_only = solve(*engine, load, targets);
  targets.min_outbound_per_hour = inbound_only.outbound->per_hour + 100;
  const auto both = solve(*engine, load, targets);
  CHECK(both.feasible);
  CHECK(both.agents > inbound_only.agents);
  CHECK(meets_targets(both, targets));
  CHECK(both.outbound->per_hour >= *targets.min_outbound_per_hour);
  CHECK_FALSE(meets_targets(engine->evaluate(load, both.agents - 1, targets.measure), targets));
  // Outbound only (no calls): K idle agents plus enough for 120 jobs of 5 minutes an hour.
  ServiceTargets outbound_only;
  outbound_only.min_outbound_per_hour = 120;
  const auto idle = solve(*engine, {0, 1800, 180}, outbound_only);
  CHECK(idle.agents == 2 + 10);
  // Only blend has outbound work.
  CHECK_THROWS_WITH(validate_targets(*make_engine(blend_spec(std::nullopt, std::nullopt,
                                                             std::nullopt, "erlang-c")),
                                     outbound_only, {}),
                    Catch::StartsWith("--min-outbound: erlang-c has no outbound work"));
}

TEST_CASE("blend: inputs are checked with the flag named", "[staffing][blend]") {
  CHECK_THROWS_WITH(make_engine(blend_spec(std::nullopt)),
                    Catch::StartsWith("--outbound-threshold: blend needs"));
  CHECK_THROWS_WITH(make_engine(blend_spec(-1)),
                    Catch::StartsWith("--outbound-threshold: expected a whole number"));
  CHECK_THROWS_WITH(make_engine(blend_spec(2, 0.0)),
                    Catch::StartsWith("--outbound-aht: expected a duration > 0"));
  CHECK_THROWS_WITH(make_engine(blend_spec(2, std::nullopt, std::nullopt, "erlang-c")),
                    Catch::StartsWith("--outbound-threshold: only blend"));
  CHECK_THROWS_WITH(make_engine(blend_spec(std::nullopt, 60.0, std::nullopt, "erlang-a")),
                    Catch::StartsWith("--outbound-aht: only blend"));
}
