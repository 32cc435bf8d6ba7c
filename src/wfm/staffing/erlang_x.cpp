#include "wfm/staffing/erlang_x.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <Eigen/Eigenvalues>

#include "wfm/core/error.hpp"
#include "wfm/staffing/birth_death.hpp"

namespace wfm::staffing {

GammaNodes gamma_quadrature(double cv, int count) {
  WFM_ENSURE(cv >= 0 && cv <= 1 && count >= 1, "gamma_quadrature: cv={} count={}", cv, count);
  GammaNodes out;
  if (cv == 0 || count == 1) {
    out.z = {1.0};
    out.w = {1.0};
    return out;
  }
  // Golub-Welsch for the generalized Laguerre weight x^alpha e^-x, alpha = 1/cv^2 - 1: the Jacobi
  // matrix has diagonal 2i + alpha + 1 and off-diagonal sqrt(i (i + alpha)); nodes are its
  // eigenvalues, weights the squared first components of its unit eigenvectors. Dividing the nodes
  // by alpha + 1 (the mean) gives the unit-mean Gamma with shape 1/cv^2.
  const double alpha = 1.0 / (cv * cv) - 1.0;
  Eigen::VectorXd diag(count), sub(count - 1);
  for (int i = 0; i < count; ++i) diag(i) = 2.0 * i + alpha + 1.0;
  for (int i = 1; i < count; ++i) sub(i - 1) = std::sqrt(i * (i + alpha));
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es;
  es.computeFromTridiagonal(diag, sub, Eigen::ComputeEigenvectors);
  WFM_ENSURE(es.info() == Eigen::Success, "gamma_quadrature: eigen solver failed for cv={}", cv);
  double total = 0;
  for (int i = 0; i < count; ++i) {
    const double w = es.eigenvectors()(0, i) * es.eigenvectors()(0, i);
    if (w < 1e-16) continue;  // far tail nodes: negligible, and costly (huge loads)
    out.z.push_back(es.eigenvalues()(i) / (alpha + 1.0));
    out.w.push_back(w);
    total += w;
  }
  for (double& w : out.w) w /= total;
  return out;
}

ErlangXValues erlang_x_fixed(int agents, double arrivals_per_s, double aht_s,
                             const ErlangXParams& params, double threshold_s) {
  WFM_ENSURE(agents >= 0 && arrivals_per_s >= 0 && std::isfinite(arrivals_per_s) && aht_s > 0 &&
                 params.patience_s > 0 && threshold_s >= 0 &&
                 (std::isfinite(params.patience_s) || std::isfinite(params.lines)),
             "erlang_x: bad arguments s={} lambda={} aht={} patience={} lines={} T={}", agents,
             arrivals_per_s, aht_s, params.patience_s, params.lines, threshold_s);
  const double mu = 1.0 / aht_s;
  const int slots = static_cast<int>(std::min<double>(agents, params.lines));
  ChainParams p;
  p.arrival_rate = arrivals_per_s;
  p.slots = slots;
  p.full_rate = slots * mu;
  p.abandon_rate = std::isfinite(params.patience_s) ? 1.0 / params.patience_s : 0.0;
  p.capacity = params.lines;
  p.threshold_s = threshold_s;
  const ChainMeasures m = solve_chain(p, [mu](long n) { return static_cast<double>(n) * mu; });
  ErlangXValues v;
  v.attempt_rate = arrivals_per_s;
  v.p_block = m.p_block;
  v.p_wait = m.p_wait;
  v.p_answered = m.p_answered;
  v.p_answered_within = m.p_answered_within;
  v.p_abandon = m.p_abandon;
  v.p_abandon_within = m.p_abandon_within;
  v.p_virtual_within = m.p_virtual_within;
  v.asa_s =
      m.p_answered > 0 ? m.wait_answered / m.p_answered : std::numeric_limits<double>::infinity();
  v.occupancy = agents > 0 ? m.mean_busy_slots / agents : 0.0;
  v.mean_queue_length = m.mean_queue;
  v.p_fresh_lost = m.p_block + m.p_abandon;
  return v;
}

namespace {

// The attempt rate x with x (1 - p L(x)) = lambda, and the measures there.
ErlangXValues with_redials(int agents, double lambda, double aht_s, const ErlangXParams& params,
                           double threshold_s) {
  const double p = params.redial_prob;
  const auto at = [&](double x) { return erlang_x_fixed(agents, x, aht_s, params, threshold_s); };
  ErlangXValues lo_v = at(lambda);
  if (p == 0 || lambda == 0) return lo_v;
  const auto loss = [](const ErlangXValues& v) { return v.p_block + v.p_abandon; };
  const auto f = [&](double x, const ErlangXValues& v) { return x * (1 - p * loss(v)) - lambda; };
  if (loss(lo_v) == 0) return lo_v;
  // Secant steps on f, started from lambda and the first fixed-point iterate
  // lambda / (1 - p L(lambda)) (both at or below the root), kept inside the bracket
  // [largest x with f < 0, smallest x with f > 0] (the upper end lambda / (1 - p) until one is
  // found), with bisection when a step leaves it.
  double x0 = lambda, f0 = f(lambda, lo_v);
  double lo = lambda, hi = lambda / (1 - p);
  double x1 = lambda / (1 - p * loss(lo_v));
  ErlangXValues best = at(x1);
  double f1 = f(x1, best);
  for (int it = 0; it < 100; ++it) {
    if (std::fabs(f1) <= 1e-13 * lambda) break;
    (f1 < 0 ? lo : hi) = x1;
    if (hi - lo <= 1e-14 * hi) break;
    double x2 = f1 != f0 ? x1 - f1 * (x1 - x0) / (f1 - f0) : 0.5 * (lo + hi);
    if (!(x2 > lo && x2 < hi)) x2 = 0.5 * (lo + hi);
    x0 = x1;
    f0 = f1;
    x1 = x2;
    best = at(x1);
    f1 = f(x1, best);
  }
  const double l = loss(best);
  best.p_fresh_lost = l * (1 - p) / (1 - p * l);
  return best;
}

}  // namespace

ErlangXValues erlang_x(int agents, double arrivals_per_s, double aht_s, const ErlangXParams& params,
                       double threshold_s, const GammaNodes& nodes) {
  if (nodes.z.size() == 1 && nodes.z[0] == 1.0) {
    return with_redials(agents, arrivals_per_s, aht_s, params, threshold_s);
  }
  // Shares of calls weighted by the attempt rate of each node, time averages by the node weight,
  // ASA by the answered rate; the fresh callers lost by the fresh rate.
  ErlangXValues sum;
  double calls = 0, answered = 0, fresh = 0, asa_sum = 0;
  for (std::size_t i = 0; i < nodes.z.size(); ++i) {
    const double w = nodes.w[i];
    const double lambda = arrivals_per_s * nodes.z[i];
    const ErlangXValues v = with_redials(agents, lambda, aht_s, params, threshold_s);
    const double cw = w * v.attempt_rate;
    calls += cw;
    sum.attempt_rate += w * v.attempt_rate;
    sum.p_block += cw * v.p_block;
    sum.p_wait += cw * v.p_wait;
    sum.p_answered += cw * v.p_answered;
    sum.p_answered_within += cw * v.p_answered_within;
    sum.p_abandon += cw * v.p_abandon;
    sum.p_abandon_within += cw * v.p_abandon_within;
    sum.p_virtual_within += cw * v.p_virtual_within;
    if (v.p_answered > 0) {
      answered += cw * v.p_answered;
      asa_sum += cw * v.p_answered * v.asa_s;
    }
    sum.occupancy += w * v.occupancy;
    sum.mean_queue_length += w * v.mean_queue_length;
    fresh += w * lambda;
    sum.p_fresh_lost += w * lambda * v.p_fresh_lost;
  }
  if (calls > 0) {
    for (double* x : {&sum.p_block, &sum.p_wait, &sum.p_answered, &sum.p_answered_within,
                      &sum.p_abandon, &sum.p_abandon_within, &sum.p_virtual_within}) {
      *x /= calls;
    }
  } else {
    sum.p_answered = sum.p_answered_within = sum.p_virtual_within = 1;
  }
  sum.asa_s = answered > 0 ? asa_sum / answered
                           : (calls > 0 ? std::numeric_limits<double>::infinity() : 0.0);
  sum.p_fresh_lost = fresh > 0 ? sum.p_fresh_lost / fresh : 0.0;
  return sum;
}

double service_level_of(SlDefinition definition, double p_answered_within, double p_answered,
                        double p_abandon_within) {
  switch (definition) {
    case SlDefinition::kOffered:
      return p_answered_within;
    case SlDefinition::kAnswered:
      return p_answered > 0 ? p_answered_within / p_answered : 0.0;
    case SlDefinition::kOfferedLessShortAbandons:
      return p_abandon_within < 1 ? p_answered_within / (1 - p_abandon_within) : 0.0;
    case SlDefinition::kAbandonsWithinTMet:
      return p_answered_within + p_abandon_within;
  }
  return p_answered_within;
}

ErlangXEngine::ErlangXEngine(const ErlangXParams& params) : params_(params) {
  const double n = params.lines;
  WFM_REQUIRE(!std::isnan(n) && n >= 1 && (std::isinf(n) || (n == std::floor(n) && n <= 1e7)),
              core::at_flag("--lines"),
              "expected a whole number of lines from 1 to 10000000, got {}", n);
  WFM_REQUIRE(params.patience_s > 0, core::at_flag("--patience"),
              "expected a mean patience > 0 seconds, got {}", params.patience_s);
  WFM_REQUIRE(std::isfinite(params.patience_s) || std::isfinite(n), core::at_flag("--patience"),
              "erlang-x needs --patience or --lines (with neither it is Erlang C: use --model "
              "erlang-c)");
  WFM_REQUIRE(params.redial_prob >= 0 && params.redial_prob < 1, core::at_flag("--redial-prob"),
              "expected a probability in [0, 1), got {}", params.redial_prob);
  WFM_REQUIRE(params.redial_delay_s >= 0 && std::isfinite(params.redial_delay_s),
              core::at_flag("--redial-delay"), "expected a duration >= 0, got {}",
              params.redial_delay_s);
  WFM_REQUIRE(params.forecast_cv >= 0 && params.forecast_cv <= 1, core::at_flag("--forecast-cv"),
              "expected a coefficient of variation in [0, 1], got {}", params.forecast_cv);
  nodes_ = gamma_quadrature(params.forecast_cv, kForecastNodes);
}

std::optional<double> ErlangXEngine::max_agents() const {
  if (std::isfinite(params_.lines)) return params_.lines;
  return std::nullopt;
}

StaffingResult ErlangXEngine::evaluate(const IntervalLoad& load, double agents,
                                       const ServiceMeasure& measure, Detail) const {
  WFM_ENSURE(load.calls >= 0 && std::isfinite(load.calls) && load.interval_s > 0 &&
                 load.aht_s > 0 && agents >= 0 && agents == std::floor(agents) && agents <= 1e8,
             "erlang-x: invalid load calls={} interval_s={} aht_s={} agents={}", load.calls,
             load.interval_s, load.aht_s, agents);
  const ErlangXValues v = erlang_x(static_cast<int>(agents), load.calls / load.interval_s,
                                   load.aht_s, params_, measure.threshold_s, nodes_);
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
  r.blocking = v.p_block;
  r.mean_queue_length = v.mean_queue_length;
  return r;
}

}  // namespace wfm::staffing
