#include "wfm/staffing/solver.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numbers>
#include <optional>
#include <utility>

#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>

#include "wfm/core/error.hpp"

namespace wfm::staffing {
namespace {

using core::Location;

// Halfin-Whitt square-root staffing for Erlang C: the smallest beta with
//   alpha(beta) exp(-beta sqrt(A) T / AHT) <= 1 - s,  alpha(beta) = 1 / (1 + beta Phi/phi),
// by a few safeguarded Newton steps on log(1 + r(beta)) + k beta = L, r = beta Phi(beta)/phi(beta).
// Only a starting point for the search: its accuracy decides speed, never the answer.
double halfin_whitt_beta(double target, double k, double root_load) {
  const double l = -std::log1p(-target);
  double beta = k > 0 ? std::min(l / k, 1.0) : 1.0;
  for (int it = 0; it < 6; ++it) {
    const double mills = 0.5 * std::erfc(-beta / std::numbers::sqrt2) /
                         (std::exp(-0.5 * beta * beta) / std::sqrt(2 * std::numbers::pi));
    const double r = beta * mills;
    const double h = std::log1p(r) + k * beta - l;
    const double dr = mills + beta + beta * beta * mills;
    const double step = h / (dr / (1 + r) + k);
    beta = std::clamp(beta - step, 0.0, 40.0);
    if (std::fabs(step) * root_load < 0.25) break;  // a quarter agent: close enough to start
  }
  return beta;
}

double initial_guess(const StaffingEngine& engine, const IntervalLoad& load,
                     const ServiceTargets& t) {
  // Loads in agents' worth (chat agents carry several chats): the guesses below are for one call
  // per agent, and only a start for the search.
  const double a = load.offered_load() / engine.agent_capacity();
  const double root = std::sqrt(a);
  double guess = std::floor(a) + 1;
  if (t.service_level && !engine.is_loss_system()) {
    const double k = root * t.measure.threshold_s / load.aht_s;
    guess = std::max(guess, std::floor(a + halfin_whitt_beta(*t.service_level, k, root) * root));
  }
  if (t.max_occupancy) guess = std::max(guess, std::ceil(a / *t.max_occupancy));
  if (t.max_asa_s || t.max_blocking) guess = std::max(guess, std::floor(a + root));
  if (engine.models_abandonment()) {
    // With abandonment fewer agents than the load can meet targets: start from the fluid
    // approximation and let the bracketing move up.
    double fluid = std::floor(a * (1 - t.max_abandon_rate.value_or(0.0)));
    if (t.service_level) fluid = std::min(guess, std::max(fluid, guess - 2 * root));
    guess = std::max(0.0, fluid);
  }
  return std::floor(guess);
}

}  // namespace

void validate_targets(const StaffingEngine& engine, const ServiceTargets& t,
                      const SolveOptions& o) {
  WFM_REQUIRE(!t.empty(), core::at_flag("targets"),
              "give at least one target (--sl, --max-asa, --max-abandon, --max-occupancy or "
              "--max-blocking)");
  const auto in_open_unit = [](double v) { return v > 0 && v < 1; };
  if (t.service_level) {
    WFM_REQUIRE(in_open_unit(*t.service_level), core::at_flag("--sl"),
                "expected a service level target strictly between 0 and 1, got {}",
                *t.service_level);
    WFM_REQUIRE(!engine.is_loss_system(), core::at_flag("--sl"),
                "{} has no queue; use --max-blocking", engine.name());
  }
  WFM_REQUIRE(t.measure.threshold_s >= 0 && std::isfinite(t.measure.threshold_s),
              core::at_flag("--threshold"), "expected a duration >= 0, got {}",
              t.measure.threshold_s);
  if (t.max_asa_s) {
    WFM_REQUIRE(*t.max_asa_s > 0 && std::isfinite(*t.max_asa_s), core::at_flag("--max-asa"),
                "expected a duration > 0, got {}", *t.max_asa_s);
    WFM_REQUIRE(!engine.is_loss_system(), core::at_flag("--max-asa"),
                "{} has no queue, so no waiting", engine.name());
  }
  if (t.max_abandon_rate) {
    WFM_REQUIRE(in_open_unit(*t.max_abandon_rate), core::at_flag("--max-abandon"),
                "expected a rate strictly between 0 and 1, got {}", *t.max_abandon_rate);
    WFM_REQUIRE(engine.models_abandonment(), core::at_flag("--max-abandon"),
                "{} does not model abandonment; use --model erlang-a with --patience",
                engine.name());
  }
  if (t.max_occupancy) {
    WFM_REQUIRE(*t.max_occupancy > 0 && *t.max_occupancy <= 1, core::at_flag("--max-occupancy"),
                "expected an occupancy in (0, 1], got {}", *t.max_occupancy);
  }
  if (t.max_blocking) {
    WFM_REQUIRE(in_open_unit(*t.max_blocking), core::at_flag("--max-blocking"),
                "expected a blocking probability strictly between 0 and 1, got {}",
                *t.max_blocking);
    WFM_REQUIRE(engine.models_blocking(), core::at_flag("--max-blocking"),
                "{} does not block calls; use --model erlang-b, or erlang-x with --lines",
                engine.name());
  }
  if (t.min_outbound_per_hour) {
    WFM_REQUIRE(*t.min_outbound_per_hour > 0 && std::isfinite(*t.min_outbound_per_hour),
                core::at_flag("--min-outbound"), "expected outbound jobs per hour > 0, got {}",
                *t.min_outbound_per_hour);
    WFM_REQUIRE(engine.models_outbound(), core::at_flag("--min-outbound"),
                "{} has no outbound work; use --model blend", engine.name());
  }
  WFM_REQUIRE(t.confidence >= 0.5 && t.confidence < 1, core::at_flag("--sim-confidence"),
              "expected a confidence in [0.5, 1), got {}", t.confidence);
  WFM_REQUIRE(o.min_agents >= 0 && std::isfinite(o.min_agents), core::at_flag("--min-agents"),
              "expected a number >= 0, got {}", o.min_agents);
  if (const auto most = engine.max_agents()) {
    WFM_REQUIRE(o.min_agents <= *most, core::at_flag("--min-agents"),
                "{} agents is more than {} can use ({:g}: agents above the lines stay idle)",
                o.min_agents, engine.name(), *most);
  }
  if (o.max_agents) {
    WFM_REQUIRE(*o.max_agents >= o.min_agents && std::isfinite(*o.max_agents),
                core::at_flag("--max-agents"), "expected a number >= --min-agents, got {}",
                *o.max_agents);
  }
  WFM_REQUIRE(!o.start || std::isfinite(*o.start), core::at_flag("start"),
              "expected a finite starting agent count, got {}", o.start.value_or(0));
  WFM_REQUIRE(!o.fractional || engine.supports_fractional(), core::at_flag("--fractional"),
              "{} does not support fractional agents", engine.name());
}

namespace {

// The result with each measure that has an error estimate moved to its one-sided bound at
// t.confidence (solver.hpp).
StaffingResult at_confidence(const StaffingResult& r, const ServiceTargets& t) {
  const ErrorEstimate& e = *r.error;
  const double t975 =
      e.replications >= 2
          ? boost::math::quantile(boost::math::students_t(e.replications - 1.0), 0.975)
          : boost::math::quantile(boost::math::normal(), 0.975);
  const double k = boost::math::quantile(boost::math::normal(), t.confidence) / t975;
  StaffingResult b = r;
  b.service_level -= k * e.service_level;
  b.asa_s += k * e.asa_s;
  b.abandon_rate += k * e.abandon_rate;
  b.occupancy += k * e.occupancy;
  return b;
}

bool uses_bounds(const StaffingResult& r, const ServiceTargets& t) {
  return r.error.has_value() && t.confidence > 0.5;
}

bool meets_values(const StaffingResult& r, const ServiceTargets& t) {
  if (!r.stable) return false;
  if (t.service_level && !(r.service_level >= *t.service_level)) return false;
  if (t.max_asa_s && !(r.asa_s <= *t.max_asa_s)) return false;
  if (t.max_abandon_rate && !(r.abandon_rate <= *t.max_abandon_rate)) return false;
  if (t.max_occupancy && !(r.occupancy <= *t.max_occupancy)) return false;
  if (t.max_blocking && !(r.blocking <= *t.max_blocking)) return false;
  if (t.min_outbound_per_hour && !(r.outbound && r.outbound->per_hour >= *t.min_outbound_per_hour))
    return false;
  return true;
}

}  // namespace

bool meets_targets(const StaffingResult& r, const ServiceTargets& t) {
  return uses_bounds(r, t) ? meets_values(at_confidence(r, t), t) : meets_values(r, t);
}

namespace {

// Signed slack of the binding target, in logs (>= 0 when every target is met, up to rounding):
// the quantity the interpolating search steers by. Logs of the miss probability, ASA,
// abandonment and blocking are close to linear in agents (they decay about exponentially), so
// secant and regula falsi steps land near the answer. Points that cannot be compared (unstable
// queue, infinite ASA) get a fixed large negative value; certain success a large positive one.
double margin_of_values(const StaffingResult& r, const ServiceTargets& t) {
  constexpr double kBig = 1e3;
  if (!r.stable) return -kBig;
  const auto slack = [](double limit, double value) {
    if (!(value > 0)) return kBig;
    if (!std::isfinite(value)) return -kBig;
    return std::log(limit) - std::log(value);
  };
  double m = kBig;
  if (t.service_level) m = std::min(m, slack(1 - *t.service_level, 1 - r.service_level));
  if (t.max_asa_s) m = std::min(m, slack(*t.max_asa_s, r.asa_s));
  if (t.max_abandon_rate) m = std::min(m, slack(*t.max_abandon_rate, r.abandon_rate));
  if (t.max_occupancy) m = std::min(m, slack(*t.max_occupancy, r.occupancy));
  if (t.max_blocking) m = std::min(m, slack(*t.max_blocking, r.blocking));
  if (t.min_outbound_per_hour) {  // a minimum: the slack of limit / value
    const double done = r.outbound ? r.outbound->per_hour : 0.0;
    m = std::min(m, done > 0 ? std::log(done) - std::log(*t.min_outbound_per_hour) : -kBig);
  }
  return m;
}

// The margin of what meets_targets compares: the bounds at t.confidence where they apply.
double margin(const StaffingResult& r, const ServiceTargets& t) {
  return uses_bounds(r, t) ? margin_of_values(at_confidence(r, t), t) : margin_of_values(r, t);
}

// The fewest whole agents in (lo, cap] meeting the targets, for engines whose evaluations are
// costly (Erlang A, simulation): secant steps on the margin until the answer is bracketed, then
// regula falsi with bisection as a safeguard. Measures are smooth in agents, so this takes a
// handful of evaluations where galloping and bisection take two logarithms' worth.
// Returns the answer, or cap + 1 when even cap fails.
template <class Eval>
double interpolating_search(Eval&& eval, double guess, double lo, double cap, double first_step) {
  struct Point {
    double n;
    double m;
  };
  std::optional<Point> fail, pass;         // nearest evaluated points on each side
  std::optional<Point> last, before_last;  // for secant extrapolation
  double hi = cap + 1;                     // cap + 1: nothing met yet
  double n = guess;
  double step = std::max(1.0, std::round(first_step));
  int stalls = 0;
  for (int it = 0; it < 400 && hi - lo > 1; ++it) {
    const auto [ok, m] = eval(n);
    const Point p{n, m};
    double width_before = hi - lo;
    if (ok) {
      hi = n;
      pass = p;
    } else {
      lo = n;
      fail = p;
    }
    before_last = last;
    last = p;
    if (hi - lo <= 1) break;
    if (!ok && lo >= cap) break;
    stalls = (hi - lo) * 2 > width_before ? stalls + 1 : 0;
    double next;
    if (pass && fail && stalls < 2 && pass->m > fail->m) {
      // Regula falsi inside the bracket.
      next = fail->n + (pass->n - fail->n) * (-fail->m) / (pass->m - fail->m);
      next = std::round(next);
    } else if (pass && fail) {
      next = std::floor((lo + hi) / 2);
      stalls = 0;
    } else {
      // One-sided: extrapolate with the last two points when their slope points to a crossing.
      const double dir = ok ? -1.0 : 1.0;
      next = n + dir * step;
      if (before_last && last->m != before_last->m) {
        const double secant =
            last->n - last->m * (last->n - before_last->n) / (last->m - before_last->m);
        const double move = (secant - n) * dir;
        if (move > 0) next = n + dir * std::clamp(std::round(move), 1.0, 8.0 * step);
      }
      step *= 2;
    }
    n = std::clamp(next, lo + 1, std::min(hi - 1, cap));
  }
  return hi;
}

}  // namespace

StaffingResult solve(const StaffingEngine& engine, const IntervalLoad& load,
                     const ServiceTargets& targets, const SolveOptions& options) {
  const Detail search{.full = false, .need_asa = targets.max_asa_s.has_value()};
  const double floor_agents = std::ceil(options.min_agents);
  const double a = load.offered_load();
  double cap = std::max(floor_agents, std::floor(options.max_agents.value_or(20 * a + 1000)));
  if (const auto most = engine.max_agents()) cap = std::max(floor_agents, std::min(cap, *most));
  const auto finish = [&](double agents, bool feasible) {
    StaffingResult r = engine.evaluate(load, agents, targets.measure);
    r.feasible = feasible;
    return r;
  };
  // No calls: the floor, unless outbound work needs agents of its own.
  if (load.calls == 0 && !targets.min_outbound_per_hour) return finish(options.min_agents, true);

  // The result at `hi`, kept when the search evaluation is already complete (no second solve).
  StaffingResult hi_result;
  const bool keep = !engine.detail_matters();
  const auto meets = [&](double n) {
    StaffingResult r = engine.evaluate(load, n, targets.measure, search);
    const bool ok = meets_targets(r, targets);
    if (ok && keep) hi_result = r;
    return ok;
  };
  // Invariants: agents <= lo fail (lo = floor - 1 means "nothing below the floor"), hi meets.
  double lo = floor_agents - 1;
  double hi = -1;
  constexpr int kMaxRun = 16;
  std::array<StaffingResult, kMaxRun> run;
  const int run_len = std::clamp(engine.preferred_run(), 1, kMaxRun);

  double g =
      std::clamp(options.start ? std::floor(*options.start) : initial_guess(engine, load, targets),
                 floor_agents, cap);
  if (run_len == 1) {
    const auto eval = [&](double n) {
      const StaffingResult r = engine.evaluate(load, n, targets.measure, search);
      const bool ok = meets_targets(r, targets);
      if (ok && keep) hi_result = r;
      return std::pair<bool, double>{ok, margin(r, targets)};
    };
    hi = interpolating_search(eval, g, lo, cap, 0.25 * std::sqrt(a));
    if (hi > cap) return finish(cap, false);
    lo = hi - 1;
  }
  // Phase 1: scan runs upward from the guess, galloping, until one contains a meeting count.
  double step = run_len;
  while (hi < 0) {
    const int count = static_cast<int>(std::min<double>(run_len, cap - g + 1));
    engine.evaluate_run(load, g, count, targets.measure, search, run.data());
    int first = -1;
    for (int i = 0; i < count && first < 0; ++i) {
      if (meets_targets(run[i], targets)) first = i;
    }
    if (first >= 0) {
      hi = g + first;
      if (keep) hi_result = run[first];
      if (first > 0) lo = hi - 1;
      break;
    }
    lo = g + count - 1;
    if (lo >= cap) return finish(cap, false);
    g = std::min(cap, lo + 1 + step);
    step *= 2;
  }
  // Phase 2: if the meeting count starts its run, gallop down to a failing count.
  for (double down = run_len; hi - lo > 1 && lo < hi - down; down *= 2) {
    const double probe = hi - down;
    if (probe <= lo) break;
    if (meets(probe)) {
      hi = probe;
    } else {
      lo = probe;
      break;
    }
  }
  // Phase 3: bisect down to a run, then scan it.
  while (hi - lo > run_len) {
    const double mid = std::floor((lo + hi) / 2);
    (meets(mid) ? hi : lo) = mid;
  }
  if (hi - lo > 1) {
    const int count = static_cast<int>(hi - lo - 1);
    engine.evaluate_run(load, lo + 1, count, targets.measure, search, run.data());
    for (int i = 0; i < count; ++i) {
      if (meets_targets(run[i], targets)) {
        hi = lo + 1 + i;
        if (keep) hi_result = run[i];
        break;
      }
    }
  }
  if (options.fractional && hi > options.min_agents) {
    // The continuous extension is monotone: bisect on (max(hi - 1, min), hi].
    double flo = std::max(hi - 1, options.min_agents);
    double fhi = hi;
    if (flo == options.min_agents && meets(flo)) {
      fhi = flo;
    } else {
      for (int it = 0; it < 60 && fhi - flo > 1e-9; ++it) {
        const double mid = 0.5 * (flo + fhi);
        (meets(mid) ? fhi : flo) = mid;
      }
    }
    hi = fhi;
  }
  if (keep && hi_result.agents == hi && hi_result.model == engine.name()) {
    hi_result.feasible = true;
    return hi_result;
  }
  return finish(hi, true);
}

double scheduled_agents(double agents, double shrinkage, bool fractional) {
  WFM_REQUIRE(shrinkage >= 0 && shrinkage < 1, core::at_flag("--shrinkage"),
              "expected a fraction in [0, 1), got {}", shrinkage);
  const double scheduled = agents / (1.0 - shrinkage);
  if (fractional) return scheduled;
  // Guard against 10 / (1 - 0.5) landing a hair above an integer through rounding.
  const double rounded = std::round(scheduled);
  return std::fabs(scheduled - rounded) < 1e-9 * std::max(1.0, scheduled) ? rounded
                                                                          : std::ceil(scheduled);
}

}  // namespace wfm::staffing
