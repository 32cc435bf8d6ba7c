#include "wfm/staffing/blend.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "wfm/core/error.hpp"
#include "wfm/core/log_gamma.hpp"
#include "wfm/staffing/erlang_x.hpp"

namespace wfm::staffing {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kMaxTruncatedMass = 1e-12;
constexpr double kMaxCells = 1e7;  // phases x levels (8 bytes each): at most 80 MB

// The chain on (j, o): j = l + K in 0..L-1 (l = -K..Q), o in 0..P. Rates of the levels.
struct Chain {
  int s = 0, k = 0, phases = 0;  // phases = P + 1 = s - K + 1
  long levels = 0;               // L = K + Q + 1
  double lambda = 0, mu = 0, nu = 0, theta = 0;
  // Same-phase down rate of (j, o), j >= 1: an inbound completion (and an abandonment).
  double down(long j, int o) const {
    const long l = j - k;
    if (l <= 0) return mu * static_cast<double>(s - o + l);  // i = s - o - d inbound in service
    return mu * (s - o) + theta * static_cast<double>(l);
  }
  // Phase-down rate (to (j-1, o-1)), j >= 1: an outbound completion.
  double phase_down(long j, int o) const { return j >= 1 ? nu * o : 0.0; }
  // Phase-up rate at j = 0 (K idle): an inbound completion starts an outbound job.
  double phase_up(int o) const { return mu * (s - o - k); }
};

// Stationary probabilities p[o * L + j], and the estimated mass beyond the truncation.
std::vector<double> stationary(const Chain& c, double* truncated_mass) {
  const long L = c.levels;
  const int P = c.phases - 1;
  std::vector<double> n(static_cast<std::size_t>(c.phases) * static_cast<std::size_t>(L), 0.0);
  std::vector<double> log_n0(static_cast<std::size_t>(c.phases), 0.0);
  std::vector<double> g(static_cast<std::size_t>(L) + 1), h(static_cast<std::size_t>(L) + 1);
  // Shapes, phase P down to 0: y_j = g_j y_{j-1} + h_j y_0 from the balance of (j, o), j >= 1,
  // with the returns from phase o+1 (w_j y_0, w_j = u_o n^{o+1}_{j+1}); c_j and t_j are sums of
  // positive terms (t_j = lambda - down_j g_j: the up-flow from j that does not come back).
  for (int o = P; o >= 0; --o) {
    double* y = &n[static_cast<std::size_t>(o) * static_cast<std::size_t>(L)];
    const double* above =
        o < P ? &n[static_cast<std::size_t>(o + 1) * static_cast<std::size_t>(L)] : nullptr;
    const double u = o < P ? c.phase_up(o) : 0.0;
    double t_next = 0, h_next = 0, down_next = 0;
    for (long j = L - 1; j >= 1; --j) {
      const double dn = c.down(j, o), pd = c.phase_down(j, o);
      const double cj = dn + pd + t_next;
      const double w = above && j + 1 < L ? u * above[j + 1] : 0.0;
      g[static_cast<std::size_t>(j)] = c.lambda / cj;
      h[static_cast<std::size_t>(j)] = (down_next * h_next + w) / cj;
      t_next = c.lambda * (pd + t_next) / cj;
      h_next = h[static_cast<std::size_t>(j)];
      down_next = dn;
    }
    // Forward from y_0 = 1, rescaled so nothing overflows; `off` = log of the scale removed.
    double y0 = 1, off = 0, prev = 1;
    for (long j = 1; j < L; ++j) {
      double v = g[static_cast<std::size_t>(j)] * prev + h[static_cast<std::size_t>(j)] * y0;
      if (v > 1e200) {
        for (long m = 1; m < j; ++m) y[m] *= 1e-200;
        y0 *= 1e-200;
        v *= 1e-200;
        off += 200 * std::log(10.0);
      }
      y[j] = v;
      prev = v;
    }
    double sum = 0;
    for (long j = 1; j < L; ++j) sum += y[j];
    for (long j = 1; j < L; ++j) y[j] /= sum;
    log_n0[static_cast<std::size_t>(o)] = -off - std::log(sum);
    y[0] = std::exp(log_n0[static_cast<std::size_t>(o)]);
  }
  // Scales c_o of the phases by the cut between phases o-1 and o:
  // pi_{o-1}(0) u_{o-1} = nu o sum_{j>=1} pi_o(j), with sum_{j>=1} n^o_j = 1.
  std::vector<double> log_c(static_cast<std::size_t>(c.phases), 0.0);
  std::vector<double> log_mass(static_cast<std::size_t>(c.phases));
  double top = -kInf;
  for (int o = 0; o <= P; ++o) {
    const auto i = static_cast<std::size_t>(o);
    if (o > 0) {
      log_c[i] = log_c[i - 1] + log_n0[i - 1] + std::log(c.phase_up(o - 1)) - std::log(c.nu * o);
    }
    const double a = log_n0[i];
    log_mass[i] = log_c[i] + (a > 0 ? a + std::log1p(std::exp(-a)) : std::log1p(std::exp(a)));
    top = std::max(top, log_mass[i]);
  }
  double z = 0;
  for (int o = 0; o <= P; ++o) z += std::exp(log_mass[static_cast<std::size_t>(o)] - top);
  const double log_z = top + std::log(z);
  for (int o = 0; o <= P; ++o) {
    double* y = &n[static_cast<std::size_t>(o) * static_cast<std::size_t>(L)];
    const double lc = log_c[static_cast<std::size_t>(o)] - log_z;
    const double scale = std::exp(lc);
    for (long j = 1; j < L; ++j) y[j] *= scale;
    y[0] = std::exp(lc + log_n0[static_cast<std::size_t>(o)]);
  }
  // The tail beyond the top level, as a geometric series at the ratio of the top two levels.
  double last = 0, before = 0;
  for (int o = 0; o <= P; ++o) {
    last += n[static_cast<std::size_t>(o) * static_cast<std::size_t>(L) + L - 1];
    before += n[static_cast<std::size_t>(o) * static_cast<std::size_t>(L) + L - 2];
  }
  const double r = before > 0 ? last / before : 0.0;
  *truncated_mass = r < 1 ? last * r / (1 - r) : kInf;
  return n;
}

// Queue levels Q for a first try: the slowest geometric decay of the queue over the phases
// (no patience), or the product of lambda / (slowest service + theta q) below 1e-18.
long first_queue_levels(const Chain& c) {
  const int P = c.phases - 1;
  if (c.theta == 0) {
    double eta = 0;
    for (int o = 0; o <= P; ++o) {
      // Smaller root of b x^2 - (lambda + b + k) x + lambda: the decay of phase o's queue.
      const double b = c.mu * (c.s - o), kk = c.nu * o, sum = c.lambda + b + kk;
      const double root =
          b > 0 ? 2 * c.lambda / (sum + std::sqrt(sum * sum - 4 * c.lambda * b)) : c.lambda / sum;
      eta = std::max(eta, root);
    }
    eta = std::min(eta, 1 - 1e-9);
    return static_cast<long>(std::ceil(std::log(1e-18) / std::log(eta))) + 16;
  }
  double slowest = kInf;
  for (int o : {0, P}) slowest = std::min(slowest, c.mu * (c.s - o) + c.nu * o);
  double log_term = 0;
  long q = 0;
  while (q < 100000000) {
    ++q;
    log_term += std::log(c.lambda / (slowest + c.theta * static_cast<double>(q)));
    if (log_term < std::log(1e-18) && c.lambda < slowest + c.theta * static_cast<double>(q)) break;
  }
  return q + 16;
}

}  // namespace

BlendValues blend_values(int agents, double arrivals_per_s, double aht_s, const BlendParams& params,
                         double threshold_s) {
  WFM_ENSURE(agents >= 0 && arrivals_per_s >= 0 && std::isfinite(arrivals_per_s) && aht_s > 0 &&
                 params.threshold >= 0 && params.outbound_aht_s > 0 &&
                 std::isfinite(params.outbound_aht_s) && params.patience_s > 0 && threshold_s >= 0,
             "blend: bad arguments s={} lambda={} aht={} K={} outbound aht={} patience={} T={}",
             agents, arrivals_per_s, aht_s, params.threshold, params.outbound_aht_s,
             params.patience_s, threshold_s);
  Chain c;
  c.s = agents;
  c.k = std::min(params.threshold, agents);
  c.phases = agents - c.k + 1;
  c.lambda = arrivals_per_s;
  c.mu = 1 / aht_s;
  c.nu = 1 / params.outbound_aht_s;
  c.theta = std::isfinite(params.patience_s) ? 1 / params.patience_s : 0.0;
  BlendValues v;
  const double s = agents;
  if (c.lambda == 0) {  // every agent but the K reserved works outbound
    v.p_answered = v.p_answered_within = 1;
    v.mean_outbound = c.phases - 1;
    v.outbound_per_s = c.nu * v.mean_outbound;
    v.total_occupancy = agents > 0 ? v.mean_outbound / s : 0.0;
    return v;
  }
  // Unstable as Erlang C is (agents <= offered load), with a relative margin of 1e-12 so that a
  // load equal to the agents up to rounding (calls / interval x AHT) is flagged, not solved.
  if (c.theta == 0 && c.lambda * aht_s >= s * (1 - 1e-12)) {
    v.stable = false;
    v.p_wait = 1;
    v.asa_s = kInf;
    v.inbound_occupancy = v.total_occupancy = agents > 0 ? 1.0 : 0.0;
    v.mean_queue_length = kInf;
    return v;
  }
  long q_levels = first_queue_levels(c);
  std::vector<double> p;
  for (;;) {
    q_levels = std::min<long>(
        q_levels, std::max<long>(64, static_cast<long>(kMaxCells / c.phases) - c.k - 1));
    c.levels = c.k + q_levels + 1;
    p = stationary(c, &v.truncated_mass);
    if (v.truncated_mass <= kMaxTruncatedMass ||
        static_cast<double>(c.levels) * c.phases * 2 > kMaxCells)
      break;
    q_levels *= 2;
  }
  const long L = c.levels;
  const int P = c.phases - 1;
  const auto at = [&](int o, long j) {
    return p[static_cast<std::size_t>(o) * static_cast<std::size_t>(L) +
             static_cast<std::size_t>(j)];
  };
  // Time averages, and the arrival-seen distribution of the callers who wait (l >= 0).
  // Callers who wait see phases 0..top_phase only, up to 1e-20 per phase: the tagged caller's
  // chain below never raises o, so the loops over it stop there (a large saving for K << s).
  double busy_in = 0, outbound = 0, queue = 0, waiting = 0;
  int top_phase = 0;
  for (int o = 0; o <= P; ++o) {
    const double waiting_before = waiting;
    for (long j = 0; j < L; ++j) {
      const double x = at(o, j);
      const long l = j - c.k;
      busy_in += x * static_cast<double>(l <= 0 ? agents - o + l : agents - o);
      outbound += x * o;
      if (l >= 1) queue += x * static_cast<double>(l);
      if (l >= 0) waiting += x;
    }
    if (waiting - waiting_before > 1e-20) top_phase = o;
  }
  v.p_wait = waiting;
  v.mean_outbound = outbound;
  v.outbound_per_s = c.nu * outbound;
  v.inbound_occupancy = agents > 0 ? busy_in / s : 0.0;
  v.total_occupancy = agents > 0 ? (busy_in + outbound) / s : 0.0;
  v.mean_queue_length = queue;
  v.p_abandon = c.theta * queue / c.lambda;
  // A caller who finds j = l >= 0 calls waiting: first-step analysis over (j, o) for P(answered)
  // and E[W 1{answered}]. From (j, o): rate mu (s - o) + theta j to (j-1, o) (a completion of an
  // inbound call or an abandonment ahead), nu o to (j-1, o-1), theta to "abandoned".
  const long q_top = L - 1 - c.k;  // queue levels 0..q_top
  std::vector<double> h_prev(static_cast<std::size_t>(c.phases), 1.0), m_prev(h_prev.size(), 0.0);
  std::vector<double> h_cur(h_prev.size()), m_cur(h_prev.size());
  double answered_waiting = 0, wait_answered = 0;
  for (long j = 0; j <= q_top; ++j) {
    for (int o = 0; o <= top_phase; ++o) {
      const auto i = static_cast<std::size_t>(o);
      const double a = c.mu * (agents - o) + c.theta * static_cast<double>(j), b = c.nu * o;
      const double tot = a + b + c.theta;
      const double hb = o > 0 ? h_prev[i - 1] : 0.0, mb = o > 0 ? m_prev[i - 1] : 0.0;
      h_cur[i] = (a * h_prev[i] + b * hb) / tot;
      m_cur[i] = (h_cur[i] + a * m_prev[i] + b * mb) / tot;
      const double x = at(o, j + c.k);
      answered_waiting += x * h_cur[i];
      wait_answered += x * m_cur[i];
    }
    std::swap(h_prev, h_cur);
    std::swap(m_prev, m_cur);
  }
  v.p_answered = (1 - waiting) + answered_waiting;
  v.asa_s = v.p_answered > 0 ? wait_answered / v.p_answered : kInf;
  // Within T: uniformization of the same absorbing chain, for the callers with j <= J; beyond J
  // fewer than j + 1 service starts happen by T but with probability < 1e-18 (Poisson at the
  // largest rate), so they are not answered within T and abandon within T iff their patience
  // is below T.
  double max_service = 0;
  for (int o = 0; o <= top_phase; ++o)
    max_service = std::max(max_service, c.mu * (agents - o) + c.nu * o);
  const double reach = max_service * threshold_s;
  const long j_max = std::min<long>(q_top, static_cast<long>(reach + 10 * std::sqrt(reach) + 40));
  double beyond = 0;
  for (long j = j_max + 1; j <= q_top; ++j)
    for (int o = 0; o <= top_phase; ++o) beyond += at(o, j + c.k);
  const double own_abandon_by_t = -std::expm1(-c.theta * threshold_s);
  double served_within = 0, abandoned_within = 0;
  if (threshold_s > 0) {
    const double rate = max_service + c.theta * static_cast<double>(j_max + 1);
    const double lt = rate * threshold_s;
    // Rows j = 0..j_max of width top_phase + 2 (a zero column on the right) and a zero row
    // below, so the step has no branches; the rates per phase are precomputed.
    const std::size_t width = static_cast<std::size_t>(top_phase) + 2;
    const auto rows = static_cast<std::size_t>(j_max) + 1;
    std::vector<double> x((rows + 1) * width, 0.0), next(x.size(), 0.0);
    for (std::size_t j = 0; j < rows; ++j)
      for (int o = 0; o <= top_phase; ++o)
        x[j * width + static_cast<std::size_t>(o)] = at(o, static_cast<long>(j) + c.k);
    const double inv = 1 / rate, theta_inv = c.theta * inv;
    std::vector<double> stay(width, 0.0), down(width, 0.0), diag(width, 0.0),
        start_rate(width, 0.0);
    for (int o = 0; o <= top_phase; ++o) {
      const auto i = static_cast<std::size_t>(o);
      start_rate[i] = (c.mu * (agents - o) + c.nu * o) * inv;  // an agent takes the next call
      stay[i] = 1 - start_rate[i] - theta_inv;
      down[i] = c.mu * (agents - o) * inv + theta_inv;  // from j + 1: + theta (j + 1)
      diag[i] = c.nu * (o + 1) * inv;                   // from (j + 1, o + 1)
    }
    const auto phases_here = static_cast<std::size_t>(top_phase) + 1;
    double served = 0, abandoned = 0, weight_sum = 0;
    for (long step = 0;; ++step) {
      const double w = std::exp(-lt + static_cast<double>(step) * std::log(lt) -
                                core::log_gamma(static_cast<double>(step) + 1));
      served_within += w * served;
      abandoned_within += w * abandoned;
      weight_sum += w;
      if ((static_cast<double>(step) > lt && w < 1e-18 * weight_sum) || step > 10000000) break;
      double new_served = 0, total = 0;
      for (std::size_t o = 0; o < phases_here; ++o) new_served += x[o] * start_rate[o];
      for (std::size_t j = 0; j < rows; ++j) {
        const double tj = theta_inv * static_cast<double>(j);
        const double* row = &x[j * width];
        const double* up = row + width;
        double* out = &next[j * width];
        for (std::size_t o = 0; o < phases_here; ++o) {
          out[o] = row[o] * (stay[o] - tj) + up[o] * (down[o] + tj) + up[o + 1] * diag[o];
          total += row[o];
        }
      }
      served += new_served;
      abandoned += total * theta_inv;
      std::swap(x, next);
    }
    served_within += (1 - weight_sum) * served;
    abandoned_within += (1 - weight_sum) * abandoned;
  }
  v.p_answered_within = (1 - waiting) + served_within;
  v.p_abandon_within = abandoned_within + beyond * own_abandon_by_t;
  return v;
}

BlendEngine::BlendEngine(const BlendParams& params) : params_(params) {
  WFM_REQUIRE(params.threshold >= 0, core::at_flag("--outbound-threshold"),
              "expected a whole number of idle agents >= 0, got {}", params.threshold);
  WFM_REQUIRE(params.outbound_aht_s >= 0 && std::isfinite(params.outbound_aht_s),
              core::at_flag("--outbound-aht"), "expected a duration > 0, got {}",
              params.outbound_aht_s);
  WFM_REQUIRE(params.patience_s > 0, core::at_flag("--patience"),
              "expected a mean patience > 0 seconds, got {}", params.patience_s);
}

StaffingResult BlendEngine::evaluate(const IntervalLoad& load, double agents,
                                     const ServiceMeasure& measure, Detail) const {
  WFM_ENSURE(load.calls >= 0 && std::isfinite(load.calls) && load.interval_s > 0 &&
                 load.aht_s > 0 && agents >= 0 && agents == std::floor(agents) && agents <= 1e6,
             "blend: invalid load calls={} interval_s={} aht_s={} agents={}", load.calls,
             load.interval_s, load.aht_s, agents);
  BlendParams p = params_;
  if (p.outbound_aht_s == 0) p.outbound_aht_s = load.aht_s;
  const BlendValues v = blend_values(static_cast<int>(agents), load.calls / load.interval_s,
                                     load.aht_s, p, measure.threshold_s);
  StaffingResult r;
  r.model = name();
  r.offered_load = load.offered_load();
  r.agents = agents;
  r.stable = v.stable;
  r.service_level =
      service_level_of(measure.definition, v.p_answered_within, v.p_answered, v.p_abandon_within);
  r.p_wait = v.p_wait;
  r.asa_s = v.asa_s;
  r.occupancy = v.inbound_occupancy;
  r.abandon_rate = v.p_abandon;
  r.mean_queue_length = v.mean_queue_length;
  r.outbound = OutboundWork{v.outbound_per_s * 3600, v.total_occupancy};
  return r;
}

}  // namespace wfm::staffing
