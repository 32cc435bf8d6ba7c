// Erlang X: the M/M/s/N+M queue with redials and forecast uncertainty (the model of Koole's
// "Erlang X" calculator, G. Koole, "Call Center Optimization", MG books 2013, ch. 4-5; open here:
// every formula below is derived in docs/erlang.md and in birth_death.hpp).
//
//  - s agents, N >= s lines: a call finding all N lines busy is blocked; N = infinity: no blocking.
//  - exponential patience of mean 1/theta (none: theta = 0, then N must be finite).
//  - redials: a blocked or abandoning caller tries again with probability p. In steady state the
//    attempts form a stream of rate lambda_eff = lambda + p lambda_eff (P(block) + P(abandon)) at
//    lambda_eff (the usual Poisson approximation of the retrial stream), solved for lambda_eff by
//    safeguarded secant steps on the increasing f(x) = x (1 - p L(x)) - lambda, whose root is in
//    [lambda, lambda / (1 - p)], started from lambda and lambda / (1 - p L(lambda)). The redial
//    delay does not enter stationary measures (it is validated and carried for reporting only:
//    docs/erlang.md).
//  - forecast variance: the arrival rate is Gamma with mean lambda and coefficient of variation c;
//    the measures are averaged over it by generalized Gauss-Laguerre quadrature (Golub-Welsch,
//    `kForecastNodes` nodes), per call (weighted by the rate) for shares of calls and ASA, per time
//    for occupancy and queue length, i.e. the long-run totals of many intervals like this one.
// Measures are per call attempt (redials included); the chain is solved exactly (birth_death.hpp),
// stable to 20,000 agents and 10,000+ Erlangs. Tests: tests/unit/staffing/erlang_x_test.cpp.
#pragma once

#include <cmath>
#include <limits>
#include <optional>
#include <string_view>
#include <vector>

#include "wfm/staffing/engine.hpp"

namespace wfm::staffing {

struct ErlangXParams {
  double lines = std::numeric_limits<double>::infinity();       // N, >= agents; inf: no blocking
  double patience_s = std::numeric_limits<double>::infinity();  // mean patience; inf: none
  double redial_prob = 0;                                       // in [0, 1)
  double redial_delay_s = 0;  // mean delay before a redial, >= 0 (no effect on stationary measures)
  double forecast_cv = 0;     // coefficient of variation of the arrival rate, in [0, 1]
};

struct ErlangXValues {
  double attempt_rate = 0;  // lambda_eff per second (fresh calls + redials), averaged
  double p_block = 0;       // shares of call attempts
  double p_wait = 0;
  double p_answered = 0;
  double p_answered_within = 0;
  double p_abandon = 0;
  double p_abandon_within = 0;
  double p_virtual_within = 0;  // admitted and reaching service within T if patient enough
  double p_patient = 0;         // attempts whose patience exceeds T: e^{-theta T} (1 - p_block)
  double asa_s = 0;             // mean wait of answered calls (0 for those not waiting)
  double occupancy = 0;         // busy agents / agents
  double mean_queue_length = 0;
  double p_fresh_lost = 0;  // fresh callers who never get through: L (1-p) / (1 - p L)
};

// Nodes z_i and weights w_i (sum 1) of the unit-mean Gamma with coefficient of variation cv:
// E[f(Z)] ~ sum w_i f(z_i), exact for polynomials of degree < 2 count. cv = 0: one node at 1.
struct GammaNodes {
  std::vector<double> z, w;
};
GammaNodes gamma_quadrature(double cv, int count);
inline constexpr int kForecastNodes = 24;

// The chain for one arrival rate (no redials, no forecast variance): the building block.
// agents >= 0 integer, lines >= agents, arrivals_per_s >= 0, aht_s > 0.
ErlangXValues erlang_x_fixed(int agents, double arrivals_per_s, double aht_s,
                             const ErlangXParams& params, double threshold_s);

// The full model. `nodes`: gamma_quadrature(params.forecast_cv, kForecastNodes) (passed in so an
// engine computes it once).
ErlangXValues erlang_x(int agents, double arrivals_per_s, double aht_s, const ErlangXParams& params,
                       double threshold_s, const GammaNodes& nodes);

// The engine. Service level per SlDefinition (blocked attempts count as offered, not answered);
// the virtual service level P(admitted, V <= T) is filled in StaffingResult::virtual_service_level.
// Whole agents only; agents above the lines are idle (max_agents() = lines caps the solver).
class ErlangXEngine final : public StaffingEngine {
 public:
  // Throws core::InputError naming the flag (--lines, --patience, --redial-prob, ...).
  explicit ErlangXEngine(const ErlangXParams& params);
  std::string_view name() const override { return "erlang-x"; }
  StaffingResult evaluate(const IntervalLoad& load, double agents, const ServiceMeasure& measure,
                          Detail detail = {}) const override;
  bool models_abandonment() const override { return std::isfinite(params_.patience_s); }
  bool models_blocking() const override { return std::isfinite(params_.lines); }
  std::optional<double> max_agents() const override;
  const ErlangXParams& params() const { return params_; }

 private:
  ErlangXParams params_;
  GammaNodes nodes_;
};

// Shared by the Erlang X and chat engines: the StaffingResult service level of `definition`
// from the shares of offered calls.
double service_level_of(SlDefinition definition, double p_answered_within, double p_answered,
                        double p_abandon_within);

}  // namespace wfm::staffing
