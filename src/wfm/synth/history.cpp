#include "wfm/synth/history.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <set>

#include "wfm/core/error.hpp"
#include "wfm/synth/random.hpp"

namespace wfm::synth {
namespace {

using core::Location;

constexpr std::array<int, 5> allowed_intervals_s = {300, 600, 900, 1800, 3600};
constexpr std::array<const char*, 7> weekday_names = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                                      "Friday", "Saturday", "Sunday"};

Location option(const char* name) {
  return Location{{}, 0, name};
}

void require_range(double value, double lo, double hi, bool lo_open, bool hi_open,
                   const char* name) {
  const bool ok = std::isfinite(value) && (lo_open ? value > lo : value >= lo) &&
                  (hi_open ? value < hi : value <= hi);
  WFM_REQUIRE(ok, option(name), "expected a number in {}{}, {}{}, got {}", lo_open ? "(" : "[", lo,
              hi, hi_open ? ")" : "]", value);
}

std::string clock(int minutes) {
  return fmt::format("{:02d}:{:02d}", minutes / 60, minutes % 60);
}

// Integrals of the intraday shape f and of f^2 over 08:00-20:00 (hours), by the midpoint rule per
// minute: F = integral f is the volume of a reference day; integral f^2 / F is the call-weighted
// mean of f, which makes abandon_rate the call-weighted abandonment of a reference day.
struct ShapeMoments {
  double volume = 0;
  double call_weighted_mean = 0;
};

ShapeMoments shape_moments(const QueueProfile& profile) {
  double sum = 0, sum_sq = 0;
  for (int m = 8 * 60; m < 20 * 60; ++m) {
    const double f = intraday_shape((m + 0.5) / 60.0, profile);
    sum += f;
    sum_sq += f * f;
  }
  return ShapeMoments{sum / 60.0, sum_sq / sum};
}

}  // namespace

QueueProfile default_profile(const std::string& name) {
  if (name == "sales") return QueueProfile{name, 1800, 420, 0.04, 0.8, 1.0};
  if (name == "support") return QueueProfile{name, 3000, 540, 0.07, 1.0, 0.75};
  if (name == "billing") return QueueProfile{name, 1100, 300, 0.05, 1.0, 0.6};
  return QueueProfile{name, 1000, 360, 0.05, 1.0, 0.8};
}

double intraday_shape(double hour, const QueueProfile& profile) {
  const auto bump = [hour](double centre, double sd) {
    const double z = (hour - centre) / sd;
    return std::exp(-0.5 * z * z);
  };
  // Flat 0.25 from 07:00 to 20:00, fading outside (night).
  const double outside = std::max(0.0, std::fabs(hour - 13.5) - 6.5);
  const double base = 0.25 * std::exp(-0.5 * outside * outside);
  const double peaks =
      profile.morning_peak * bump(10.5, 1.8) + profile.afternoon_peak * bump(15.0, 2.0);
  const double dip =
      0.15 * (profile.morning_peak + profile.afternoon_peak) / 1.8 * bump(12.75, 0.5);
  return std::max(base + peaks - dip, 0.02);
}

double aht_time_factor(double hour, double amplitude) {
  return 1.0 + amplitude * std::cos(2.0 * std::numbers::pi * (hour - 10.0) / 12.0);
}

void validate(const SynthOptions& o) {
  WFM_REQUIRE(o.days >= 1 && o.days <= 3660, option("days"),
              "expected a whole number of days from 1 to 3660, got {}", o.days);
  WFM_REQUIRE(std::find(allowed_intervals_s.begin(), allowed_intervals_s.end(), o.interval_s) !=
                  allowed_intervals_s.end(),
              option("interval"), "expected one of 300, 600, 900, 1800, 3600 s, got {} s",
              o.interval_s);
  WFM_REQUIRE(!o.queues.empty(), option("queues"), "expected at least one queue");
  std::set<std::string> names;
  for (const auto& q : o.queues) {
    const bool clean = !q.name.empty() && q.name.front() != ' ' && q.name.back() != ' ' &&
                       q.name.find_first_of("\r\n") == std::string::npos;
    WFM_REQUIRE(clean, option("queues"),
                "expected queue names without surrounding spaces or line breaks, got \"{}\"",
                q.name);
    WFM_REQUIRE(names.insert(q.name).second, option("queues"), "queue '{}' is listed twice",
                q.name);
    require_range(q.daily_calls, 0, 1e7, true, false, "daily_calls");
    require_range(q.aht_s, 0, 86400, true, false, "aht_s");
    require_range(q.abandon_rate, 0, 0.5, false, false, "abandon_rate");
    require_range(q.morning_peak, 0, 100, false, false, "morning_peak");
    require_range(q.afternoon_peak, 0, 100, false, false, "afternoon_peak");
  }
  const int interval_min = o.interval_s / 60;
  bool any_open = false;
  for (std::size_t d = 0; d < 7; ++d) {
    const auto& h = o.hours[d];
    if (!h.is_open()) continue;
    any_open = true;
    WFM_REQUIRE(h.open_min >= 0 && h.close_min <= 24 * 60, option("hours"),
                "{}: expected opening hours within 00:00-24:00, got {}-{}", weekday_names[d],
                clock(h.open_min), clock(h.close_min));
    WFM_REQUIRE(h.open_min % interval_min == 0 && h.close_min % interval_min == 0, option("hours"),
                "{}: opening hours {}-{} are not on the {}-minute interval grid", weekday_names[d],
                clock(h.open_min), clock(h.close_min), interval_min);
  }
  WFM_REQUIRE(any_open, option("hours"), "expected at least one open weekday");
  double weekday_sum = 0;
  for (std::size_t d = 0; d < 7; ++d) {
    require_range(o.weekday_factors[d], 0, 100, false, false, "weekday_factors");
    if (d < 5) weekday_sum += o.weekday_factors[d];
  }
  WFM_REQUIRE(weekday_sum > 0, option("weekday_factors"),
              "expected a positive factor for at least one of Monday-Friday");
  require_range(o.scale, 0, 1000, true, false, "scale");
  require_range(o.trend_per_week, -0.5, 1, true, false, "trend");
  require_range(o.day_cv, 0, 1, false, false, "day_cv");
  require_range(o.overdispersion, 0, 1, false, false, "overdispersion");
  require_range(o.aht_time_of_day, 0, 0.5, false, true, "aht_time_of_day");
  require_range(o.aht_day_cv, 0, 0.5, false, false, "aht_day_cv");
  require_range(o.handle_time_cv, 0, 5, false, false, "handle_time_cv");
}

core::IntervalTable generate_history(const SynthOptions& o) {
  validate(o);
  core::IntervalTable table;
  table.source = fmt::format("synthetic (seed {})", o.seed);
  table.interval_s = o.interval_s;
  table.has_aht = table.has_handled = table.has_abandoned = true;

  double weekday_mean = 0;
  for (std::size_t d = 0; d < 5; ++d) weekday_mean += o.weekday_factors[d] / 5;
  const double interval_h = o.interval_s / 3600.0;
  const double overdispersion_cv = std::sqrt(o.overdispersion);

  for (const auto& profile : o.queues) {
    core::QueueSeries series{profile.name, {}};
    const ShapeMoments moments = shape_moments(profile);
    const std::uint64_t queue_stream = stable_hash(profile.name);
    for (int d = 0; d < o.days; ++d) {
      const auto day = o.start + std::chrono::days{d};
      const unsigned weekday = std::chrono::weekday{day}.iso_encoding() - 1;
      const DayHours hours = o.hours[weekday];
      if (!hours.is_open()) continue;
      // One stream per (queue, date): independent of the other queues and days generated.
      Rng rng(derive_seed(o.seed, queue_stream,
                          static_cast<std::uint64_t>(day.time_since_epoch().count())));
      const double day_factor = rng.gamma_mean1(o.day_cv);
      const double aht_day = rng.gamma_mean1(o.aht_day_cv);
      const double trend = std::pow(1.0 + o.trend_per_week, d / 7.0);
      const double day_volume = o.scale * profile.daily_calls *
                                (o.weekday_factors[weekday] / weekday_mean) * trend * day_factor /
                                moments.volume;
      for (int m = hours.open_min; m + o.interval_s / 60 <= hours.close_min;
           m += o.interval_s / 60) {
        const double mid_h = (m + o.interval_s / 120.0) / 60.0;
        const double shape = intraday_shape(mid_h, profile);
        const double mean = day_volume * shape * interval_h;
        const auto offered = rng.poisson(mean * rng.gamma_mean1(overdispersion_cv));
        const double p_abandon =
            std::clamp(profile.abandon_rate * shape / moments.call_weighted_mean, 0.0, 0.5);
        const auto abandoned = rng.binomial(offered, p_abandon);
        const auto handled = offered - abandoned;
        const double true_aht = profile.aht_s * aht_time_factor(mid_h, o.aht_time_of_day) * aht_day;
        core::IntervalRecord record;
        record.start = core::LocalTime{day} + std::chrono::minutes{m};
        record.offered = static_cast<double>(offered);
        record.handled = static_cast<double>(handled);
        record.abandoned = static_cast<double>(abandoned);
        if (offered > 0) {
          const double sample_cv =
              handled > 0 ? o.handle_time_cv / std::sqrt(static_cast<double>(handled)) : 0.0;
          const double aht = true_aht * rng.gamma_mean1(sample_cv);
          record.aht_s = std::max(1.0, std::round(aht * 10) / 10);
        }
        series.intervals.push_back(record);
      }
    }
    table.queues.push_back(std::move(series));
  }
  return table;
}

}  // namespace wfm::synth
