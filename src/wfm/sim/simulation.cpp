#include "wfm/sim/simulation.hpp"

#include <cmath>

#include <boost/math/distributions/students_t.hpp>

#include "wfm/core/error.hpp"
#include "wfm/core/parallel.hpp"

namespace wfm::sim {
namespace {

double t_quantile(std::size_t replications, double level) {
  if (replications < 2) return 0;
  const boost::math::students_t dist(static_cast<double>(replications - 1));
  return boost::math::quantile(dist, 0.5 + level / 2);
}

// Mean of value(0..n-1) with its Student-t half-width (t: the quantile).
template <class V>
Estimate plain_of(std::size_t count, V value, double t) {
  Estimate e;
  const double n = static_cast<double>(count);
  double sum = 0;
  for (std::size_t i = 0; i < count; ++i) sum += value(i);
  e.mean = sum / n;
  double ss = 0;
  for (std::size_t i = 0; i < count; ++i) ss += (value(i) - e.mean) * (value(i) - e.mean);
  e.half_width = count > 1 ? t * std::sqrt(ss / (n - 1) / n) : 0;
  e.defined = true;
  return e;
}

// Ratio estimator sum(y)/sum(x) with delta-method standard error.
template <class Y, class X>
Estimate ratio_of(std::size_t count, Y y, X x, double t) {
  Estimate e;
  const double n = static_cast<double>(count);
  double sy = 0, sx = 0;
  for (std::size_t i = 0; i < count; ++i) {
    sy += y(i);
    sx += x(i);
  }
  if (!(sx > 0)) return e;
  e.defined = true;
  e.mean = sy / sx;
  double ss = 0;
  for (std::size_t i = 0; i < count; ++i) {
    const double d = y(i) - e.mean * x(i);
    ss += d * d;
  }
  const double mean_x = sx / n;
  e.half_width = count > 1 ? t * std::sqrt(ss / (n - 1) / n) / mean_x : 0;
  return e;
}

Estimate plain(const std::vector<IntervalTally>& v, double IntervalTally::*field, double t) {
  return plain_of(v.size(), [&](std::size_t i) { return v[i].*field; }, t);
}

template <class Y, class X>
Estimate ratio(const std::vector<IntervalTally>& v, Y y, X x, double t) {
  return ratio_of(
      v.size(), [&](std::size_t i) { return y(v[i]); }, [&](std::size_t i) { return x(v[i]); }, t);
}

}  // namespace

Estimate mean_estimate(const std::vector<double>& values, double level) {
  if (values.empty()) return {};
  return plain_of(
      values.size(), [&](std::size_t i) { return values[i]; }, t_quantile(values.size(), level));
}

Estimate ratio_estimate(const std::vector<double>& y, const std::vector<double>& x, double level) {
  WFM_ENSURE(y.size() == x.size(), "ratio_estimate: {} values over {}", y.size(), x.size());
  return ratio_of(
      y.size(), [&](std::size_t i) { return y[i]; }, [&](std::size_t i) { return x[i]; },
      t_quantile(y.size(), level));
}

IntervalTally& operator+=(IntervalTally& s, const IntervalTally& x) {
  s.offered += x.offered;
  s.answered += x.answered;
  s.abandoned += x.abandoned;
  s.blocked += x.blocked;
  s.unfinished += x.unfinished;
  s.delayed += x.delayed;
  s.answered_within += x.answered_within;
  s.abandoned_within += x.abandoned_within;
  s.wait_answered_s += x.wait_answered_s;
  s.wait_abandoned_s += x.wait_abandoned_s;
  s.busy_s += x.busy_s;
  s.available_s += x.available_s;
  s.queue_s += x.queue_s;
  s.outbound_s += x.outbound_s;
  s.outbound_done += x.outbound_done;
  return s;
}

IntervalTally sum_tallies(const std::vector<IntervalTally>& tallies, std::size_t first,
                          std::size_t last) {
  IntervalTally s;
  for (std::size_t i = first; i < last; ++i) s += tallies[i];
  return s;
}

Estimates estimate(const std::vector<IntervalTally>& v, const staffing::ServiceMeasure& measure,
                   double span_s, double level) {
  using staffing::SlDefinition;
  const double t = t_quantile(v.size(), level);
  Estimates e;
  e.offered = plain(v, &IntervalTally::offered, t);
  e.answered = plain(v, &IntervalTally::answered, t);
  e.abandoned = plain(v, &IntervalTally::abandoned, t);
  e.unfinished = plain(v, &IntervalTally::unfinished, t);
  e.blocked = plain(v, &IntervalTally::blocked, t);
  const auto offered = [](const IntervalTally& r) { return r.offered; };
  switch (measure.definition) {
    case SlDefinition::kOffered:
      e.service_level = ratio(
          v, [](const IntervalTally& r) { return r.answered_within; }, offered, t);
      break;
    case SlDefinition::kAnswered:
      e.service_level = ratio(
          v, [](const IntervalTally& r) { return r.answered_within; },
          [](const IntervalTally& r) { return r.answered; }, t);
      break;
    case SlDefinition::kOfferedLessShortAbandons:
      e.service_level = ratio(
          v, [](const IntervalTally& r) { return r.answered_within; },
          [](const IntervalTally& r) { return r.offered - r.abandoned_within; }, t);
      break;
    case SlDefinition::kAbandonsWithinTMet:
      e.service_level = ratio(
          v, [](const IntervalTally& r) { return r.answered_within + r.abandoned_within; }, offered,
          t);
      break;
  }
  e.asa_s = ratio(
      v, [](const IntervalTally& r) { return r.wait_answered_s; },
      [](const IntervalTally& r) { return r.answered; }, t);
  e.p_wait = ratio(
      v, [](const IntervalTally& r) { return r.delayed; }, offered, t);
  e.abandon_rate = ratio(
      v, [](const IntervalTally& r) { return r.abandoned; }, offered, t);
  e.blocking = ratio(
      v, [](const IntervalTally& r) { return r.blocked; }, offered, t);
  e.occupancy = ratio(
      v, [](const IntervalTally& r) { return r.busy_s; },
      [](const IntervalTally& r) { return r.available_s; }, t);
  e.outbound = plain(v, &IntervalTally::outbound_done, t);
  e.total_occupancy = ratio(
      v, [](const IntervalTally& r) { return r.busy_s + r.outbound_s; },
      [](const IntervalTally& r) { return r.available_s; }, t);
  e.queue_length = ratio(
      v, [](const IntervalTally& r) { return r.queue_s; },
      [span_s](const IntervalTally&) { return span_s; }, t);
  return e;
}

SimulationResult simulate(const std::vector<QueueDay>& days, const SimSettings& settings,
                          const ProgressFn& progress, std::uint64_t first_stream) {
  validate(settings);
  for (const auto& d : days) validate(d);
  const std::size_t reps = static_cast<std::size_t>(settings.replications);
  const std::size_t jobs = days.size() * reps;
  // tallies[d * reps + r]: one vector per (day, replication); memory is intervals x jobs.
  std::vector<std::vector<IntervalTally>> tallies(jobs);
  core::ProgressCounter counter(progress, jobs);
  core::parallel_for(0, jobs, [&](std::size_t job) {
    const std::size_t d = job / reps;
    const std::size_t r = job % reps;
    if (fast_path_applies(days[d], settings)) {
      simulate_day_fast(days[d], settings, r, first_stream + d, tallies[job]);
    } else {
      simulate_day(days[d], settings, r, first_stream + d, tallies[job]);
    }
    counter.tick();
  });

  SimulationResult result;
  result.replications = settings.replications;
  std::vector<IntervalTally> grand(reps);
  for (std::size_t d = 0; d < days.size(); ++d) {
    const QueueDay& day = days[d];
    DayResult dr;
    dr.queue = day.queue;
    dr.start = day.start;
    dr.interval_s = day.interval_s;
    const std::size_t n = day.intervals.size();
    std::vector<IntervalTally> per_rep(reps);
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t r = 0; r < reps; ++r) per_rep[r] = tallies[d * reps + r][i];
      dr.intervals.push_back(estimate(per_rep, settings.measure, day.interval_s));
    }
    for (std::size_t r = 0; r < reps; ++r) {
      per_rep[r] = sum_tallies(tallies[d * reps + r], 0, n);
      grand[r] += per_rep[r];
    }
    dr.total = estimate(per_rep, settings.measure, day.interval_s * static_cast<double>(n));
    result.days.push_back(std::move(dr));
  }
  double span = 0;
  for (const auto& d : days) span += d.interval_s * static_cast<double>(d.intervals.size());
  result.total = estimate(grand, settings.measure, span);
  return result;
}

}  // namespace wfm::sim
