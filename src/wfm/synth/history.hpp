// A synthetic contact-center interval history: realistic enough to exercise forecasting and
// staffing, small enough to bundle, and the same for the same seed on every platform.
//
// Several queues with their own volume, handle time and abandonment; opening hours per weekday;
// an intraday shape (morning peak, lunch dip, afternoon peak), a weekly pattern (Monday highest),
// a mild trend, day-level and interval-level noise (Poisson, optionally overdispersed by a gamma
// multiplier), handle times varying by time of day with sampling noise, and handled/abandoned
// drawn consistently with offered (handled + abandoned = offered). The model, its formulas and
// defaults are in docs/synth.md. Random streams are derived from (seed, queue name, date), so a
// queue's day does not change when other queues or days are added. Tested in
// tests/unit/synth/history_test.cpp.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "wfm/core/series.hpp"

namespace wfm::synth {

struct QueueProfile {
  std::string name;
  double daily_calls = 1000;    // expected calls on an average weekday open 08:00-20:00, > 0
  double aht_s = 360;           // mean handle time, seconds, > 0
  double abandon_rate = 0.05;   // call-weighted fraction abandoned on such a day, in [0, 0.5]
  double morning_peak = 1.0;    // height of the 10:30 peak of the intraday shape, >= 0
  double afternoon_peak = 0.8;  // height of the 15:00 peak, >= 0
};

// The built-in profile for "sales", "support" or "billing"; for another name a generic profile
// (1000 calls a day, AHT 360 s, 5 % abandoned) under that name.
QueueProfile default_profile(const std::string& name);

// Opening hours of one day, minutes after midnight; closed when close_min <= open_min.
struct DayHours {
  int open_min = 0;
  int close_min = 0;
  bool is_open() const { return close_min > open_min; }
};

struct SynthOptions {
  std::chrono::local_days start{std::chrono::year{2024} / 3 / 4};  // first day (a Monday)
  int days = 28;                                                   // number of days, > 0
  int interval_s = 900;  // one of 300, 600, 900, 1800, 3600
  std::vector<QueueProfile> queues = {default_profile("sales"), default_profile("support"),
                                      default_profile("billing")};
  // Monday ... Sunday. Default: weekdays 08:00-20:00, Saturday 09:00-14:00, Sunday closed.
  std::array<DayHours, 7> hours = {DayHours{480, 1200}, DayHours{480, 1200}, DayHours{480, 1200},
                                   DayHours{480, 1200}, DayHours{480, 1200}, DayHours{540, 840},
                                   DayHours{0, 0}};
  // Relative volume by weekday, Monday ... Sunday; normalised so Monday-Friday average 1.
  std::array<double, 7> weekday_factors = {1.20, 1.05, 1.00, 0.97, 0.93, 0.60, 0.35};
  double scale = 1.0;             // multiplies every queue's volume, in (0, 1000]
  double trend_per_week = 0.005;  // volume growth per week (0.005 = +0.5 %/week), > -0.5
  double day_cv = 0.05;           // coefficient of variation of a queue-day volume factor, >= 0
  double overdispersion = 0.01;   // phi: interval variance = mean + phi * mean^2, >= 0
  double aht_time_of_day = 0.08;  // relative amplitude of the time-of-day AHT cycle, in [0, 0.5)
  double aht_day_cv = 0.03;       // coefficient of variation of a queue-day AHT factor, >= 0
  double handle_time_cv = 0.8;    // coefficient of variation of single handle times, >= 0
  std::uint64_t seed = 42;
};

// Throws core::InputError (field = option name) when an option is out of range.
void validate(const SynthOptions& options);

// Generates the history: one QueueSeries per queue (in options order), every open interval
// present (offered may be 0), aht_s/handled/abandoned filled. Throws core::InputError on bad
// options.
core::IntervalTable generate_history(const SynthOptions& options);

// The model's pieces, exposed for tests and docs/synth.md.
// Intraday shape at hour h (0-24, fractional) for a profile; > 0.
double intraday_shape(double hour, const QueueProfile& profile);
// Relative AHT at hour h: 1 + amplitude * cos(2 pi (h - 10) / 12).
double aht_time_factor(double hour, double amplitude);

}  // namespace wfm::synth
